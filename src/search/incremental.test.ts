/**
 * The incremental index answers exactly like a full rebuild: after a seeded random sequence of
 * adds, edits and removals (real posts and posts made from their parts), `update` and `build`
 * give the same posts in the same order for the relevance set's queries (typos, loanwords,
 * partial matches, questions, title prefixes), with scores equal but for the last bits
 * (MiniSearch keeps a running average of field lengths). A snapshot taken along the way and
 * restored over changed posts answers the same too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { REAL_CORPUS, describeRealCorpus } from '../../test/helpers/corpus.ts';
import { loadLibrary } from '../posts/load.ts';
import type { Post, Section } from '../posts/types.ts';
import { SearchIndex, type Passage, type SearchHit } from './index.ts';
import { testPost } from '../../test/helpers/posts.ts';
import { createRandom } from '../../bench/prng.ts';

/** Newest first, then by id: the order a Library serves. */
const served = (posts: Iterable<Post>): Post[] => [...posts].sort((a, b) => b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const TOLERANCE = 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

function sameHits(incremental: SearchHit[], full: SearchHit[], label: string): void {
  expect(incremental.map((hit) => hit.post.id), label).toEqual(full.map((hit) => hit.post.id));
  // Matched terms as a set: their order follows the order aliases and prefix expansions were met in (a debugging aid).
  const matched = (hit: SearchHit) => [[...hit.terms].sort(), hit.missing];
  expect(incremental.map(matched), label).toEqual(full.map(matched));
  incremental.forEach((hit, i) => expect(close(hit.score, full[i]!.score), `${label}: score ${hit.score} vs ${full[i]!.score}`).toBe(true));
}

function samePassages(incremental: Passage[], full: Passage[], label: string): void {
  expect(incremental.map((p) => [p.post.id, p.heading, p.text]), label).toEqual(full.map((p) => [p.post.id, p.heading, p.text]));
  incremental.forEach((p, i) => expect(close(p.score, full[i]!.score), label).toBe(true));
}

/** Every query of the set searched, a prefix of it suggested, and the questions answered. */
function expectSameAnswers(incremental: SearchIndex, posts: readonly Post[], queries: readonly { query: string; kind: string }[], step: string): void {
  const full = SearchIndex.build(posts);
  expect(incremental.size).toBe(full.size);
  // Every derived structure holds what a build holds (typo vocabulary, loanword sound index with
  // its buckets, bilingual term map, term counts), whether or not a query below reaches it.
  const derived = incremental.describeDerived();
  const built = full.describeDerived();
  for (const part of Object.keys(built)) expect(derived[part], `${step} ${part}`).toEqual(built[part]);
  for (const { query, kind } of queries) {
    sameHits(incremental.search(query), full.search(query), `${step} search ${query}`);
    const prefix = query.slice(0, Math.max(2, Math.ceil(query.length * 0.6)));
    sameHits(incremental.suggest(prefix), full.suggest(prefix), `${step} suggest ${prefix}`);
    if (kind === 'question') samePassages(incremental.answer(query), full.answer(query), `${step} answer ${query}`);
  }
}

/** A post made of parts of two others: a new id and date, their sections mixed (their mined aliases come along). */
function composed(a: Post, b: Post, n: number, pick: () => number): Post {
  const sections: Section[] = [...a.sections.slice(0, 2), ...b.sections.slice(1, 3)];
  const id = `composed-${n}`;
  return {
    ...a,
    id,
    file: `_posts/2026-03-01-${id}.md`,
    title: `${a.title.split(' ').slice(0, 3).join(' ')} ${b.title.split(' ').slice(-3).join(' ')}`,
    tags: [...a.tags.slice(0, 2), ...b.tags.slice(0, 2)],
    summary: [...a.summary.slice(0, 1), ...b.summary.slice(1)],
    sections,
    text: sections.map((section) => `${section.heading}\n${section.text}`).join('\n\n'),
    // Some share a date: ties must rank by position, as in a full build.
    date: new Date(Date.UTC(2026, 2, 1 + Math.floor(pick() * 5))),
    contentHash: `composed-${n}`,
  };
}

/** The same post, edited: a sentence of another post added, its first section dropped, or its title changed. */
function edited(post: Post, other: Post, n: number, pick: () => number): Post {
  const choice = Math.floor(pick() * 3);
  const sections =
    choice === 0 ? [...post.sections, { heading: other.sections[0]?.heading ?? '추가', text: other.summary.join(' ') }] : choice === 1 ? post.sections.slice(1) : post.sections;
  const title = choice === 2 ? `${post.title} (${other.tags[0] ?? '수정'})` : post.title;
  return { ...post, title, sections, text: sections.map((section) => `${section.heading}\n${section.text}`).join('\n\n'), contentHash: `${post.contentHash}-edit-${n}` };
}

describeRealCorpus('incremental index', () => {
  const queries = (JSON.parse(readFileSync(new URL('../../test/relevance/queries.json', import.meta.url), 'utf8')) as { query: string; kind: string }[]).map(({ query, kind }) => ({ query, kind }));

  it('answers like a full rebuild after a seeded random sequence of adds, edits and removals', { timeout: 120_000 }, async () => {
    const seed = 15;
    const pick = createRandom(seed).next;
    const real = [...(await loadLibrary({ postsDir: REAL_CORPUS })).library.all()];
    const choose = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)]!;
    // Start from 60 of the real posts; the other 41 wait to be added.
    const shuffled = [...real].sort(() => pick() - 0.5);
    const current = new Map<string, Post>(shuffled.slice(0, 60).map((post) => [post.id, post]));
    const waiting = shuffled.slice(60);
    const index = SearchIndex.build(served(current.values()));
    let made = 0;
    const counts = { added: 0, edited: 0, removed: 0 };
    for (let step = 1; step <= 30; step++) {
      // One to three changes per reindex.
      const changes = 1 + Math.floor(pick() * 3);
      for (let c = 0; c < changes; c++) {
        const roll = pick();
        const present = [...current.values()];
        if (roll < 0.4) {
          const post = waiting.length > 0 && pick() < 0.5 ? waiting.pop()! : composed(choose(real), choose(real), made++, pick);
          current.set(post.id, post);
          counts.added++;
        } else if (roll < 0.7) {
          const post = choose(present);
          current.set(post.id, edited(post, choose(real), made++, pick));
          counts.edited++;
        } else if (present.length > 10) {
          current.delete(choose(present).id);
          counts.removed++;
        }
      }
      const posts = served(current.values());
      index.update(posts);
      if (step % 6 === 0) expectSameAnswers(index, posts, queries, `step ${step}`);
    }
    expect(counts.added).toBeGreaterThan(5);
    expect(counts.edited).toBeGreaterThan(5);
    expect(counts.removed).toBeGreaterThan(5);
  });

  it('restores a snapshot over posts that changed since, and answers like a full rebuild', { timeout: 60_000 }, async () => {
    const real = [...(await loadLibrary({ postsDir: REAL_CORPUS })).library.all()];
    const before = real.slice(0, 80);
    const index = SearchIndex.build(before);
    const snapshot = index.snapshot('test');
    // Copied, as the state folder keeps them: JSON records through JSON, numbers as bytes.
    const records = [...snapshot.records].map((record) => (record instanceof Int32Array ? record.slice() : (JSON.parse(JSON.stringify(record)) as unknown)));
    const header = JSON.parse(JSON.stringify(snapshot.header)) as unknown;
    const pick = createRandom(7).next;
    // After the snapshot: 3 posts edited, 2 removed, 5 added; the edited ones' old versions are known.
    const after = [...before.slice(5), ...real.slice(80, 85)].map((post, i) => (i < 3 ? edited(post, real[90]!, i, pick) : post));
    const posts = served(after);
    const restored = SearchIndex.restore({ header, records }, posts, { context: 'test', previousPosts: before });
    expect(restored).toBeDefined();
    expectSameAnswers(restored!, posts, queries, 'restored');
    // Without the old versions of the edited posts it cannot remove them exactly: no restore.
    expect(SearchIndex.restore({ header, records }, posts, { context: 'test' })).toBeUndefined();
    expect(SearchIndex.restore({ header, records }, posts, { context: 'other', previousPosts: before })).toBeUndefined();
    expect(SearchIndex.restore({ header, records }, posts, { context: 'test', previousPosts: before, aliases: [['a', 'b']] })).toBeUndefined();
  });

  it('a restored index whose words are filed in slices, with posts removed and added between slices, answers like a full rebuild', { timeout: 60_000 }, async () => {
    const real = [...(await loadLibrary({ postsDir: REAL_CORPUS })).library.all()];
    let posts = served(real.slice(0, 60));
    const snapshot = SearchIndex.build(posts).snapshot('test');
    const records = [...snapshot.records].map((record) => (record instanceof Int32Array ? record.slice() : (JSON.parse(JSON.stringify(record)) as unknown)));
    const restored = SearchIndex.restore({ header: snapshot.header, records }, posts, { context: 'test' })!;
    let filed = false;
    // Nothing is filed before the caller goes on (the start serves the index first).
    const fileDeferred = vi.spyOn((restored as unknown as { state: { fileDeferred(count: number): boolean } }).state, 'fileDeferred');
    const filing = restored.prepareDeferred().then(() => (filed = true));
    expect(fileDeferred).not.toHaveBeenCalled();
    for (let step = 0; step < 3; step++) {
      // Two posts go (their words, some not filed yet, with them), two come; the first time before any slice ran.
      posts = served([...posts.slice(0, 10), ...posts.slice(12), ...real.slice(60 + 2 * step, 62 + 2 * step)]);
      expect(restored.update(posts)).toMatchObject({ added: 2, removed: 2 });
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(filed).toBe(false);
    await filing;
    expectSameAnswers(restored, posts, queries, 'filed in slices');
  });
});

