/**
 * The cost rows of `npm run bench` (issue 15): one new post into 10,000, restarts at 10,000 and
 * on the real corpus, and the worst loop delay of a full sliced rebuild at 10,000, each target
 * beside the figure of this run. Kept out of run.ts (which calls {@link costSection}) so the
 * query-tail rows can change there without touching these.
 */
import { measureIncremental, type IncrementalStep } from './incremental.ts';
import { measureRestarts, type RestartRun } from './restart.ts';

/** A target row, as run.ts prints them. */
export interface CostTarget {
  target: string;
  measured: string;
  pass: boolean | undefined;
}

export interface CostFigures {
  incremental?: IncrementalStep[];
  restarts: { corpus: string; cold: RestartRun; restarts: RestartRun[]; medianReadyMs: number }[];
  errors: string[];
}

const ms = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)} ms`);
const ratio = (measured: number, target: number) => `${(measured / target).toFixed(2)}× the target`;

function table(header: string[], rows: (string | number)[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** Measures everything (real corpus always; the 10,000-post rows when `big` is given). */
export async function costSection(real: { siteDir: string }, big: { siteDir: string } | undefined, progress: (message: string) => void) {
  const figures: CostFigures = { restarts: [], errors: [] };
  for (const [name, corpus] of [['real', real], ['synthetic 10,000', big]] as const) {
    if (!corpus) continue;
    try {
      const result = await measureRestarts(corpus.siteDir, name, 3);
      figures.restarts.push({ corpus: name, ...result });
      progress(`restart ${name}: cold ${ms(result.cold.readyMs)}, restarts ${result.restarts.map((r) => ms(r.readyMs)).join(', ')}`);
    } catch (error) {
      figures.errors.push(`restart ${name}: ${String(error).slice(0, 300)}`);
    }
  }
  if (big) {
    try {
      figures.incremental = await measureIncremental(big.siteDir);
      progress(`incremental: ${figures.incremental.map((s) => `${s.step} ${s.wallMs} ms`).join(', ')}`);
    } catch (error) {
      figures.errors.push(`incremental: ${String(error).slice(0, 300)}`);
    }
  }
  return { figures, targets: targetsOf(figures), markdown: markdownOf(figures) };
}

function targetsOf(figures: CostFigures): CostTarget[] {
  const targets: CostTarget[] = [];
  // The path the bot takes on a watch event or a git pull (the reload told the changed path); the full scan beside it.
  const added = figures.incremental?.find((s) => s.step === 'one new post' && s.reload === 'named');
  const scanned = figures.incremental?.find((s) => s.step === 'one new post (full scan)');
  targets.push({
    target: 'one new post into 10,000 posts: applied and searchable < 200 ms',
    measured: added ? `${ms(added.wallMs)} wall, ${ms(added.cpuMs)} CPU (reload told the path ${ms(added.loadMs)}, index update ${ms(added.indexMs)}); ${ratio(added.wallMs, 200)}; with a full scan instead: ${scanned ? `${ms(scanned.wallMs)} wall, ${ms(scanned.cpuMs)} CPU` : '–'}; before: full rebuild ~24 s` : 'not measured',
    pass: added ? added.wallMs < 200 && added.found : undefined,
  });
  targets.push({
    target: 'one new post into 10,000 posts: event-loop delay < 50 ms',
    measured: added ? `${ms(added.worstLoopDelayMs)} wall (${ms(added.worstLoopDelayCpuMs)} of it the process running); full scan: ${scanned ? `${ms(scanned.worstLoopDelayMs)} (${ms(scanned.worstLoopDelayCpuMs)})` : '–'}` : 'not measured',
    pass: added ? added.worstLoopDelayMs < 50 : undefined,
  });
  const big = figures.restarts.find((r) => r.corpus !== 'real');
  targets.push({
    target: 'restart at 10,000 posts (unchanged files): ready < 3 s',
    measured: big ? `${ms(big.medianReadyMs)} (median of ${big.restarts.length}; index ${big.restarts[0]?.index}); ${ratio(big.medianReadyMs, 3000)}; cold start with an empty state folder ${ms(big.cold.readyMs)}` : 'not measured',
    pass: big ? big.medianReadyMs < 3000 : undefined,
  });
  const real = figures.restarts.find((r) => r.corpus === 'real');
  targets.push({
    target: `restart on the real corpus: ready < 0.6 s (${real?.cold.launcher ?? 'compiled build'})`,
    measured: real ? `${ms(real.medianReadyMs)} (median of ${real.restarts.length}); ${ratio(real.medianReadyMs, 600)}; cold ${ms(real.cold.readyMs)}` : 'not measured',
    pass: real ? real.medianReadyMs < 600 && real.cold.launcher.startsWith('node dist') : undefined,
  });
  const full = figures.incremental?.find((s) => s.step.startsWith('full rebuild'));
  targets.push({
    target: 'full reindex of 10,000 posts (cached reload + sliced build): worst loop delay < 100 ms',
    measured: full ? `${ms(full.worstLoopDelayMs)} wall (${ms(full.worstLoopDelayCpuMs)} of it the process running); build ${ms(full.indexMs)}, ${ms(full.cpuMs)} CPU` : 'not measured',
    pass: full ? full.worstLoopDelayMs < 100 : undefined,
  });
  return targets;
}

function markdownOf(figures: CostFigures): string[] {
  const out: string[] = [];
  if (figures.incremental) {
    out.push('', '### Changes to a 10,000-post blog while it serves (reload with the post cache told the changed path, or scanning every file; index updated in place)', '');
    out.push(table(['step', 'posts', 'wall', 'CPU', 'reload', 'found by', 'index', 'how', 'worst loop delay', 'of it running', 'visible'],
      figures.incremental.map((s) => [s.step, s.posts, ms(s.wallMs), ms(s.cpuMs), ms(s.loadMs), s.reload, ms(s.indexMs), s.index, ms(s.worstLoopDelayMs), ms(s.worstLoopDelayCpuMs), s.found ? 'yes' : 'NO'])));
  }
  if (figures.restarts.length > 0) {
    out.push('', '### Restart: spawn → first console reply, with the state folder the previous run left', '');
    out.push(table(['corpus', 'launcher', 'cold (empty state)', 'restarts', 'index on restart', 'index ms', 'post load ms'],
      figures.restarts.map((r) => [r.corpus, r.cold.launcher, ms(r.cold.readyMs), r.restarts.map((x) => ms(x.readyMs)).join(', '), r.restarts[0]?.index ?? '–', r.restarts.map((x) => ms(x.indexMs)).join(', '), r.restarts.map((x) => ms(x.loadMs)).join(', ')])));
  }
  for (const error of figures.errors) out.push('', `Not measured: ${error}`);
  return out;
}
