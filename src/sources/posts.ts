/**
 * Where changes to the posts come from, besides /reindex: a watch on POSTS_DIR, and a git
 * clone pulled on an interval. Both only say "something changed"; the caller reindexes, and
 * detection compares the new catalog with the store.
 */
import { watch, existsSync, type FSWatcher } from 'node:fs';
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../util/logger.ts';

/** A running source; `close` stops it. */
export interface PostsSource {
  close(): Promise<void>;
}

export interface WatchOptions {
  dir: string;
  /** Quiet time before reporting a change (ms): an editor's save-and-rename counts once. Default 500. */
  debounceMs?: number;
  /** Called once per burst of changes. Errors are logged, never thrown into fs.watch. */
  onChange: () => void | Promise<void>;
  log: Logger;
}

/** Names editors and git use for temporary files, never posts. */
function isNoise(name: string | null): boolean {
  if (!name) return false;
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.startsWith('.') || base.endsWith('~') || base.endsWith('.swp') || base.endsWith('.tmp') || name.split(/[\\/]/).includes('.git');
}

/**
 * Watches a folder recursively (Node 20 supports `recursive` on Linux) and calls `onChange`
 * once the changes have been quiet for `debounceMs`.
 */
export function watchPostsDir(options: WatchOptions): PostsSource {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const fire = () => {
    timer = undefined;
    running = running.then(async () => {
      try {
        await options.onChange();
      } catch (error) {
        options.log.warn('posts watch: reindex after a change failed', { error: error instanceof Error ? error.message : String(error) });
      }
    });
  };
  const watcher: FSWatcher = watch(options.dir, { recursive: true }, (_event, name) => {
    if (isNoise(typeof name === 'string' ? name : null)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  });
  watcher.on('error', (error) => options.log.warn('posts watch: error', { dir: options.dir, error: error.message }));
  return {
    async close() {
      if (timer) clearTimeout(timer);
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
  /** Called after a pull that moved the checkout (not on the initial clone). */
  onUpdate: (commit: string) => void | Promise<void>;
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
    await fetchAndReset(git, dir, branch);
    const now = await runGit(git, ['rev-parse', 'HEAD'], dir);
    if (now === commit) return false;
    log.info('posts git: pulled', { from: commit.slice(0, 12), to: now.slice(0, 12) });
    commit = now;
    await options.onUpdate(now);
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
