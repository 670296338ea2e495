/**
 * POSTS_WATCH=poll: where `fs.watch` is blind (Docker Desktop bind mounts, NFS and SMB shares
 * deliver no change events), scan the posts folder on an interval and report a change when the
 * list of files, a size or a modification time differs from the last scan.
 *
 * Why a scan of our own and not chokidar: one dependency less in the install and the image, one
 * `readdir` + `stat` per file per interval (a few ms for hundreds of posts), and it sees new
 * and deleted files the same way as edits, which per-file `fs.watchFile` polling does not.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from '../util/logger.ts';

export interface PollOptions {
  dir: string;
  /** Time between scans (ms). Default 5000. */
  intervalMs?: number;
  /**
   * Called once per scan that found a difference, with the absolute paths that differ (added,
   * removed, another size or mtime). Errors are logged, never thrown.
   */
  onChange: (changed: string[]) => void | Promise<void>;
  log: Logger;
}

/** Hidden files and folders (.git, editor swap files) and editors' backups are never posts. */
function isNoise(name: string): boolean {
  return name.startsWith('.') || name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.tmp');
}

/** `path size mtime` for every file under dir, sorted: equal strings mean nothing changed. */
export async function snapshot(dir: string): Promise<string> {
  const lines: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (isNoise(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const info = await stat(path).catch(() => undefined);
        if (info) lines.push(`${path} ${info.size} ${info.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return lines.sort().join('\n');
}

/** The paths whose line differs between two {@link snapshot}s (a path may hold spaces: size and mtime are the last two fields). */
export function changedPaths(before: string, after: string): string[] {
  const parse = (text: string) => {
    const lines = new Map<string, string>();
    for (const line of text === '' ? [] : text.split('\n')) {
      const cut = line.lastIndexOf(' ', line.lastIndexOf(' ') - 1);
      lines.set(line.slice(0, cut), line.slice(cut + 1));
    }
    return lines;
  };
  const was = parse(before);
  const now = parse(after);
  const changed: string[] = [];
  for (const [path, facts] of now) if (was.get(path) !== facts) changed.push(path);
  for (const path of was.keys()) if (!now.has(path)) changed.push(path);
  // Absolute: the loader reads a relative path as relative to POSTS_DIR, not to the process.
  return changed.map((path) => resolve(path));
}

/** Starts polling; the first scan only records the state. `close` waits for a scan in flight. */
export function pollPostsDir(options: PollOptions): { close(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 5000;
  let last: string | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const scan = async () => {
    try {
      const now = await snapshot(options.dir);
      if (last !== undefined && now !== last) await options.onChange(changedPaths(last, now));
      last = now;
    } catch (error) {
      options.log.warn('posts poll: scan or reindex failed', { dir: options.dir, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const next = () => {
    if (closed) return;
    timer = setTimeout(() => {
      running = scan().then(next);
    }, intervalMs);
  };
  running = scan().then(next);
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
