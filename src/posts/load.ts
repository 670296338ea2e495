/**
 * Reading a posts folder from disk: the only fs code of the posts module. Finds the Jekyll site
 * (its `_config.yml`), reads every post, repairs mojibake with what the clean posts teach, and
 * builds a new {@link Library} aside, with a report against the previous one.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { isKnownTimeZone } from './dates.ts';
import { buildRepairContext, decodeUtf8, isMojibake, repairMojibake, type RepairContext } from './encoding.ts';
import { Library } from './library.ts';
import { parsePost } from './parse.ts';
import type { LoadReport, Post, Problem, Repair, SiteInfo } from './types.ts';
import { sliceYielder } from '../util/yield.ts';

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

interface ReadFile {
  file: string;
  bytes?: Uint8Array;
  problem?: Problem;
}

async function readPostFile(full: string, file: string, maxBytes: number): Promise<ReadFile> {
  try {
    const size = (await stat(full)).size;
    if (size > maxBytes) {
      return { file, problem: { file, reason: `file is ${formatBytes(size)}, above the limit of ${formatBytes(maxBytes)}`, severity: 'error' } };
    }
    return { file, bytes: await readFile(full) };
  } catch (caught) {
    return { file, problem: { file, reason: `cannot read: ${(caught as Error).message}`, severity: 'error' } };
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


/** Reads, decodes, repairs and parses every post; resolves duplicate slugs. */
async function collect(options: LoadOptions): Promise<Collected> {
  const breathe = sliceYielder();
  const layout = await resolveLayout(options);
  const postsDir = path.resolve(options.postsDir);
  const fullPaths = (await Promise.all(layout.roots.map(listPostFiles))).flat();
  const read = await readAll(fullPaths, postsDir, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);

  const skipped: Problem[] = [];
  const warnings: Problem[] = [...layout.problems];
  const repaired: Collected['repaired'] = [];
  const { clean, broken } = await decodeAll(read, skipped, breathe);
  const texts = await repairAll(clean, broken, repaired, breathe);
  const posts = await parseAll(texts, layout.site, skipped, breathe);

  const winners = resolveDuplicates(posts, skipped);
  for (const post of winners) warnings.push(...post.warnings);
  return { site: layout.site, posts: winners, skipped, warnings, repaired, files: fullPaths.length };
}

/** Yields to the event loop when the current slice is used up (one shared budget for the whole load). */
type Breathe = () => Promise<unknown>;

/** A decoded post file: its text (repaired, for a mojibake one), the hash of its bytes. */
interface PostText {
  file: string;
  text: string;
  hash: string;
  repair?: Repair;
}

/** Reads the files 32 at a time (bounded open files, still parallel). */
async function readAll(fullPaths: readonly string[], postsDir: string, maxBytes: number): Promise<ReadFile[]> {
  const read: ReadFile[] = [];
  const BATCH = 32;
  for (let i = 0; i < fullPaths.length; i += BATCH) {
    const batch = fullPaths.slice(i, i + BATCH);
    read.push(...(await Promise.all(batch.map((full) => readPostFile(full, path.relative(postsDir, full).split(path.sep).join('/'), maxBytes)))));
  }
  return read;
}

/** Decodes everything first: clean files are ready, and they teach the repair of mojibake ones. */
async function decodeAll(read: readonly ReadFile[], skipped: Problem[], breathe: Breathe): Promise<{ clean: PostText[]; broken: PostText[] }> {
  const clean: PostText[] = [];
  const broken: PostText[] = [];
  for (const entry of read) {
    await breathe();
    if (entry.problem || !entry.bytes) {
      if (entry.problem) skipped.push(entry.problem);
      continue;
    }
    const decoded = decodeUtf8(entry.bytes);
    const hash = createHash('sha256').update(entry.bytes).digest('hex');
    if (decoded.text === undefined) {
      skipped.push({ file: entry.file, reason: decoded.problem ?? 'cannot decode', severity: 'error' });
    } else if (isMojibake(decoded.text)) broken.push({ file: entry.file, text: decoded.text, hash });
    else clean.push({ file: entry.file, text: decoded.text, hash });
  }
  return { clean, broken };
}

/** The clean texts, then the broken ones repaired from what the clean ones say (kept as they are when repair gives up). */
async function repairAll(clean: PostText[], broken: readonly PostText[], repaired: Collected['repaired'], breathe: Breathe): Promise<PostText[]> {
  let context: RepairContext | undefined;
  const texts: PostText[] = [...clean];
  for (const entry of broken) {
    await breathe();
    context ??= buildRepairContext(clean.map((c) => c.text));
    const result = repairMojibake(entry.text, context);
    if (!result) texts.push(entry);
    else {
      texts.push({ ...entry, text: result.text, repair: result.repair });
      repaired.push({ file: entry.file, repair: result.repair });
    }
  }
  return texts;
}

/** Parses each text; a repaired post says so in its first warning. */
async function parseAll(texts: readonly PostText[], site: SiteInfo, skipped: Problem[], breathe: Breathe): Promise<Post[]> {
  const posts: Post[] = [];
  for (const entry of texts) {
    await breathe();
    const { post, problems } = parsePost(entry.file, entry.text, site);
    if (!post) {
      skipped.push(...problems.filter((p) => p.severity === 'error'));
      continue;
    }
    post.contentHash = entry.hash;
    if (entry.repair) {
      const r = entry.repair;
      post.repair = r;
      post.warnings.unshift({
        file: entry.file,
        reason:
          `repaired from ${r.method}: ${r.restored} characters restored, ${r.guessed} guessed from context, ` +
          `${r.unresolved} unresolved (confidence ${Math.round(r.confidence * 100)}%)`,
        severity: 'warning',
      });
    }
    posts.push(post);
  }
  return posts;
}

/**
 * Two files with one slug: Jekyll would write both to the same URL and the last one written wins,
 * which depends on its internals. Ours is explicit: the later date wins, then the greater path.
 * The loser is skipped and the winner carries a warning naming both.
 */
function resolveDuplicates(posts: Post[], skipped: Problem[]): Post[] {
  const byId = new Map<string, Post[]>();
  for (const post of posts) byId.set(post.id, [...(byId.get(post.id) ?? []), post]);
  const winners: Post[] = [];
  for (const [id, group] of byId) {
    group.sort((a, b) => b.date.getTime() - a.date.getTime() || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0));
    const [winner, ...losers] = group as [Post, ...Post[]];
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
  const collected = await collect(options);
  const library = new Library(collected.posts, collected.site);
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

