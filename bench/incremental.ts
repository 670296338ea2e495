/**
 * Changes to a synthetic blog of N posts (default 10,000) while it serves, the way the bot
 * reindexes (src/main.ts): the full rebuild in slices (`SearchIndex.reindex` without a previous
 * index, i.e. `buildAsync`) with its worst event-loop delay, then one new post, one edited post
 * and one removed post, each applied to the serving index in place and timed from the reload's
 * start to the first search that finds (or no longer finds) it. Each change is measured twice:
 * as the bot takes a watch event or a git pull (the reload told the changed path), then undone
 * and made again and reloaded with a full scan (a /reindex, a poll, a watch that lost events).
 * CPU time beside wall time: the machine is shared, and the figures swing with the load.
 *
 * `npx tsx bench/incremental.ts [count]`; prints one JSON line per step, then a summary line.
 * `npm run bench` calls {@link measureIncremental}.
 */
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { generateCorpus } from './generate-corpus.ts';
import { loadLibrary } from '../src/posts/load.ts';
import { PostFileCache } from '../src/posts/file-cache.ts';
import type { Library } from '../src/posts/library.ts';
import { SearchIndex } from '../src/search/index.ts';

/** One measured step. */
export interface IncrementalStep {
  step: string;
  posts: number;
  /** Reload start → the index serving the change and a search showing it. */
  wallMs: number;
  cpuMs: number;
  /** The reload (stat every file, read and parse the changed one, build the library). */
  loadMs: number;
  /** The index part: the synchronous update (or the whole sliced build). */
  indexMs: number;
  /** How the reload found the change: told the path (a watch event), or a scan of every file. */
  reload: 'named' | 'full scan';
  /** How the index came: `updated` in place or `built`. */
  index: 'updated' | 'built';
  /** Worst event-loop delay over the step (monitorEventLoopDelay, 1 ms resolution, and a 1 ms canary). */
  worstLoopDelayMs: number;
  /** The worst gap of the canary counted in the process's CPU time (descheduling left out; see {@link watched}). */
  worstLoopDelayCpuMs: number;
  found: boolean;
}

const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/**
 * Worst event-loop delay while `work` runs: a histogram and a 1 ms interval canary (the larger),
 * and the worst gap counted in CPU time: on a shared machine the process is also descheduled,
 * which delays the loop without any code of ours running; the CPU the process used during a gap
 * (all its threads, so an upper bound) tells the two apart.
 */
async function watched<T>(work: () => Promise<T>): Promise<{ result: T; worstMs: number; worstCpuMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await sleep(20);
  let last = performance.now();
  let lastCpu = cpuNow();
  let canary = 0;
  let canaryCpu = 0;
  const tick = () => {
    const now = performance.now();
    const cpu = cpuNow();
    canary = Math.max(canary, now - last - 1);
    canaryCpu = Math.max(canaryCpu, Math.min(now - last, cpu - lastCpu) - 1);
    last = now;
    lastCpu = cpu;
  };
  const timer = setInterval(tick, 1);
  const result = await work();
  await sleep(5);
  clearInterval(timer);
  tick();
  histogram.disable();
  return { result, worstMs: Math.max(histogram.max / 1e6, canary), worstCpuMs: Math.max(0, canaryCpu) };
}

interface Serving {
  library: Library;
  index: SearchIndex;
}

/** One reload and reindex as the bot does it, timed to the search that shows the change. */
async function step(name: string, siteDir: string, cache: PostFileCache, serving: Serving | undefined, probe: string, expectFound: boolean, changed?: string[]): Promise<{ figures: IncrementalStep; serving: Serving }> {
  const cpu0 = cpuNow();
  const { result, worstMs, worstCpuMs } = await watched(async () => {
    const started = performance.now();
    const { library } = await loadLibrary({ postsDir: siteDir, cache, previous: serving?.library, ...(changed ? { changed } : {}) });
    const loaded = performance.now();
    const { index, update } = await SearchIndex.reindex(serving?.index, library.all());
    const indexed = performance.now();
    const found = index.search(probe).some((hit) => hit.post.title.toLowerCase().includes(probe));
    return { library, index, found, update, loadMs: loaded - started, indexMs: indexed - loaded, wallMs: performance.now() - started };
  });
  const figures: IncrementalStep = {
    step: name,
    posts: result.library.size,
    wallMs: Math.round(result.wallMs),
    cpuMs: Math.round(cpuNow() - cpu0),
    loadMs: Math.round(result.loadMs),
    indexMs: Math.round(result.indexMs),
    reload: changed ? 'named' : 'full scan',
    index: result.update ? 'updated' : 'built',
    worstLoopDelayMs: Math.round(worstMs),
    worstLoopDelayCpuMs: Math.round(worstCpuMs),
    found: result.found === expectFound,
  };
  return { figures, serving: { library: result.library, index: result.index } };
}

/** The full rebuild, then one new, one edited and one removed post; `siteDir` is changed and restored. */
export async function measureIncremental(siteDir: string): Promise<IncrementalStep[]> {
  const postsDir = path.join(siteDir, '_posts');
  const cache = new PostFileCache();
  const steps: IncrementalStep[] = [];
  // The first load reads every file; files written less than a second before they were read
  // are read again next time (racy mtimes), so one settling load comes before the measured ones.
  await loadLibrary({ postsDir: siteDir, cache });
  await sleep(1100);
  const full = await step('full rebuild (sliced)', siteDir, cache, undefined, 'zzz', false);
  steps.push(full.figures);
  let serving = full.serving;
  const [first] = serving.library.all().slice(-1);
  // Post files are named relative to the folder given to the loader (the site).
  const template = await readFile(path.join(siteDir, first!.file), 'utf8');
  const added = path.join(postsDir, '2030-01-01-one-new-post.md');
  const newText = template.replace(/^title: .*$/m, 'title: "하나의 새 글 onenewpost"');
  const editedText = template.replace(/^title: .*$/m, 'title: "고친 글 oneeditedpost"');
  // Each change as the watch reports it (the path named), then undone, made again and found by a full scan.
  const changes: { name: string; probe: string; found: boolean; make: () => Promise<void>; undo: () => Promise<void> }[] = [
    { name: 'one new post', probe: 'onenewpost', found: true, make: () => writeFile(added, newText), undo: () => unlink(added) },
    { name: 'one edited post', probe: 'oneeditedpost', found: true, make: () => writeFile(added, editedText), undo: () => writeFile(added, newText) },
    { name: 'one removed post', probe: 'oneeditedpost', found: false, make: () => unlink(added), undo: () => writeFile(added, editedText) },
  ];
  for (const change of changes) {
    await change.make();
    const named = await step(change.name, siteDir, cache, serving, change.probe, change.found, [added]);
    steps.push(named.figures);
    await change.undo();
    const back = await step('undo', siteDir, cache, named.serving, change.probe, !change.found, [added]);
    await change.make();
    const scanned = await step(`${change.name} (full scan)`, siteDir, cache, back.serving, change.probe, change.found);
    steps.push(scanned.figures);
    serving = scanned.serving;
  }
  return steps;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 10_000);
  const outDir = await mkdtemp(path.join(tmpdir(), 'briefbot-incremental-'));
  try {
    const corpus = await generateCorpus({ count, seed: 15, outDir, realPostsDir: path.resolve('../shared/corpus/webi-tech-blog/_posts') });
    const steps = await measureIncremental(corpus.siteDir);
    for (const figures of steps) console.log(JSON.stringify(figures));
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
