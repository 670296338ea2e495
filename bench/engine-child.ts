/**
 * One engine over one corpus, in a process of its own (run with `node --expose-gc`), so that
 * memory figures are not polluted by the other engines: build time, heap growth after GC,
 * query latency over the fixed mix, and (when given the relevance set) success@1 and MRR.
 *
 * argv: <engine> <config> <siteDir> <queriesJson> [relevance]   → one JSON line on stdout.
 */
import { readFile } from 'node:fs/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { candidate } from './engines.ts';
import { loadCorpus } from './posts-source.ts';
import type { BenchQuery } from './queries.ts';
import { evaluateRelevance, type RelevanceFigures } from './relevance.ts';
import { summarizeNs, type LatencySummary } from './stats.ts';

export interface EngineFigures {
  engine: string;
  config: string;
  posts: number;
  postsVia: string;
  buildMs: number;
  /** Heap used after GC with the index alive, minus before building it. */
  heapDeltaMb: number;
  latency: LatencySummary;
  /** Garbage-collection pauses while the queries were measured. */
  gcDuringQueries?: { pauses: number; totalMs: number; maxMs: number };
  /** Latency by query kind, to see which kind drives the p99. */
  latencyByKind?: Record<string, LatencySummary>;
  /** The five queries slowest at the median of their repetitions. */
  slowestQueries?: { query: string; kind: string; p50Ms: number; maxMs: number }[];
  relevance?: RelevanceFigures;
  error?: string;
}

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (!gc) throw new Error('bench: run engine-child with node --expose-gc');
  gc();
  gc();
}

/** Enough samples for a stable p99 without blowing the 10-minute budget. */
const MIN_SAMPLES = 2000;
const MAX_MEASURE_MS = 4000;

async function main(): Promise<void> {
  const [engine, config, siteDir, queriesPath, relevanceFlag] = process.argv.slice(2);
  if (!engine || !config || !siteDir || !queriesPath) throw new Error('usage: engine-child <engine> <config> <siteDir> <queriesJson> [relevance]');
  const queries = JSON.parse(await readFile(queriesPath, 'utf8')) as BenchQuery[];
  const { posts, via } = await loadCorpus(siteDir);

  const chosen = candidate(engine, config);
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  const built = await chosen.create();
  if (!built) {
    console.log(JSON.stringify({ engine, config, error: 'not available yet' }));
    return;
  }
  await built.build(posts);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  collect();
  const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

  const run = async (query: string): Promise<void> => {
    const result = built.search(query, 10);
    if (result instanceof Promise) await result; // only engines with an async API pay for the await
  };
  // Warm-up: JIT and caches, three passes over the mix (the figures are for a bot that has been up).
  for (let pass = 0; pass < 3; pass++) for (const q of queries) await run(q.query);

  // Garbage collection during the measurement: a search that allocates a lot pays for it in the tail.
  const gcPauses: number[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const samples: number[] = [];
  const perQuery = queries.map(() => [] as number[]);
  const measureStart = performance.now();
  for (let i = 0; samples.length < MIN_SAMPLES || (i % queries.length !== 0); i++) {
    const q = queries[i % queries.length]!;
    const t0 = process.hrtime.bigint();
    await run(q.query);
    const ns = Number(process.hrtime.bigint() - t0);
    samples.push(ns);
    perQuery[i % queries.length]!.push(ns);
    if (performance.now() - measureStart > MAX_MEASURE_MS && samples.length >= queries.length) break;
  }

  await new Promise((resolve) => setTimeout(resolve, 20)); // gc entries are delivered on a later turn
  gcObserver.disconnect();
  const figures: EngineFigures = {
    engine,
    config,
    posts: posts.length,
    postsVia: via,
    buildMs,
    heapDeltaMb,
    latency: summarizeNs(samples),
    gcDuringQueries: { pauses: gcPauses.length, totalMs: gcPauses.reduce((a, b) => a + b, 0), maxMs: Math.max(0, ...gcPauses) },
    latencyByKind: Object.fromEntries(
      [...new Set(queries.map((q) => q.kind))].map((kind) => [kind, summarizeNs(perQuery.filter((_, i) => queries[i]!.kind === kind).flat())]),
    ),
    slowestQueries: queries
      .map((q, i) => ({ query: q.query, kind: q.kind, ...summarizeNs(perQuery[i]!) }))
      .filter((q) => q.samples > 0)
      .sort((a, b) => b.p50Ms - a.p50Ms)
      .slice(0, 5)
      .map(({ query, kind, p50Ms, maxMs }) => ({ query, kind, p50Ms, maxMs })),
  };
  if (relevanceFlag === 'relevance') figures.relevance = await evaluateRelevance((q) => built.search(q, 10));
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  process.exitCode = 1;
});
