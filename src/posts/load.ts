/**
 * Reading a posts folder from disk: the only fs code of the posts module. Finds the Jekyll site
 * (its `_config.yml`), reads every post, repairs mojibake with what the clean posts teach, and
 * builds a new {@link Library} aside, with a report against the previous one.
 */
import { createHash } from 'node:crypto';
import { lstatSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { isKnownTimeZone } from './dates.ts';
import { buildRepairContext, decodeUtf8, isMojibake, repairMojibake } from './encoding.ts';
import { PostFileCache, type CachedFile, type ScanMemory } from './file-cache.ts';
import { Library, newestFirst } from './library.ts';
import { parsePost } from './parse.ts';
import type { LoadReport, Post, Problem, Repair, SiteInfo } from './types.ts';
import { sliceYielder, yieldToEventLoop } from '../util/yield.ts';

/** Options of {@link loadLibrary} and {@link lintPosts}. */
export interface LoadOptions {
  /** A folder of posts, a Jekyll `_posts` folder, or a Jekyll site root. */
  postsDir: string;
  /** Overrides `url` of `_config.yml` (e.g. SITE_URL). Default without either: {@link DEFAULT_SITE_URL}. */
  siteUrl?: string;
  /** IANA zone; overrides `timezone` of `_config.yml`. Default without either: `UTC`. */
  timezone?: string;
  /** The library being replaced, for the added/changed/removed report. */
  previous?: Library;
  /** Files larger than this are skipped. Default {@link DEFAULT_MAX_FILE_BYTES}. */
  maxFileBytes?: number;
  /**
   * What the previous loads learnt of each file: given, only new and changed files are read and
   * parsed, and the cache is updated. Without it every file is read and parsed (a full load).
   */
  cache?: PostFileCache;
  /**
   * Paths that changed since the previous load with the same `cache` (absolute, or relative to
   * `postsDir`): post files or folders, added, edited, removed, or renamed (both names). Given,
   * and the cache remembers a complete scan of the same folder and site, only these are looked
   * at and everything else is reused; otherwise (or when a path is a posts root itself, or a
   * mojibake file needs its repair) every file is scanned. Either way the report is the one a
   * full scan gives; a change to a file not named here is seen by the next full scan.
   */
  changed?: readonly string[];
}

/** Where `jekyll serve` puts a site: used when neither the options nor `_config.yml` give a url. */
export const DEFAULT_SITE_URL = 'http://localhost:4000';
/** Chirpy's post permalink: used when there is no `_config.yml`. */
export const DEFAULT_PERMALINK = '/posts/:title/';
/** Jekyll's own default when a `_config.yml` sets none. */
const JEKYLL_DEFAULT_PERMALINK = 'date';
/** 16 MiB: ten times more than any real post needs, small enough to read at once. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

const POST_EXTENSION = /\.(md|markdown)$/i;
const SKIPPED_FOLDERS = new Set(['_drafts', 'node_modules', '_site', 'vendor']);

interface SiteLayout {
  site: SiteInfo;
  /** Folders to read posts from (recursively). */
  roots: string[];
  /** Problems with the site configuration (warnings). */
  problems: Problem[];
}

