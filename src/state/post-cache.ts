/**
 * The loader's {@link PostFileCache} on disk (`STATE_DIR/post-cache.json`), so a restart with
 * unchanged files neither reads nor parses them again. Versioned: a file of another version, or
 * one that does not read back as a cache, is ignored (and replaced by the next save): the posts
 * are then simply read again. The search index has a file of its own (index-cache.ts): loading it
 * back measured 3-10 times faster than building it (bench/restart.ts).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { PostFileCache, type CachedFile } from '../posts/file-cache.ts';
import { sliceYielder } from '../util/yield.ts';

/** File name inside STATE_DIR. */
export const POST_CACHE_FILE = 'post-cache.json';
/** Bump when {@link CachedFile} or the parser's output changes shape or meaning. */
export const POST_CACHE_VERSION = 1;

/** First line of the file; then one `[file, entry]` JSON line per file (written and read in slices). */
interface Header {
  version: number;
  siteKey: string;
}

/** Reads the cache saved in `stateDir`; an empty cache when there is none, or it is stale or corrupt. */
export async function readPostCache(stateDir: string): Promise<PostFileCache> {
  const breathe = sliceYielder();
  let lines: string[];
  try {
    // Read as bytes and decoded at once: readFile's own 'utf8' decodes chunk by chunk, five times slower on 70 MB of Korean text.
    lines = (await readFile(join(stateDir, POST_CACHE_FILE))).toString('utf8').split('\n');
  } catch {
    return new PostFileCache();
  }
  const cache = new PostFileCache();
  try {
    const header = JSON.parse(lines[0] ?? '') as Header;
    if (!header || header.version !== POST_CACHE_VERSION || typeof header.siteKey !== 'string') return cache;
    for (const line of lines.slice(1)) {
      if (line === '') continue;
      await breathe();
      const [file, entry] = JSON.parse(line) as [unknown, unknown];
      if (typeof file !== 'string' || !isEntry(entry)) return new PostFileCache();
      if (entry.post) entry.post.date = new Date(entry.post.date as unknown as string);
      if (entry.post && Number.isNaN(entry.post.date.getTime())) return new PostFileCache();
      cache.files.set(file, entry);
    }
    cache.siteKey = header.siteKey;
    return cache;
  } catch {
    return new PostFileCache();
  }
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
  try {
    let chunk = `${JSON.stringify(header)}\n`;
    for (const pair of [...cache.files]) {
      chunk += `${JSON.stringify(pair)}\n`;
      if (chunk.length > 1 << 20) {
        await out.write(chunk);
        chunk = '';
      }
      await breathe();
    }
    await out.write(chunk);
  } finally {
    await out.close();
  }
  await rename(temporary, target);
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
