/**
 * The query-tails section of `npm run bench` (issue 15): briefbot against MiniSearch defaults on
 * the same queries, interleaved in one process (bench/query-tails.ts), on the real corpus and on
 * the largest synthetic one; the p99 ratio as a target row, the slowest queries and the GC pauses.
 * Kept apart from run.ts so that it can grow or go without touching the other sections.
 */
import type { TailsResult } from './query-tails.ts';

/** What run.ts needs of a corpus. */
interface TailsCorpus {
  name: string;
  siteDir: string;
  queriesFile: string;
  posts: number;
}

type RunChild = <T>(script: string, args: string[], options?: { exposeGc?: boolean; timeoutMs?: number }) => Promise<{ json: T }>;

export interface TailsRow extends Partial<TailsResult> {
  corpus: string;
  error?: string;
}

/** The ratio briefbot's p99 may reach against MiniSearch defaults on the same queries. */
export const TAILS_RATIO_TARGET = 3;

/** Runs the tails child on each corpus (in order; they are measured one at a time). */
export async function measureTailsSection(corpora: readonly TailsCorpus[], runChild: RunChild, progress: (message: string) => void): Promise<TailsRow[]> {
  const rows: TailsRow[] = [];
  for (const corpus of corpora) {
    try {
      const { json } = await runChild<TailsResult & { error?: string }>('query-tails.ts', [corpus.siteDir, corpus.queriesFile], { exposeGc: true, timeoutMs: 400_000 });
      rows.push({ corpus: corpus.name, ...json });
      progress(`tails ${corpus.name}: briefbot p99 ${json.briefbot?.wall.p99Ms.toFixed(2)} ms, MiniSearch ${json.minisearch?.wall.p99Ms.toFixed(2)} ms`);
    } catch (error) {
      rows.push({ corpus: corpus.name, error: String(error).slice(0, 300) });
      progress(`tails ${corpus.name}: FAILED ${String(error).slice(0, 200)}`);
    }
  }
  return rows;
}

const ms = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '–' : `${n.toFixed(digits)} ms`);
const times = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : `${n.toFixed(1)}×`);

/** `; not preempted: a vs b: r×` when the run could tell preempted samples apart. */
function calmText(row: TailsRow): string {
  const [ours, theirs] = [row.briefbot?.calm, row.minisearch?.calm];
  if (!ours || !theirs || row.ratio?.calmP99 === undefined) return '';
  return `; not preempted (${row.briefbot!.preempted} / ${row.minisearch!.preempted} samples left out): ${ms(ours.p99Ms)} vs ${ms(theirs.p99Ms)}: ${times(row.ratio.calmP99)}`;
}

/** The target row for the real corpus: p99 within {@link TAILS_RATIO_TARGET}× of MiniSearch's. */
export function tailsTargets(rows: readonly TailsRow[]): { target: string; measured: string; pass: boolean | undefined }[] {
  const real = rows.find((r) => r.corpus === 'real');
  const ratio = real?.ratio;
  return [
    {
      target: `query p99 on the real corpus ≤ ${TAILS_RATIO_TARGET}× MiniSearch defaults on the same queries (interleaved)`,
      measured: ratio
        ? `${ms(real!.briefbot!.wall.p99Ms)} vs ${ms(real!.minisearch!.wall.p99Ms)}: ${times(ratio.wallP99)}${calmText(real!)} (CPU ${times(ratio.cpuP99)}, per-query floors ${times(ratio.floorP99)})`
        : `not measured${real?.error ? `: ${real.error}` : ''}`,
      // Judged on the samples no neighbour preempted where the system tells them apart (query-tails.ts explains why).
      pass: ratio ? (ratio.calmP99 ?? ratio.wallP99) <= TAILS_RATIO_TARGET : undefined,
    },
  ];
}

/** Markdown: one table of both engines per corpus, then the slowest queries and GC pauses of each. */
export function tailsMarkdown(rows: readonly TailsRow[], table: (header: string[], rows: (string | number)[][]) => string): string[] {
  const out = ['', '### Query tails: briefbot and MiniSearch defaults interleaved on the same queries (wall; CPU; per-query floor = fastest of its rounds)', ''];
  out.push(
    table(
      ['corpus', 'engine', 'p50', 'p99', 'max', 'CPU p99', 'floor p50', 'floor p99', 'p99 not preempted', 'p99 ratio'],
      rows.flatMap((r) => {
        if (r.error || !r.briefbot) return [[r.corpus, 'not measured', r.error ?? '', '', '', '', '', '', '', '']];
        const calm = (f: NonNullable<TailsRow['briefbot']>) => (f.calm ? `${ms(f.calm.p99Ms)} (${f.preempted} left out)` : '–');
        const line = (engine: string, f: NonNullable<TailsRow['briefbot']>, ratio: string) => [r.corpus, engine, ms(f.wall.p50Ms, 3), ms(f.wall.p99Ms), ms(f.wall.maxMs, 1), ms(f.cpu.p99Ms), ms(f.floor.p50Ms, 3), ms(f.floor.p99Ms), calm(f), ratio];
        return [line('briefbot', r.briefbot, times(r.ratio?.wallP99)), ...(r.minisearch ? [line('minisearch', r.minisearch, '1×')] : [])];
      }),
    ),
  );
  for (const r of rows) {
    if (!r.slowest || !r.gc) continue;
    out.push('', `Slowest briefbot queries on ${r.corpus} (median of ${r.rounds} rounds / max): ${r.slowest.map((q) => `\`${q.query}\` ${q.p50Ms.toFixed(2)} / ${q.maxMs.toFixed(1)} ms`).join(', ')}.`);
    out.push(`GC pauses while both engines ran on ${r.corpus}: ${r.gc.pauses}, ${r.gc.totalMs.toFixed(0)} ms in all, longest ${r.gc.maxMs.toFixed(1)} ms.`);
  }
  return out;
}
