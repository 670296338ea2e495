/**
 * One post file's text → the {@link Post} the blog's Jekyll (Chirpy) build makes of it, or the
 * reasons it cannot be served. Pure: no fs, no clock.
 */
import { createHash } from 'node:crypto';
import matter from 'gray-matter';
import { EXAMPLES } from './conventions.ts';
import { dateFromFileName, formatIsoInZone, parseJekyllDate, wallTimeInZone } from './dates.ts';
import { neutralizeText, normalizeTag } from '../util/text.ts';
import { isWebUrl } from '../util/url.ts';
import { extractSections, extractSourceUrl, extractSummaryBullets, firstParagraph, plainInline, plainText } from './markdown.ts';
import type { Post, Problem, SiteInfo } from './types.ts';

/**
 * Body characters that are turned into text, sections and summary. Real posts are 5-15 kB; this
 * cap keeps a runaway file (a 10 MB paste) from costing seconds and hundreds of MB of index.
 */
export const MAX_BODY_CHARS = 1_000_000;

/** Result of {@link parsePost}: a post (maybe with warnings) or only problems (then skipped). */
export interface ParsedPost {
  post?: Post;
  problems: Problem[];
}

type FrontMatter = Record<string, unknown>;

interface YamlError {
  reason?: string;
  message?: string;
  mark?: { line?: number };
}

const yamlEngine = (matter as unknown as { engines: { yaml: { parse(text: string): unknown } } }).engines.yaml;

/** `2026-02-03-some-title.md` → `some-title`; `notes.markdown` → `notes`. */
export function slugFromFileName(baseName: string): string {
  return baseName.replace(/\.(md|markdown)$/i, '').replace(/^\d{4}-\d{1,2}-\d{1,2}-/, '');
}

/** Jekyll's `pretty` slugify, cased: anything but letters, digits and `._~!$&'()+,;=@` becomes `-`. */
function slugify(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Why a post cannot be served, and the line to fix; {@link parsePost} turns it into an error. */
class Rejection {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {}
}

/** Records a warning against the post being parsed. */
type Warn = (reason: string, line?: number) => void;

/**
 * Parses one post. `file` is the path relative to the posts folder (used in problems and for the
 * slug); `text` is the decoded file (BOM and CRLF are fine).
 */
export function parsePost(file: string, text: string, site: SiteInfo): ParsedPost {
  const problems: Problem[] = [];
  const warn: Warn = (reason, line) => {
    problems.push({ file, ...(line !== undefined ? { line } : {}), reason, severity: 'warning' });
  };
  const parsed = parseParts(file, text, site, warn);
  if (parsed instanceof Rejection) {
    const { reason, line } = parsed;
    return { problems: [...problems, { file, ...(line !== undefined ? { line } : {}), reason, severity: 'error' }] };
  }
  const post: Post = {
    ...parsed,
    warnings: problems.filter((p) => p.severity === 'warning'),
    contentHash: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
  return { post, problems };
}

/** The post's fields from front matter and body, in the order the checks run (warnings keep that order). */
function parseParts(file: string, text: string, site: SiteInfo, warn: Warn): Omit<Post, 'warnings' | 'contentHash'> | Rejection {
  const split = splitFrontMatter(text);
  if (split instanceof Rejection) return split;
  const data = parseFrontMatter(split);
  if (data instanceof Rejection) return data;
  const fields = frontMatterFields(file, split.frontMatterLines, data, site, warn);
  if (fields instanceof Rejection) return fields;
  const { id, title, date, description, tags, categories, published, url, image } = fields;
  const body = bodyParts(split.body, description, site, warn);
  return {
    id,
    file,
    title,
    date,
    dateIso: formatIsoInZone(date, site.timezone),
    url,
    tags,
    categories,
    ...(description !== undefined ? { description } : {}),
    summary: body.summary,
    ...(body.sourceUrl !== undefined ? { sourceUrl: body.sourceUrl } : {}),
    ...(image.url !== undefined ? { imageUrl: image.url } : {}),
    ...(image.alt !== undefined ? { imageAlt: image.alt } : {}),
    sections: body.sections,
    text: body.text,
    published,
  };
}

/** A post's text cut at its front matter. */
interface SplitPost {
  frontMatterLines: string[];
  /** Index of the closing `---` line (0-based; the opening one is line 0). */
  close: number;
  body: string;
}

/** Front matter: Jekyll only builds files whose first line is `---`; it ends at `---` or `...`. */
function splitFrontMatter(text: string): SplitPost | Rejection {
  const normalized = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n');
  if (normalized.trim() === '') return new Rejection('empty file');
  const lines = normalized.split('\n', 10_000);
  if (!/^---\s*$/.test(lines[0] ?? '')) {
    return new Rejection('no front matter: a post must start with a `---` line (Jekyll copies such a file instead of building it)', 1);
  }
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)\s*$/.test(lines[i] ?? '')) {
      close = i;
      break;
    }
  }
  if (close < 0) return new Rejection('front matter is not closed: no `---` line after the opening one', 1);
  const bodyOffset = lines.slice(0, close + 1).reduce((sum, line) => sum + line.length + 1, 0);
  return { frontMatterLines: lines.slice(1, close), close, body: normalized.slice(bodyOffset) };
}

