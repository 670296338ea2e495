/**
 * `npm run bench`: briefbot's speed, memory and relevance, measured on this machine, side by
 * side with MiniSearch (defaults), FlexSearch and Orama, on the real blog and on synthetic
 * corpora of 1,000 and 10,000 posts. Prints markdown tables and writes the same figures, with
 * the machine and package versions, to bench/results.json.
 *
 * Every measurement runs in a child process of its own (cold start, clean heap, `--expose-gc`).
 * Options: `--quick` (skip the 10,000-post corpus), `--seed N`; env BENCH_REAL_CORPUS (site folder).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CANDIDATES, type EngineCandidate } from './engines.ts';
import type { EngineFigures } from './engine-child.ts';
import { generateCorpus } from './generate-corpus.ts';
import { measureReady } from './ready.ts';
import { REAL_CORPUS_QUERIES, syntheticQueries, type BenchQuery } from './queries.ts';
import { readRelevanceSet, realisticTables } from './relevance.ts';
import type { ReindexScenario } from './reindex-child.ts';
import { median } from './stats.ts';
import { measureTailsSection, tailsMarkdown, tailsTargets } from './tails-section.ts';
import { costSection } from './incremental-rows.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The real blog: `../shared/corpus/webi-tech-blog` beside the checkout, or BENCH_REAL_CORPUS. */
const REAL_SITE = resolve(ROOT, process.env.BENCH_REAL_CORPUS ?? '../shared/corpus/webi-tech-blog');
const RESULTS = join(ROOT, 'bench', 'results.json');
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const SEED = Number(argv[argv.indexOf('--seed') + 1] || 20260225) || 20260225;

