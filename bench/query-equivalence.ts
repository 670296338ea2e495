/**
 * Same answers before and after a speed-up: dumps what the search index of one checkout answers
 * (search, suggest on every prefix, answer) for every query of the relevance sets and the bench,
 * on the real corpus and on the 1,000-post synthetic one, and what its guessing parts answer
 * (loanword readings both ways, Latin words one and two edits away, Hangul words one jamo away)
 * for every word of the vocabulary and two misspellings of each. Two dumps are then compared:
 * the count of differences must be 0.
 *
 * Usage (from any checkout; `<root>` is the checkout whose code is dumped):
 *   npx tsx bench/query-equivalence.ts dump <root> <out.json> [<workDir>]
 *   npx tsx bench/query-equivalence.ts dump-restored[-lazy] <root> <out.json> [<workDir>]
 *   npx tsx bench/query-equivalence.ts compare <a.json> <b.json>
 * `dump-restored` asks each index after a round trip through the state folder, as a restart
 * serves it: built, saved with the checkout's `writeIndexCache`, read back and restored (and its
 * deferred words filed; with `-lazy` left to the queries that need them), so a restored index
 * can be compared with a built one.
 * Scores are compared exactly (the same floats), not within a tolerance.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Dump = Record<string, unknown>;

interface Hit {
  post: { id: string };
  score: number;
  terms?: string[];
  missing?: string[];
}
interface Index {
  search(query: string, options?: { limit?: number }): Hit[];
  suggest(partial: string, options?: { limit?: number }): Hit[];
  answer(question: string, options?: { limit?: number }): { post: { id: string }; heading?: string; text: string; score: number }[];
  describeDerived(): { terms: string[] };
}
interface Matcher {
  latinFor(hangul: string, limit?: number): unknown;
  hangulFor(latin: string, limit?: number): unknown;
}
interface Vocabulary {
  latin: { near(term: string, distance: number): Iterable<string> };
  hangul: { neighbours(word: string): readonly string[] };
}

const hits = (list: Hit[]) => list.map((hit) => [hit.post.id, hit.score, hit.terms ?? [], hit.missing ?? []]);

/** The word with its last letter dropped and its first two letters swapped: words the index mostly lacks. */
function misspellings(word: string): string[] {
  const out = [word.slice(0, -1)];
  if (word.length >= 2) out.push(word[1]! + word[0]! + word.slice(2));
  return out.filter((w) => w.length >= 2 && w !== word);
}

function dumpQueries(index: Index, queries: readonly string[], dump: Dump, prefix: string): number {
  let calls = 0;
  for (const query of queries) {
    dump[`${prefix} search ${query}`] = hits(index.search(query, { limit: 10 }));
    dump[`${prefix} answer ${query}`] = index.answer(query, { limit: 3 }).map((p) => [p.post.id, p.heading ?? '', p.text.slice(0, 40), p.score]);
    calls += 2;
    for (let end = 1; end <= query.length; end++) {
      const partial = query.slice(0, end);
      dump[`${prefix} suggest ${partial}`] ??= hits(index.suggest(partial, { limit: 8 }));
      calls++;
    }
  }
  return calls;
}

function dumpWords(index: Index, dump: Dump, prefix: string): number {
  const internal = index as unknown as { state: { loanwords: Matcher }; vocabulary: Vocabulary };
  const matcher = internal.state.loanwords;
  const vocabulary = internal.vocabulary;
  const words = index.describeDerived().terms.map((line) => line.split(' ')[0]!);
  let calls = 0;
  for (const word of new Set(words.flatMap((w) => [w, ...misspellings(w)]))) {
    if (/^[a-z]+$/.test(word)) {
      dump[`${prefix} hangulFor ${word}`] = matcher.hangulFor(word, 3);
      dump[`${prefix} near1 ${word}`] = [...vocabulary.latin.near(word, 1)];
      if (word.length >= 5) dump[`${prefix} near2 ${word}`] = [...vocabulary.latin.near(word, 2)];
      calls += 3;
    } else if (/^[\uAC00-\uD7A3]+$/.test(word)) {
      dump[`${prefix} latinFor ${word}`] = matcher.latinFor(word, 3);
      dump[`${prefix} jamo ${word}`] = vocabulary.hangul.neighbours(word);
      calls += 2;
    }
  }
  return calls;
}

async function queriesOf(root: string): Promise<string[]> {
  const read = async (file: string) => {
    const raw = JSON.parse(await readFile(join(root, file), 'utf8')) as { query: string }[] | { queries: { query: string }[] };
    return (Array.isArray(raw) ? raw : raw.queries).map((q) => q.query);
  };
  const bench = (await import(pathToFileURL(join(root, 'bench/queries.ts')).href)) as { REAL_CORPUS_QUERIES: { query: string }[] };
  return [...new Set([...(await read('test/relevance/queries.json')), ...(await read('test/relevance/realistic.json')), ...bench.REAL_CORPUS_QUERIES.map((q) => q.query)])];
}