/** The front matter as a YAML mapping; a YAML error names its file line. */
function parseFrontMatter({ frontMatterLines, close }: SplitPost): FrontMatter | Rejection {
  try {
    const parsed = yamlEngine.parse(frontMatterLines.join('\n'));
    if (parsed === null || parsed === undefined) return {};
    if (typeof parsed === 'object' && !Array.isArray(parsed) && !(parsed instanceof Date)) return parsed as FrontMatter;
    return new Rejection('front matter is not a YAML mapping of keys to values', 2);
  } catch (caught) {
    const yamlError = caught as YamlError;
    const line = typeof yamlError.mark?.line === 'number' ? yamlError.mark.line + 2 : 2;
    const reason = yamlError.reason ?? yamlError.message?.split('\n')[0] ?? String(caught);
    return new Rejection(`invalid YAML in front matter: ${reason}`, Math.min(line, close + 1));
  }
}

/** 1-based file line of a top-level front-matter key. */
function lineOfKey(frontMatterLines: readonly string[], key: string): number | undefined {
  const index = frontMatterLines.findIndex((line) => new RegExp(`^${key}\\s*:`).test(line));
  return index < 0 ? undefined : index + 2;
}

/** What the front matter (and the file name) say about the post. */
function frontMatterFields(file: string, frontMatterLines: string[], data: FrontMatter, site: SiteInfo, warn: Warn) {
  const baseName = file.split('/').pop() ?? file;
  const zone = site.timezone;

  // Title: plain text. Jekyll would make one from the slug, but here a post without a title is
  // skipped: slugs of this blog often name a different article than the post (see the corpus
  // README), so a chat answer titled by the slug would mislead. `check` reports it to fix.
  const title = typeof data.title === 'string' || typeof data.title === 'number' ? neutralizeText(plainInline(String(data.title))).trim() : '';
  if (title === '') return new Rejection('missing title: add `title:` to the front matter', lineOfKey(frontMatterLines, 'title') ?? 1);

  const date = postDate(baseName, frontMatterLines, data, zone, warn);
  if (date instanceof Rejection) return date;
  if (!/^\d{4}-\d{1,2}-\d{1,2}-/.test(baseName)) {
    warn('file name does not start with YYYY-MM-DD-: Jekyll does not build it as a post');
  }

  const slugValue = typeof data.slug === 'string' || typeof data.slug === 'number' ? slugify(String(data.slug)) : '';
  const id = slugValue || slugFromFileName(baseName);
  if (id === '') return new Rejection('cannot derive a slug from the file name', 1);

  const published = !(data.published === false || data.published === 'false');
  const tags = dedupeTags(listField(data.tags ?? data.tag));
  const categories = dedupeTags(listField(data.categories ?? data.category));
  const description = typeof data.description === 'string' ? plainInline(data.description) || undefined : undefined;

  const permalink = typeof data.permalink === 'string' && data.permalink.trim() !== '' ? data.permalink.trim() : site.permalink;
  const url = absoluteUrl(site, renderPermalink(permalink, { id, date, zone, categories }));
  return { id, title, date, description, tags, categories, published, url, image: webImageOnly(imageOf(data, site)) };
}

