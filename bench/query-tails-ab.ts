/**
 * Query tails A/B on the real corpus, in one process: two versions of the search (two `src`
 * folders, e.g. a copy of main's and the worktree's) and MiniSearch with its defaults, built over
 * the same posts, then the queries of bench/query-tails.ts (test/relevance/queries.json) run
 * through all three, interleaved in a rotating order each round so that load on a shared machine
 * falls on each alike. Prints each query's floor (fastest wall time over the rounds) summarized
 * as in query-tails.ts, the floor p99 of A and B against MiniSearch, and the queries where A and B
 * differ most: the figure issue 15 targets, with the version before a change beside it.
 *
 * Run: `git archive main src | tar -x -C /tmp/base && node --expose-gc --import tsx
 * bench/query-tails-ab.ts /tmp/base/src ./src [rounds]`. A folder holding `search/index.js`
 * (`dist/src` after `npm run build`) is loaded as compiled, so `./src dist/src` compares the code
 * as tsx runs it (esbuild's keepNames wraps each named closure) with the code the bot ships.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { candidate, type BuiltEngine } from './engines.ts';
import { loadCorpus } from './posts-source.ts';
import { summarizeNs } from './stats.ts';

const [srcA, srcB, roundsArg] = process.argv.slice(2);
if (!srcA || !srcB) throw new Error('usage: bench/query-tails-ab.ts <srcA> <srcB> [rounds]');
const ROUNDS = Number(roundsArg ?? 40);
const SITE = new URL('../../shared/corpus/webi-tech-blog', import.meta.url).pathname;
const queries = (JSON.parse(readFileSync(new URL('../test/relevance/queries.json', import.meta.url), 'utf8')) as { query: string }[]).map((q) => q.query);

interface Searcher {
  name: string;
  search(query: string): unknown;
}

async function project(src: string, posts: Parameters<BuiltEngine['build']>[0]): Promise<Searcher> {
  // A compiled folder (dist/src) is imported as the shipped JavaScript; a source folder through tsx.
  const compiled = join(resolve(src), 'search/index.js');
  const module = await import(pathToFileURL(existsSync(compiled) ? compiled : join(resolve(src), 'search/index.ts')).href);
  const index = module.SearchIndex.build(posts);
  return { name: src, search: (query) => index.search(query, { limit: 10 }) };
}

const { posts } = await loadCorpus(SITE);
const minisearch = await candidate('minisearch', 'defaults: fields title/summary/description/tags/body, default tokenizer and search options').create();
if (!minisearch) throw new Error('minisearch is not available');
await minisearch.build(posts);
const engines: Searcher[] = [await project(srcA, posts), await project(srcB, posts), { name: 'minisearch', search: (query) => minisearch.search(query, 10) }];

for (let pass = 0; pass < 3; pass++) for (const query of queries) for (const engine of engines) engine.search(query);
const floors = engines.map(() => queries.map(() => Infinity));
for (let round = 0; round < ROUNDS; round++) {
  queries.forEach((query, i) => {
    for (let k = 0; k < engines.length; k++) {
      const which = (k + round) % engines.length;
      const t0 = process.hrtime.bigint();
      engines[which]!.search(query);
      const ns = Number(process.hrtime.bigint() - t0);
      if (ns < floors[which]![i]!) floors[which]![i] = ns;
    }
  });
}

const [a, b, mini] = floors.map((f) => summarizeNs(f));
const ratio = (x: number, y: number) => (x / y).toFixed(2);
console.log(`floor p99: A ${a!.p99Ms.toFixed(3)} ms (${ratio(a!.p99Ms, mini!.p99Ms)}×), B ${b!.p99Ms.toFixed(3)} ms (${ratio(b!.p99Ms, mini!.p99Ms)}×), MiniSearch ${mini!.p99Ms.toFixed(3)} ms; B/A ${ratio(b!.p99Ms, a!.p99Ms)}`);
console.log(`floor p50: A ${a!.p50Ms.toFixed(3)} ms, B ${b!.p50Ms.toFixed(3)} ms, MiniSearch ${mini!.p50Ms.toFixed(3)} ms`);
const slowest = queries.map((query, i) => ({ query, a: floors[0]![i]! / 1e6, b: floors[1]![i]! / 1e6 })).sort((x, y) => Math.max(y.a, y.b) - Math.max(x.a, x.b));
for (const q of slowest.slice(0, 8)) console.log(`  ${q.a.toFixed(3)} → ${q.b.toFixed(3)} ms  ${q.query}`);