const yamlEngine = (matter as unknown as { engines: { yaml: { parse(text: string): unknown } } }).engines.yaml;

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** Finds the site around `postsDir` and reads its configuration. */
async function resolveLayout(options: LoadOptions): Promise<SiteLayout> {
  const postsDir = path.resolve(options.postsDir);
  if (!(await isDirectory(postsDir))) throw new Error(`posts: POSTS_DIR ${options.postsDir} is not a folder`);
  if (options.timezone !== undefined && !isKnownTimeZone(options.timezone)) {
    throw new Error(`posts: unknown time zone '${options.timezone}' (use an IANA name such as Asia/Seoul)`);
  }
  const problems: Problem[] = [];
  const relative = (file: string): string => path.relative(postsDir, file).split(path.sep).join('/');

  let configFile: string | undefined;
  for (const candidate of [path.join(postsDir, '_config.yml'), path.join(path.dirname(postsDir), '_config.yml')]) {
    if (await exists(candidate)) {
      configFile = candidate;
      break;
    }
  }
  const isSiteRoot = (await exists(path.join(postsDir, '_config.yml'))) || (await isDirectory(path.join(postsDir, '_posts')));
  const roots = isSiteRoot ? [path.join(postsDir, '_posts')] : [postsDir];
  if (isSiteRoot && !(await isDirectory(path.join(postsDir, '_posts')))) {
    problems.push({ file: '_posts', reason: 'this is a Jekyll site without a _posts folder: no posts to read', severity: 'warning' });
  }

  let config: Record<string, unknown> = {};
  if (configFile) {
    try {
      const parsed = yamlEngine.parse(await readFile(configFile, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
    } catch (caught) {
      const mark = (caught as { mark?: { line?: number } }).mark;
      problems.push({
        file: relative(configFile),
        ...(typeof mark?.line === 'number' ? { line: mark.line + 1 } : {}),
        reason: `cannot read the site configuration: ${(caught as { reason?: string }).reason ?? String(caught)}; using defaults`,
        severity: 'warning',
      });
    }
  }

  let timezone = options.timezone ?? (typeof config.timezone === 'string' && config.timezone.trim() !== '' ? config.timezone.trim() : 'UTC');
  if (!isKnownTimeZone(timezone)) {
    problems.push({ file: relative(configFile ?? postsDir), reason: `unknown timezone '${timezone}': using UTC`, severity: 'warning' });
    timezone = 'UTC';
  }
  const url = trimSlashes(options.siteUrl ?? (typeof config.url === 'string' && config.url.trim() !== '' ? config.url.trim() : DEFAULT_SITE_URL));
  const baseurlRaw = typeof config.baseurl === 'string' ? config.baseurl.trim() : '';
  const baseurl = baseurlRaw === '' || baseurlRaw === '/' ? '' : `/${trimSlashes(baseurlRaw).replace(/^\/+/, '')}`;
  const permalink = configFile ? (postsPermalink(config) ?? JEKYLL_DEFAULT_PERMALINK) : DEFAULT_PERMALINK;
  return { site: { url, baseurl, timezone, permalink }, roots, problems };
}

function trimSlashes(text: string): string {
  return text.replace(/\/+$/, '');
}

/** `defaults: [{scope: {type: posts}, values: {permalink}}]` (Chirpy's way), else top-level `permalink`. */
function postsPermalink(config: Record<string, unknown>): string | undefined {
  if (Array.isArray(config.defaults)) {
    for (const entry of config.defaults as unknown[]) {
      const record = entry as { scope?: { type?: unknown; path?: unknown }; values?: { permalink?: unknown } } | null;
      const type = record?.scope?.type;
      const scopePath = record?.scope?.path;
      if ((type === 'posts' || (type === undefined && (scopePath === '' || scopePath === undefined))) && typeof record?.values?.permalink === 'string') {
        return record.values.permalink;
      }
    }
  }
  return typeof config.permalink === 'string' ? config.permalink : undefined;
}

/** Every `.md`/`.markdown` under `root`, skipping drafts, node_modules, build output and dot-folders. Sorted. */
async function listPostFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && POST_EXTENSION.test(entry.name)) found.push(full);
    }
  };
  await walk(root);
  return found.sort();
}

/** A file as the scan found it: reused from the cache, read afresh, or not readable. */
interface Scanned {
  file: string;
  full: string;
  /** Unchanged since the previous load (same size and mtime, or same bytes): its cached entry, updated. */
  reused?: CachedFile;
  /** Read now, and new or changed. */
  fresh?: { bytes: Uint8Array; hash: string; size: number; mtimeMs: number; readAt: number };
  problem?: Problem;
}

