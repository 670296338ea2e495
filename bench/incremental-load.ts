/**
 * One new post dropped into a synthetic blog of N posts (default 10,000): the load with the
 * previous load's PostFileCache against a full load, and the worst event-loop delay of each.
 * `npx tsx bench/incremental-load.ts [count]`. Prints one JSON line per measurement.
 */
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateCorpus } from './generate-corpus.ts';
import { loadLibrary } from '../src/posts/load.ts';
import { PostFileCache } from '../src/posts/file-cache.ts';
import { readPostCache, writePostCache } from '../src/state/post-cache.ts';

const count = Number(process.argv[2] ?? 10_000);
const outDir = await mkdtemp(path.join(tmpdir(), 'briefbot-incr-'));
const realPostsDir = path.resolve('../shared/corpus/webi-tech-blog/_posts');
const corpus = await generateCorpus({ count, seed: 15, outDir, realPostsDir });

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  histogram.disable();
  console.log(JSON.stringify({ label, count, ms: Math.round(ms), worstLoopDelayMs: Math.round(histogram.max / 1e6) }));
  return result;
}

const cache = new PostFileCache();
const first = await timed('first load (empty cache)', () => loadLibrary({ postsDir: corpus.siteDir, cache }));
const settle = await timed('reload, nothing changed (files just read: re-hashed, not parsed)', () => loadLibrary({ postsDir: corpus.siteDir, cache, previous: first.library }));
const files = [...cache.files.keys()].sort();
const template = await readFile(path.join(corpus.postsDir, path.basename(files[0]!)), 'utf8');
await writeFile(path.join(corpus.postsDir, '2030-01-01-one-new-post.md'), template.replace(/^title: .*$/m, 'title: "하나의 새 글 onenewpost"'));
const incremental = await timed('one new post, with the cache', () => loadLibrary({ postsDir: corpus.siteDir, cache, previous: settle.library }));
console.log(JSON.stringify({ report: { added: incremental.report.added, changed: incremental.report.changed.length, removed: incremental.report.removed.length } }));
await timed('one new post, full load', () => loadLibrary({ postsDir: corpus.siteDir, previous: settle.library }));
// A restart: the cache saved in STATE_DIR, read back, and the load served from it.
const stateDir = path.join(outDir, 'state');
await timed('save the post cache', () => writePostCache(stateDir, cache));
const restored = await timed('restart: read the post cache', () => readPostCache(stateDir));
await timed('restart: load with the read cache (unchanged files)', () => loadLibrary({ postsDir: corpus.siteDir, cache: restored }));
await rm(outDir, { recursive: true, force: true });
