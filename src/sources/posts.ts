/**
 * Where changes to the posts come from, besides /reindex: a watch on POSTS_DIR, and a git
 * clone pulled on an interval. Both say which paths changed when they can tell (fs.watch's file
 * names, `git diff --name-only`), so the reload looks at those only, and nothing when they
 * cannot (a name missing, a watch error, a burst too large, a periodic rescan): then the caller
 * scans every file. Detection of new posts compares the new catalog with the store.
 */
import { watch, existsSync, type FSWatcher } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../util/logger.ts';

/** A running source; `close` stops it. */
export interface PostsSource {
  close(): Promise<void>;
}

export interface WatchOptions {
  dir: string;
  /** Quiet time before reporting a change (ms): an editor's save-and-rename counts once. Default 500. */
  debounceMs?: number;
  /**
   * Called once per burst of changes with the absolute paths fs.watch named, or with undefined
   * when it cannot be trusted to have named them all (then scan everything). Errors are logged,
   * never thrown into fs.watch.
   */
  onChange: (changed?: string[]) => void | Promise<void>;
  log: Logger;
  /**
   * A call without names every this many ms (0: never), the safety net for events fs.watch
   * dropped or coalesced without an error. Default {@link WATCH_RESCAN_MS}.
   */
  rescanMs?: number;
}

/**
 * Five minutes: a full scan at 10,000 posts costs ~0.2-0.3 s of CPU, so a dozen an hour cost
 * little. Not a theoretical net: Node 20's recursive watch on Linux was seen to report nothing
 * for the deletion of a file an editor had just saved by renaming over it.
 */
export const WATCH_RESCAN_MS = 5 * 60_000;
/**
 * More names than this in one burst (a checkout, a copy of the whole blog) are not worth
 * listing: a full scan is as cheap, and the kernel's event queue may have overflowed anyway.
 */
export const WATCH_MAX_NAMES = 500;

/** Names editors and git use for temporary files, never posts. */
function isNoise(name: string | null): boolean {
  if (!name) return false;
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.startsWith('.') || base.endsWith('~') || base.endsWith('.swp') || base.endsWith('.tmp') || name.split(/[\\/]/).includes('.git');
}

/**
 * Watches a folder recursively (Node 20 supports `recursive` on Linux) and calls `onChange`
 * once the changes have been quiet for `debounceMs`, with the paths they named.
 */
