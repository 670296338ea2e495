import { existsSync } from 'node:fs';
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

  it('gives back JSON records and numbers as written', async () => {
    const numbers = Int32Array.from([1, -2, 2 ** 31 - 1, 0]);
    await writeIndexCache(state, { header: { a: 1 }, records: [['x', 1], numbers, 'é한', Int32Array.from([])] });
    const saved = await readIndexCache(state);
    expect(saved).toEqual({ header: { a: 1 }, records: [['x', 1], numbers, 'é한', Int32Array.from([])] });
    expect(saved!.records[1]).toBeInstanceOf(Int32Array);
  });

  it('is ignored when missing, of another version, cut short, with bytes flipped, or not a cache at all', async () => {
    expect(await readIndexCache(state)).toBeUndefined();
    await writeIndexCache(state, { header: { a: 1 }, records: [['x', 1], Int32Array.from([7, 8, 9])] });
    const file = join(state, INDEX_CACHE_FILE);
    const good = await readFile(file);
    expect(await readIndexCache(state)).toBeDefined();
    const otherVersion = Buffer.from(good);
    otherVersion.writeUInt32LE(INDEX_CACHE_VERSION + 1, 4);
    await writeFile(file, otherVersion);
    expect(await readIndexCache(state)).toBeUndefined();
    for (const cut of [good.length - 4, good.length - 12, 24, 8, 0]) {
      await writeFile(file, good.subarray(0, cut));
      expect(await readIndexCache(state), `cut at ${cut}`).toBeUndefined();
    }
    for (let at = 0; at < good.length; at += 3) {
      const flipped = Buffer.from(good);
      flipped[at]! ^= 0x10;
      await writeFile(file, flipped);
      expect(await readIndexCache(state), `byte ${at} flipped`).toBeUndefined();
    }
    await writeFile(file, 'not a cache at all, but long enough');
    expect(await readIndexCache(state)).toBeUndefined();
  });

  it('ignores the JSON-lines file of version 1, and the first save removes it', async () => {
    const legacy = join(state, 'index-cache.jsonl');
    await writeFile(legacy, '{"version":1,"header":{"format":2}}\n["end",0]\n');
    expect(await readIndexCache(state)).toBeUndefined();
    await writeIndexCache(state, SearchIndex.build(POSTS).snapshot('ctx'));
    expect(existsSync(legacy)).toBe(false);
    expect(SearchIndex.restore((await readIndexCache(state))!, POSTS, { context: 'ctx' })).toBeDefined();
  });

  it('a snapshot of another format, other options or stale analysis is not restored (the index is built instead)', async () => {
    const index = SearchIndex.build(POSTS);
    await writeIndexCache(state, index.snapshot('ctx'));
    const saved = (await readIndexCache(state))!;
    const header = saved.header as { format: number };
    expect(SearchIndex.restore({ header: { ...header, format: SNAPSHOT_FORMAT + 1 }, records: saved.records }, POSTS, { context: 'ctx' })).toBeUndefined();
    expect(SearchIndex.restore(saved, POSTS, { context: 'ctx', aliases: [['쿠버', 'k8s']] })).toBeUndefined();
    // Compiled aliases of another table (the built-in files changed): compiled again, the rest restored.
    const otherTable = saved.records.map((record) => (Array.isArray(record) && record[0] === 'aliases' ? ['aliases', { table: 'other', lookup: { byKey: [], groups: [], alternatives: [] } }] : record));
    const recompiled = SearchIndex.restore({ header: saved.header, records: otherTable }, POSTS, { context: 'ctx' });
    for (const query of ['엔비디아', 'kubernetes', '쿠버네티스 가이드']) expect(ids(recompiled, query), query).toEqual(ids(index, query));
    // A post's postings no longer what its analysis gives (as after a change to the analyzer).
    // 'rust' moved to a post that does not hold it (its numbers: word posts, any posts, fields, then field id, posts, short id, frequency).
    const tampered = saved.records.map((record, i) => {
      const named = saved.records[i - 1];
      if (!(record instanceof Int32Array) || !Array.isArray(named) || named[0] !== 'terms') return record;
      const numbers = record.slice();
      let at = 0;
      for (const term of named[1] as string[]) {
        if (term === 'rust') numbers[at + 5] = (numbers[at + 5]! + 1) % POSTS.length;
        at += 3;
        for (let f = 0; f < numbers[at - 1]!; f++) at += 2 + 2 * numbers[at + 1]!;
      }
      return numbers;
    });
    expect(SearchIndex.restore({ header: saved.header, records: saved.records }, POSTS, { context: 'ctx' })).toBeDefined();
    expect(SearchIndex.restore({ header: saved.header, records: tampered }, POSTS, { context: 'ctx' })).toBeUndefined();
    // Records of the wrong shape: an unknown one, one missing, numbers that run past their end.
    expect(SearchIndex.restore({ header: saved.header, records: [...saved.records, ['what', []], Int32Array.from([1])] }, POSTS, { context: 'ctx' })).toBeUndefined();
    expect(SearchIndex.restore({ header: saved.header, records: saved.records.slice(1) }, POSTS, { context: 'ctx' })).toBeUndefined();
    expect(SearchIndex.restore({ header: saved.header, records: [...saved.records.slice(0, 2), ...saved.records.slice(4)] }, POSTS, { context: 'ctx' })).toBeUndefined();
    // Without the shape of MiniSearch's tree (the last record and its numbers), or with one that does not spell its terms.
    expect(SearchIndex.restore({ header: saved.header, records: saved.records.slice(0, -2) }, POSTS, { context: 'ctx' })).toBeUndefined();
    const misspelt = saved.records.map((record) => (Array.isArray(record) && record[0] === 'tree' ? ['tree', (record[1] as string[]).map((edge) => (edge === 'rust' ? 'rusk' : edge))] : record));
    expect(JSON.stringify(misspelt)).not.toBe(JSON.stringify(saved.records));
    expect(SearchIndex.restore({ header: saved.header, records: misspelt }, POSTS, { context: 'ctx' })).toBeUndefined();
    const cut = saved.records.map((record, i) => (i === saved.records.length - 1 ? (record as Int32Array).slice(0, -1) : record));
    expect(SearchIndex.restore({ header: saved.header, records: cut }, POSTS, { context: 'ctx' })).toBeUndefined();
  });

  it('stops, leaving the old file, when the index changes while it is written', async () => {
    const index = SearchIndex.build(POSTS);
    await writeIndexCache(state, index.snapshot('ctx'));
    const before = await readFile(join(state, INDEX_CACHE_FILE));
    let calls = 0;
    // Lines that take 2 ms each: the writer yields (and asks `current`) every few of them.
    function* slow() {
      for (let i = 0; i < 40; i++) {
        const until = performance.now() + 2;
        while (performance.now() < until);
        yield ['line', i];
      }
    }
    const many = { header: {}, records: slow(), current: () => ++calls < 3 };
    expect(await writeIndexCache(state, many)).toBe(false);
    expect(await readFile(join(state, INDEX_CACHE_FILE))).toEqual(before);
    const snapshot = index.snapshot('ctx');
    index.update(POSTS.slice(1));
    expect(snapshot.current()).toBe(false);
  });
});
