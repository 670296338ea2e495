import { describe, expect, it } from 'vitest';
import { evaluate, evaluateAsync, type LabelledQuery } from './metrics.ts';

const QUERIES: LabelledQuery[] = [
  { kind: 'english', query: 'first', expect: ['a'] },
  { kind: 'english', query: 'second', expect: ['b', 'b-duplicate'] },
  { kind: 'korean', query: 'third', expect: ['c'] },
  { kind: 'nonsense', query: 'zzz', expect: [] },
];

const RESULTS: Record<string, string[]> = { first: ['a', 'x'], second: ['x', 'y', 'b-duplicate'], third: ['x', 'y', 'z', 'c'], zzz: [] };

describe('evaluate', () => {
  it('computes success@1, success@3 and MRR per kind and overall', () => {
    const evaluation = evaluate(QUERIES, (query) => RESULTS[query] ?? []);
    expect(evaluation.byKind.english).toEqual({ count: 2, successAt1: 0.5, successAt3: 1, mrr: (1 + 1 / 3) / 2 });
    expect(evaluation.byKind.korean).toEqual({ count: 1, successAt1: 0, successAt3: 0, mrr: 0.25 });
    expect(evaluation.byKind.nonsense).toEqual({ count: 1, successAt1: 1, successAt3: 1, mrr: 1 });
    expect(evaluation.overall).toEqual({ count: 4, successAt1: 0.5, successAt3: 0.75, mrr: (1 + 1 / 3 + 0.25 + 1) / 4 });
    expect(evaluation.misses.map((miss) => miss.query.query)).toEqual(['third']);
  });

  it('counts any result for a nonsense query as a failure', () => {
    const evaluation = evaluate(QUERIES.slice(3), () => ['a']);
    expect(evaluation.byKind.nonsense!.successAt1).toBe(0);
  });

  it('gives the same figures for asynchronous engines', async () => {
    const sync = evaluate(QUERIES, (query) => RESULTS[query] ?? []);
    const async = await evaluateAsync(QUERIES, async (query) => RESULTS[query] ?? []);
    expect(async).toEqual(sync);
  });
});
