import type { Library } from '../posts/library.ts';
import type { LoadReport } from '../posts/types.ts';
import type { SearchIndex } from '../search/index.ts';
import type { Logger } from '../util/logger.ts';

/** A library and the index built over it: always swapped together, never half-updated. */
export interface Catalog {
  library: Library;
  index: SearchIndex;
  /** The report of the load that produced this catalog. */
  report: LoadReport;
  loadedAt: Date;
}

/** How to reindex: `full` reads and parses every file again instead of only the changed ones. */
export interface ReindexOptions {
  full?: boolean;
  /**
   * The paths that changed, when the trigger knows them (a watch event, a git pull): the reload
   * looks at these only. Without it every file is stat'ed (a /reindex, a poll, a watch that lost
   * its events).
   */
  changed?: readonly string[];
}

/** Two requests as one: a full scan if either wants one (or names nothing), else the paths of both. */
function mergeOptions(a: ReindexOptions, b: ReindexOptions): ReindexOptions {
  const full = a.full || b.full ? { full: true } : {};
  if (!a.changed || !b.changed) return full;
  return { ...full, changed: [...new Set([...a.changed, ...b.changed])] };
}

/** Builds a new catalog aside, given the one now serving (for the added/changed/removed report). */
export type CatalogLoader = (previous: Catalog | undefined, options?: ReindexOptions) => Promise<Catalog>;

/** Called after every successful (re)index with the new catalog. */
export type CatalogListener = (catalog: Catalog, previous: Catalog | undefined) => void;

/**
 * Holds the catalog now serving and swaps in a new one in a single assignment.
 * A failed reindex leaves the old catalog serving; concurrent reindex requests share one run.
 */
export class Engine {
  #current: Catalog | undefined;
  #running: Promise<Catalog> | undefined;
  /** The run that starts when the running one ends (or on the next microtask): requests until then join it. */
  #next: { options: ReindexOptions; run: Promise<Catalog> } | undefined;
  #listeners: CatalogListener[] = [];
  #lastError: { at: Date; message: string } | undefined;

  constructor(
    private readonly load: CatalogLoader,
    private readonly log?: Logger,
  ) {}

  /** The catalog now serving. Throws before the first successful {@link reindex}. */
  get catalog(): Catalog {
    if (!this.#current) throw new Error('briefbot: the posts have not been loaded yet');
    return this.#current;
  }

  get library(): Library {
    return this.catalog.library;
  }

  get index(): SearchIndex {
    return this.catalog.index;
  }

  /** Whether a catalog is serving. */
  get ready(): boolean {
    return this.#current !== undefined;
  }

  /** The last failed reindex, if the latest attempt failed. */
  get lastError(): { at: Date; message: string } | undefined {
    return this.#lastError;
  }

  /**
   * Loads the posts again and swaps the new catalog in; resolves with the load report. Requests
   * made before a run starts share it (their options merged: see {@link mergeOptions}); a
   * request while a run is going gets one more run after it, shared by every request until it
   * starts: the running one may have looked at a file before the change the request is about
   * (with the paths of a watch event, it would not look at it at all).
   */
  async reindex(options: ReindexOptions = {}): Promise<LoadReport> {
    if (this.#next) {
      this.#next.options = mergeOptions(this.#next.options, options);
      return (await this.#next.run).report;
    }
    const before = this.#running ?? Promise.resolve(undefined);
    const next: { options: ReindexOptions; run: Promise<Catalog> } = { options, run: undefined as unknown as Promise<Catalog> };
    next.run = before.then(
      () => this.#start(next),
      () => this.#start(next),
    );
    this.#next = next;
    return (await next.run).report;
  }

  #start(next: { options: ReindexOptions }): Promise<Catalog> {
    if (this.#next === next) this.#next = undefined;
    const run = this.#reload(next.options);
    this.#running = run;
    const done = () => {
      if (this.#running === run) this.#running = undefined;
    };
    run.then(done, done);
    return run;
  }

  /** Registers a listener for every new catalog; returns a function that removes it. */
  onCatalog(listener: CatalogListener): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  async #reload(options: ReindexOptions): Promise<Catalog> {
    const previous = this.#current;
    let next: Catalog;
    try {
      next = await this.load(previous, options);
    } catch (error) {
      this.#lastError = { at: new Date(), message: error instanceof Error ? error.message : String(error) };
      throw error;
    }
    this.#current = next;
    this.#lastError = undefined;
    // A listener's failure (say, the announcer's database) must not undo a good reindex.
    for (const listener of this.#listeners) {
      try {
        listener(next, previous);
      } catch (error) {
        this.log?.error('catalog listener failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
    return next;
  }
}
