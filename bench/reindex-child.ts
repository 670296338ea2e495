/**
 * Reindex of a large corpus while queries keep arriving: how long does the event loop freeze?
 * A bot whose loop is blocked answers nobody, and Discord gives an interaction 3 s.
 *
 * Queries arrive every ARRIVAL_MS against the index already serving; each one's response time is
 * its wait (lateness of its arrival) plus the search itself. Meanwhile the posts are loaded again
 * (async file reads) and indexed, once with `SearchIndex.buildAsync` and once with the synchronous
 * `SearchIndex.build`. `monitorEventLoopDelay` (1 ms resolution) gives the worst delay per phase.
 *
 * argv: <siteDir> [chunkSize]   → one JSON line on stdout.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Post } from '../src/posts/types.ts';
import { projectSearch } from './engines.ts';
import { loadCorpus } from './posts-source.ts';
import { summarizeNs, type LatencySummary } from './stats.ts';

const ARRIVAL_MS = 5;
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
  /** Worst event-loop delay while loading the files / while building the index, in ms. */
  maxDelayLoadMs: number;
  maxDelayBuildMs: number;
  maxDelayMs: number;
  /** Queries that arrived during the reindex, wait + search. */
  responses: LatencySummary;
}

/** Fires queries at the serving index on a fixed schedule until stopped. */
function startArrivals(index: Index): { stop(): Promise<number[]> } {
  const samples: number[] = [];
  let stopped = false;
  const origin = performance.now();
  let next = 0;
  const loop = (async () => {
    while (!stopped) {
      const now = performance.now();
      // Every arrival that fell due while the loop was blocked waited until now.
      while (origin + next * ARRIVAL_MS <= now) {
        const arrivedAt = origin + next * ARRIVAL_MS;
        index.search(QUERIES[next % QUERIES.length]!, { limit: 5 });
        samples.push((performance.now() - arrivedAt) * 1e6);
        next++;
      }
      await sleep(Math.max(0, origin + next * ARRIVAL_MS - performance.now()));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return samples;
    },
  };
}

async function scenario(module: SearchModule, serving: Index, siteDir: string, mode: 'async' | 'sync', chunkSize: number | undefined): Promise<ReindexScenario> {
  (globalThis as { gc?: () => void }).gc?.();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const arrivals = startArrivals(serving);
  histogram.enable();
  await sleep(50); // let the arrivals settle into their rhythm before the reindex starts
  histogram.reset();
  const { posts, loadMs } = await loadCorpus(siteDir);
  const maxDelayLoadMs = histogram.max / 1e6;
  histogram.reset();
  const t0 = performance.now();
  if (mode === 'async') {
    if (!module.SearchIndex.buildAsync) throw new Error('SearchIndex.buildAsync not available');
    await module.SearchIndex.buildAsync(posts, chunkSize ? { chunkSize } : undefined);
  } else {
    module.SearchIndex.build(posts);
  }
  const buildMs = performance.now() - t0;
  await sleep(20); // the sampling timer must fire once more to record a block that just ended
  const maxDelayBuildMs = histogram.max / 1e6;
  histogram.disable();
  const samples = await arrivals.stop();
  return {
    mode,
    chunkSize: mode === 'async' ? chunkSize : undefined,
    posts: posts.length,
    loadMs,
    buildMs,
    maxDelayLoadMs,
    maxDelayBuildMs,
    maxDelayMs: Math.max(maxDelayLoadMs, maxDelayBuildMs),
    responses: summarizeNs(samples),
  };
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
  const serving = module.SearchIndex.build(posts);
  const chunkSize = chunkArg ? Number(chunkArg) : undefined;
  const results: ReindexScenario[] = [];
  results.push(await scenario(module, serving, siteDir, 'async', chunkSize));
  results.push(await scenario(module, serving, siteDir, 'sync', undefined));
  console.log(JSON.stringify({ scenarios: results }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  process.exitCode = 1;
});
