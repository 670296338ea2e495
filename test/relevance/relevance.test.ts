/**
 * Relevance of the search on the real corpus (101 posts of the blog), over the labelled queries
 * in queries.json. The floors sit just under what the index achieved when they were set (all
 * figures were 1.00 on 2026-11-29, and again with the search of issue 10 on 2026-12-02, see the
 * log line of this test): at most one miss per kind, so a drop shows up at once.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { REAL_CORPUS, describeRealCorpus, hasRealCorpus } from '../helpers/corpus.ts';
import { evaluate, formatEvaluation, type Evaluation, type LabelledQuery, type QueryKind } from './metrics.ts';

const CORPUS = REAL_CORPUS;
const QUERIES: (LabelledQuery & { heldOut?: boolean })[] = JSON.parse(
  readFileSync(new URL('./queries.json', import.meta.url), 'utf8'),
);

const KINDS: QueryKind[] = ['english', 'korean', 'korean-particle', 'cross-language', 'typo', 'identifier', 'question', 'nonsense'];
/** Per kind: share of queries with an acceptable post among the first three, and first. */
const FLOOR_AT3_PER_KIND = 0.93;
const FLOOR_AT1_PER_KIND = 0.93;
const FLOOR_AT1_OVERALL = 0.98;
const FLOOR_MRR_OVERALL = 0.98;

let evaluation: Evaluation;

beforeAll(async () => {
  if (!hasRealCorpus) return;
  const { library } = await loadLibrary({ postsDir: CORPUS });
  const index = SearchIndex.build(library.all());
  evaluation = evaluate(QUERIES, (query) => index.search(query).map((hit) => hit.post.id));
  console.log(`relevance on the real corpus:\n${formatEvaluation(evaluation)}`);
  for (const miss of evaluation.misses) console.log(`miss [${miss.query.kind}] ${miss.query.query} → ${miss.got.join(', ') || 'nothing'}`);
}, 60_000);

describeRealCorpus('the labelled query set', () => {
  it('has at least eight queries of each kind and six nonsense ones, each naming real posts', async () => {
    const { library } = await loadLibrary({ postsDir: CORPUS });
    const known = new Set(library.all().map((post) => post.id));
    for (const kind of KINDS) expect(QUERIES.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(kind === 'nonsense' ? 6 : 8);
    for (const query of QUERIES) for (const id of query.expect) expect(known.has(id), `${query.query} → ${id}`).toBe(true);
    expect(QUERIES.filter((q) => q.kind !== 'nonsense').every((q) => q.expect.length > 0)).toBe(true);
  });
});

describeRealCorpus('relevance on the real corpus', () => {
  it.each(KINDS.filter((kind) => kind !== 'nonsense'))('finds the expected post for %s queries', (kind) => {
    const figures = evaluation.byKind[kind]!;
    expect(figures.successAt3, `${kind} success@3`).toBeGreaterThanOrEqual(FLOOR_AT3_PER_KIND);
    expect(figures.successAt1, `${kind} success@1`).toBeGreaterThanOrEqual(FLOOR_AT1_PER_KIND);
  });

  it('answers every nonsense query with no match', () => {
    expect(evaluation.byKind.nonsense!.successAt1).toBe(1);
  });

  it('puts the expected post first for nearly every query', () => {
    expect(evaluation.overall.successAt1).toBeGreaterThanOrEqual(FLOOR_AT1_OVERALL);
    expect(evaluation.overall.mrr).toBeGreaterThanOrEqual(FLOOR_MRR_OVERALL);
  });
});
