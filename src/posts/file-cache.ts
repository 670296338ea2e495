/**
 * What the loader learnt of each post file on the previous load, so that a reindex reads and
 * parses only what changed: a file whose size and mtime are unchanged is not read again (unless
 * its mtime is too close to the moment it was read to be trusted, as git does for "racy" files),
 * and a file whose bytes hash the same is not parsed again. Pure data: no fs; the loader fills it,
 * `src/state/post-cache.ts` persists it for a fast restart.
 */
import type { Library } from './library.ts';
import type { Post, Problem, Repair } from './types.ts';

/** How a file's bytes decoded. */
export type FileKind = 'clean' | 'broken' | 'rejected';

/** One file as the previous load saw it. */
export interface CachedFile {
  size: number;
  mtimeMs: number;
  /** When the bytes were last read (ms since the epoch): an mtime this close to it is not trusted. */
  readAt: number;
  /** sha256 of the bytes, hex. */
  hash: string;
  /** `clean`: UTF-8 text; `broken`: mojibake to repair; `rejected`: could not be decoded (see `problems`). */
  kind: FileKind;
  /** The parsed post, as parsed (before duplicate-slug warnings, which depend on the other files). */
  post?: Post;
  /** Errors of a file that is not served (decode or parse), in the loader's order. */
  problems: Problem[];
  /** For a `broken` file: the repair, and the key of the clean texts that taught it (see {@link repairContextKey}). */
  repair?: Repair;
  contextKey?: string;
}

/**
 * An mtime within this many ms of the moment the file was read may hide a second write in the
 * same clock tick (coarse file systems): such a file is read and hashed again next time.
 */
export const RACY_MS = 1000;

/**
 * What the last complete scan found besides each file's entry, so that a reload told which paths
 * changed (a watch event, a git pull) can touch only those and reuse the rest: the served library
 * and the report's sorted lists as they were, and what it takes to redo one file's share of them.
 * In memory only (a restart scans in full); dropped whenever it may no longer describe the folder.
 */
export interface ScanMemory {
  /** The folder, roots, size limit and site facts scanned: a hinted reload of anything else scans in full. */
  key: string;
  /** Files listed but not read (too large, unreadable), with their one problem. */
  unreadable: Map<string, Problem>;
  /** Post id → the files whose post has it (more than one: a duplicate slug). */
  filesById: Map<string, string[]>;
  /** Files of the site configuration's problems (recomputed on every load). */
  layoutFiles: string[];
  /** Files that decoded as mojibake: their repair depends on every clean file, so a hinted reload scans in full. */
  broken: number;
  library: Library;
  /** As in the report: sorted by file, then line. */
  skipped: Problem[];
  warnings: Problem[];
  repaired: { file: string; repair: Repair }[];
}

/** The per-file memory of the loader. Mutated by each load that is given it. */
export class PostFileCache {
  /** `JSON` of the site facts the posts were parsed with: when it changes, everything is parsed again. */
  siteKey: string | undefined;
  readonly files = new Map<string, CachedFile>();
  /** The last complete scan with this cache (see {@link ScanMemory}); undefined after a restart or a failed load. */
  scan: ScanMemory | undefined;

  /** The entry for `file` when its size and mtime say it is unchanged (and are old enough to be trusted). */
  unchanged(file: string, size: number, mtimeMs: number): CachedFile | undefined {
    const entry = this.files.get(file);
    if (!entry || entry.size !== size || entry.mtimeMs !== mtimeMs) return undefined;
    return entry.readAt - mtimeMs > RACY_MS ? entry : undefined;
  }

  /** Forgets everything when the site facts changed (posts' URLs and dates depend on them). */
  useSite(siteKey: string): void {
    if (this.siteKey === siteKey) return;
    this.files.clear();
    this.scan = undefined;
    this.siteKey = siteKey;
  }
}
