/**
 * What the loader learnt of each post file on the previous load, so that a reindex reads and
 * parses only what changed: a file whose size and mtime are unchanged is not read again (unless
 * its mtime is too close to the moment it was read to be trusted, as git does for "racy" files),
 * and a file whose bytes hash the same is not parsed again. Pure data: no fs; the loader fills it,
 * `src/state/post-cache.ts` persists it for a fast restart.
 */
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

/** The per-file memory of the loader. Mutated by each load that is given it. */
export class PostFileCache {
  /** `JSON` of the site facts the posts were parsed with: when it changes, everything is parsed again. */
  siteKey: string | undefined;
  readonly files = new Map<string, CachedFile>();

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
    this.siteKey = siteKey;
  }
}