interface IndexClass {
  build(posts: unknown[]): Index;
  restore(saved: unknown, posts: unknown[], options: { context: string }): (Index & { prepareDeferred(): Promise<void> }) | undefined;
}

/** `build` as a restart serves it: built, saved to and read back from a state folder, restored. */
async function restoredBuilds(root: string, SearchIndex: IndexClass, workDir: string, lazy: boolean): Promise<IndexClass['build']> {
  const cache = (await import(pathToFileURL(join(root, 'src/state/index-cache.ts')).href)) as {
    writeIndexCache(dir: string, content: unknown): Promise<boolean>;
    readIndexCache(dir: string): Promise<unknown>;
  };
  const { mkdtemp, rm } = await import('node:fs/promises');
  const built = new Map<unknown[], Index>();
  for (const posts of await corporaOf(root, workDir)) {
    const state = await mkdtemp(join(workDir, 'state-'));
    await cache.writeIndexCache(state, (SearchIndex.build(posts) as unknown as { snapshot(context: string): unknown }).snapshot('equivalence'));
    const restored = SearchIndex.restore(await cache.readIndexCache(state), posts, { context: 'equivalence' });
    if (!restored) throw new Error('the saved index was not restored');
    if (!lazy) await restored.prepareDeferred();
    built.set(posts, restored);
    await rm(state, { recursive: true, force: true });
  }
  return (posts) => built.get(posts) ?? SearchIndex.build(posts);
}

/** The posts of both corpora the dump asks, the same arrays {@link dump} builds from. */
const corpora = new Map<string, unknown[][]>();
async function corporaOf(root: string, workDir: string): Promise<unknown[][]> {
  const cached = corpora.get(root);
  if (cached) return cached;
  const { loadCorpus } = (await import(pathToFileURL(join(root, 'bench/posts-source.ts')).href)) as typeof import('./posts-source.ts');
  const { syntheticCorpus } = (await import(pathToFileURL(join(root, 'bench/query-tails.ts')).href)) as typeof import('./query-tails.ts');
  const real = (await loadCorpus(resolve(root, '../shared/corpus/webi-tech-blog'))).posts;
  const synthetic = await syntheticCorpus(1000, workDir, 20260225, resolve(root, '../shared/corpus/webi-tech-blog/_posts'));
  const loaded = [real, (await loadCorpus(synthetic.siteDir)).posts];
  corpora.set(root, loaded);
  return loaded;
}

async function dump(root: string, out: string, workDir: string, restored?: 'filed' | 'lazy'): Promise<void> {
  const { SearchIndex: Indexes } = (await import(pathToFileURL(join(root, 'src/search/index.ts')).href)) as { SearchIndex: IndexClass };
  const SearchIndex = { build: restored ? await restoredBuilds(root, Indexes, workDir, restored === 'lazy') : (posts: unknown[]) => Indexes.build(posts) };
  const [realPosts, syntheticPosts] = await corporaOf(root, workDir);
  const { syntheticCorpus } = (await import(pathToFileURL(join(root, 'bench/query-tails.ts')).href)) as typeof import('./query-tails.ts');
  const result: Dump = {};
  const queries = await queriesOf(root);
  const real = SearchIndex.build(realPosts!);
  let calls = dumpQueries(real, queries, result, 'real');
  calls += dumpWords(real, result, 'real');
  const synthetic = await syntheticCorpus(1000, workDir, 20260225, resolve(root, '../shared/corpus/webi-tech-blog/_posts'));
  const syntheticQueries = (JSON.parse(await readFile(synthetic.queriesFile, 'utf8')) as { query: string }[]).map((q) => q.query);
  const big = SearchIndex.build(syntheticPosts!);
  calls += dumpQueries(big, [...new Set([...syntheticQueries, ...queries])], result, 'synthetic');
  await writeFile(out, JSON.stringify(result));
  console.log(`${calls} calls, ${Object.keys(result).length} keys → ${out}`);
}

async function compare(a: string, b: string): Promise<void> {
  const left = JSON.parse(await readFile(a, 'utf8')) as Dump;
  const right = JSON.parse(await readFile(b, 'utf8')) as Dump;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  let differences = 0;
  for (const key of keys) {
    if (JSON.stringify(left[key]) === JSON.stringify(right[key])) continue;
    if (differences++ < 20) console.log(`${key}\n  a: ${JSON.stringify(left[key])?.slice(0, 300)}\n  b: ${JSON.stringify(right[key])?.slice(0, 300)}`);
  }
  console.log(`${keys.size} keys compared, ${differences} differences`);
  process.exitCode = differences === 0 ? 0 : 1;
}

const [command, x, y, z] = process.argv.slice(2);
const restoredModes = { dump: undefined, 'dump-restored': 'filed', 'dump-restored-lazy': 'lazy' } as const;
if (command && command in restoredModes && x && y) await dump(resolve(x), resolve(y), resolve(z ?? '/tmp/briefbot-equivalence'), restoredModes[command as keyof typeof restoredModes]);
else if (command === 'compare' && x && y) await compare(x, y);
else throw new Error('usage: query-equivalence dump <root> <out.json> [workDir] | compare <a.json> <b.json>');
