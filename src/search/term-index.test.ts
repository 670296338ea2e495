import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { TermIndex, type TermQuery } from './term-index.ts';

const FIELDS = ['title', 'body', 'grams'] as const;

/** Documents as terms per field (already analyzed), in the order of FIELDS. */
const DOCUMENTS: string[][][] = [
  [['nvidia', 'gpu'], ['nvidia', 'announced', 'a', 'new', 'gpu', 'nvidia'], ['엔비', '비디']],
  [['java', 'virtual', 'threads'], ['threads', 'are', 'cheap', 'java', 'runtime'], []],
  [['gpu', 'prices'], ['gpus', 'got', 'cheaper', 'gpu', 'gpu', 'gpu', 'gpu'], ['엔비']],
  [['rust', 'compiler'], ['the', 'compiler', 'runs', 'fast'], []],
  [['nvidia', 'gpus'], ['nvidia', 'nvidia', 'gpus', 'runtime'], ['비디']],
];

function buildBoth(): { index: TermIndex; mini: MiniSearch<Record<string, string | number>> } {
  const index = new TermIndex(FIELDS);
  const mini = new MiniSearch<Record<string, string | number>>({
    fields: [...FIELDS],
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term,
  });
  DOCUMENTS.forEach((fields, id) => {
    expect(index.add(fields)).toBe(id);
    mini.add({ id, title: fields[0]!.join(' '), body: fields[1]!.join(' '), grams: fields[2]!.join(' ') });
  });
  return { index, mini };
}

const BOOST = { title: 4, body: 1, grams: 0.5 };

describe('TermIndex', () => {
  it('scores and orders documents exactly as MiniSearch does (BM25+, field boosts, term boosts, prefixes)', () => {
    const { index, mini } = buildBoth();
    const queries: TermQuery[] = [
      { terms: ['nvidia', 'gpu'], fields: ['title', 'body'], boostTerm: (term) => (term === 'gpu' ? 0.5 : 1) },
      { terms: ['runt', 'java'], fields: ['body'], prefix: (term) => term === 'runt' },
      { terms: ['엔비', 'gpu'], fields: ['grams', 'title'] },
    ];
    const ours = index.search(queries, { boost: BOOST, prefixWeight: 0.6 });
    const theirs = mini.search(
      { combineWith: 'OR', queries: queries.map((query) => ({ queries: [...query.terms], fields: [...query.fields], prefix: query.prefix, boostTerm: query.boostTerm })) },
      { tokenize: (text) => [text], processTerm: (term) => term, boost: BOOST, weights: { fuzzy: 0.5, prefix: 0.6 } },
    );
    expect(ours.map((hit) => hit.id)).toEqual(theirs.map((result) => result.id));
    ours.forEach((hit, i) => {
      const result = theirs[i]!;
      // MiniSearch multiplies a score by the number of query terms matched; the index does not.
      expect(hit.score).toBeCloseTo(result.score / result.queryTerms.length, 10);
      expect([...hit.queryTerms].sort()).toEqual([...result.queryTerms].sort());
    });
  });

  it('counts a term at most maxFrequency times per field, without changing the field length', () => {
    const capped = new TermIndex(['body'], { maxFrequency: { body: 3 } });
    const threeTimes = new TermIndex(['body']);
    for (const index of [capped, threeTimes]) index.add([['x', 'y']]);
    capped.add([['gpu', 'gpu', 'gpu', 'gpu', 'gpu', 'gpu', 'other']]);
    threeTimes.add([['gpu', 'gpu', 'gpu', 'other']]);
    const query = [{ terms: ['gpu'], fields: ['body'] }];
    expect(capped.search(query)[0]!.score).toBe(threeTimes.search(query)[0]!.score);
  });

  it('counts document frequency in the counted fields only', () => {
    const index = new TermIndex(['words', 'grams'], { countedFields: ['words'] });
    index.add([['데이터'], ['데이']]);
    index.add([['센터'], ['데이']]);
    index.add([['데이', '데이'], []]);
    expect(index.documentFrequency('데이')).toBe(1);
    expect(index.documentFrequency('데이터')).toBe(1);
    expect(index.documentFrequency('없음')).toBe(0);
  });

  it('expands a prefix to the longer terms of the index', () => {
    const { index } = buildBoth();
    expect(index.withPrefix('gpu').sort()).toEqual(['gpu', 'gpus']);
    expect(index.withPrefix('g').sort()).toEqual(['got', 'gpu', 'gpus']);
    expect(index.withPrefix('엔').sort()).toEqual(['엔비']);
    expect(index.withPrefix('zz')).toEqual([]);
    const hits = index.search([{ terms: ['gp'], fields: ['title'], prefix: () => true }]);
    expect(hits.map((hit) => hit.id).sort()).toEqual([0, 2, 4]);
    expect(hits.every((hit) => hit.queryTerms.length === 1 && hit.queryTerms[0] === 'gp')).toBe(true);
  });

  it('weighs each distinct set of matched terms once and drops the sets it refuses', () => {
    const { index } = buildBoth();
    const sets: string[] = [];
    const hits = index.search([{ terms: ['nvidia', 'gpu', 'java'], fields: ['title', 'body'] }], {
      weigh: (matched) => {
        const key = ['nvidia', 'gpu', 'java'].filter((term) => matched.has(term)).join('+');
        sets.push(key);
        return key === 'nvidia+gpu' ? 1 : key === 'gpu' ? 0.25 : undefined;
      },
    });
    expect(sets.sort()).toEqual(['gpu', 'java', 'nvidia', 'nvidia+gpu']);
    expect(hits.map((hit) => hit.id)).toEqual([0, 2]);
    expect(hits.map((hit) => hit.queryTerms)).toEqual([['nvidia', 'gpu'], ['gpu']]);
  });

  it('keeps the best hits under a limit in the order of the full list', () => {
    const { index } = buildBoth();
    const query = [{ terms: ['nvidia', 'gpu', 'gpus', 'java', 'compiler', 'runtime'], fields: ['title', 'body'] }];
    const all = index.search(query);
    expect(all.length).toBe(5);
    for (const limit of [0, 1, 2, 4, 5, 9]) expect(index.search(query, { limit })).toEqual(all.slice(0, limit));
    expect(index.search(query, { filter: (id) => id !== all[0]!.id, limit: 2 })).toEqual(all.slice(1, 3));
  });

  it('gives the same scores after a search whose callback threw', () => {
    const { index } = buildBoth();
    const query = [{ terms: ['nvidia', 'gpu'], fields: ['title', 'body'] }];
    const before = index.search(query);
    expect(() =>
      index.search(query, {
        weigh: () => {
          throw new Error('boom');
        },
      }),
    ).toThrow('boom');
    expect(index.search(query)).toEqual(before);
  });
});
