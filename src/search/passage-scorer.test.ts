/**
 * The passage ranking must give exactly what a MiniSearch index over the same passages gives:
 * the same passages, in the same order, with the very same scores and matched terms (the
 * replies of /ask depend on the order, and ties are broken by it).
 */
import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { PassageTable, rankPassages } from './passage-scorer.ts';
import type { Subquery } from './scorer.ts';

const FIELDS = ['heading', 'text', 'title', 'grams'];
const BOOSTS = { heading: 1.5, text: 1, title: 0.7, grams: 0.4 };
const VOCABULARY = ['가상', '스레드', '메모리', 'java', 'loom', '힙', '스택', 'go', 'unkey', '서버', '성능', '배', '전환', '플랫폼', '운영체제'];

/** A seeded generator (mulberry32), so a failure names the same data every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per post, its passages' fields as the index prepares them: terms joined by spaces, repeats and empty fields included. */
function posts(next: () => number, count: number): string[][][] {
  const words = (most: number) => Array.from({ length: Math.floor(next() * most) }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!).join(' ');
  return Array.from({ length: count }, () => {
    const title = words(4);
    return Array.from({ length: 1 + Math.floor(next() * 30) }, () => [words(3), words(25), title, words(8)]);
  });
}

function queries(next: () => number): (Subquery & Query)[] {
  const terms = (most: number) => Array.from({ length: 1 + Math.floor(next() * most) }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
  const boosts = new Map(VOCABULARY.map((term) => [term, [1, 0.5, 1 / 3][Math.floor(next() * 3)]!]));
  const boostTerm = (term: string) => boosts.get(term)!;
  return [
    { queries: [[...terms(4), 'absent'].join(' ')], fields: ['heading', 'text', 'title'], prefix: () => false, boostTerm },
    { queries: [terms(2).join(' ')], fields: ['heading', 'text'], prefix: () => false, boostTerm },
    { queries: [terms(3).join(' ')], fields: ['grams', 'heading', 'text', 'title'], boostTerm },
  ];
}

function byMiniSearch(passages: string[][], subqueries: Query[]) {
  const index = new MiniSearch<{ id: number; fields: string[] }>({
    fields: FIELDS,
    extractField: (document, field) => (field === 'id' ? document.id : document.fields[FIELDS.indexOf(field)]) as never,
    tokenize: (text) => (text ? text.split(' ') : []),
    processTerm: (term) => term,
    searchOptions: { combineWith: 'OR', fuzzy: false, prefix: false, weights: { fuzzy: 0, prefix: 0.6 } },
  });
  passages.forEach((fields, id) => index.add({ id, fields }));
  return index.search({ combineWith: 'OR', queries: subqueries }, { boost: BOOSTS }).map((result) => ({ id: result.id as number, score: result.score, queryTerms: result.queryTerms }));
}

describe('rankPassages', () => {
  it('ranks the passages of several posts as a MiniSearch index over all of them does, to the last bit', () => {
    const next = random(11);
    for (let round = 0; round < 40; round++) {
      const candidates = posts(next, 1 + Math.floor(next() * 5));
      const subqueries = queries(next).slice(0, 1 + Math.floor(next() * 3));
      const tables = candidates.map((passages) => PassageTable.of(passages, FIELDS.length));
      expect(rankPassages(tables, FIELDS, subqueries, BOOSTS), `round ${round}`).toEqual(byMiniSearch(candidates.flat(), subqueries));
    }
  });

  it('finds nothing without subqueries or matching terms', () => {
    const tables = [PassageTable.of([['가상', '스레드 메모리', '', '']], FIELDS.length)];
    expect(rankPassages(tables, FIELDS, [], BOOSTS)).toEqual([]);
    expect(rankPassages(tables, FIELDS, [{ queries: ['김치찌개'], fields: ['text'] }], BOOSTS)).toEqual([]);
  });

  it('refuses prefix terms rather than ranking them as exact ones', () => {
    const tables = [PassageTable.of([['', 'java', '', '']], FIELDS.length)];
    expect(() => rankPassages(tables, FIELDS, [{ queries: ['jav'], fields: ['text'], prefix: () => true }], BOOSTS)).toThrow(/prefix/);
  });
});
