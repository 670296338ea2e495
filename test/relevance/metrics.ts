/**
 * Relevance metrics over a labelled query set, for any search engine: pass a function that
 * returns the ids of the posts it finds, best first. Used by the relevance test and by the
 * benchmark that compares engines on the same set.
 */

/** The kinds of query in the set. `nonsense` queries must find nothing. */
export type QueryKind =
  | 'english'
  | 'korean'
  | 'korean-particle'
  | 'cross-language'
  | 'typo'
  | 'identifier'
  | 'question'
  | 'nonsense';

/** One labelled query. */
export interface LabelledQuery {
  kind: QueryKind;
  query: string;
  /** Ids of acceptable posts (several for near-duplicates); empty for `nonsense`. */
  expect: string[];
}

/** Figures for a group of queries. For `nonsense`, success means an empty result. */
export interface Figures {
  count: number;
  /** Share of queries whose first result is acceptable. */
  successAt1: number;
  /** Share of queries with an acceptable result among the first three. */
  successAt3: number;
  /** Mean reciprocal rank of the first acceptable result (0 when none is returned). */
  mrr: number;
}

export interface Evaluation {
  byKind: Partial<Record<QueryKind, Figures>>;
  overall: Figures;
  /** Queries that missed at rank 3, with what came back, to read when a figure drops. */
  misses: { query: LabelledQuery; got: readonly string[] }[];
}

interface Outcome {
  at1: boolean;
  at3: boolean;
  reciprocalRank: number;
}

function outcome(query: LabelledQuery, ids: readonly string[]): Outcome {
  if (query.expect.length === 0) {
    const empty = ids.length === 0;
    return { at1: empty, at3: empty, reciprocalRank: empty ? 1 : 0 };
  }
  const rank = ids.findIndex((id) => query.expect.includes(id));
  return { at1: rank === 0, at3: rank >= 0 && rank < 3, reciprocalRank: rank >= 0 ? 1 / (rank + 1) : 0 };
}

function figures(outcomes: readonly Outcome[]): Figures {
  const count = outcomes.length;
  const share = (pick: (o: Outcome) => number) => (count === 0 ? 0 : outcomes.reduce((sum, o) => sum + pick(o), 0) / count);
  return {
    count,
    successAt1: share((o) => (o.at1 ? 1 : 0)),
    successAt3: share((o) => (o.at3 ? 1 : 0)),
    mrr: share((o) => o.reciprocalRank),
  };
}

/**
 * Runs every query through `searchFn` and computes success@1, success@3 and MRR per kind and
 * overall. `searchFn` returns post ids, best first; `[]` means "no match".
 */
export function evaluate(queries: readonly LabelledQuery[], searchFn: (query: string) => readonly string[]): Evaluation {
  const results = queries.map((query) => ({ query, got: searchFn(query.query) }));
  return summarize(results);
}

/** {@link evaluate} for engines whose search is asynchronous. */
export async function evaluateAsync(
  queries: readonly LabelledQuery[],
  searchFn: (query: string) => Promise<readonly string[]>,
): Promise<Evaluation> {
  const results: { query: LabelledQuery; got: readonly string[] }[] = [];
  for (const query of queries) results.push({ query, got: await searchFn(query.query) });
  return summarize(results);
}

function summarize(results: readonly { query: LabelledQuery; got: readonly string[] }[]): Evaluation {
  const byKindOutcomes = new Map<QueryKind, Outcome[]>();
  const all: Outcome[] = [];
  const misses: Evaluation['misses'] = [];
  for (const { query, got } of results) {
    const result = outcome(query, got);
    all.push(result);
    byKindOutcomes.set(query.kind, [...(byKindOutcomes.get(query.kind) ?? []), result]);
    if (!result.at3) misses.push({ query, got: got.slice(0, 3) });
  }
  const byKind: Evaluation['byKind'] = {};
  for (const [kind, outcomes] of byKindOutcomes) byKind[kind] = figures(outcomes);
  return { byKind, overall: figures(all), misses };
}

/** The figures as an aligned text table, for the test log and the benchmark report. */
export function formatEvaluation(evaluation: Evaluation): string {
  const row = (name: string, f: Figures) =>
    `${name.padEnd(16)} n=${String(f.count).padStart(3)}  s@1=${f.successAt1.toFixed(2)}  s@3=${f.successAt3.toFixed(2)}  MRR=${f.mrr.toFixed(2)}`;
  const lines = Object.entries(evaluation.byKind).map(([kind, f]) => row(kind, f!));
  lines.push(row('overall', evaluation.overall));
  return lines.join('\n');
}
