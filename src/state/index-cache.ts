/**
 * The search index on disk (`STATE_DIR/index-cache.jsonl`), so a restart with unchanged posts
 * does not build it again: at 10,000 posts reading it back takes about a second where a build
 * takes 15-35 s of CPU (bench/restart.ts measures both). This module only keeps lines: what they
 * mean, and whether they still fit the posts, is the search index's business (`SearchIndex.snapshot`
 * and `SearchIndex.restore`; state does not import search).
 *
 * Versioned: a file of another version, one cut short, or one whose lines do not read back as
 * JSON is ignored (the index is then built, and the next save replaces the file).
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sliceYielder } from '../util/yield.ts';

/** File name inside STATE_DIR. */
export const INDEX_CACHE_FILE = 'index-cache.jsonl';
/** Bump when the framing below changes (the lines' own format has its own version, in their header). */
export const INDEX_CACHE_VERSION = 1;

/** What is saved: a header and lines, any JSON. */
export interface IndexCacheContent {
  header: unknown;
  lines: Iterable<unknown>;
  /** Checked between slices: once false (the index changed meanwhile), the write stops and leaves the old file. */
  current?(): boolean;
}

/** About how much text one `JSON.parse` call of the reader takes (a few ms of work). */
const PARSE_CHUNK_CHARS = 256 * 1024;

/** First line of the file. */
interface Frame {
  version: number;
  header: unknown;
}

/** Last line: how many lines came between, so a file cut short is not taken for a whole one. */
type End = ['end', number];

/**
 * Writes the lines to `stateDir` in slices (the event loop is never held long), to a temporary
 * file renamed over the old one: never half a file. Resolves false when it stopped because the
 * content was no longer current.
 */
export async function writeIndexCache(stateDir: string, content: IndexCacheContent): Promise<boolean> {
  const breathe = sliceYielder();
  await mkdir(stateDir, { recursive: true });
  const target = join(stateDir, INDEX_CACHE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const out = await open(temporary, 'w');
  let complete = false;
  try {
    let chunk = `${JSON.stringify({ version: INDEX_CACHE_VERSION, header: content.header } satisfies Frame)}\n`;
    let count = 0;
    for (const line of content.lines) {
      chunk += `${JSON.stringify(line)}\n`;
      count++;
      if (chunk.length > 1 << 20) {
        await out.write(chunk);
        chunk = '';
      }
      if ((await breathe()) && content.current && !content.current()) return false;
    }
    await out.write(`${chunk}${JSON.stringify(['end', count] satisfies End)}\n`);
    complete = true;
  } finally {
    await out.close();
    if (!complete) await rm(temporary, { force: true });
  }
  await rename(temporary, target);
  return true;
}

/** The header and lines saved in `stateDir`; undefined when there is none, or it is of another version, cut short or corrupt. */
export async function readIndexCache(stateDir: string): Promise<{ header: unknown; lines: unknown[] } | undefined> {
  const breathe = sliceYielder();
  let text: string;
  try {
    // Bytes decoded at once: readFile's own 'utf8' decodes chunk by chunk, several times slower.
    text = (await readFile(join(stateDir, INDEX_CACHE_FILE))).toString('utf8');
  } catch {
    return undefined;
  }
  try {
    const rows = text.split('\n');
    if (rows[rows.length - 1] === '') rows.pop();
    const frame = JSON.parse(rows[0] ?? '') as Frame | undefined;
    if (frame?.version !== INDEX_CACHE_VERSION) return undefined;
    const end = JSON.parse(rows[rows.length - 1] ?? '') as End | undefined;
    if (!Array.isArray(end) || end[0] !== 'end' || end[1] !== rows.length - 2) return undefined;
    // Parsed a chunk of lines at a time, as one JSON array: one call per line cost twice as much.
    const lines: unknown[] = [];
    for (let i = 1; i < rows.length - 1; ) {
      let end = i;
      let length = 0;
      while (end < rows.length - 1 && length < PARSE_CHUNK_CHARS) length += rows[end++]!.length;
      const parsed = JSON.parse(`[${rows.slice(i, end).join(',')}]`) as unknown[];
      if (parsed.length !== end - i) return undefined;
      for (const line of parsed) lines.push(line);
      i = end;
      await breathe();
    }
    return { header: frame.header, lines };
  } catch {
    return undefined;
  }
}