describe('an update takes what a post held out of every derived structure', () => {
  const post = (id: string, title: string, text: string): Post => testPost(id, text, { title });
  const mermaid = post('mermaid', 'Mermaid diagrams in markdown', '다이어그램 도구 Mermaid는 텍스트로 그림을 그립니다. 격자수술(lattice surgery)도 그립니다.');
  const other = post('other', '데이터 센터 전력', '새 데이터 센터는 전력을 많이 씁니다.');
  /** Found for 격자수술 only through the pair mined from the mermaid post. */
  const english = post('english', 'Qubit notes', 'Lattice surgery splits one logical qubit into two.');

  it('loanwords, typo corrections, title prefixes and mined aliases follow a removal and a re-add', () => {
    const index = SearchIndex.build([mermaid, other, english]);
    for (const query of ['머메이드', 'mermiad']) expect(index.search(query).map((hit) => hit.post.id), query).toEqual(['mermaid']);
    expect(index.search('격자수술').map((hit) => hit.post.id).sort()).toEqual(['english', 'mermaid']);
    expect(index.suggest('Merm').map((hit) => hit.post.id)).toEqual(['mermaid']);
    const update = index.update([other, english]);
    expect(update).toMatchObject({ added: 0, removed: 1 });
    expect(index.size).toBe(2);
    for (const query of ['머메이드', 'mermiad', 'mermaid', 'Merm', '격자수술']) expect(index.search(query), query).toEqual([]);
    expect(index.suggest('Merm')).toEqual([]);
    expect(index.search('데이터 센터').map((hit) => hit.post.id)).toEqual(['other']);
    index.update([mermaid, other, english]);
    expect(index.search('머메이드').map((hit) => hit.post.id)).toEqual(['mermaid']);
    sameHits(index.search('격자수술 데이터'), SearchIndex.build([mermaid, other, english]).search('격자수술 데이터'), 're-added');
  });

  it('reindex lets what waits on the event loop run against the old index before it updates in place', async () => {
    const index = SearchIndex.build([other]);
    const seen: number[] = [];
    const done = SearchIndex.reindex(index, [mermaid, other]);
    seen.push(index.size);
    setImmediate(() => seen.push(index.size));
    await done;
    expect(seen).toEqual([1, 1]);
    expect(index.size).toBe(2);
  });

  it('reindex updates in place for a few changes and builds anew for many, for other aliases, or when asked', async () => {
    const index = SearchIndex.build([other]);
    const small = await SearchIndex.reindex(index, [mermaid, other]);
    expect(small.index).toBe(index);
    expect(small.update).toMatchObject({ added: 1, removed: 0 });
    expect((await SearchIndex.reindex(index, [other], { maxChanges: 0 })).index).not.toBe(index);
    expect((await SearchIndex.reindex(index, [other], { full: true })).index).not.toBe(index);
    expect((await SearchIndex.reindex(index, [other], { aliases: [['웨비', 'webi']] })).index).not.toBe(index);
    expect((await SearchIndex.reindex(undefined, [other])).index.size).toBe(1);
  });
});

