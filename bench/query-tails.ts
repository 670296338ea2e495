/**
 * Query tails: briefbot's index and MiniSearch with its defaults over the same posts and the same
 * queries, in one process and interleaved (briefbot, then MiniSearch, query by query), so that the
 * machine's noise falls on both alike and their ratio means something on a loaded machine.
 *
 * Prints (and returns, for bench/run.ts) p50/p99/max of each engine in wall time and in CPU time
 * of the process (`process.cpuUsage`, which a busy neighbour does not inflate), the p99 ratio, the
 * slowest queries of briefbot and the garbage-collection pauses during its measurement.
 *
 * On a loaded machine the wall p99 measures the neighbours: the scheduler takes the CPU from this
 * thread for a time slice of a few ms, a query is hit with a chance that grows with its length,
 * and once more than 1 % of one engine's samples are hit its p99 is a time slice (briefbot's
 * 0.2 ms queries cross that line long before MiniSearch's 0.07 ms ones: 12–17× in loaded runs,
 * ~3–4× on a quiet machine). So each sample also records whether the main thread was preempted
 * while it ran (Linux: `nonvoluntary_ctxt_switches` of /proc/thread-self/status, read outside the
 * timed part), and `calm` summarizes the samples that were not, for both engines by the same rule.
 * A pause of the main thread for garbage collection is no preemption and stays in `calm`.
 *
 * CLI (run with `node --expose-gc --import tsx`):
 *   bench/query-tails.ts <siteDir> <queriesJson> [--rounds N] [--only briefbot]   → one JSON line
 *   bench/query-tails.ts --synthetic <count> <workDir> [seed]                      → generates the
 *     corpus and its queries (the same as `npm run bench` for that seed) and prints their paths
 * `--only briefbot` leaves MiniSearch out (for `node --cpu-prof`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { candidate, type BuiltEngine } from './engines.ts';
import { generateCorpus } from './generate-corpus.ts';
import { loadCorpus } from './posts-source.ts';
import { syntheticQueries, type BenchQuery } from './queries.ts';
import { summarizeNs, type LatencySummary } from './stats.ts';

const BRIEFBOT = ['briefbot', 'SearchIndex.build (project analyzer and ranking)'] as const;
const MINISEARCH = ['minisearch', 'defaults: fields title/summary/description/tags/body, default tokenizer and search options'] as const;

/** One engine's figures over the measured rounds. */
export interface TailFigures {
  wall: LatencySummary;
  /** CPU time of the process per query (µs resolution; background GC and compiler threads count too). */
  cpu: LatencySummary;
  /**
   * Each query's fastest wall time over the rounds, summarized over the queries: what a query
   * costs when nothing else gets in its way (a loaded machine inflates `wall`, rarely this).
   */
  floor: LatencySummary;
  /** Wall time of the samples during which the main thread was not preempted (Linux only). */
  calm?: LatencySummary;
  /** Samples during which it was (left out of `calm`). */
  preempted?: number;
}

export interface TailsResult {
  posts: number;
  queries: number;
  rounds: number;
  briefbot: TailFigures;
  minisearch?: TailFigures;
  /** briefbot / MiniSearch: p99 of wall and CPU time, p50 of wall time, p99 of the per-query floors and of the calm samples. */
  ratio?: { wallP99: number; cpuP99: number; wallP50: number; floorP99: number; calmP99?: number };
  /** The queries slowest at their median wall time (briefbot). */
  slowest: { query: string; kind: string; p50Ms: number; maxMs: number }[];
  /** GC pauses while briefbot's queries ran (MiniSearch's share is not separable: both run interleaved). */
  gc: { pauses: number; totalMs: number; maxMs: number };
  buildMs: { briefbot: number; minisearch?: number };
}

interface Sampler {
  engine: BuiltEngine;
  wall: number[];
  cpu: number[];
  /** Fastest wall time per query (by position in the mix). */
  fastest: number[];
  /** Wall time of the samples not preempted. */
  calm: number[];
  preempted: number;
}

const THREAD_STATUS = '/proc/thread-self/status';
const canSeePreemption = existsSync(THREAD_STATUS);

/** Times the main thread was preempted so far (its involuntary context switches), or 0 where the system does not say. */
function preemptions(): number {
  if (!canSeePreemption) return 0;
  return Number(/nonvoluntary_ctxt_switches:\s*(\d+)/.exec(readFileSync(THREAD_STATUS, 'utf8'))?.[1] ?? 0);
}

function timeOne(sampler: Sampler, query: string, position: number): number {
  const switches = preemptions();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  sampler.engine.search(query, 10);
  const ns = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  if (preemptions() === switches) sampler.calm.push(ns);
  else sampler.preempted++;
  sampler.wall.push(ns);
  sampler.cpu.push((cpu.user + cpu.system) * 1000);
  sampler.fastest[position] = Math.min(sampler.fastest[position] ?? Infinity, ns);
  return ns;
}

