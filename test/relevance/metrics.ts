/**
 * Relevance metrics over a labelled query set, for any search engine: pass a function that
 * returns the ids of the posts it finds, best first. Used by the relevance tests and by the
 * benchmark that compares engines on the same set.
 */

/**
 * The kinds of query in the sets. `nonsense` queries must find nothing; `near-miss` queries ask
 * about something the blog did not write, next to a post that exists (nothing, or that post).
 */
export type QueryKind =
  | 'english'
  | 'korean'
  | 'korean-particle'
  | 'cross-language'
  | 'typo'
  | 'identifier'
  | 'question'
  | 'nonsense'
  | 'vague'
  | 'hangul-name'
  | 'near-miss';

/** The two halves of a set split once at random: tune on `dev`, judge on `heldout`. */
export type Part = 'dev' | 'heldout';

/** The kinds on the precision side: success is declining to answer (or answering with the neighbour). */
export const REJECTION_KINDS: readonly QueryKind[] = ['nonsense', 'near-miss'];

/** One labelled query. */
export interface LabelledQuery {
  kind: QueryKind;
  /** A finer grouping inside a kind (e.g. the typo's mechanism: `ko-layout`, `jamo`...). */
  subkind?: string;
  query: string;
  /** Ids of acceptable posts (several for near-duplicates); empty for `nonsense`. */
  expect: string[];
  /** An empty result also counts as success (near-misses: nothing, or an acceptable post first). */
  emptyOk?: boolean;
  part?: Part;
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

/** What came back for one query, kept so that a dropped figure can be read query by query. */
export interface QueryResult {
  query: LabelledQuery;
  got: readonly string[];
}

export interface Evaluation {
  byKind: Partial<Record<QueryKind, Figures>>;
  /** By `kind/subkind`, for the queries that have a subkind. */
  bySubkind: Record<string, Figures>;
  /** By part, for the queries that carry one. */
  byPart: Partial<Record<Part, Figures>>;
  overall: Figures;
  /** Nonsense and near-miss queries together: the share answered honestly (precision side). */
  rejection?: Figures;
  /** Every other query: the share that found its post (recall side). */
  recall?: Figures;
  /** Queries that missed at rank 3, with what came back, to read when a figure drops. */
  misses: QueryResult[];
  /** Queries whose first result was not acceptable (or that answered when they should not). */
  wrongFirst: QueryResult[];
}

interface Outcome {
  at1: boolean;
  at3: boolean;
  reciprocalRank: number;
}

function outcome(query: LabelledQuery, ids: readonly string[]): Outcome {
  if (ids.length === 0 && (query.expect.length === 0 || query.emptyOk === true)) {
    return { at1: true, at3: true, reciprocalRank: 1 };
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
 * Runs every query through `searchFn` and computes success@1, success@3 and MRR per kind,
 * subkind, part and overall. `searchFn` returns post ids, best first; `[]` means "no match".
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
  const results: QueryResult[] = [];
  for (const query of queries) results.push({ query, got: await searchFn(query.query) });
  return summarize(results);
}

/** Groups outcomes by a key (queries without one are left out) and computes each group's figures. */
function grouped(scored: readonly (QueryResult & Outcome)[], keyOf: (query: LabelledQuery) => string | undefined): Record<string, Figures> {
  const groups = new Map<string, Outcome[]>();
  for (const result of scored) {
    const key = keyOf(result.query);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), result]);
  }
  return Object.fromEntries([...groups].map(([key, outcomes]) => [key, figures(outcomes)]));
}

function summarize(results: readonly QueryResult[]): Evaluation {
  const scored = results.map((result) => ({ ...result, ...outcome(result.query, result.got) }));
  const rejecting = scored.filter((r) => REJECTION_KINDS.includes(r.query.kind));
  const answering = scored.filter((r) => !REJECTION_KINDS.includes(r.query.kind));
  const evaluation: Evaluation = {
    byKind: grouped(scored, (q) => q.kind),
    bySubkind: grouped(scored, (q) => (q.subkind === undefined ? undefined : `${q.kind}/${q.subkind}`)),
    byPart: grouped(scored, (q) => q.part),
    overall: figures(scored),
    misses: scored.filter((r) => !r.at3).map(({ query, got }) => ({ query, got: got.slice(0, 3) })),
    wrongFirst: scored.filter((r) => !r.at1).map(({ query, got }) => ({ query, got: got.slice(0, 3) })),
  };
  if (rejecting.length > 0) evaluation.rejection = figures(rejecting);
  if (answering.length > 0 && rejecting.length > 0) evaluation.recall = figures(answering);
  return evaluation;
}

const row = (name: string, f: Figures) =>
  `${name.padEnd(28)} n=${String(f.count).padStart(3)}  s@1=${f.successAt1.toFixed(2)}  s@3=${f.successAt3.toFixed(2)}  MRR=${f.mrr.toFixed(2)}`;

/**
 * The figures as an aligned text table, for the test log and the benchmark report: each kind,
 * its subkinds indented below it, then (when the set has nonsense or near-miss queries) the
 * precision side beside the recall side, then overall.
 */
export function formatEvaluation(evaluation: Evaluation): string {
  const lines: string[] = [];
  for (const [kind, f] of Object.entries(evaluation.byKind)) {
    lines.push(row(kind, f));
    for (const [key, sub] of Object.entries(evaluation.bySubkind)) if (key.startsWith(`${kind}/`)) lines.push(row(`  ${key.slice(kind.length + 1)}`, sub));
  }
  if (evaluation.rejection) lines.push(row('nonsense/near-miss rejected', evaluation.rejection));
  if (evaluation.recall) lines.push(row('recall (other kinds)', evaluation.recall));
  lines.push(row('overall', evaluation.overall));
  return lines.join('\n');
}
