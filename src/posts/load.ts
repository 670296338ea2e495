/**
 * Reading a posts folder from disk: the only fs code of the posts module. Finds the Jekyll site
 * (its `_config.yml`), reads every post, repairs mojibake with what the clean posts teach, and
 * builds a new {@link Library} aside, with a report against the previous one.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { isKnownTimeZone } from './dates.ts';
import { buildRepairContext, decodeUtf8, isMojibake, repairMojibake } from './encoding.ts';
import { PostFileCache, type CachedFile } from './file-cache.ts';
import { Library } from './library.ts';
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
  const fullPaths = (await Promise.all(layout.roots.map(listPostFiles))).flat();
  const scanned = await scanAll(fullPaths, postsDir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, cache, breathe);

  const skipped: Problem[] = [];
  const warnings: Problem[] = [...layout.problems];
  const entries = await settleAll(scanned, layout.site, skipped, breathe);
  await repairBroken(entries, layout.site, breathe);
  cache.files.clear();
  for (const { file, entry } of entries) cache.files.set(file, entry);
  // Each pass over 10,000 posts takes 20-50 ms on a loaded machine: one at a time between yields,
  // or together they held the event loop for over 200 ms.
  await breathe();

  const posts: Post[] = [];
  const repaired: Collected['repaired'] = [];
  // Clean files first, then the broken ones (the order the loader always had).
  for (const kind of ['clean', 'broken'] as const) {
    for (const { file, entry } of entries) {
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
  return { site: layout.site, posts: winners, skipped, warnings, repaired, files: fullPaths.length };
}

/** Yields to the event loop when the current slice is used up (one shared budget for the whole load). */
type Breathe = () => Promise<unknown>;

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
  for (const item of scanned) {
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
  const collected = await collect(options, options.cache);
  const library = new Library(collected.posts, collected.site);
  // The library (a sort of every post) and the report are two more passes: a yield between.
  await yieldToEventLoop();
  const previous = options.previous;
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const post of library.all()) {
    const before = previous?.get(post.id);
    if (!before) added.push(post.id);
    else if (before.contentHash !== post.contentHash) changed.push(post.id);
  }
  if (previous) for (const post of previous.all()) if (!library.get(post.id)) removed.push(post.id);
  const report: LoadReport = {
    added,
    changed,
    removed,
    skipped: sortProblems(collected.skipped),
    warnings: sortProblems(collected.warnings),
    repaired: collected.repaired.sort((a, b) => (a.file < b.file ? -1 : 1)),
    files: collected.files,
    ms: Math.round(performance.now() - started),
  };
  return { library, report };
}

/** Every problem (errors: skipped files; warnings: served posts, site config) for `cli check`, by file and line. */
export async function lintPosts(options: LoadOptions): Promise<Problem[]> {
  const collected = await collect(options);
  return sortProblems([...collected.skipped, ...collected.warnings]);
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

