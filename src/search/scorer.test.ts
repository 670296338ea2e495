/**
 * The scorer must give exactly what MiniSearch's own search gives for the same subqueries: the
 * same posts, in the same order, with the very same scores and matched terms. Checked on the
 * real blog with every query of both relevance sets (the subqueries the index really runs), and
 * on a small index with discarded posts (MiniSearch's lazy clean-up).
 */
import { readFileSync } from 'node:fs';
import MiniSearch, { type Options, type Query } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLibrary } from '../posts/load.ts';
import { REAL_CORPUS, describeRealCorpus, hasRealCorpus } from '../../test/helpers/corpus.ts';
import { SearchIndex, subqueries } from './index.ts';
import { compileQuery, type CompileOptions } from './query.ts';
import { IndexScorer, type ScoredResult, type Subquery } from './scorer.ts';

interface Reference {
  id: number;
  score: number;
  queryTerms: string[];
}

const byMiniSearch = (index: MiniSearch<never>, queries: Query[], boost: Record<string, number>): Reference[] =>
  queries.length === 0 ? [] : index.search({ combineWith: 'OR', queries }, { boost }).map((r) => ({ id: r.id as number, score: r.score, queryTerms: r.queryTerms }));

function byScorer(scorer: IndexScorer, queries: Subquery[], boost: Record<string, number>): Reference[] {
  const out: Reference[] = [];
  scorer.search(queries, boost, (r: ScoredResult) => out.push({ id: r.id, score: r.score, queryTerms: [...r.queryTerms] }));
  // MiniSearch sorts by score (stable); the scorer leaves the order of first match.
  return out.sort((a, b) => b.score - a.score);
}

/** What the tests read of a SearchIndex's private parts (TypeScript privacy only). */
interface IndexInside {
  postIndex: MiniSearch<never>;
  aliases: Parameters<typeof compileQuery>[1];
  termStatistics(): Omit<CompileOptions, 'prefixLast' | 'minLatinPrefix' | 'grams'>;
}

const BOOSTS = { title: 4, tags: 3, summary: 2, description: 1.5, categories: 1, body: 1, titleGrams: 1.5, bodyGrams: 0.4 };
const WORD_FIELDS = ['title', 'tags', 'categories', 'summary', 'description', 'body'];

