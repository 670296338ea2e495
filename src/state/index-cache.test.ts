import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Post } from '../posts/types.ts';
import { SearchIndex, SNAPSHOT_FORMAT } from '../search/index.ts';
import { INDEX_CACHE_FILE, INDEX_CACHE_VERSION, readIndexCache, writeIndexCache } from './index-cache.ts';
import { testPost } from '../../test/helpers/posts.ts';

const post = (id: string, title: string, text: string, day = 1): Post =>
  testPost(id, text, { title, date: new Date(Date.UTC(2026, 0, day)), tags: ['Kubernetes'], contentHash: `${id}:${text.length}` });

const POSTS = [
  post('k8s', '쿠버네티스 업그레이드 가이드', 'Kubernetes 1.31 업그레이드 전에 API 변경을 확인하세요.', 3),
  post('gpu', 'Nvidia GPU 가격', '엔비디아(Nvidia)가 새 GPU 가격을 발표했습니다.', 2),
  post('rust', 'Rust 컴파일러 속도', 'Rust 컴파일러가 두 배 빨라졌습니다.', 1),
];

let state: string;
beforeEach(async () => {
  state = await mkdtemp(join(tmpdir(), 'briefbot-index-cache-'));
});
afterEach(async () => {
  await rm(state, { recursive: true, force: true });
});

const ids = (index: SearchIndex | undefined, query: string) => index?.search(query).map((hit) => hit.post.id);

describe('index cache', () => {
  it('gives back what was written, and the index restored from it answers like the one saved', async () => {
    const index = SearchIndex.build(POSTS);
    expect(await writeIndexCache(state, index.snapshot('ctx'))).toBe(true);
    const saved = await readIndexCache(state);
    expect(saved).toBeDefined();
    const restored = SearchIndex.restore(saved!, POSTS, { context: 'ctx' });
    for (const query of ['쿠버네티스', 'nvidia', '엔비디아', 'Rust', 'kubernets', 'GPU 가격']) expect(ids(restored, query), query).toEqual(ids(index, query));
  });

  it('is ignored when missing, of another version, cut short or corrupt', async () => {
    expect(await readIndexCache(state)).toBeUndefined();
    await writeIndexCache(state, { header: { a: 1 }, lines: [['x', 1], ['y', 2]] });
    const file = join(state, INDEX_CACHE_FILE);
    const good = await readFile(file, 'utf8');
    expect(await readIndexCache(state)).toEqual({ header: { a: 1 }, lines: [['x', 1], ['y', 2]] });
    await writeFile(file, good.replace(`"version":${INDEX_CACHE_VERSION}`, `"version":${INDEX_CACHE_VERSION + 1}`));
    expect(await readIndexCache(state)).toBeUndefined();
    const rows = good.trimEnd().split('\n');
    await writeFile(file, `${rows.slice(0, 2).join('\n')}\n`);
    expect(await readIndexCache(state)).toBeUndefined();
    await writeFile(file, good.replace('["y",2]', '["y",2'));
    expect(await readIndexCache(state)).toBeUndefined();
    await writeFile(file, 'not json at all');
    expect(await readIndexCache(state)).toBeUndefined();
  });

  it('a snapshot of another format, other options or stale analysis is not restored (the index is built instead)', async () => {
    const index = SearchIndex.build(POSTS);
    await writeIndexCache(state, index.snapshot('ctx'));
    const saved = (await readIndexCache(state))!;
    const header = saved.header as { format: number };
    expect(SearchIndex.restore({ header: { ...header, format: SNAPSHOT_FORMAT + 1 }, lines: saved.lines }, POSTS, { context: 'ctx' })).toBeUndefined();
    expect(SearchIndex.restore(saved, POSTS, { context: 'ctx', aliases: [['쿠버', 'k8s']] })).toBeUndefined();
    // A post's postings no longer what its analysis gives (as after a change to the analyzer).
    const tampered = saved.lines.map((line) => (Array.isArray(line) && line[0] === 'term' && line[1] === 'rust' ? ['term', 'rust', 1, 1, [[0, 99, 1]]] : line));
    expect(SearchIndex.restore({ header: saved.header, lines: tampered }, POSTS, { context: 'ctx' })).toBeUndefined();
    // Lines of the wrong shape.
    expect(SearchIndex.restore({ header: saved.header, lines: [...saved.lines, ['what', 1]] }, POSTS, { context: 'ctx' })).toBeUndefined();
    expect(SearchIndex.restore({ header: saved.header, lines: saved.lines.slice(1) }, POSTS, { context: 'ctx' })).toBeUndefined();
  });

  it('stops, leaving the old file, when the index changes while it is written', async () => {
    const index = SearchIndex.build(POSTS);
    await writeIndexCache(state, index.snapshot('ctx'));
    const before = await readFile(join(state, INDEX_CACHE_FILE), 'utf8');
    let calls = 0;
    // Lines that take 2 ms each: the writer yields (and asks `current`) every few of them.
    function* slow() {
      for (let i = 0; i < 40; i++) {
        const until = performance.now() + 2;
        while (performance.now() < until);
        yield ['line', i];
      }
    }
    const many = { header: {}, lines: slow(), current: () => ++calls < 3 };
    expect(await writeIndexCache(state, many)).toBe(false);
    expect(await readFile(join(state, INDEX_CACHE_FILE), 'utf8')).toBe(before);
    const snapshot = index.snapshot('ctx');
    index.update(POSTS.slice(1));
    expect(snapshot.current()).toBe(false);
  });
});