describe('an update in place', () => {
  const twin = (id: string): Post => testPost(id, 'Kubernetes 클러스터 업그레이드 노트', { title: 'Kubernetes upgrade notes' });
  const idsFor = (index: SearchIndex) => index.search('kubernetes upgrade', { limit: 200 }).map((hit) => hit.post.id);
  const expectBuildOrder = (index: SearchIndex, posts: readonly Post[]) => expect(idsFor(index)).toEqual(idsFor(SearchIndex.build(posts)));

  it('ranks equally scored posts by their place in the list, as a build does, after inserts, a reorder and a crowded gap', () => {
    const [a, b, c, d] = [twin('a'), twin('b'), twin('c'), twin('d')];
    const index = SearchIndex.build([a, c, d]);
    index.update([a, b, c, d]);
    expect(idsFor(index)).toEqual(['a', 'b', 'c', 'd']);
    index.update([d, c, b, a]);
    expect(idsFor(index)).toEqual(['d', 'c', 'b', 'a']);
    // Each new post goes right after c: the gap there halves every time, until the ranks run out.
    let posts = [d, c, b, a];
    for (let n = 0; n < 70; n++) {
      posts = [d, c, twin(`n${n}`), ...posts.slice(2)];
      index.update(posts);
    }
    expectBuildOrder(index, posts);
    posts = [twin('first'), ...posts.slice(0, 30), twin('middle'), ...posts.slice(31), twin('last')];
    index.update(posts);
    expectBuildOrder(index, posts);
  });

  it('looks up only the posts that changed, not every post of the blog (counted in Map and Set calls)', () => {
    const count = 2000;
    const posts = Array.from({ length: count }, (_, i) => testPost(`post-${i}`, `글 ${i}`, { title: `post ${i}` }));
    const index = SearchIndex.build(posts);
    const added = testPost('new-post', '새 글 하나', { title: 'one new post' });
    const spies = [
      ...(['get', 'has', 'set', 'delete'] as const).map((name) => vi.spyOn(Map.prototype, name)),
      ...(['has', 'add', 'delete'] as const).map((name) => vi.spyOn(Set.prototype, name)),
    ];
    let calls: number;
    try {
      index.update([added, ...posts.slice(0, 1000), ...posts.slice(1001)]);
    } finally {
      calls = spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
      for (const spy of spies) spy.mockRestore();
    }
    // Comparing the lists as sets, or ranking every post again, makes at least one call per post.
    expect(calls).toBeLessThan(count / 4);
    expect(index.search('one new post').map((hit) => hit.post.id)).toEqual(['new-post']);
    expect(index.search('post 1000')).not.toContainEqual(expect.objectContaining({ post: posts[1000] }));
  });
});
