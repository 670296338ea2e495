/**
 * Relevance on the project's own set (`test/relevance/queries.json`, written for the real
 * corpus): success@1 and MRR, overall and by query kind. Uses the project's
 * `test/relevance/metrics.ts` `evaluate` when it exists, so the bench and the tests agree.
 */
import { fileURLToPath } from 'node:url';
import { isMissingModule } from './posts-source.ts';
import { readJsonIfPresent } from './queries.ts';

/** The same figures as `test/relevance/metrics.ts` reports. */
export interface KindFigures {
  count: number;
  successAt1: number;
  successAt3?: number;
  mrr: number;
}

export interface RelevanceFigures {
  overall: KindFigures;
  byKind: Record<string, KindFigures>;
  /** Where the metric came from. */
  via: 'test/relevance/metrics.ts' | 'bench fallback metric';
}

export const RELEVANCE_QUERIES = fileURLToPath(new URL('../test/relevance/queries.json', import.meta.url));

/** A relevance query as the bench needs it: the text, its kind, the post ids that count as a hit. */
export interface RelevanceQuery {
  query: string;
  kind: string;
  expected: string[];
}

type RawQuery = Record<string, unknown>;

/** The relevance set, read tolerantly (field names may still move), or undefined when absent. */
export async function readRelevanceSet(): Promise<{ raw: unknown; queries: RelevanceQuery[] } | undefined> {
  const raw = await readJsonIfPresent<unknown>(RELEVANCE_QUERIES);
  if (raw === undefined) return undefined;
  const list = (Array.isArray(raw) ? raw : ((raw as { queries?: unknown[] }).queries ?? [])) as RawQuery[];
  const queries = list.map((q) => {
    const expected = q.expect ?? q.expected ?? q.relevant ?? [];
    return {
      query: String(q.query ?? q.q ?? ''),
      kind: String(q.kind ?? q.type ?? 'all'),
      expected: (Array.isArray(expected) ? expected : [expected]).map(String),
    };
  });
  return { raw, queries };
}

type Evaluate = (queries: unknown, search: (query: string) => unknown) => unknown;

/** Runs the relevance set through `search` (ranked post ids). */
export async function evaluateRelevance(search: (query: string) => Promise<string[]> | string[]): Promise<RelevanceFigures | undefined> {
  const set = await readRelevanceSet();
  if (!set) return undefined;
  // Resolve async engines up front: the project's evaluate expects a synchronous search.
  const answers = new Map<string, string[]>();
  for (const q of set.queries) answers.set(q.query, await search(q.query));
  const project = await projectEvaluate();
  if (project) {
    const result = project(set.raw, (query: string) => answers.get(query) ?? []);
    const figures = normalize(await result);
    if (figures) return { ...figures, via: 'test/relevance/metrics.ts' };
  }
  return { ...score(set.queries, answers), via: 'bench fallback metric' };
}

async function projectEvaluate(): Promise<Evaluate | undefined> {
  try {
    const specifier = '../test/relevance/metrics.ts';
    return ((await import(specifier)) as { evaluate?: Evaluate }).evaluate;
  } catch (error) {
    if (isMissingModule(error)) return undefined;
    throw error;
  }
}

/** Accepts the project's result if it has the expected figures; undefined otherwise. */
function normalize(result: unknown): Omit<RelevanceFigures, 'via'> | undefined {
  const r = result as { overall?: KindFigures; byKind?: Record<string, KindFigures> } | undefined;
  if (!r?.overall || !r.byKind) return undefined;
  return { overall: r.overall, byKind: r.byKind };
}

function score(queries: readonly RelevanceQuery[], answers: Map<string, string[]>): Omit<RelevanceFigures, 'via'> {
  const tally = new Map<string, { n: number; hits: number; rr: number }>();
  const add = (kind: string, hit: boolean, rr: number) => {
    const t = tally.get(kind) ?? { n: 0, hits: 0, rr: 0 };
    t.n++;
    t.hits += hit ? 1 : 0;
    t.rr += rr;
    tally.set(kind, t);
  };
  for (const q of queries) {
    const ranked = answers.get(q.query) ?? [];
    // An empty expectation (a nonsense query) is met by an empty answer, as in metrics.ts.
    const rank = q.expected.length === 0 ? (ranked.length === 0 ? 0 : -1) : ranked.findIndex((id) => q.expected.includes(id));
    const rr = rank < 0 ? 0 : 1 / (rank + 1);
    add(q.kind, rank === 0, rr);
    add('*', rank === 0, rr);
  }
  const figures = (t: { n: number; hits: number; rr: number }): KindFigures => ({ count: t.n, successAt1: t.hits / t.n, mrr: t.rr / t.n });
  const byKind: Record<string, KindFigures> = {};
  for (const [kind, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) if (kind !== '*') byKind[kind] = figures(t);
  return { overall: figures(tally.get('*') ?? { n: 0, hits: 0, rr: 0 }), byKind };
}