/**
 * Stats (and reads only when needed) one file; see {@link PostFileCache} for what counts as
 * unchanged. The stat is synchronous: an asynchronous one costs ten times as much in promise and
 * thread-pool overhead (170-210 ms against about 30 ms for 10,000 files), and the caller yields
 * between slices.
 */
async function scanPostFile(full: string, file: string, maxBytes: number, cache: PostFileCache): Promise<Scanned> {
  try {
    const { size, mtimeMs } = statSync(full);
    if (size > maxBytes) {
      return { file, full, problem: { file, reason: `file is ${formatBytes(size)}, above the limit of ${formatBytes(maxBytes)}`, severity: 'error' } };
    }
    const unchanged = cache.unchanged(file, size, mtimeMs);
    if (unchanged) return { file, full, reused: unchanged };
    const readAt = Date.now();
    const bytes = await readFile(full);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const before = cache.files.get(file);
    if (before && before.hash === hash) return { file, full, reused: { ...before, size: bytes.length, mtimeMs, readAt } };
    return { file, full, fresh: { bytes, hash, size: bytes.length, mtimeMs, readAt } };
  } catch (caught) {
    return { file, full, problem: { file, reason: `cannot read: ${(caught as Error).message}`, severity: 'error' } };
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

interface Collected {
  site: SiteInfo;
  posts: Post[];
  skipped: Problem[];
  warnings: Problem[];
  repaired: { file: string; repair: Repair }[];
  files: number;
  /** See {@link ScanMemory.key}. */
  key: string;
  unreadable: Map<string, Problem>;
  layoutFiles: string[];
}

/**
 * Reads, decodes, repairs and parses every post; resolves duplicate slugs. With a `cache`, only
 * new and changed files are read and parsed (and the cache is updated); without one, everything
 * is. Either way the same posts, problems and report come out: the per-file steps are the same.
 */
async function collect(options: LoadOptions, cache = new PostFileCache()): Promise<Collected> {
  const breathe = sliceYielder();
  const layout = await resolveLayout(options);
  cache.useSite(JSON.stringify(layout.site));
  const postsDir = path.resolve(options.postsDir);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const fullPaths = (await Promise.all(layout.roots.map(listPostFiles))).flat();
  const scanned = await scanAll(fullPaths, postsDir, maxBytes, cache, breathe);
  const unreadable = new Map<string, Problem>();
  for (const item of scanned) if (item.problem) unreadable.set(item.file, item.problem);

  const skipped: Problem[] = [];
  const warnings: Problem[] = [...layout.problems];
  const entries = await settleAll(scanned, layout.site, skipped, breathe);
  await repairBroken(entries, layout.site, breathe);
  cache.files.clear();
  // Each pass over 10,000 posts takes 20-50 ms on a loaded machine: every pass checks its slice
  // every SLICE_ITEMS items, or together they held the event loop for over 200 ms.
  for (const [i, { file, entry }] of entries.entries()) {
    cache.files.set(file, entry);
    if (i % SLICE_ITEMS === 0) await breathe();
  }
  await breathe();

  const posts: Post[] = [];
  const repaired: Collected['repaired'] = [];
  // Clean files first, then the broken ones (the order the loader always had).
  for (const kind of ['clean', 'broken'] as const) {
    for (const [i, { file, entry }] of entries.entries()) {
      if (i % SLICE_ITEMS === 0) await breathe();
      if (entry.kind !== kind) continue;
      if (entry.post) posts.push(entry.post);
      else skipped.push(...entry.problems);
      if (entry.repair) repaired.push({ file, repair: entry.repair });
    }
  }
  for (const { entry } of entries) if (entry.kind === 'rejected') skipped.push(...entry.problems);
  await breathe();

  const winners = resolveDuplicates(posts, skipped);
  for (const post of winners) warnings.push(...post.warnings);
  await breathe();
  const key = scanKey(postsDir, layout.roots, maxBytes, cache.siteKey);
  const layoutFiles = layout.problems.map((problem) => problem.file);
  return { site: layout.site, posts: winners, skipped, warnings, repaired, files: fullPaths.length, key, unreadable, layoutFiles };
}

/** What a {@link ScanMemory} is valid for. */
function scanKey(postsDir: string, roots: readonly string[], maxBytes: number, siteKey: string | undefined): string {
  return JSON.stringify([postsDir, roots, maxBytes, siteKey]);
}

/** Yields to the event loop when the current slice is used up (one shared budget for the whole load). */
type Breathe = () => Promise<unknown>;
/** How many items a pass over every file handles between looks at the clock (a look costs a microtask). */
const SLICE_ITEMS = 512;

/** Stats the files 64 at a time (bounded open files, still parallel), reading only new and changed ones. */
async function scanAll(fullPaths: readonly string[], postsDir: string, maxBytes: number, cache: PostFileCache, breathe: Breathe): Promise<Scanned[]> {
  const scanned: Scanned[] = [];
  const BATCH = 64;
  for (let i = 0; i < fullPaths.length; i += BATCH) {
    const batch = fullPaths.slice(i, i + BATCH);
    scanned.push(...(await Promise.all(batch.map((full) => scanPostFile(full, path.relative(postsDir, full).split(path.sep).join('/'), maxBytes, cache)))));
    await breathe();
  }
  return scanned;
}

/** A file the load will serve or report, with what is known of it. `text` only for files decoded now. */
interface Settled {
  file: string;
  full: string;
  entry: CachedFile;
  text?: string;
}

/** Decodes the new and changed files and parses the clean ones (a broken one waits for its repair). */
async function settleAll(scanned: readonly Scanned[], site: SiteInfo, skipped: Problem[], breathe: Breathe): Promise<Settled[]> {
  const settled: Settled[] = [];
  for (const [i, item] of scanned.entries()) {
    if (i % SLICE_ITEMS === 0) await breathe();
    if (item.problem) {
      skipped.push(item.problem);
      continue;
    }
    if (item.reused) {
      settled.push({ file: item.file, full: item.full, entry: item.reused });
      continue;
    }
    await breathe();
    const { bytes, hash, size, mtimeMs, readAt } = item.fresh!;
    const base = { size, mtimeMs, readAt, hash, problems: [] };
    const decoded = decodeUtf8(bytes);
    if (decoded.text === undefined) {
      const problems = [{ file: item.file, reason: decoded.problem ?? 'cannot decode', severity: 'error' as const }];
      settled.push({ file: item.file, full: item.full, entry: { ...base, kind: 'rejected', problems } });
    } else if (isMojibake(decoded.text)) {
      settled.push({ file: item.file, full: item.full, entry: { ...base, kind: 'broken' }, text: decoded.text });
    } else {
      settled.push({ file: item.file, full: item.full, entry: { ...base, kind: 'clean', ...parseEntry(item.file, decoded.text, hash, site) } });
    }
  }
  return settled;
}

/**
 * Repairs the broken files from what the clean ones say. A broken file's repair depends on every
 * clean text, so it is repaired again (reading the clean files once more) whenever the clean
 * files changed; with no broken file, nothing is read.
 */
async function repairBroken(settled: Settled[], site: SiteInfo, breathe: Breathe): Promise<void> {
  // Most blogs have no broken file: then the key over every clean file is not worth computing.
  if (!settled.some((item) => item.entry.kind === 'broken')) return;
  const clean = settled.filter((item) => item.entry.kind === 'clean');
  const contextKey = repairContextKey(clean);
  const due = settled.filter((item) => item.entry.kind === 'broken' && (item.text !== undefined || item.entry.contextKey !== contextKey));
  if (due.length === 0) return;
  const texts: string[] = [];
  for (const item of clean) texts.push(item.text ?? (await readText(item)));
  await breathe();
  const context = buildRepairContext(texts);
  for (const item of due) {
    await breathe();
    const text = item.text ?? (await readText(item));
    const result = repairMojibake(text, context);
    const parsed = parseEntry(item.file, result?.text ?? text, item.entry.hash, site, result?.repair);
    item.entry = { ...item.entry, contextKey, post: parsed.post, problems: parsed.problems, repair: result?.repair };
  }
}

/** The clean files that teach a repair, as one key: their names and hashes, in order. */
function repairContextKey(clean: readonly Settled[]): string {
  const hash = createHash('sha256');
  for (const item of clean) hash.update(`${item.file}\u0000${item.entry.hash}\n`);
  return hash.digest('hex');
}

/** A cached file's text again (for a repair context). Its bytes hashed the same a moment ago. */
async function readText(item: Settled): Promise<string> {
  return decodeUtf8(await readFile(item.full)).text ?? '';
}

/** Parses one text; a repaired post says so in its first warning. */
function parseEntry(file: string, text: string, hash: string, site: SiteInfo, repair?: Repair): Pick<CachedFile, 'post' | 'problems'> {
  const { post, problems } = parsePost(file, text, site);
  if (!post) return { problems: problems.filter((p) => p.severity === 'error') };
  post.contentHash = hash;
  if (repair) {
    post.repair = repair;
    post.warnings.unshift({
      file,
      reason:
        `repaired from ${repair.method}: ${repair.restored} characters restored, ${repair.guessed} guessed from context, ` +
        `${repair.unresolved} unresolved (confidence ${Math.round(repair.confidence * 100)}%)`,
      severity: 'warning',
    });
  }
  return { post, problems: [] };
}

/**
 * Two files with one slug: Jekyll would write both to the same URL and the last one written wins,
 * which depends on its internals. Ours is explicit: the later date wins, then the greater path.
 * The loser is skipped and the winner carries a warning naming both.
 */
function resolveDuplicates(posts: Post[], skipped: Problem[]): Post[] {
  // One post per id (the usual case) costs one Map entry; only ids seen twice get a group.
  const byId = new Map<string, Post | Post[]>();
  for (const post of posts) {
    const seen = byId.get(post.id);
    byId.set(post.id, seen === undefined ? post : Array.isArray(seen) ? [...seen, post] : [seen, post]);
  }
  const winners: Post[] = [];
  for (const [id, entry] of byId) {
    if (!Array.isArray(entry)) {
      winners.push(entry);
      continue;
    }
    const group = entry;
    group.sort((a, b) => b.date.getTime() - a.date.getTime() || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
    const [first, ...losers] = group as [Post, ...Post[]];
    // A copy carries the warnings: the parsed post stays as parsed (a later load may reuse it).
    const winner = losers.length === 0 ? first : { ...first, warnings: [...first.warnings] };
    for (const loser of losers) {
      const rule = loser.date.getTime() === winner.date.getTime() ? 'same date, greater path wins' : 'later date wins';
      const reason = `duplicate slug '${id}' in ${winner.file} and ${loser.file}: serving ${winner.file} (${rule})`;
      skipped.push({ file: loser.file, reason, severity: 'error' });
      winner.warnings.push({ file: winner.file, reason, severity: 'warning' });
    }
    winners.push(winner);
  }
  return winners;
}

/**
 * Loads every post under `options.postsDir` into a new {@link Library}, without touching the
 * previous one, and reports what changed against `options.previous`. A bad file is skipped with
 * its reason; it never stops the others. Throws only when the folder itself is unusable.
 */
export async function loadLibrary(options: LoadOptions): Promise<{ library: Library; report: LoadReport }> {
  const started = performance.now();
  const hinted = options.changed && options.cache ? await loadNamed(options, options.changed, options.cache) : undefined;
  if (hinted) return { library: hinted.library, report: { ...hinted.report, ms: Math.round(performance.now() - started) } };
  if (options.cache) options.cache.scan = undefined;
  const collected = await collect(options, options.cache);
  const library = new Library(collected.posts, collected.site);
  // The library (a sort of every post) and the report are two more passes: a yield between.
  await yieldToEventLoop();
  const report: LoadReport = {
    ...(await changesAgainst(options.previous, library)),
    skipped: sortProblems(collected.skipped),
    warnings: sortProblems(collected.warnings),
    repaired: collected.repaired.sort((a, b) => (a.file < b.file ? -1 : 1)),
    files: collected.files,
    ms: 0,
  };
  if (options.cache) await remember(options.cache, collected, library, report);
  report.ms = Math.round(performance.now() - started);
  return { library, report };
}

/** Added, changed and removed ids of `library` against `previous`, in library order: a pass over both. */
async function changesAgainst(previous: Library | undefined, library: Library): Promise<Pick<LoadReport, 'added' | 'changed' | 'removed'>> {
  const breathe = sliceYielder();
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [i, post] of library.all().entries()) {
    if (i % SLICE_ITEMS === 0) await breathe();
    const before = previous?.get(post.id);
    if (!before) added.push(post.id);
    else if (before.contentHash !== post.contentHash) changed.push(post.id);
  }
  for (const [i, post] of (previous?.all() ?? []).entries()) {
    if (i % SLICE_ITEMS === 0) await breathe();
    if (!library.get(post.id)) removed.push(post.id);
  }
  return { added, changed, removed };
}

/** Keeps what a later load told the changed paths needs (see {@link ScanMemory}): one more pass over the files. */
async function remember(cache: PostFileCache, collected: Collected, library: Library, report: LoadReport): Promise<void> {
  await yieldToEventLoop();
  const breathe = sliceYielder();
  const filesById = new Map<string, string[]>();
  let broken = 0;
  let i = 0;
  for (const [file, entry] of cache.files) {
    if (i++ % SLICE_ITEMS === 0) await breathe();
    if (entry.kind === 'broken') broken++;
    if (!entry.post) continue;
    const files = filesById.get(entry.post.id);
    if (files) files.push(file);
    else filesById.set(entry.post.id, [file]);
  }
  const { skipped, warnings, repaired } = report;
  cache.scan = { key: collected.key, unreadable: collected.unreadable, filesById, layoutFiles: collected.layoutFiles, broken, library, skipped: [...skipped], warnings: [...warnings], repaired: [...repaired] };
}

/** Every problem (errors: skipped files; warnings: served posts, site config) for `cli check`, by file and line. */
export async function lintPosts(options: LoadOptions): Promise<Problem[]> {
  const collected = await collect(options);
  return sortProblems([...collected.skipped, ...collected.warnings]);
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}


/**
 * A reload told which paths changed: stats, reads and parses only the post files they name,
 * re-decides the duplicate slugs they touch, and patches the remembered library and sorted
 * problem lists, so it costs what those files cost (a few ms at 10,000 posts, not ~300).
 * Undefined, having changed nothing, when only a full scan can give the right answer: no
 * remembered scan of this folder and site, a path naming a posts root itself, a mojibake file
 * (its repair depends on every clean file).
 */
async function loadNamed(options: LoadOptions, changed: readonly string[], cache: PostFileCache): Promise<{ library: Library; report: Omit<LoadReport, 'ms'> } | undefined> {
  const memory = cache.scan;
  if (!memory) return undefined;
  const layout = await resolveLayout(options);
  cache.useSite(JSON.stringify(layout.site));
  const postsDir = path.resolve(options.postsDir);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (cache.scan !== memory || memory.key !== scanKey(postsDir, layout.roots, maxBytes, cache.siteKey) || memory.broken > 0) return undefined;
  const named = await namedFiles(changed, postsDir, layout.roots, memory, cache);
  if (!named) return undefined;
  const breathe = sliceYielder();
  const present = [...named.values()].filter((full): full is string => full !== undefined);
  const scanned = await scanAll(present, postsDir, maxBytes, cache, breathe);
  const settled = await settleAll(scanned, layout.site, [], breathe);
  if (settled.some((item) => item.entry.kind === 'broken')) return undefined;

  // From here on the memory is patched: should anything throw, the next load scans in full.
  cache.scan = undefined;
  const touchedIds = forgetFiles(named.keys(), memory, cache);
  for (const item of scanned) if (item.problem) memory.unreadable.set(item.file, item.problem);
  for (const { file, entry } of settled) {
    cache.files.set(file, entry);
    if (!entry.post) continue;
    touchedIds.add(entry.post.id);
    const files = memory.filesById.get(entry.post.id);
    if (files) files.push(file);
    else memory.filesById.set(entry.post.id, [file]);
  }
  const next = applyChanges(memory, cache, new Set(named.keys()), touchedIds, layout.problems);
  const report = options.previous === memory.library ? changesAmong(memory.library, next.library, next.removed, next.added) : await changesAgainst(options.previous, next.library);
  cache.scan = { ...memory, library: next.library, skipped: next.skipped, warnings: next.warnings, layoutFiles: layout.problems.map((problem) => problem.file) };
  const repaired = memory.repaired;
  return {
    library: next.library,
    report: { ...report, skipped: [...next.skipped], warnings: [...next.warnings], repaired: [...repaired], files: cache.files.size + memory.unreadable.size },
  };
}

/** Drops what the memory knew of `files`; returns the post ids they held (their duplicates are decided again). */
function forgetFiles(files: Iterable<string>, memory: ScanMemory, cache: PostFileCache): Set<string> {
  const ids = new Set<string>();
  for (const file of files) {
    const id = cache.files.get(file)?.post?.id;
    if (id !== undefined) {
      ids.add(id);
      const left = (memory.filesById.get(id) ?? []).filter((other) => other !== file);
      if (left.length > 0) memory.filesById.set(id, left);
      else memory.filesById.delete(id);
    }
    cache.files.delete(file);
    memory.unreadable.delete(file);
  }
  return ids;
}

/**
 * The library and sorted problem lists after the named files changed: each touched id's
 * duplicates decided again (as {@link resolveDuplicates} does for a full scan), and every file
 * whose share of the lists may have changed (named, or in a touched id's group) given its share
 * afresh; the site configuration's problems are always fresh.
 */
function applyChanges(memory: ScanMemory, cache: PostFileCache, named: Set<string>, touchedIds: Set<string>, layoutProblems: Problem[]) {
  const redone = new Set<string>([...named, ...memory.layoutFiles, ...layoutProblems.map((problem) => problem.file)]);
  const losers: Problem[] = [];
  const winners = new Map<string, Post>();
  const removed: Post[] = [];
  const added: Post[] = [];
  for (const id of touchedIds) {
    const files = memory.filesById.get(id) ?? [];
    for (const file of files) redone.add(file);
    const [winner] = resolveDuplicates(files.map((file) => cache.files.get(file)!.post!), losers);
    if (winner) winners.set(id, winner);
    const before = memory.library.get(id);
    if (before === winner) continue;
    if (before) removed.push(before);
    if (winner) added.push(winner);
  }
  const freshSkipped: Problem[] = [...losers];
  const freshWarnings: Problem[] = [...layoutProblems];
  for (const file of redone) {
    const unreadable = memory.unreadable.get(file);
    if (unreadable) freshSkipped.push(unreadable);
    const entry = cache.files.get(file);
    if (!entry) continue;
    if (!entry.post) freshSkipped.push(...entry.problems);
    const winner = entry.post ? winners.get(entry.post.id) : undefined;
    if (winner?.file === file) freshWarnings.push(...winner.warnings);
  }
  return {
    library: memory.library.withChanges(removed, added),
    removed,
    added,
    skipped: mergeByFile(memory.skipped, redone, sortProblems(freshSkipped)),
    warnings: mergeByFile(memory.warnings, redone, sortProblems(freshWarnings)),
  };
}

/** `sorted` without the problems of `files`, with `fresh` (sorted, only of those files) merged in: as {@link sortProblems} of the whole. */
function mergeByFile(sorted: readonly Problem[], files: ReadonlySet<string>, fresh: readonly Problem[]): Problem[] {
  const merged: Problem[] = [];
  let next = 0;
  for (const problem of sorted) {
    if (files.has(problem.file)) continue;
    // Files are disjoint between the two lists, so the file alone orders them.
    while (next < fresh.length && (fresh[next] as Problem).file < problem.file) merged.push(fresh[next++] as Problem);
    merged.push(problem);
  }
  while (next < fresh.length) merged.push(fresh[next++] as Problem);
  return merged;
}

/** The report's ids when only the touched ids can differ: the ones swapped out and in, in library order. */
function changesAmong(previous: Library, library: Library, removed: readonly Post[], added: readonly Post[]): Pick<LoadReport, 'added' | 'changed' | 'removed'> {
  const inOrder = (posts: readonly Post[]) => [...posts].sort(newestFirst);
  return {
    added: inOrder(added.filter((post) => !previous.get(post.id))).map((post) => post.id),
    changed: inOrder(added.filter((post) => { const before = previous.get(post.id); return before !== undefined && before.contentHash !== post.contentHash; })).map((post) => post.id),
    removed: inOrder(removed.filter((post) => !library.get(post.id))).map((post) => post.id),
  };
}

/**
 * The post files `changed` names, as a full scan would list them: a listed file with its full
 * path, a file or folder no longer listed (removed, renamed away, hidden) with undefined for
 * each file the memory knew in it, a folder walked. Undefined when a path is a posts root or
 * above one: only a full scan can tell.
 */
async function namedFiles(changed: readonly string[], postsDir: string, roots: readonly string[], memory: ScanMemory, cache: PostFileCache): Promise<Map<string, string | undefined> | undefined> {
  const named = new Map<string, string | undefined>();
  const relativeOf = (full: string) => path.relative(postsDir, full).split(path.sep).join('/');
  const known = (file: string) => cache.files.has(file) || memory.unreadable.has(file);
  const gone = (file: string) => {
    if (known(file) && !named.has(file)) named.set(file, undefined);
  };
  for (const hint of changed) {
    const full = path.resolve(postsDir, hint);
    if (roots.some((root) => root === full || root.startsWith(full + path.sep))) return undefined;
    const root = roots.find((candidate) => full.startsWith(candidate + path.sep));
    // Outside the posts: the site configuration is read again on every load anyway.
    if (!root) continue;
    const parts = path.relative(root, full).split(path.sep);
    // What listPostFiles never lists (hidden entries, skipped folders) is no post either.
    if (parts.some((part) => part.startsWith('.')) || parts.slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) continue;
    const file = relativeOf(full);
    const kind = listedKind(root, parts);
    if (kind === 'file' && POST_EXTENSION.test(full)) {
      named.set(file, full);
      continue;
    }
    gone(file);
    if (kind === 'file') continue;
    if (kind === 'directory' && !SKIPPED_FOLDERS.has(parts.at(-1) ?? '')) for (const found of await listPostFiles(full)) named.set(relativeOf(found), found);
    const prefix = `${file}/`;
    for (const other of [...cache.files.keys(), ...memory.unreadable.keys()]) if (other.startsWith(prefix)) gone(other);
  }
  return named;
}

/** What the walk of listPostFiles would see at `root/parts…`: folders on the way must be real folders (it follows no symlinks below the root). */
function listedKind(root: string, parts: readonly string[]): 'file' | 'directory' | 'none' {
  try {
    let at = root;
    for (const [i, part] of parts.entries()) {
      at = path.join(at, part);
      const info = lstatSync(at);
      if (i === parts.length - 1) return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'none';
      if (!info.isDirectory()) return 'none';
    }
    return 'none';
  } catch {
    return 'none';
  }
}