async function built(spec: readonly [string, string], posts: Parameters<BuiltEngine['build']>[0]): Promise<{ engine: BuiltEngine; buildMs: number }> {
  const started = performance.now();
  const engine = await candidate(spec[0], spec[1]).create();
  if (!engine) throw new Error(`${spec[0]} is not available`);
  await engine.build(posts);
  return { engine, buildMs: performance.now() - started };
}

/** Measures both engines over `siteDir` with `queries`, `rounds` passes after three warm-up passes. */
export async function measureTails(siteDir: string, queries: readonly BenchQuery[], options: { rounds?: number; only?: 'briefbot' } = {}): Promise<TailsResult> {
  const { posts } = await loadCorpus(siteDir);
  const ours = await built(BRIEFBOT, posts);
  const theirs = options.only ? undefined : await built(MINISEARCH, posts);
  const rounds = options.rounds ?? Math.max(3, Math.ceil(2000 / queries.length));
  const a: Sampler = { engine: ours.engine, wall: [], cpu: [], fastest: [], calm: [], preempted: 0 };
  const b: Sampler | undefined = theirs && { engine: theirs.engine, wall: [], cpu: [], fastest: [], calm: [], preempted: 0 };
  // Warm-up: JIT and caches, three passes over the mix (the figures are for a bot that has been up).
  for (let pass = 0; pass < 3; pass++) for (const q of queries) (ours.engine.search(q.query, 10), theirs?.engine.search(q.query, 10));

  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  const perQuery = queries.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    queries.forEach((q, i) => {
      // Alternating who goes first, so neither always runs on caches the other warmed.
      if (b && round % 2 === 1) timeOne(b, q.query, i);
      perQuery[i]!.push(timeOne(a, q.query, i));
      if (b && round % 2 === 0) timeOne(b, q.query, i);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 20)); // gc entries arrive on a later turn
  observer.disconnect();

  const figures = (s: Sampler): TailFigures => ({
    wall: summarizeNs(s.wall),
    cpu: summarizeNs(s.cpu),
    floor: summarizeNs(s.fastest),
    ...(canSeePreemption ? { calm: summarizeNs(s.calm), preempted: s.preempted } : {}),
  });
  const briefbot = figures(a);
  const minisearch = b && figures(b);
  return {
    posts: posts.length,
    queries: queries.length,
    rounds,
    briefbot,
    minisearch,
    ratio: minisearch && {
      wallP99: briefbot.wall.p99Ms / minisearch.wall.p99Ms,
      cpuP99: briefbot.cpu.p99Ms / minisearch.cpu.p99Ms,
      wallP50: briefbot.wall.p50Ms / minisearch.wall.p50Ms,
      floorP99: briefbot.floor.p99Ms / minisearch.floor.p99Ms,
      ...(briefbot.calm && minisearch.calm ? { calmP99: briefbot.calm.p99Ms / minisearch.calm.p99Ms } : {}),
    },
    slowest: queries
      .map((q, i) => ({ query: q.query, kind: q.kind, ...summarizeNs(perQuery[i]!) }))
      .sort((x, y) => y.p50Ms - x.p50Ms)
      .slice(0, 8)
      .map(({ query, kind, p50Ms, maxMs }) => ({ query, kind, p50Ms, maxMs })),
    gc: { pauses: pauses.length, totalMs: pauses.reduce((x, y) => x + y, 0), maxMs: Math.max(0, ...pauses) },
    buildMs: { briefbot: ours.buildMs, minisearch: theirs?.buildMs },
  };
}

/** Generates the synthetic corpus of `count` posts and its queries, as `npm run bench` does for `seed`. */
export async function syntheticCorpus(count: number, workDir: string, seed: number, realPostsDir: string): Promise<{ siteDir: string; queriesFile: string }> {
  const siteDir = join(workDir, `synthetic-${count}`);
  const queriesFile = join(workDir, `queries-${count}.json`);
  if (existsSync(queriesFile) && existsSync(join(siteDir, '_posts'))) return { siteDir, queriesFile };
  const generated = await generateCorpus({ count, seed: seed + count, outDir: siteDir, realPostsDir });
  await writeFile(queriesFile, JSON.stringify(syntheticQueries(generated.topics, seed + count + 1)));
  return { siteDir, queriesFile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  if (args[0] === '--synthetic') {
    const realPosts = new URL('../../shared/corpus/webi-tech-blog/_posts', import.meta.url).pathname;
    console.log(JSON.stringify(await syntheticCorpus(Number(args[1]), args[2]!, Number(args[3] ?? 20260225), realPosts)));
  } else {
    const [siteDir, queriesFile] = args;
    if (!siteDir || !queriesFile) throw new Error('usage: query-tails <siteDir> <queriesJson> [--rounds N] [--only briefbot]');
    const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as BenchQuery[];
    const rounds = flag('--rounds') ? Number(flag('--rounds')) : undefined;
    console.log(JSON.stringify(await measureTails(siteDir, queries, { rounds, only: flag('--only') === 'briefbot' ? 'briefbot' : undefined })));
  }
}
