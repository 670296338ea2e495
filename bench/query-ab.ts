/**
 * Query latency A/B in one process: two versions of the search (two `src` folders, e.g. a copy
 * of main's and the worktree's) built over the same synthetic corpus (the bench's generator and
 * seed, 10,000 posts by default), then the same queries run through both, interleaved and in
 * alternating order each round, so load on a shared machine hits both alike. Time per query is
 * CPU time of this process (user + system), which waits on no other process; wall time beside it.
 *
 * Run: `npx tsx bench/query-ab.ts <srcA> <srcB> [posts] [rounds]`, e.g.
 * `git archive main src | tar -x -C /tmp/base && npx tsx bench/query-ab.ts /tmp/base/src ./src`.
 * Queries: the bench's synthetic mix for the corpus (60), and the realistic relevance set's
 * queries (mostly unknown words at this corpus: they exercise the guessing paths).
 */
import { readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { generateCorpus } from './generate-corpus.ts';
import { syntheticQueries } from './queries.ts';
import { quantile } from './stats.ts';
import { loadLibrary } from '../src/posts/load.ts';
import { REAL_CORPUS } from '../test/helpers/corpus.ts';

const [srcA, srcB, postsArg, roundsArg] = process.argv.slice(2);
if (!srcA || !srcB) throw new Error('usage: bench/query-ab.ts <srcA> <srcB> [posts] [rounds]');
const COUNT = Number(postsArg ?? 10000);
const ROUNDS = Number(roundsArg ?? 5);
const SEED = 20260225;

interface Index { search(query: string): unknown[] }
async function builder(src: string): Promise<(posts: readonly unknown[]) => Index> {
  const module = await import(pathToFileURL(join(resolve(src), 'search/index.ts')).href);
  return (posts) => module.SearchIndex.build(posts);
}

const generated = await generateCorpus({ count: COUNT, seed: SEED + COUNT, outDir: join(tmpdir(), `query-ab-${COUNT}`), realPostsDir: join(REAL_CORPUS, '_posts') });
const { library } = await loadLibrary({ postsDir: generated.postsDir });
const posts = library.all();
const synthetic = syntheticQueries(generated.topics, SEED + COUNT + 1).map((q) => q.query);
const realistic = (JSON.parse(readFileSync(new URL('../test/relevance/realistic.json', import.meta.url), 'utf8')) as { query: string }[]).map((q) => q.query);

const indexes: Index[] = [];
for (const src of [srcA, srcB]) {
  const started = performance.now();
  indexes.push((await builder(src))(posts));
  console.log(`${src}: built ${posts.length} posts in ${(performance.now() - started).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB`);
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

function measure(queries: readonly string[]): { cpu: number[][]; wall: number[][] } {
  const cpu: number[][] = [[], []];
  const wall: number[][] = [[], []];
  for (const index of indexes) for (const query of queries) index.search(query); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of queries) {
      const order = round % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const c = cpuMs();
        const w = performance.now();
        indexes[which]!.search(query);
        wall[which]!.push(performance.now() - w);
        cpu[which]!.push(cpuMs() - c);
      }
    }
  }
  return { cpu, wall };
}

const row = (label: string, samples: number[]) =>
  `${label.padEnd(6)} n=${samples.length}  p50 ${quantile(samples, 0.5).toFixed(2)} ms  p90 ${quantile(samples, 0.9).toFixed(2)} ms  p99 ${quantile(samples, 0.99).toFixed(2)} ms  mean ${(samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(2)} ms`;

for (const [name, queries] of [['synthetic mix', synthetic], ['realistic set', realistic]] as const) {
  const { cpu, wall } = measure(queries);
  console.log(`\n${name} (${queries.length} queries × ${ROUNDS} rounds, ${COUNT} posts)`);
  for (const [i, src] of [srcA, srcB].entries()) {
    console.log(`${src}\n  ${row('cpu', cpu[i]!)}\n  ${row('wall', wall[i]!)}`);
  }
}
