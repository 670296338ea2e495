import { mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../util/logger.ts';
import { changedPaths, pollPostsDir, snapshot } from './poll.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-poll-'));
  dirs.push(dir);
  return dir;
}
const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('polling the posts folder', () => {
  it('sees a new file, an edit (size or mtime) and a deletion, and ignores hidden and swap files', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.md'), 'one');
    const first = await snapshot(dir);
    writeFileSync(join(dir, '.a.md.swp'), 'x');
    expect(await snapshot(dir)).toBe(first);
    writeFileSync(join(dir, 'b.md'), 'two');
    const second = await snapshot(dir);
    expect(second).not.toBe(first);
    utimesSync(join(dir, 'b.md'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(await snapshot(dir)).not.toBe(second);
    unlinkSync(join(dir, 'b.md'));
    expect(await snapshot(dir)).toBe(first);
  });

  it('calls onChange once per changed scan, not for the first scan, and stops on close', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a.md'), 'one');
    let changes = 0;
    const poll = pollPostsDir({ dir, intervalMs: 20, onChange: () => void changes++, log: silentLogger });
    await new Promise((r) => setTimeout(r, 80));
    expect(changes).toBe(0);
    writeFileSync(join(dir, 'new.md'), 'two');
    await until(() => changes === 1);
    await new Promise((r) => setTimeout(r, 80));
    expect(changes).toBe(1);
    await poll.close();
    writeFileSync(join(dir, 'later.md'), 'three');
    await new Promise((r) => setTimeout(r, 80));
    expect(changes).toBe(1);
  });

  it('names the paths that differ between two scans: added, edited, removed, with spaces in names', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'a b.md'), 'one');
    writeFileSync(join(dir, 'gone.md'), 'x');
    writeFileSync(join(dir, 'same.md'), 'x');
    const before = await snapshot(dir);
    writeFileSync(join(dir, 'a b.md'), 'one more');
    unlinkSync(join(dir, 'gone.md'));
    writeFileSync(join(dir, 'new.md'), 'two');
    const after = await snapshot(dir);
    expect(changedPaths(before, after).sort()).toEqual([join(dir, 'a b.md'), join(dir, 'gone.md'), join(dir, 'new.md')].sort());
    expect(changedPaths(after, after)).toEqual([]);
  });
});
