/**
 * Opening the state database at start, with errors a person can act on.
 *
 * `openStore` alone fails with SQLite's bare words ("file is not a database", "unable to open
 * database file") or Node's (`ENOTDIR`), without the path or a remedy, and `mkdirSync(…,
 * {recursive: true})` spins forever on some paths (`STATE_DIR=/proc/x` on Linux). This module
 * creates the folder one level at a time, checks the folder, the file and the schema, and turns
 * every failure into a {@link StateError} that names the file, says what is wrong and what to do.
 * The composition root calls it before any platform starts.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { migrations } from './migrations.ts';
import { STATE_FILE, openStore, type Store } from './store.ts';

/** What is wrong with the state. */
export type StateProblem = 'not-a-folder' | 'cannot-create' | 'not-writable' | 'corrupt' | 'newer-schema' | 'unreadable';

/** A state database or folder briefbot cannot use; the message says which, why and what to do. */
export class StateError extends Error {
  override readonly name = 'StateError';
  constructor(
    readonly problem: StateProblem,
    /** The file or folder at fault. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Creates `dir` and its missing parents one `mkdir` at a time (never the recursive form, which
 * loops on `/proc/…`), then checks it is a folder this process may write.
 */
export function ensureStateFolder(dir: string): void {
  const absolute = resolve(dir);
  const missing: string[] = [];
  for (let at = absolute; ; at = dirname(at)) {
    const kind = kindOf(at);
    if (kind === 'folder') break;
    if (kind === 'other') {
      throw new StateError('not-a-folder', at, `briefbot: STATE_DIR ${dir} cannot be used: ${at} is a file, not a folder. Move the file away or set STATE_DIR to a folder.`);
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && kindOf(folder) === 'folder') continue;
      const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : `${code ?? String(error)}`;
      throw new StateError('cannot-create', folder, `briefbot: cannot create the state folder ${folder} (STATE_DIR=${dir}): ${why}. Create it by hand with write access for this user, or set STATE_DIR to a writable folder.`);
    }
  }
  try {
    accessSync(absolute, constants.W_OK | constants.X_OK);
  } catch {
    throw new StateError('not-writable', absolute, `briefbot: the state folder ${absolute} is not writable by this user (uid ${process.getuid?.() ?? '?'}). Fix the permissions (chown/chmod) or set STATE_DIR to a writable folder.`);
  }
}

function kindOf(path: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the loop walks up and finds it.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other';
  }
}

/**
 * Opens the state database in `dir` like `openStore`, after {@link ensureStateFolder}, and checks
 * it (`quick_check`): every failure is a {@link StateError} naming the file and the remedy.
 */
export function openCheckedStore(dir: string): Store {
  if (dir === ':memory:') return openStore(dir);
  ensureStateFolder(dir);
  const file = join(resolve(dir), STATE_FILE);
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StateError('not-writable', file, `briefbot: the state database ${file} cannot be read and written by this user (uid ${process.getuid?.() ?? '?'}). Fix the permissions (chown/chmod) of the file and of ${file}-wal/-shm if present.`);
    }
  }
  let store: Store;
  try {
    store = openStore(dir);
  } catch (error) {
    throw explain(error, file);
  }
  try {
    const check = store.db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
  } catch (error) {
    store.close();
    throw explain(error, file);
  }
  return store;
}

/** SQLite's and migrate's errors, in words that say what to do. */
function explain(error: unknown, file: string): StateError {
  const code = String((error as { code?: unknown }).code ?? '');
  const detail = error instanceof Error ? error.message : String(error);
  if (/newer than this briefbot/.test(detail)) {
    return new StateError('newer-schema', file, `briefbot: the state database ${file} was written by a newer briefbot (schema ${detail.match(/version (\d+)/)?.[1] ?? '?'}, this one knows ${migrations.length}). Upgrade briefbot, or restore the backup taken before the upgrade.`);
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new StateError('corrupt', file, `briefbot: the state database ${file} is corrupt (SQLite: ${detail}). Stop briefbot and restore the file from your backup; or move it aside to start with empty state (posts known so far are then treated as new, announcements start from a clean baseline).`);
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new StateError('not-writable', file, `briefbot: the state database ${file} is read-only for this user (SQLite: ${detail}). Fix the permissions (chown/chmod) or remount the disk read-write.`);
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new StateError('not-writable', file, `briefbot: the disk holding ${file} is full (SQLite: ${detail}). Free space, then start again.`);
  }
  return new StateError('unreadable', file, `briefbot: cannot open the state database ${file} (${code || 'error'}: ${detail}). Check the file and its folder, or restore the backup.`);
}
