/**
 * Reindex of a large corpus while queries keep arriving: how long does the event loop freeze?
 * A bot whose loop is blocked answers nobody, and Discord gives an interaction 3 s.
 *
 * Queries arrive every ARRIVAL_MS (a busy chat bot) against the index already serving; each
 * one's response time is its wait (lateness of its arrival) plus the search itself. Meanwhile the
 * posts are loaded again (async file reads) and indexed, first with the synchronous
 * `SearchIndex.build`, then with `SearchIndex.buildAsync`. `monitorEventLoopDelay` (1 ms
 * resolution) gives the worst delay per phase. A slow query blocks the loop too, so the longest
 * single search is reported beside it, to tell the two causes apart.
 *
 * To fit the bench's time budget the first scenario serves from an index of the first 1,000 posts
 * (its queries are cheaper); the index it builds then serves during the second.
 *
 * argv: <siteDir> [chunkSize]   → one JSON line on stdout.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Post } from '../src/posts/types.ts';
import { projectSearch } from './project-search.ts';
import { loadCorpus } from './posts-source.ts';
import { summarizeNs, type LatencySummary } from './stats.ts';

const ARRIVAL_MS = 50;
const QUERIES = ['Nvidia', '쿠버네티스', '보안 취약점을', 'Kubernets', '엔비디아가 발표한 GPU는?', 'Rust compiler'];

type Index = { search(query: string, options?: { limit?: number }): unknown[] };
type SearchModule = {
  SearchIndex: {
    build(posts: Post[]): Index;
    buildAsync?(posts: Post[], options?: { chunkSize?: number }): Promise<Index>;
  };
};

export interface ReindexScenario {
  mode: 'async' | 'sync';
  chunkSize?: number;
  posts: number;
  loadMs: number;
  buildMs: number;
  /** Worst event-loop delay (monitorEventLoopDelay) while loading the files / while building the index, in ms. */
  maxDelayLoadMs: number;
  maxDelayBuildMs: number;
  /** The worst of all readings (histogram and canary, both phases). */
  maxDelayMs: number;
  /** The same, as seen by a 1 ms interval timer (a cross-check of the histogram). */
  canaryMaxDelayMs: number;
  /** Queries that arrived during the reindex, wait + search. */
  responses: LatencySummary;
  /** The longest single search during the reindex (it blocks the loop as much as indexing does). */
  longestSearchMs: number;
  /** Posts in the index that answered the queries meanwhile. */
  servingPosts: number;
}

/** Fires queries at the serving index on a fixed schedule until stopped. */
function startArrivals(index: Index): { stop(): Promise<{ samples: number[]; longestSearchMs: number }> } {
  const samples: number[] = [];
  let longestSearchMs = 0;
  let stopped = false;
  const origin = performance.now();
  let next = 0;
  const loop = (async () => {
    while (!stopped) {
      const now = performance.now();
      // Every arrival that fell due while the loop was blocked waited until now.
      while (origin + next * ARRIVAL_MS <= now) {
        const arrivedAt = origin + next * ARRIVAL_MS;
        const searchStarted = performance.now();
        index.search(QUERIES[next % QUERIES.length]!, { limit: 5 });
        const done = performance.now();
        longestSearchMs = Math.max(longestSearchMs, done - searchStarted);
        samples.push((done - arrivedAt) * 1e6);
        next++;
      }
      await sleep(Math.max(0, origin + next * ARRIVAL_MS - performance.now()));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { samples, longestSearchMs };
    },
  };
}

/**
 * Worst event-loop delay over a phase, from a fresh `monitorEventLoopDelay` histogram (Node 20
 * loses a block that comes right after `reset()` or `enable()`, so each phase gets its own, armed
 * for a few ms first) and, as a cross-check, from a 1 ms interval that records its own lateness.
 */
async function watchLoop(): Promise<{ stop(): { histogramMaxMs: number; canaryMaxMs: number } }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await sleep(20); // a histogram can miss a block that starts before it has ticked a few times
  let last = performance.now();
  let canaryMaxMs = 0;
  const canary = setInterval(() => {
    const now = performance.now();
    canaryMaxMs = Math.max(canaryMaxMs, now - last - 1);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(canary);
      canaryMaxMs = Math.max(canaryMaxMs, performance.now() - last - 1);
      histogram.disable();
      return { histogramMaxMs: histogram.max / 1e6, canaryMaxMs };
    },
  };
}

async function scenario(
  module: SearchModule,
  serving: { index: Index; posts: number },
  siteDir: string,
  mode: 'async' | 'sync',
  chunkSize: number | undefined,
): Promise<{ figures: ReindexScenario; built: Index; posts: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const arrivals = startArrivals(serving.index);
  await sleep(50); // let the arrivals settle into their rhythm before the reindex starts
  const loadWatch = await watchLoop();
  const { posts, loadMs } = await loadCorpus(siteDir);
  await sleep(5); // the sampling timers must fire once more to record a block that just ended
  const load = loadWatch.stop();
  const buildWatch = await watchLoop();
  const t0 = performance.now();
  let built: Index;
  if (mode === 'async') {
    if (!module.SearchIndex.buildAsync) throw new Error('SearchIndex.buildAsync not available');
    built = await module.SearchIndex.buildAsync(posts, chunkSize ? { chunkSize } : undefined);
  } else {
    built = module.SearchIndex.build(posts);
  }
  const buildMs = performance.now() - t0;
  await sleep(5);
  const build = buildWatch.stop();
  const { samples, longestSearchMs } = await arrivals.stop();
  const figures: ReindexScenario = {
    mode,
    chunkSize: mode === 'async' ? chunkSize : undefined,
    posts: posts.length,
    loadMs,
    buildMs,
    maxDelayLoadMs: load.histogramMaxMs,
    maxDelayBuildMs: build.histogramMaxMs,
    maxDelayMs: Math.max(load.histogramMaxMs, build.histogramMaxMs, load.canaryMaxMs, build.canaryMaxMs),
    canaryMaxDelayMs: Math.max(load.canaryMaxMs, build.canaryMaxMs),
    responses: summarizeNs(samples),
    longestSearchMs,
    servingPosts: serving.posts,
  };
  return { figures, built, posts: posts.length };
}

async function main(): Promise<void> {
  const [siteDir, chunkArg] = process.argv.slice(2);
  if (!siteDir) throw new Error('usage: reindex-child <siteDir> [chunkSize]');
  const module = (await projectSearch()) as SearchModule | undefined;
  if (!module) {
    console.log(JSON.stringify({ error: 'src/search/index.ts not available yet' }));
    return;
  }
  const { posts } = await loadCorpus(siteDir);
  const first = posts.slice(0, 1000);
  const chunkSize = chunkArg ? Number(chunkArg) : undefined;
  const sync = await scenario(module, { index: module.SearchIndex.build(first), posts: first.length }, siteDir, 'sync', undefined);
  const async = await scenario(module, { index: sync.built, posts: sync.posts }, siteDir, 'async', chunkSize);
  console.log(JSON.stringify({ arrivalEveryMs: ARRIVAL_MS, scenarios: [async.figures, sync.figures] }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  process.exitCode = 1;
});
