/** The change sources: the POSTS_DIR watch and the git clone. Real files, real git, no network. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gitPostsSource, watchPostsDir, type PostsSource } from './posts.ts';
import { memoryLogger } from '../../test/announce/helpers.ts';

const temps: string[] = [];
const sources: PostsSource[] = [];
afterEach(async () => {
  for (const s of sources.splice(0)) await s.close();
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-sources-'));
  temps.push(dir);
  return dir;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchPostsDir', () => {
  it('reports a burst of changes once, after the quiet time, including files in subfolders', async () => {
    const dir = temp();
    mkdirSync(join(dir, '2026'));
    let changes = 0;
    sources.push(watchPostsDir({ dir, debounceMs: 150, onChange: () => void changes++, log: memoryLogger() }));
    writeFileSync(join(dir, '.a.md.swp'), 'draft');
    renameSync(join(dir, '.a.md.swp'), join(dir, 'a.md'));
    writeFileSync(join(dir, '2026', 'b.md'), 'b');
    await pause(80);
    expect(changes).toBe(0);
    await pause(400);
    expect(changes).toBe(1);
  });

  it('ignores editor swap files and backups on their own', async () => {
    const dir = temp();
    let changes = 0;
    sources.push(watchPostsDir({ dir, debounceMs: 50, onChange: () => void changes++, log: memoryLogger() }));
    writeFileSync(join(dir, '.a.md.swp'), 'x');
    writeFileSync(join(dir, 'a.md~'), 'x');
    await pause(300);
    expect(changes).toBe(0);
  });

  it('names the changed paths of a burst once (absolute, noise left out)', async () => {
    const dir = temp();
    mkdirSync(join(dir, '2026'));
    const calls: (string[] | undefined)[] = [];
    sources.push(watchPostsDir({ dir, debounceMs: 100, rescanMs: 0, onChange: (changed) => void calls.push(changed), log: memoryLogger() }));
    writeFileSync(join(dir, '.a.md.swp'), 'draft');
    renameSync(join(dir, '.a.md.swp'), join(dir, 'a.md'));
    writeFileSync(join(dir, '2026', 'b.md'), 'b');
    await pause(400);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain(join(dir, 'a.md'));
    expect(calls[0]).toContain(join(dir, '2026', 'b.md'));
    expect(calls[0]!.some((p) => p.includes('.swp'))).toBe(false);
  });

  it('calls without names on its periodic rescan (the net for events fs.watch dropped)', async () => {
    const dir = temp();
    const calls: (string[] | undefined)[] = [];
    sources.push(watchPostsDir({ dir, debounceMs: 50, rescanMs: 120, onChange: (changed) => void calls.push(changed), log: memoryLogger() }));
    await pause(300);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.every((c) => c === undefined)).toBe(true);
  });

  it('logs a failing reindex instead of throwing into the watcher', async () => {
    const dir = temp();
    const log = memoryLogger();
    sources.push(watchPostsDir({ dir, debounceMs: 50, onChange: () => Promise.reject(new Error('bad yaml')), log }));
    writeFileSync(join(dir, 'a.md'), 'x');
    await pause(300);
    expect(log.lines).toContainEqual({ level: 'warn', msg: 'posts watch: reindex after a change failed', data: { error: 'bad yaml' } });
  });
});

describe('gitPostsSource', () => {
  function repo() {
    const root = temp();
    const remote = join(root, 'remote.git');
    const work = join(root, 'work');
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' }).toString().trim();
    git(root, 'init', '--quiet', '--bare', remote);
    git(root, 'init', '--quiet', work);
    const commit = (file: string, text: string) => {
      writeFileSync(join(work, file), text);
      git(work, 'add', '.');
      git(work, 'commit', '--quiet', '-m', file);
      git(work, 'push', '--quiet', remote, 'HEAD:main');
      return git(work, 'rev-parse', 'HEAD');
    };
    return { root, remote, commit };
  }

  it('clones on first start, then reports a pushed commit after a pull', async () => {
    const { root, remote, commit } = repo();
    commit('a.md', 'a');
    const updates: string[] = [];
    const changes: (string[] | undefined)[] = [];
    const source = await gitPostsSource({
      url: remote, branch: 'main', dir: join(root, 'state', 'repo'), intervalMs: 60_000, log: memoryLogger(),
      onUpdate: (c, changed) => void (updates.push(c), changes.push(changed)),
    });
    sources.push(source);
    expect(readFileSync(join(source.dir, 'a.md'), 'utf8')).toBe('a');
    expect(await source.pull()).toBe(false);
    const second = commit('b.md', 'b');
    expect(await source.pull()).toBe(true);
    expect(updates).toEqual([second]);
    expect(changes).toEqual([[join(source.dir, 'b.md')]]);
    expect(source.commit).toBe(second);
    expect(existsSync(join(source.dir, 'b.md'))).toBe(true);
  });

  it('names the files a pull changed, Korean names unquoted, and local edits the reset undid', async () => {
    const { root, remote, commit } = repo();
    commit('a.md', 'a');
    commit('삭제.md', 'x');
    const changes: (string[] | undefined)[] = [];
    const source = await gitPostsSource({ url: remote, branch: 'main', dir: join(root, 'repo'), intervalMs: 60_000, onUpdate: (_c, changed) => void changes.push(changed), log: memoryLogger() });
    sources.push(source);
    writeFileSync(join(source.dir, 'a.md'), 'edited by hand');
    commit('새 글.md', 'new');
    expect(await source.pull()).toBe(true);
    expect(changes[0]?.sort()).toEqual([join(source.dir, 'a.md'), join(source.dir, '새 글.md')].sort());
    expect(readFileSync(join(source.dir, 'a.md'), 'utf8')).toBe('a');
  });

  it('catches up on start with commits pushed while the bot was down', async () => {
    const { root, remote, commit } = repo();
    commit('a.md', 'a');
    const dir = join(root, 'state', 'repo');
    const first = await gitPostsSource({ url: remote, branch: 'main', dir, intervalMs: 60_000, onUpdate: () => {}, log: memoryLogger() });
    await first.close();
    const latest = commit('b.md', 'b');
    const again = await gitPostsSource({ url: remote, branch: 'main', dir, intervalMs: 60_000, onUpdate: () => {}, log: memoryLogger() });
    sources.push(again);
    expect(again.commit).toBe(latest);
  });

  it('keeps serving and logs when a scheduled pull fails', async () => {
    const { root, remote, commit } = repo();
    commit('a.md', 'a');
    const log = memoryLogger();
    const source = await gitPostsSource({ url: remote, branch: 'main', dir: join(root, 'repo'), intervalMs: 100, onUpdate: () => {}, log });
    sources.push(source);
    rmSync(remote, { recursive: true, force: true });
    await pause(500);
    expect(log.lines.some((l) => l.level === 'warn' && l.msg === 'posts git: pull failed (will try again)')).toBe(true);
    expect(existsSync(join(source.dir, 'a.md'))).toBe(true);
  });

  it('fails to start with git’s own reason when the repository cannot be cloned', async () => {
    const root = temp();
    await expect(gitPostsSource({ url: join(root, 'missing.git'), branch: 'main', dir: join(root, 'repo'), intervalMs: 1000, onUpdate: () => {}, log: memoryLogger() })).rejects.toThrow(
      /^git clone failed: .*missing\.git/,
    );
  });
});