/** Date: front matter (any form Jekyll accepts, zone optional → site zone), else the file name. */
function postDate(baseName: string, frontMatterLines: string[], data: FrontMatter, zone: string, warn: Warn): Date | Rejection {
  const fileDate = dateFromFileName(baseName, zone);
  if (data.date === undefined || data.date === null || data.date === '') {
    return fileDate ?? new Rejection('no date: add `date:` to the front matter or name the file YYYY-MM-DD-title.md', 1);
  }
  const raw = rawScalar(frontMatterLines, 'date');
  const date = frontMatterDate(data.date, raw, zone);
  if (date) return date;
  const line = lineOfKey(frontMatterLines, 'date');
  if (!fileDate) return new Rejection(`invalid date '${String(raw ?? data.date)}' and no date in the file name`, line);
  warn(`invalid date '${String(raw ?? data.date)}': using the date in the file name`, line);
  return fileDate;
}

/** Text, sections, summary and source link of the body (cut at {@link MAX_BODY_CHARS}). */
function bodyParts(body: string, description: string | undefined, site: SiteInfo, warn: Warn) {
  let bodyForText = body;
  if (body.length > MAX_BODY_CHARS) {
    warn(`body is ${body.length} characters: only the first ${MAX_BODY_CHARS} are used for text and search`);
    bodyForText = body.slice(0, body.lastIndexOf('\n', MAX_BODY_CHARS) > 0 ? body.lastIndexOf('\n', MAX_BODY_CHARS) : MAX_BODY_CHARS);
  }
  const sections = extractSections(bodyForText);
  let summary = extractSummaryBullets(bodyForText);
  if (summary.length === 0) {
    const fallback = description ?? firstParagraph(bodyForText);
    summary = fallback ? [fallback] : [];
    warn(`no summary section (${EXAMPLES.summaryHeading}): using the ${description ? 'description' : 'first paragraph'}`);
  }
  const foundSource = extractSourceUrl(bodyForText, site.url);
  // The one URL policy (util/url.ts): a link with credentials or over the length cap never leaves the bot.
  const sourceUrl = isWebUrl(foundSource) ? foundSource : undefined;
  if (foundSource && !sourceUrl) warn('the link to the original article is not a plain http(s) URL (credentials, or over 512 characters): not shown');
  else if (!sourceUrl) warn(`no link to the original article (e.g. \`${EXAMPLES.sourceLink}\`)`);
  return { sections, summary, sourceUrl, text: plainText(bodyForText) };
}

/** The raw text of a top-level scalar in the front matter, quotes and comment removed. */
function rawScalar(frontMatterLines: string[], key: string): string | undefined {
  for (const line of frontMatterLines) {
    const match = new RegExp(`^${key}\\s*:\\s*(.*)$`).exec(line);
    if (!match) continue;
    let value = (match[1] ?? '').trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] ?? '';
    else value = value.replace(/\s+#.*$/, '');
    return value || undefined;
  }
  return undefined;
}

/**
 * A front-matter date. js-yaml turns some forms into a Date read as UTC (`2026-02-03`,
 * `2026-02-03 05:00:36`), which is wrong for a zone-less date: Jekyll reads those in the site's
 * zone. So the raw text decides whenever we have it.
 */
function frontMatterDate(value: unknown, raw: string | undefined, zone: string): Date | undefined {
  if (raw !== undefined) {
    const parsed = parseJekyllDate(raw, zone);
    if (parsed) return parsed;
  }
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const isMidnightUtc = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
    if (isMidnightUtc) {
      // A bare date: midnight in the site's zone.
      return parseJekyllDate(value.toISOString().slice(0, 10), zone);
    }
    return value;
  }
  if (typeof value === 'string') return parseJekyllDate(value, zone);
  return undefined;
}