describeRealCorpus('IndexScorer', () => {
  let inside: IndexInside;
  let scorer: IndexScorer;
  let queries: string[];

  beforeAll(async () => {
    if (!hasRealCorpus) return;
    const { library } = await loadLibrary({ postsDir: `${REAL_CORPUS}/_posts` });
    inside = SearchIndex.build(library.all()) as unknown as IndexInside;
    scorer = new IndexScorer(inside.postIndex);
    const read = (name: string) => (JSON.parse(readFileSync(new URL(`../../test/relevance/${name}`, import.meta.url), 'utf8')) as { query: string }[]).map((q) => q.query);
    queries = [...read('queries.json'), ...read('realistic.json')];
  }, 60_000);

  it('gives MiniSearch’s results, scores and matched terms for every relevance query', () => {
    // The subqueries index.ts runs, in both shapes it runs them (with and without small fields).
    let compared = 0;
    let results = 0;
    for (const query of queries) {
      for (const prefixLast of [true, false]) {
        const compiled = compileQuery(query, inside.aliases, { prefixLast, minLatinPrefix: 4, grams: true, ...inside.termStatistics() });
        for (const small of [undefined, new Set(['title', 'tags'])]) {
          const subs = subqueries(compiled, WORD_FIELDS, ['titleGrams', 'bodyGrams'], small);
          const expected = byMiniSearch(inside.postIndex, subs, BOOSTS);
          expect(byScorer(scorer, subs, BOOSTS), query).toEqual(expected);
          compared++;
          results += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
    expect(results).toBeGreaterThan(1000);
  });
});

describe('IndexScorer on a changing index', () => {
  const options: Options<{ id: number; title: string; body: string }> = {
    fields: ['title', 'body'],
    storeFields: [],
    tokenize: (text: string) => text.split(' '),
    processTerm: (term: string) => term,
    autoVacuum: false,
    searchOptions: { combineWith: 'OR', weights: { fuzzy: 0, prefix: 0.6 } },
  };
  const docs = Array.from({ length: 40 }, (_, id) => ({
    id,
    title: ['alpha', 'beta', 'gamma', 'delta'].filter((_, i) => (id >> i) & 1).join(' '),
    body: Array.from({ length: 1 + (id % 7) }, (_, i) => ['alphabet', 'beta', 'alpine', 'omega'][(id + i) % 4]).join(' '),
  }));
  const subs: Subquery[] = [
    { queries: ['alpha omega'], fields: ['title', 'body'], prefix: (term) => term === 'alpha', boostTerm: (term) => (term === 'omega' ? 0.5 : 1) },
    { queries: ['beta'], fields: ['title'] },
  ];
  const boost = { title: 2 };

  it('matches MiniSearch after posts are added and discarded', () => {
    const ours = new MiniSearch<(typeof docs)[number]>(options);
    const theirs = new MiniSearch<(typeof docs)[number]>(options);
    for (const index of [ours, theirs]) index.addAll(docs.slice(0, 30));
    const scorer = new IndexScorer(ours);
    expect(byScorer(scorer, subs, boost)).toEqual(byMiniSearch(theirs as MiniSearch<never>, subs as Query[], boost));
    for (const index of [ours, theirs]) {
      index.addAll(docs.slice(30));
      for (const id of [3, 7, 31]) index.discard(id);
    }
    // Twice: the first search cleans the discarded postings (both ways), the second sees the clean index.
    for (let pass = 0; pass < 2; pass++) {
      const expected = byMiniSearch(theirs as MiniSearch<never>, subs as Query[], boost);
      expect(expected.some((r) => r.id >= 30)).toBe(true);
      expect(expected.some((r) => [3, 7, 31].includes(r.id))).toBe(false);
      expect(byScorer(scorer, subs, boost)).toEqual(expected);
    }
  });

  it('matches MiniSearch on a wide tree while terms are added, split and removed', () => {
    // Words with 40 first syllables (a wide root, as in a Korean index) sharing prefixes (edge splits).
    const syllables = Array.from({ length: 40 }, (_, i) => String.fromCharCode(0xac00 + i * 97));
    const word = (n: number) => syllables[n % 40]! + syllables[(n * 7) % 40]! + (n % 3 === 0 ? syllables[(n * 13) % 40]! : '');
    const wide = Array.from({ length: 120 }, (_, id) => ({ id, title: word(id), body: [word(id + 1), word(id * 3), word(id * 5 + 2)].join(' ') }));
    const ours = new MiniSearch<(typeof wide)[number]>(options);
    const theirs = new MiniSearch<(typeof wide)[number]>(options);
    const scorer = new IndexScorer(ours);
    const queries = (n: number): Subquery[] => [
      { queries: [[word(n), word(n + 1), word(n + 2)].join(' ')], fields: ['title', 'body'] },
      { queries: [[syllables[n % 40]!, word(n + 3).slice(0, 2)].join(' ')], fields: ['title', 'body'], prefix: () => true },
    ];
    const compare = () => {
      let found = 0;
      for (let n = 0; n < 60; n++) {
        const expected = byMiniSearch(theirs as MiniSearch<never>, queries(n) as Query[], boost);
        expect(byScorer(scorer, queries(n), boost), `query ${n}`).toEqual(expected);
        found += expected.length;
      }
      return found;
    };
    for (const index of [ours, theirs]) index.addAll(wide.slice(0, 40));
    expect(compare()).toBeGreaterThan(100);
    for (const index of [ours, theirs]) index.addAll(wide.slice(40));
    expect(compare()).toBeGreaterThan(100);
    for (const index of [ours, theirs]) for (const doc of wide.filter((d) => d.id % 4 === 1)) index.remove(doc);
    expect(compare()).toBeGreaterThan(100);
  });

  it('matches MiniSearch after removeAll and other posts under the same short ids (field lengths read before do not hold)', () => {
    const ours = new MiniSearch<(typeof docs)[number]>(options);
    const theirs = new MiniSearch<(typeof docs)[number]>(options);
    const scorer = new IndexScorer(ours);
    for (const index of [ours, theirs]) index.addAll(docs.slice(0, 20));
    expect(byScorer(scorer, subs, boost)).toEqual(byMiniSearch(theirs as MiniSearch<never>, subs as Query[], boost));
    // Short ids 0.. again, now for posts whose bodies are of other lengths.
    for (const index of [ours, theirs]) {
      index.removeAll();
      index.addAll(docs.slice(20).map((doc, i) => ({ ...doc, id: 100 + i })));
    }
    const expected = byMiniSearch(theirs as MiniSearch<never>, subs as Query[], boost);
    expect(expected.length).toBeGreaterThan(5);
    expect(byScorer(scorer, subs, boost)).toEqual(expected);
  });

  it('refuses an index whose internals it does not know', () => {
    expect(() => new IndexScorer({} as MiniSearch<never>)).toThrow(/minisearch 7\.2/);
  });
});
