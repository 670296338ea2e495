/**
 * Relevance on the project's own set (`test/relevance/queries.json`, written for the real
 * corpus): success@1 and MRR, overall and by query kind; and on the realistic set
 * (`test/relevance/realistic.json`, written blind from the posts as members type them), by part
 * (dev, held-out) and kind, with the precision side (nonsense and near-miss queries answered
 * honestly) beside the recall side. Uses the project's `test/relevance/metrics.ts` `evaluate`
 * when it exists, so the bench and the tests agree.
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
  /** The realistic set, by part; absent when the set or the project's metric is missing. */
  realistic?: Partial<Record<RealisticPart, PartFigures>>;
}

/** The halves of the realistic set: tuned on (`dev`) and judged on (`heldout`). */
export type RealisticPart = 'dev' | 'heldout';
export const REALISTIC_PARTS: readonly RealisticPart[] = ['dev', 'heldout'];

/** One part of the realistic set: by kind, plus the precision side beside the recall side. */
export interface PartFigures {
  overall: KindFigures;
  byKind: Record<string, KindFigures>;
  /** Nonsense and near-miss queries answered honestly (nothing, or the neighbouring post). */
  rejection?: KindFigures;
  /** Every other kind: the expected post found. */
  recall?: KindFigures;
}

export const RELEVANCE_QUERIES = fileURLToPath(new URL('../test/relevance/queries.json', import.meta.url));
export const REALISTIC_QUERIES = fileURLToPath(new URL('../test/relevance/realistic.json', import.meta.url));

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
    const realistic = await evaluateRealistic(project, search);
    if (figures) return { ...figures, via: 'test/relevance/metrics.ts', ...(realistic ? { realistic } : {}) };
  }
  return { ...score(set.queries, answers), via: 'bench fallback metric' };
}

/** The realistic set through `search`, each part on its own; undefined when the set is absent. */
async function evaluateRealistic(
  project: Evaluate,
  search: (query: string) => Promise<string[]> | string[],
): Promise<RelevanceFigures['realistic']> {
  const raw = await readJsonIfPresent<RawQuery[]>(REALISTIC_QUERIES);
  if (raw === undefined) return undefined;
  const answers = new Map<string, string[]>();
  for (const q of raw) answers.set(String(q.query), await search(String(q.query)));
  const byPart: Partial<Record<RealisticPart, PartFigures>> = {};
  for (const part of REALISTIC_PARTS) {
    const result = (await project(raw.filter((q) => q.part === part), (query: string) => answers.get(query) ?? [])) as PartFigures | undefined;
    const figures = normalize(result);
    if (figures) byPart[part] = { ...figures, rejection: result?.rejection, recall: result?.recall };
  }
  return byPart;
}

/** An engine's figures on the realistic set, as the bench's tables show them. */
export interface RealisticRow {
  engine: string;
  relevance?: RelevanceFigures;
}

/** A table ready to print: a title, a header and rows of cells. */
export interface FigureTable {
  title: string;
  header: string[];
  rows: string[][];
}

const percent = (figure: KindFigures | undefined) => (figure === undefined ? '–' : `${(figure.successAt1 * 100).toFixed(0)}%`);

/**
 * One table per part of the realistic set: success@1 per engine, overall, by kind, and the
 * precision side ("rejected": nonsense and near-miss answered honestly) beside the recall side.
 */
export function realisticTables(rows: readonly RealisticRow[]): FigureTable[] {
  const measured = rows.filter((r) => r.relevance?.realistic !== undefined);
  if (measured.length === 0) return [];
  return REALISTIC_PARTS.map((part) => {
    const figures = measured.map((r) => ({ engine: r.engine, part: r.relevance!.realistic![part] }));
    const kinds = [...new Set(figures.flatMap((f) => Object.keys(f.part?.byKind ?? {})))];
    const counts = kinds.map((kind) => figures.find((f) => f.part?.byKind[kind])?.part?.byKind[kind]?.count ?? 0);
    const total = figures.find((f) => f.part)?.part?.overall.count ?? 0;
    return {
      title: `Realistic set (test/relevance/realistic.json), ${part === 'dev' ? 'dev' : 'held-out'} part: success@1`,
      header: ['engine', `all (${total})`, 'rejected', 'recall', ...kinds.map((kind, i) => `${kind} (${counts[i]})`)],
      rows: figures.map(({ engine, part: f }) => [
        engine,
        percent(f?.overall),
        percent(f?.rejection),
        percent(f?.recall),
        ...kinds.map((kind) => percent(f?.byKind[kind])),
      ]),
    };
  });
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
