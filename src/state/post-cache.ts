/**
 * The loader's {@link PostFileCache} on disk (`STATE_DIR/post-cache.u16.jsonl`), so a restart with
 * unchanged files neither reads nor parses them again. Versioned: a file of another version, or
 * one that does not read back as a cache, is ignored (and replaced by the next save): the posts
 * are then simply read again. The search index has a file of its own (index-cache.ts): loading it
 * back measured 3-10 times faster than building it (bench/restart.ts).
 *
 * JSON lines in UTF-16LE, not UTF-8: the posts are mostly Hangul, and decoding 76 MB of UTF-8 at
 * 10,000 posts took 0.5-0.6 s of a restart where UTF-16LE (about 10% larger here) decodes in
 * 50 ms: it is the engine's own string layout.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PostFileCache, type CachedFile } from '../posts/file-cache.ts';
import { sliceYielder } from '../util/yield.ts';
import { checksum, checksumOf } from './checksum.ts';

/** File name inside STATE_DIR. */
export const POST_CACHE_FILE = 'post-cache.u16.jsonl';
/** The UTF-8 file of version 1: removed by the first save of the new one. */
const LEGACY_POST_CACHE_FILE = 'post-cache.json';
/** Bump when {@link CachedFile} or the parser's output changes shape or meaning, or the file's encoding. */
export const POST_CACHE_VERSION = 2;
/** How the file is encoded. */
const ENCODING = 'utf16le';

/** First line of the file; then one `[file, entry]` JSON line per file (written and read in slices), then {@link End}. */
interface Header {
  version: number;
  siteKey: string;
}

/** Last line: how many entries came before, and the checksum of the bytes before it (a file cut short or damaged is ignored). */
type End = ['end', number, number];

/** Reads the cache saved in `stateDir`; an empty cache when there is none, or it is stale or corrupt. */
export async function readPostCache(stateDir: string): Promise<PostFileCache> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(stateDir, POST_CACHE_FILE));
  } catch {
    return new PostFileCache();
  }
  try {
    return (await decode(bytes)) ?? new PostFileCache();
  } catch {
    return new PostFileCache();
  }
}

/** The cache a whole file holds, or undefined when it is of another version, cut short or damaged. */
async function decode(bytes: Buffer): Promise<PostFileCache | undefined> {
  const breathe = sliceYielder();
  // Decoded at once: readFile's own decoding goes chunk by chunk, several times slower.
  const text = bytes.toString(ENCODING);
  const endStart = text.lastIndexOf('\n', text.length - 2) + 1;
  const end = JSON.parse(text.slice(endStart)) as End;
  if (!Array.isArray(end) || end[0] !== 'end' || checksumOf(bytes.subarray(0, endStart * 2)) !== end[2]) return undefined;
  const lines = text.slice(0, endStart).split('\n');
  lines.pop();
  const header = JSON.parse(lines[0] ?? '') as Header;
  if (!header || header.version !== POST_CACHE_VERSION || typeof header.siteKey !== 'string' || end[1] !== lines.length - 1) return undefined;
  const cache = new PostFileCache();
  for (let i = 1; i < lines.length; i++) {
    await breathe();
    const [file, entry] = JSON.parse(lines[i]!) as [unknown, unknown];
    if (typeof file !== 'string' || !isEntry(entry)) return undefined;
    if (entry.post) entry.post.date = new Date(entry.post.date as unknown as string);
    if (entry.post && Number.isNaN(entry.post.date.getTime())) return undefined;
    cache.files.set(file, entry);
  }
  cache.siteKey = header.siteKey;
  return cache;
}

function isEntry(entry: unknown): entry is CachedFile {
  const e = entry as CachedFile | undefined;
  return (
    typeof e === 'object' && e !== null && typeof e.size === 'number' && typeof e.mtimeMs === 'number' && typeof e.readAt === 'number' &&
    typeof e.hash === 'string' && (e.kind === 'clean' || e.kind === 'broken' || e.kind === 'rejected') && Array.isArray(e.problems) &&
    (e.post === undefined || (typeof e.post === 'object' && typeof e.post.id === 'string' && typeof e.post.text === 'string'))
  );
}

/**
 * Writes the cache to `stateDir`, a line per file in slices (one `JSON.stringify` of 10,000 posts
 * held the event loop for seconds), to a temporary file renamed over the old one: never half a file.
 */
export async function writePostCache(stateDir: string, cache: PostFileCache): Promise<void> {
  const breathe = sliceYielder();
  await mkdir(stateDir, { recursive: true });
  const target = join(stateDir, POST_CACHE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const header: Header = { version: POST_CACHE_VERSION, siteKey: cache.siteKey ?? '' };
  const out = await open(temporary, 'w');
  const sum = checksum();
  const write = async (text: string) => {
    const bytes = Buffer.from(text, ENCODING);
    sum.update(bytes);
    await out.write(bytes);
  };
  let complete = false;
  try {
    let chunk = `${JSON.stringify(header)}\n`;
    // The entries as they are now: a reload may change the cache while this writes in slices.
    const pairs = [...cache.files];
    for (const pair of pairs) {
      chunk += `${JSON.stringify(pair)}\n`;
      if (chunk.length > 1 << 20) {
        await write(chunk);
        chunk = '';
      }
      await breathe();
    }
    await write(chunk);
    await out.write(Buffer.from(`${JSON.stringify(['end', pairs.length, sum.digest()] satisfies End)}\n`, ENCODING));
    complete = true;
  } finally {
    await out.close();
    if (!complete) await rm(temporary, { force: true });
  }
  await rename(temporary, target);
  await rm(join(stateDir, LEGACY_POST_CACHE_FILE), { force: true });
}

/** What a cache held at one moment: its site and its entries (by identity: the loader replaces an entry it changes). */
export interface PostCacheEntries {
  siteKey: string | undefined;
  files: ReadonlyMap<string, CachedFile>;
}

/** The cache's entries now, to tell later whether a load changed any (see {@link samePostCache}). */
export function postCacheEntries(cache: PostFileCache): PostCacheEntries {
  return { siteKey: cache.siteKey, files: new Map(cache.files) };
}

/** True when `cache` holds exactly the entries it held when `before` was taken: saving it again would write the same file. */
export function samePostCache(before: PostCacheEntries, cache: PostFileCache): boolean {
  if (before.siteKey !== cache.siteKey || before.files.size !== cache.files.size) return false;
  for (const [file, entry] of cache.files) if (before.files.get(file) !== entry) return false;
  return true;
}