/** A list field: YAML list, or a string split on whitespace (Jekyll's rule for tags/categories). */
function listField(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== null && v !== undefined && typeof v !== 'object').map((v) => String(v).trim()).filter((v) => v !== '');
  }
  if (typeof value === 'string' || typeof value === 'number') return String(value).split(/\s+/).filter((v) => v !== '');
  return [];
}

/** Keeps the first spelling of each normalized tag. */
function dedupeTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags) {
    const plain = neutralizeText(plainInline(tag)).trim();
    const key = normalizeTag(plain);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    result.push(plain);
  }
  return result;
}

/** The one URL policy for images (issue 13): a data:, javascript: or credentialed URL never leaves the bot. */
function webImageOnly(image: { url?: string; alt?: string }): { url?: string; alt?: string } {
  if (image.url === undefined || isWebUrl(image.url, 2048)) return image;
  const { url: _dropped, ...rest } = image;
  return rest;
}

function imageOf(data: FrontMatter, site: SiteInfo): { url?: string; alt?: string } {
  const image = data.image;
  let path: string | undefined;
  let alt: string | undefined;
  if (typeof image === 'string') path = image.trim();
  else if (image && typeof image === 'object' && !Array.isArray(image)) {
    const record = image as Record<string, unknown>;
    const candidate = record.path ?? record.src ?? record.url;
    if (typeof candidate === 'string') path = candidate.trim();
    if (typeof record.alt === 'string' && record.alt.trim() !== '') alt = plainInline(record.alt);
  }
  if (!path) return {};
  if (/^(https?:)?\/\//i.test(path) || /^data:/i.test(path)) return { url: path.startsWith('//') ? `https:${path}` : path, ...(alt ? { alt } : {}) };
  // Chirpy: a relative image path lives under `media_subpath` (older themes: `img_path`).
  const subpath = typeof data.media_subpath === 'string' ? data.media_subpath : typeof data.img_path === 'string' ? data.img_path : '';
  if (!path.startsWith('/')) path = `${subpath.replace(/\/+$/, '')}/${path}`.replace(/^(?!\/)/, '/');
  return { url: absoluteUrl(site, path), ...(alt ? { alt } : {}) };
}

function absoluteUrl(site: SiteInfo, path: string): string {
  return `${site.url}${site.baseurl}${path.startsWith('/') ? '' : '/'}${path}`;
}

const BUILT_IN_PERMALINKS: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

/** Jekyll's placeholders in a permalink pattern; date parts in the site's zone, path escaped. */
export function renderPermalink(
  pattern: string,
  post: { id: string; date: Date; zone: string; categories: string[] },
): string {
  const template = BUILT_IN_PERMALINKS[pattern] ?? pattern;
  const wall = wallTimeInZone(post.date, post.zone);
  const two = (n: number): string => String(n).padStart(2, '0');
  const startOfYear = Date.UTC(wall.year, 0, 1);
  const dayOfYear = Math.floor((Date.UTC(wall.year, wall.month - 1, wall.day) - startOfYear) / 86_400_000) + 1;
  const values: Record<string, string> = {
    year: String(wall.year),
    short_year: two(wall.year % 100),
    month: two(wall.month),
    i_month: String(wall.month),
    day: two(wall.day),
    i_day: String(wall.day),
    y_day: String(dayOfYear).padStart(3, '0'),
    hour: two(wall.hour),
    minute: two(wall.minute),
    second: two(wall.second),
    title: post.id,
    slug: slugify(post.id).toLowerCase(),
    // Jekyll lower-cases categories and only escapes them (`Dev Tools` → `dev%20tools`).
    categories: [...new Set(post.categories.map((c) => c.toLowerCase()))].join('/'),
    output_ext: '.html',
  };
  const rendered = template.replace(/:(short_year|i_month|i_day|y_day|output_ext|categories|year|month|day|hour|minute|second|title|slug)\b/g, (_m, name: string) => values[name] ?? '');
  const path = `/${rendered}`.replace(/\/{2,}/g, '/');
  return path
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponentSafe(segment)).replace(/%2B/gi, '+').replace(/%40/g, '@'))
    .join('/');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