export function watchPostsDir(options: WatchOptions): PostsSource {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // The burst so far: the paths named, or undefined once one event came without a name.
  let names: Set<string> | undefined = new Set();
  const call = (changed: string[] | undefined) => {
    running = running.then(async () => {
      try {
        await options.onChange(changed);
      } catch (error) {
        options.log.warn('posts watch: reindex after a change failed', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  };
  const fire = () => {
    timer = undefined;
    const changed = names && names.size <= WATCH_MAX_NAMES ? [...names] : undefined;
    names = new Set();
    call(changed);
  };
  const burst = (name: string | undefined) => {
    if (name === undefined) names = undefined;
    else names?.add(resolve(options.dir, name));
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };
  const watcher: FSWatcher = watch(options.dir, { recursive: true }, (_event, name) => {
    const named = typeof name === 'string' && name !== '' ? name : undefined;
    if (isNoise(named ?? null)) return;
    burst(named);
  });
  watcher.on('error', (error) => {
    options.log.warn('posts watch: error', { dir: options.dir, error: error.message });
    // Events may have been lost with it: the next reload scans everything.
    burst(undefined);
  });
  const rescanMs = options.rescanMs ?? WATCH_RESCAN_MS;
  const rescan = rescanMs > 0 ? setInterval(() => call(undefined), rescanMs) : undefined;
  rescan?.unref?.();
  return {
    async close() {
      if (timer) clearTimeout(timer);
      if (rescan) clearInterval(rescan);
      watcher.close();
      await running;
    },
  };
}

export interface GitSourceOptions {
  /** Remote URL (https, ssh, or a local path: tests use a bare repository). */
  url: string;
  branch: string;
  /** Where the clone lives (e.g. `STATE_DIR/repo`). */
  dir: string;
  /** Pull interval (ms). */
  intervalMs: number;
  /**
   * Called after a pull that moved the checkout (not on the initial clone), with the absolute
   * paths the pull changed (`git diff --name-only` of the two commits, and local edits the reset
   * discarded), or undefined when git could not tell (then scan everything).
   */
  onUpdate: (commit: string, changed?: string[]) => void | Promise<void>;
  log: Logger;
  /** Git executable. Default `git`. */
  git?: string;
}

/** The git source, once its clone is ready. */
export interface GitPostsSource extends PostsSource {
  /** The clone's folder (point POSTS_DIR, or the posts folder inside it, here). */
  readonly dir: string;
  /** The commit now checked out. */
  readonly commit: string;
  /** Fetches and resets now; resolves with whether the checkout moved. Calls are serialized. */
  pull(): Promise<boolean>;
}

function runGit(git: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      git,
      args,
      // No prompt may ever block the bot (a private repository without credentials fails instead).
      { cwd, timeout: 120_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args[0]} failed: ${(stderr || error.message).trim()}`));
        else resolve(stdout.trim());
      },
    );
  });
}

async function fetchAndReset(git: string, dir: string, branch: string): Promise<void> {
  await runGit(git, ['fetch', '--quiet', '--depth', '1', 'origin', `+refs/heads/${branch}:refs/remotes/origin/${branch}`], dir);
  await runGit(git, ['reset', '--quiet', '--hard', `origin/${branch}`], dir);
}

/** NUL-separated names (`-z`: no quoting of Korean file names), relative to the clone, made absolute. */
async function namesOf(git: string, dir: string, args: string[]): Promise<string[]> {
  const out = await runGit(git, [...args, '--name-only', '-z', '--no-renames'], dir);
  return out.split('\0').filter((name) => name !== '').map((name) => resolve(dir, name));
}

/** The paths from `from` to `to`; undefined when git cannot say (say, a shallow clone lost `from`). */
async function changedBetween(git: string, dir: string, from: string, to: string, local: string[]): Promise<string[] | undefined> {
  try {
    return [...new Set([...local, ...(await namesOf(git, dir, ['diff', from, to]))])];
  } catch {
    return undefined;
  }
}

/**
 * Keeps a shallow clone of the blog's repository in `dir` and pulls it every `intervalMs`
 * (`git fetch --depth 1` + `git reset --hard origin/<branch>`: local edits in the clone are
 * discarded, the remote is the truth). Resolves once the clone exists, so the first load can
 * read it. A failed pull is logged and tried again at the next interval.
 */
export async function gitPostsSource(options: GitSourceOptions): Promise<GitPostsSource> {
  const git = options.git ?? 'git';
  const { dir, branch, log } = options;
  if (!existsSync(join(dir, '.git'))) {
    await mkdir(dirname(dir), { recursive: true });
    await runGit(git, ['clone', '--quiet', '--depth', '1', '--branch', branch, '--single-branch', options.url, dir]);
    log.info('posts git: cloned', { url: options.url, branch, dir });
  } else {
    // An existing clone may point at an old remote (POSTS_GIT_URL changed): follow the config,
    // and catch up with commits made while the bot was down (the first load reads the result).
    await runGit(git, ['remote', 'set-url', 'origin', options.url], dir);
    try {
      await fetchAndReset(git, dir, branch);
    } catch (error) {
      log.warn('posts git: could not pull on start, serving the clone as it is', { error: error instanceof Error ? error.message : String(error) });
    }
  }
  let commit = await runGit(git, ['rev-parse', 'HEAD'], dir);
  let chain: Promise<unknown> = Promise.resolve();
  let closed = false;

  const pullOnce = async (): Promise<boolean> => {
    // Edits made in the clone by hand are undone by the reset: they are changes too.
    const local = await namesOf(git, dir, ['diff', 'HEAD']).catch(() => undefined);
    await fetchAndReset(git, dir, branch);
    const now = await runGit(git, ['rev-parse', 'HEAD'], dir);
    if (now === commit) return false;
    log.info('posts git: pulled', { from: commit.slice(0, 12), to: now.slice(0, 12) });
    const changed = local ? await changedBetween(git, dir, commit, now, local) : undefined;
    commit = now;
    await options.onUpdate(now, changed);
    return true;
  };
  const pull = (): Promise<boolean> => {
    const result = chain.then(pullOnce);
    chain = result.catch(() => undefined);
    return result;
  };

  const timer = setInterval(() => {
    if (closed) return;
    pull().catch((error: unknown) => log.warn('posts git: pull failed (will try again)', { error: error instanceof Error ? error.message : String(error) }));
  }, options.intervalMs);
  timer.unref?.();

  return {
    dir,
    get commit() {
      return commit;
    },
    pull,
    async close() {
      closed = true;
      clearInterval(timer);
      await chain;
    },
  };
}
