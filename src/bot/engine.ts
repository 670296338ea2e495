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
   * Loads the posts again and swaps the new catalog in; resolves with the load report. A request
   * while a reindex runs shares that run (a `full` one included).
   */
  async reindex(options: ReindexOptions = {}): Promise<LoadReport> {
    this.#running ??= this.#reload(options).finally(() => {
      this.#running = undefined;
    });
    return (await this.#running).report;
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