const runStarted = performance.now();
const progress = (message: string) => process.stderr.write(`[bench ${((performance.now() - runStarted) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

// ---------------------------------------------------------------- child processes

interface ChildResult<T> {
  json: T;
  /** From spawn to the JSON line on stdout. */
  wallMs: number;
}

/** Runs `node [--expose-gc] --import tsx <script> ...args` from the project root; parses its JSON line. */
function runChild<T>(script: string, args: string[], options: { exposeGc?: boolean; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<ChildResult<T>> {
  const nodeArgs = [...(options.exposeGc ? ['--expose-gc'] : []), '--import', 'tsx', join('bench', script), ...args];
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let found: ChildResult<T> | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (found) return;
      const line = stdout.split('\n').find((l) => l.startsWith('{') && l.endsWith('}'));
      if (line) found = { json: JSON.parse(line) as T, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!found) {
        const line = stdout.split('\n').reverse().find((l) => l.startsWith('{'));
        if (line) found = { json: JSON.parse(line) as T, wallMs: Number(process.hrtime.bigint() - started) / 1e6 };
      }
      if (found) resolvePromise(found);
      else reject(new Error(`bench/${script} ${args.join(' ')} ended (${code ?? signal}) without a result:\n${stderr.slice(-2000)}`));
    });
  });
}

// ---------------------------------------------------------------- machine and versions

async function packageVersion(name: string): Promise<string> {
  // The bot's packages in node_modules, the bench's own engines in bench/node_modules.
  for (const modules of [join(ROOT, 'node_modules'), join(ROOT, 'bench', 'node_modules')]) {
    try {
      return (JSON.parse(await readFile(join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not in this one
    }
  }
  return 'not installed';
}

async function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

async function versions(): Promise<Record<string, string>> {
  const names = ['minisearch', 'flexsearch', '@orama/orama', 'tsx', 'typescript', 'discord.js', 'grammy', 'gray-matter'];
  const entries = await Promise.all(names.map(async (n) => [n, await packageVersion(n)] as const));
  let commit = 'unknown';
  try {
    const head = (await readFile(join(ROOT, '.git', 'HEAD'), 'utf8')).trim();
    commit = head.startsWith('ref: ') ? (await readFile(join(ROOT, '.git', head.slice(5)), 'utf8')).trim() : head;
  } catch {
    // not a git checkout: the figures stand without it
  }
  return { briefbot: (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version, commit, ...Object.fromEntries(entries) };
}

// ---------------------------------------------------------------- corpora

interface Corpus {
  name: string;
  siteDir: string;
  posts: number;
  source: string;
  queriesFile: string;
  queries: BenchQuery[];
  relevance: boolean;
}

async function prepareCorpora(workDir: string): Promise<Corpus[]> {
  const corpora: Corpus[] = [];
  const relevanceSet = await readRelevanceSet();
  const realQueries: BenchQuery[] = relevanceSet
    ? relevanceSet.queries.map((q) => ({ query: q.query, kind: q.kind }))
    : [...REAL_CORPUS_QUERIES];
  const realQueriesFile = join(workDir, 'queries-real.json');
  await writeFile(realQueriesFile, JSON.stringify(realQueries));
  corpora.push({
    name: 'real',
    siteDir: REAL_SITE,
    posts: 101,
    source: relevanceSet ? `${REAL_SITE} (queries: test/relevance/queries.json)` : `${REAL_SITE} (queries: built-in list; relevance set not there yet)`,
    queriesFile: realQueriesFile,
    queries: realQueries,
    relevance: Boolean(relevanceSet),
  });
  for (const count of QUICK ? [1000] : [1000, 10000]) {
    const siteDir = join(workDir, `synthetic-${count}`);
    const generated = await generateCorpus({ count, seed: SEED + count, outDir: siteDir, realPostsDir: join(REAL_SITE, '_posts') });
    const queries = syntheticQueries(generated.topics, SEED + count + 1);
    const queriesFile = join(workDir, `queries-${count}.json`);
    await writeFile(queriesFile, JSON.stringify(queries));
    corpora.push({
      name: `synthetic ${count.toLocaleString('en-US')}`,
      siteDir,
      posts: count,
      source: `bench/generate-corpus.ts seed ${SEED + count}, sha256 ${generated.hash.slice(0, 16)}`,
      queriesFile,
      queries,
      relevance: false,
    });
    progress(`generated ${count} posts in ${siteDir}`);
  }
  return corpora;
}

// ---------------------------------------------------------------- measurements

async function startup(corpora: Corpus[]) {
  const noop: number[] = [];
  for (let i = 0; i < 5; i++) noop.push((await runChild<unknown>('noop-child.ts', [])).wallMs);
  const processStartMs = median(noop);
  const rows = [];
  for (const corpus of corpora) {
    const runs = corpus.posts >= 10000 ? 1 : 3;
    const samples: ChildResult<Record<string, number | string>>[] = [];
    try {
      for (let i = 0; i < runs; i++) samples.push(await runChild('startup-child.ts', [corpus.siteDir], { timeoutMs: 300_000 }));
    } catch (error) {
      rows.push({ corpus: corpus.name, error: String(error).slice(0, 300) });
      continue;
    }
    if (samples[0]?.json.error) {
      rows.push({ corpus: corpus.name, error: String(samples[0].json.error) });
      continue;
    }
    samples.sort((a, b) => a.wallMs - b.wallMs);
    const mid = samples[Math.floor(samples.length / 2)]!;
    rows.push({
      corpus: corpus.name,
      runs,
      readyWallMs: mid.wallMs,
      processStartMs,
      readyMinusStartMs: mid.wallMs - processStartMs,
      codeLoadedMs: mid.json.codeLoadedMs as number,
      loadMs: mid.json.loadMs as number,
      buildMs: mid.json.buildMs as number,
      firstQueryMs: mid.json.firstQueryMs as number,
      rssMb: mid.json.rssMb as number,
      heapUsedMb: mid.json.heapUsedMb as number,
    });
    progress(`start-up ${corpus.name}: ready in ${mid.wallMs.toFixed(0)} ms`);
  }
  return { processStartMs, noopSamplesMs: noop, rows };
}

/** Picks, per alternative, the configuration with the best relevance on the real corpus. */
async function chooseConfigs(real: Corpus) {
  const trials: (EngineFigures & { candidate: EngineCandidate })[] = [];
  const chosen = new Map<string, EngineCandidate>();
  for (const c of CANDIDATES) {
    const { json } = await runChild<EngineFigures>('engine-child.ts', [c.engine, c.config, real.siteDir, real.queriesFile, real.relevance ? 'relevance' : ''], { exposeGc: true });
    trials.push({ ...json, candidate: c });
  }
  for (const engine of new Set(CANDIDATES.map((c) => c.engine))) {
    const mine = trials.filter((t) => t.engine === engine && !t.error);
    mine.sort((a, b) => (b.relevance?.overall.mrr ?? 0) - (a.relevance?.overall.mrr ?? 0) || (b.relevance?.overall.successAt1 ?? 0) - (a.relevance?.overall.successAt1 ?? 0));
    if (mine[0]) chosen.set(engine, mine[0].candidate);
  }
  progress(`configurations: ${[...chosen.values()].map((c) => `${c.engine}: ${c.config}`).join('; ')}`);
  return { trials, chosen };
}

async function engines(corpora: Corpus[], chosen: Map<string, EngineCandidate>) {
  const rows: (EngineFigures & { corpus: string })[] = [];
  for (const corpus of corpora) {
    for (const c of chosen.values()) {
      try {
        const { json } = await runChild<EngineFigures>('engine-child.ts', [c.engine, c.config, corpus.siteDir, corpus.queriesFile, corpus.relevance ? 'relevance' : ''], { exposeGc: true, timeoutMs: 240_000 });
        rows.push({ ...json, engine: c.engine, config: c.config, corpus: corpus.name });
        progress(`${corpus.name} / ${c.engine}: build ${json.buildMs?.toFixed(0)} ms, p99 ${json.latency?.p99Ms.toFixed(2)} ms`);
      } catch (error) {
        rows.push({ engine: c.engine, config: c.config, corpus: corpus.name, error: String(error).slice(0, 300) } as EngineFigures & { corpus: string });
        progress(`${corpus.name} / ${c.engine}: FAILED ${String(error).slice(0, 200)}`);
      }
    }
  }
  return rows;
}

async function reindex(corpus: Corpus | undefined) {
  if (!corpus) return { skipped: 'no 10,000-post corpus (--quick)' };
  try {
    const { json } = await runChild<{ scenarios?: ReindexScenario[]; arrivalEveryMs?: number; error?: string }>('reindex-child.ts', [corpus.siteDir], { exposeGc: true, timeoutMs: 400_000 });
    progress(`reindex: ${json.error ?? json.scenarios?.map((s) => `${s.mode} worst delay ${s.maxDelayMs.toFixed(0)} ms`).join(', ')}`);
    return { corpus: corpus.name, ...json };
  } catch (error) {
    progress(`reindex: FAILED ${String(error).slice(0, 200)}`);
    return { corpus: corpus.name, error: String(error).slice(0, 300) };
  }
}

interface AdapterFigures {
  platform: string;
  commands?: number;
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  path?: string;
  error?: string;
}

async function adapters(): Promise<AdapterFigures[]> {
  const rows: AdapterFigures[] = [];
  for (const platform of ['telegram', 'discord']) {
    if (!existsSync(join(ROOT, 'src', 'platforms', platform, 'index.ts')) || !existsSync(join(ROOT, 'test', 'fakes', platform, 'server.ts'))) {
      rows.push({ platform, error: 'not measured yet: adapter or fake missing' });
      continue;
    }
    try {
      const { json } = await runChild<AdapterFigures>('adapters-child.ts', [platform, REAL_SITE], { timeoutMs: 180_000 });
      rows.push(json);
      progress(`adapter ${platform}: ${json.error ?? `p99 ${json.p99Ms?.toFixed(2)} ms`}`);
    } catch (error) {
      rows.push({ platform, error: `not measured: ${String(error).slice(0, 300)}` });
    }
  }
  return rows;
}

/** What `bench/fanout.ts --json` prints (the announcements engineer's script). */
interface FanoutJson {
  targets: { discord: number; telegram: number };
  delivered: { discord: number; telegram: number };
  rateLimited429: { discord: number; telegram: number };
  ms: { discordLastSend: number; discordFastestPossible: number; telegramLastSend: number; telegramFastestPossible: number; total: number };
}

interface FanoutFigures {
  platform: string;
  targets: number;
  delivered: number;
  rateLimited429: number;
  /** Achieved deliveries per second. */
  ratePerSecond: number;
  /** What the fake's rate limits allow per second. */
  allowedPerSecond: number;
  /** Fastest completion the limits allow / actual completion (1 = at the limit). */
  fraction: number;
}

async function fanout(): Promise<{ rows: FanoutFigures[]; note?: string; raw?: unknown }> {
  if (!existsSync(join(ROOT, 'bench', 'fanout.ts'))) return { rows: [], note: 'not measured yet: bench/fanout.ts does not exist' };
  try {
    const { json } = await runChild<FanoutJson>('fanout.ts', ['--json'], { timeoutMs: 240_000 });
    const rows: FanoutFigures[] = [];
    const limits = { discord: 50, telegram: 30 } as const;
    for (const platform of ['discord', 'telegram'] as const) {
      const targets = json.targets[platform];
      const lastSendMs = platform === 'discord' ? json.ms.discordLastSend : json.ms.telegramLastSend;
      const fastestMs = platform === 'discord' ? json.ms.discordFastestPossible : json.ms.telegramFastestPossible;
      rows.push({
        platform,
        targets,
        delivered: json.delivered[platform],
        rateLimited429: json.rateLimited429[platform],
        ratePerSecond: lastSendMs > 0 ? (targets - 1) / (lastSendMs / 1000) : Number.NaN,
        allowedPerSecond: limits[platform],
        fraction: lastSendMs > 0 ? fastestMs / lastSendMs : Number.NaN,
      });
    }
    return { rows, raw: json };
  } catch (error) {
    return { rows: [], note: `not measured: ${String(error).slice(0, 300)}` };
  }
}

// ---------------------------------------------------------------- output

const f = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
const pct = (n: number | undefined) => (n === undefined ? '–' : `${(n * 100).toFixed(0)}%`);

function table(header: string[], rows: (string | number)[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

interface Target {
  target: string;
  measured: string;
  pass: boolean | undefined;
}

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(os.tmpdir(), 'briefbot-bench-'));
  try {
    const [machineInfo, versionInfo] = await Promise.all([machine(), versions()]);
    progress(`${machineInfo.cpu}, ${machineInfo.cores} cores, node ${machineInfo.node}; corpora in ${workDir}`);
    const corpora = await prepareCorpora(workDir);
    const real = corpora[0]!;
    const big = corpora.find((c) => c.posts >= 10000);

    const startupFigures = await startup(corpora);
    // The real program, spawn → first console reply: through tsx and through the build.
    const programReady = await measureReady(3);
    for (const row of programReady) progress(`ready (${row.launcher}): ${row.medianMs.toFixed(0)} ms`);
    const selection = await chooseConfigs(real);
    const engineRows = await engines(corpora, selection.chosen);
    // ---- query tails (issue 15): its own section, bench/tails-section.ts
    const tailsRows = await measureTailsSection([real, ...(big ? [big] : [])], runChild, progress);
    const reindexFigures = await reindex(big);
    // Issue 15's cost rows (bench/incremental-rows.ts): incremental reindex, restarts.
    const cost = await costSection(real, big, progress);
    const adapterRows = await adapters();
    const fanoutFigures = await fanout();

    // ---- targets
    const targets: Target[] = [];
    const bigBriefbot = engineRows.find((r) => r.corpus === big?.name && r.engine === 'briefbot');
    targets.push({
      target: 'query p99 < 5 ms at 10,000 posts',
      measured: bigBriefbot?.latency ? `${f(bigBriefbot.latency.p99Ms, 2)} ms` : 'not measured',
      pass: bigBriefbot?.latency ? bigBriefbot.latency.p99Ms < 5 : undefined,
    });
    targets.push(...tailsTargets(tailsRows));
    const realStartup = startupFigures.rows.find((r) => r.corpus === 'real') as { readyWallMs?: number; readyMinusStartMs?: number } | undefined;
    targets.push({
      target: 'ready < 1 s for the real corpus (cold process, spawn → ready)',
      measured: realStartup?.readyWallMs ? `${f(realStartup.readyWallMs, 0)} ms (of which ${f(startupFigures.processStartMs, 0)} ms node + tsx start)` : 'not measured',
      pass: realStartup?.readyWallMs ? realStartup.readyWallMs < 1000 : undefined,
    });
    const built = programReady.find((r) => r.launcher.startsWith('node dist'));
    const viaTsx = programReady.find((r) => r.launcher.startsWith('tsx'));
    targets.push({
      target: 'ready < 1 s for the real corpus, the built program (npm start: spawn → first console reply)',
      measured: built ? `${f(built.medianMs, 0)} ms (through tsx: ${viaTsx ? f(viaTsx.medianMs, 0) : '?'} ms)` : 'not measured (no dist/: npm run build)',
      pass: built ? built.medianMs < 1000 : undefined,
    });
    const asyncReindex = (reindexFigures as { scenarios?: ReindexScenario[] }).scenarios?.find((s) => s.mode === 'async');
    targets.push({
      target: 'worst event-loop delay < 100 ms during a 10,000-post reindex',
      measured: asyncReindex ? `${f(asyncReindex.maxDelayMs, 0)} ms (loading ${f(asyncReindex.maxDelayLoadMs, 0)}, buildAsync ${f(asyncReindex.maxDelayBuildMs, 0)})` : 'not measured',
      pass: asyncReindex ? asyncReindex.maxDelayMs < 100 : undefined,
    });
    for (const row of adapterRows) {
      targets.push({
        target: `adapter overhead p99 < 10 ms (${row.platform})`,
        measured: row.p99Ms !== undefined ? `${f(row.p99Ms, 2)} ms` : (row.error ?? 'not measured'),
        pass: row.p99Ms !== undefined ? row.p99Ms < 10 : undefined,
      });
    }
    if (fanoutFigures.rows.length === 0) targets.push({ target: 'fan-out ≥ 90% of the allowed rate', measured: fanoutFigures.note ?? 'not measured', pass: undefined });
    for (const row of fanoutFigures.rows) {
      targets.push({ target: `fan-out ≥ 90% of the allowed rate (${row.platform}, ${row.targets} targets)`, measured: pct(row.fraction), pass: row.fraction >= 0.9 });
    }
    targets.push(...cost.targets);
    const realRows = engineRows.filter((r) => r.corpus === 'real' && r.relevance);
    const mine = realRows.find((r) => r.engine === 'briefbot')?.relevance;
    if (mine) {
      for (const kind of Object.keys(mine.byKind)) {
        const best = Math.max(...realRows.filter((r) => r.engine !== 'briefbot').map((r) => r.relevance!.byKind[kind]?.mrr ?? 0));
        const bestS1 = Math.max(...realRows.filter((r) => r.engine !== 'briefbot').map((r) => r.relevance!.byKind[kind]?.successAt1 ?? 0));
        const ours = mine.byKind[kind]!;
        targets.push({
          target: `relevance ≥ best alternative: ${kind}`,
          measured: `MRR ${f(ours.mrr, 2)} vs ${f(best, 2)}, s@1 ${pct(ours.successAt1)} vs ${pct(bestS1)}`,
          pass: ours.mrr >= best - 1e-9 && ours.successAt1 >= bestS1 - 1e-9,
        });
      }
    } else {
      targets.push({ target: 'relevance ≥ best alternative on every query kind', measured: 'not measured (relevance set or briefbot search missing)', pass: undefined });
    }

    const totalSeconds = (performance.now() - runStarted) / 1000;
    const results = {
      generatedAt: new Date().toISOString(),
      totalSeconds,
      machine: machineInfo,
      versions: versionInfo,
      seed: SEED,
      corpora: corpora.map(({ name, posts, source, queries }) => ({ name, posts, source, queries: queries.length })),
      startup: startupFigures,
      programReady,
      configSelection: selection.trials.map(({ candidate: _c, ...t }) => t),
      engines: engineRows,
      tails: tailsRows,
      reindex: reindexFigures,
      cost: cost.figures,
      adapters: adapterRows,
      fanout: fanoutFigures,
      targets,
    };
    await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

    // ---- tables
    const out: string[] = [];
    out.push(`Machine: ${machineInfo.cpu}, ${machineInfo.cores} cores, ${machineInfo.memoryGb} GB, Node ${machineInfo.node}. ` +
      `minisearch ${versionInfo.minisearch}, flexsearch ${versionInfo.flexsearch}, @orama/orama ${versionInfo['@orama/orama']}, commit ${(versionInfo.commit ?? '').slice(0, 7)}.`);
    out.push('', '### Start-up: cold process to ready to answer (median; "code loaded" counts from process start)', '');
    out.push(table(['corpus', 'ready (spawn → ready)', 'empty node + tsx', 'code loaded', 'load posts', 'index', 'RSS', 'heap used'],
      startupFigures.rows.map((r) => ('error' in r ? [r.corpus, `not measured: ${r.error}`, '', '', '', '', '', ''] : [
        r.corpus, `${f(r.readyWallMs, 0)} ms`, `${f(r.processStartMs, 0)} ms`, `${f(r.codeLoadedMs, 0)} ms`, `${f(r.loadMs, 0)} ms`, `${f(r.buildMs, 0)} ms`, `${f(r.rssMb, 0)} MB`, `${f(r.heapUsedMb, 0)} MB`,
      ]))));
    out.push('', '### The program: spawn → first console reply to `/summary Nvidia` on the real corpus (median of 3)', '');
    out.push(table(['launcher', 'ready', 'samples'], programReady.map((r) => [r.launcher, `${f(r.medianMs, 0)} ms`, r.samplesMs.join(', ')])));
    out.push('', '### Search engines side by side (same posts, same queries; heap = growth after GC with the index alive)', '');
    out.push(table(['corpus', 'engine', 'build', 'heap', 'query p50', 'query p99', 'queries'],
      engineRows.map((r) => (r.error || !r.latency ? [r.corpus, r.engine, `not measured: ${r.error ?? '?'}`.slice(0, 80), '', '', '', ''] : [
        r.corpus, r.engine, `${f(r.buildMs, 0)} ms`, `${f(r.heapDeltaMb, 1)} MB`, `${f(r.latency.p50Ms, 3)} ms`, `${f(r.latency.p99Ms, 3)} ms`, String(r.latency.samples),
      ]))));
    out.push(...tailsMarkdown(tailsRows, table));
    const kinds = [...new Set(realRows.flatMap((r) => Object.keys(r.relevance!.byKind)))];
    if (realRows.length > 0) {
      out.push('', `### Relevance on the real corpus (test/relevance/queries.json): MRR / success@1`, '');
      out.push(table(['engine', 'all', ...kinds],
        realRows.map((r) => [r.engine, `${f(r.relevance!.overall.mrr, 2)} / ${pct(r.relevance!.overall.successAt1)}`,
          ...kinds.map((k) => { const x = r.relevance!.byKind[k]; return x ? `${f(x.mrr, 2)} / ${pct(x.successAt1)}` : '–'; })])));
      out.push('', `Queries per kind: ${kinds.map((k) => `${k} ${realRows[0]!.relevance!.byKind[k]?.count ?? 0}`).join(', ')}.`);
      for (const t of realisticTables(realRows)) out.push('', `### ${t.title}`, '', table(t.header, t.rows));
    }
    out.push('', 'Configurations: ' + [...selection.chosen.values()].map((c) => `**${c.engine}** ${c.config}`).join('; ') + '.');
    if ((reindexFigures as { scenarios?: ReindexScenario[] }).scenarios) {
      out.push('', `### Reindex of ${big?.name} posts while a query arrives every ${(reindexFigures as { arrivalEveryMs?: number }).arrivalEveryMs} ms`, '');
      out.push(table(['build', 'load', 'index', 'worst loop delay: load', 'worst loop delay: index', 'worst (1 ms canary)', 'longest single query', 'queries meanwhile (serving index)', 'response p50', 'response p99'],
        (reindexFigures as { scenarios: ReindexScenario[] }).scenarios.map((s) => [
          s.mode === 'async' ? `buildAsync${s.chunkSize ? ` (chunk ${s.chunkSize})` : ''}` : 'build (sync)', `${f(s.loadMs, 0)} ms`, `${f(s.buildMs, 0)} ms`,
          `${f(s.maxDelayLoadMs, 0)} ms`, `${f(s.maxDelayBuildMs, 0)} ms`, `${f(s.canaryMaxDelayMs, 0)} ms`, `${f(s.longestSearchMs, 0)} ms`, `${s.responses.samples} (${s.servingPosts} posts)`, `${f(s.responses.p50Ms, 1)} ms`, `${f(s.responses.p99Ms, 1)} ms`,
        ])));
    } else {
      out.push('', `Reindex: not measured (${(reindexFigures as { error?: string; skipped?: string }).error ?? (reindexFigures as { skipped?: string }).skipped})`);
    }
    out.push(...cost.markdown);
    out.push('', '### Adapters: incoming command → reply request at the local fake (real corpus)', '');
    out.push(table(['platform', 'commands', 'p50', 'p99', 'max', 'path'],
      adapterRows.map((r) => (r.p99Ms === undefined ? [r.platform, r.error ?? 'not measured', '', '', '', ''] : [
        r.platform, String(r.commands), `${f(r.p50Ms, 2)} ms`, `${f(r.p99Ms, 2)} ms`, `${f(r.maxMs, 2)} ms`, r.path ?? '',
      ]))));
    out.push('', '### Fan-out of an announcement to many targets against rate-limited fakes', '');
    out.push(fanoutFigures.rows.length === 0 ? `not measured yet: ${fanoutFigures.note}` : table(['platform', 'targets', 'delivered', '429s', 'achieved /s', 'allowed /s', 'of the allowed rate'],
      fanoutFigures.rows.map((r) => [r.platform, String(r.targets), String(r.delivered), String(r.rateLimited429), f(r.ratePerSecond, 1), f(r.allowedPerSecond, 1), pct(r.fraction)])));
    out.push('', '### Targets', '');
    out.push(table(['target', 'measured', ''], targets.map((t) => [t.target, t.measured, t.pass === undefined ? 'NOT MEASURED' : t.pass ? 'PASS' : 'MISS'])));
    out.push('', `Total bench time: ${totalSeconds.toFixed(0)} s. Figures: bench/results.json.`);
    console.log(out.join('\n'));
    await writeFile(RESULTS, `${JSON.stringify({ ...results, totalSeconds }, null, 2)}\n`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

await main();
