/**
 * The search index on disk (`STATE_DIR/index-cache.bin`), so a restart with unchanged posts does
 * not build it again (bench/restart.ts measures both). This module only keeps records: what they
 * mean, and whether they still fit the posts, is the search index's business
 * (`SearchIndex.snapshot` and `SearchIndex.restore`; state does not import search).
 *
 * Binary, because parsing the JSON lines of version 1 was most of a restart at 10,000 posts (the
 * postings are millions of small numbers): a record is either JSON (strings, small structures)
 * or an `Int32Array` (numbers), written as its bytes and read back as a view of the file's
 * buffer, with no parsing at all. Layout, native byte order (the magic number tells a file of
 * the other order, which is then ignored like any foreign file):
 *
 *     magic u32 · version u32 · record* · end
 *     record: kind u32 (1 JSON as UTF-8, 2 Int32Array) · byte length u32 · bytes · zero padding to 4
 *     end:    kind u32 (3) · record count u32 · checksum u32 of everything before `end` (checksum.ts)
 *
 * The first record is the header. A file of another version, one cut short, or one whose bytes
 * do not hash as saved is ignored (the index is then built, and the next save replaces the file).
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sliceYielder } from '../util/yield.ts';
import { checksum, checksumOf } from './checksum.ts';

/** File name inside STATE_DIR. */
export const INDEX_CACHE_FILE = 'index-cache.bin';
/** The JSON-lines file of version 1: removed by the first save of the binary one. */
const LEGACY_INDEX_CACHE_FILE = 'index-cache.jsonl';
/** Bump when the framing below changes (the records' own format has its own version, in their header). */
export const INDEX_CACHE_VERSION = 2;

/** A record: any JSON value, or numbers. */
export type IndexCacheRecord = unknown;

/** What is saved: a header and records. */
export interface IndexCacheContent {
  header: unknown;
  /** JSON values, and `Int32Array`s (kept as their bytes). */
  records: Iterable<IndexCacheRecord>;
  /** Checked between slices: once false (the index changed meanwhile), the write stops and leaves the old file. */
  current?(): boolean;
}

/** 'BBIX' read as a little-endian u32: a big-endian machine reads another number and ignores the file. */
const MAGIC = 0x58494242;
const JSON_RECORD = 1;
const NUMBERS_RECORD = 2;
const END_RECORD = 3;
/** Bytes gathered before one write call. */
const WRITE_CHUNK_BYTES = 1 << 20;

const padding = (length: number): number => (4 - (length % 4)) % 4;

/** The bytes of one record, framed. */
function framed(record: IndexCacheRecord): Uint8Array[] {
  const body = record instanceof Int32Array ? new Uint8Array(record.buffer, record.byteOffset, record.byteLength) : Buffer.from(JSON.stringify(record) ?? 'null', 'utf8');
  const head = new Uint32Array([record instanceof Int32Array ? NUMBERS_RECORD : JSON_RECORD, body.byteLength]);
  return [new Uint8Array(head.buffer), body, new Uint8Array(padding(body.byteLength))];
}

/**
 * Writes the records to `stateDir` in slices (the event loop is never held long), to a temporary
 * file renamed over the old one: never half a file. Resolves false when it stopped because the
 * content was no longer current.
 */
export async function writeIndexCache(stateDir: string, content: IndexCacheContent): Promise<boolean> {
  const breathe = sliceYielder();
  await mkdir(stateDir, { recursive: true });
  const target = join(stateDir, INDEX_CACHE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  const out = await open(temporary, 'w');
  const hash = checksum();
  let complete = false;
  try {
    let pending: Uint8Array[] = [new Uint8Array(new Uint32Array([MAGIC, INDEX_CACHE_VERSION]).buffer)];
    let pendingBytes = 0;
    const flush = async () => {
      for (const part of pending) hash.update(part);
      await out.writev(pending);
      pending = [];
      pendingBytes = 0;
    };
    let count = 0;
    const add = (record: IndexCacheRecord) => {
      for (const part of framed(record)) {
        pending.push(part);
        pendingBytes += part.byteLength;
      }
      count++;
    };
    add(content.header);
    for (const record of content.records) {
      add(record);
      if (pendingBytes > WRITE_CHUNK_BYTES) await flush();
      if ((await breathe()) && content.current && !content.current()) return false;
    }
    await flush();
    const end = new Uint32Array([END_RECORD, count, hash.digest()]);
    await out.write(new Uint8Array(end.buffer));
    complete = true;
  } finally {
    await out.close();
    if (!complete) await rm(temporary, { force: true });
  }
  await rename(temporary, target);
  await rm(join(stateDir, LEGACY_INDEX_CACHE_FILE), { force: true });
  return true;
}

/** The header and records saved in `stateDir`; undefined when there is none, or it is of another version, cut short or corrupt. */
export async function readIndexCache(stateDir: string): Promise<{ header: unknown; records: IndexCacheRecord[] } | undefined> {
  let file: Buffer;
  try {
    file = await readFile(join(stateDir, INDEX_CACHE_FILE));
  } catch {
    return undefined;
  }
  try {
    return decode(file);
  } catch {
    return undefined;
  }
}

/** The records of a whole file (see the module comment), or undefined. Throws on JSON that does not parse. */
function decode(file: Buffer): { header: unknown; records: IndexCacheRecord[] } | undefined {
  // Aligned, so that number records can be views of it (a pooled Buffer may start anywhere).
  const bytes = file.byteOffset % 4 === 0 ? file : Buffer.from(file);
  const words = (offset: number, count: number) => new Uint32Array(bytes.buffer, bytes.byteOffset + offset, count);
  if (bytes.byteLength < 20 || bytes.byteLength % 4 !== 0) return undefined;
  const [magic, version] = words(0, 2);
  if (magic !== MAGIC || version !== INDEX_CACHE_VERSION) return undefined;
  const [endKind, count, saved] = words(bytes.byteLength - 12, 3);
  if (endKind !== END_RECORD) return undefined;
  if (checksumOf(bytes.subarray(0, bytes.byteLength - 12)) !== saved) return undefined;
  const records: IndexCacheRecord[] = [];
  let offset = 8;
  while (offset < bytes.byteLength - 12) {
    const [kind, length] = words(offset, 2) as unknown as [number, number];
    const start = offset + 8;
    if (start + length > bytes.byteLength - 12) return undefined;
    if (kind === JSON_RECORD) records.push(JSON.parse(bytes.toString('utf8', start, start + length)));
    else if (kind === NUMBERS_RECORD && length % 4 === 0) records.push(new Int32Array(bytes.buffer, bytes.byteOffset + start, length / 4));
    else return undefined;
    offset = start + length + padding(length);
  }
  if (records.length !== count || records.length === 0) return undefined;
  return { header: records[0], records: records.slice(1) };
}
