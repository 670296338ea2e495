/**
 * The path a change takes in the running bot: a real fs.watch on POSTS_DIR names the files, the
 * engine reindexes with those names, the loader looks at those only (the post cache remembers
 * the rest), and the index is updated in place. Checked against a full load after each change.
 */
import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type Catalog, type ReindexOptions } from '../../src/bot/engine.ts';
import { PostFileCache } from '../../src/posts/file-cache.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { watchPostsDir, type PostsSource } from '../../src/sources/posts.ts';
import { memoryLogger } from '../announce/helpers.ts';

const temps: string[] = [];
const sources: PostsSource[] = [];
afterEach(async () => {
  for (const source of sources.splice(0)) await source.close();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const site = { siteUrl: 'https://blog.example', timezone: 'Asia/Seoul' };
const post = (title: string, day: number) => `---\ntitle: "${title}"\ndate: 2026-03-${String(day).padStart(2, '0')} 09:00:00 +0900\n---\n\n## 3줄 요약\n- ${title}\n`;
const until = async (check: () => boolean, what: string) => {
  for (const start = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() - start > 5000) throw new Error(`timed out waiting for ${what}`);
  }
};

describe('a watched change reaches the index through the named reload', () => {
  it('adds, edits and removes posts as a full load sees them, with the paths the watch named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-reload-'));
    temps.push(dir);
    writeFileSync(join(dir, '2026-03-01-first.md'), post('첫 글 firstpost', 1));
    const cache = new PostFileCache();
    const asked: ReindexOptions[] = [];
    const engine = new Engine(async (previous: Catalog | undefined, options: ReindexOptions = {}) => {
      asked.push(options);
      const { library, report } = await loadLibrary({ postsDir: dir, ...site, cache, previous: previous?.library, changed: options.changed });
      const { index } = await SearchIndex.reindex(previous?.index, library.all());
      return { library, index, report, loadedAt: new Date() };
    });
    await engine.reindex();
    sources.push(watchPostsDir({ dir, debounceMs: 100, rescanMs: 0, log: memoryLogger(), onChange: async (changed) => void (await engine.reindex(changed ? { changed } : {})) }));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const full = async () => (await loadLibrary({ postsDir: dir, ...site })).library.all().map((p) => [p.id, p.title]);
    const served = () => engine.library.all().map((p) => [p.id, p.title]);
    const found = (word: string) => engine.index.search(word).map((hit) => hit.post.id);

    // An editor's save: a swap file renamed over the new post.
    writeFileSync(join(dir, '.2026-03-02-second.md.swp'), post('둘째 글 secondpost', 2));
    renameSync(join(dir, '.2026-03-02-second.md.swp'), join(dir, '2026-03-02-second.md'));
    await until(() => engine.library.get('second') !== undefined, 'the new post');
    expect(served()).toEqual(await full());
    expect(found('secondpost')).toEqual(['second']);

    writeFileSync(join(dir, '2026-03-01-first.md'), post('고친 첫 글 editedpost', 1));
    await until(() => engine.library.get('first')?.title.includes('고친') === true, 'the edit');
    expect(served()).toEqual(await full());
    expect(found('editedpost')).toEqual(['first']);

    unlinkSync(join(dir, '2026-03-01-first.md'));
    await until(() => engine.library.get('first') === undefined, 'the removal');
    expect(served()).toEqual(await full());
    expect(found('editedpost')).toEqual([]);

    // Every reload after the first was told its paths (none fell back to naming nothing).
    expect(asked.length).toBeGreaterThanOrEqual(4);
    expect(asked.slice(1).every((options) => options.changed !== undefined && options.changed.length > 0)).toBe(true);
  }, 20_000);
});
