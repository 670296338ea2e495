import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StateError, ensureStateFolder, openCheckedStore } from './open-checked.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'briefbot-open-checked-')));

function failure(run: () => unknown): StateError {
  try {
    run();
  } catch (error) {
    if (error instanceof StateError) return error;
    throw error;
  }
  throw new Error('did not fail');
}

describe('openCheckedStore', () => {
  it('creates missing folders one level at a time and opens a working store', () => {
    fresh();
    const store = openCheckedStore(join(dir, 'a', 'b', 'c'));
    expect(store.schemaVersion).toBeGreaterThan(0);
    store.close();
  });

  it('names a corrupt file and says to restore the backup', () => {
    fresh();
    writeFileSync(join(dir, 'briefbot.sqlite'), 'garbage'.repeat(1000));
    const error = failure(() => openCheckedStore(dir));
    expect(error.problem).toBe('corrupt');
    expect(error.path).toBe(join(dir, 'briefbot.sqlite'));
    expect(error.message).toMatch(/restore the file from your backup/);
  });

  it('names a database of a newer schema and says to upgrade', () => {
    fresh();
    const db = new Database(join(dir, 'briefbot.sqlite'));
    db.pragma('user_version = 42');
    db.close();
    const error = failure(() => openCheckedStore(dir));
    expect(error.problem).toBe('newer-schema');
    expect(error.message).toMatch(/schema 42.*Upgrade briefbot/);
  });

  it('refuses a path under a file, naming the file', () => {
    fresh();
    writeFileSync(join(dir, 'f'), '');
    const error = failure(() => ensureStateFolder(join(dir, 'f', 'g')));
    expect(error.problem).toBe('not-a-folder');
    expect(error.path).toBe(join(dir, 'f'));
  });

  it('fails at once, instead of spinning, where a folder cannot be created (/proc/x)', () => {
    fresh();
    const started = Date.now();
    const error = failure(() => ensureStateFolder('/proc/x/y'));
    expect(error.problem).toBe('cannot-create');
    expect(error.path).toBe('/proc/x');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
