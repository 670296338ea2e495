/**
 * The loader's {@link PostFileCache} on disk (`STATE_DIR/post-cache.json`), so a restart with
 * unchanged files neither reads nor parses them again. Versioned: a file of another version, or
 * one that does not read back as a cache, is ignored (and replaced by the next save): the posts
 * are then simply read again. Only the parsed posts are kept, not the search index: the index is
 * rebuilt on start (issue 15 cites an earlier measurement where loading MiniSearch's JSON of a
 * large Korean vocabulary was slower than building it; not measured again yet).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PostFileCache, type CachedFile } from '../posts/file-cache.ts';

/** File name inside STATE_DIR. */
export const POST_CACHE_FILE = 'post-cache.json';
/** Bump when {@link CachedFile} or the parser's output changes shape or meaning. */
export const POST_CACHE_VERSION = 1;

interface Stored {
  version: number;
  siteKey: string;
  files: [string, CachedFile][];
}

/** Reads the cache saved in `stateDir`; an empty cache when there is none, or it is stale or corrupt. */
export async function readPostCache(stateDir: string): Promise<PostFileCache> {
  const cache = new PostFileCache();
  let stored: Stored;
  try {
    stored = JSON.parse(await readFile(join(stateDir, POST_CACHE_FILE), 'utf8')) as Stored;
  } catch {
    return cache;
  }
  if (!stored || stored.version !== POST_CACHE_VERSION || typeof stored.siteKey !== 'string' || !Array.isArray(stored.files)) return cache;
  for (const pair of stored.files) {
    const [file, entry] = pair ?? [];
    if (typeof file !== 'string' || !isEntry(entry)) return new PostFileCache();
    if (entry.post) entry.post.date = new Date(entry.post.date as unknown as string);
    if (entry.post && Number.isNaN(entry.post.date.getTime())) return new PostFileCache();
    cache.files.set(file, entry);
  }
  cache.siteKey = stored.siteKey;
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

/** Writes the cache to `stateDir` (a temporary file renamed over the old one: never half a file). */
export async function writePostCache(stateDir: string, cache: PostFileCache): Promise<void> {
  const stored: Stored = { version: POST_CACHE_VERSION, siteKey: cache.siteKey ?? '', files: [...cache.files] };
  await mkdir(stateDir, { recursive: true });
  const target = join(stateDir, POST_CACHE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(stored));
  await rename(temporary, target);
}
