/**
 * Newly published detection: which posts appear published for the first time, recorded in the
 * store together with their deliveries in one transaction.
 *
 * The store is the memory: a post is announced when it is published now and the store has never
 * seen it published. That one rule covers a new file, `published: false` turning true, and a
 * future-dated post whose time arrives; an edit changes nothing (the id is known), and a post
 * that disappears is marked removed, never announced.
 */
import type { Logger } from '../util/logger.ts';
import type { Post } from '../posts/types.ts';
import type { Store } from '../state/store.ts';
import type { Clock } from './clock.ts';
import type { AnnouncementTarget, AnnouncePlatform } from './port.ts';
import { targetsFor } from './targets.ts';

/** What detection needs of the posts library (`src/posts/library.ts` provides it). */
export interface PublicationView {
  /** Every post the blog has, published or not. */
  all(): readonly Post[];
  /** Whether Jekyll would publish the post at `now` (`published` and not dated in the future). */
  isPublished(post: Post, now: Date): boolean;
  /** The next instant at which a not-yet-published (future-dated) post becomes published. */
  nextPublicationAt(now: Date): Date | undefined | null;
}

/** What one detection pass did. */
export interface DetectionResult {
  /** First pass on an empty store: posts recorded as already announced. */
  baseline: string[];
  /** Posts newly published: deliveries were enqueued. */
  announced: string[];
  /** Deliveries enqueued (posts × targets). */
  enqueued: number;
  /** Known posts that disappeared from the blog. */
  removed: string[];
  /** Removed posts that came back (recorded, not announced again). */
  restored: string[];
}

const INITIALIZED = 'initialized_at';

export interface DetectorOptions {
  store: Store;
  /** Static targets (environment); subscriptions are read from the store on every pass. */
  staticTargets: readonly AnnouncementTarget[];
  /** Platforms with a sender: targets on other platforms are not enqueued. */
  platforms: ReadonlySet<AnnouncePlatform>;
  /** On the first pass (empty store), announce the newest N published posts anyway. */
  backfill: number;
  clock: Clock;
  log: Logger;
}

export class Detector {
  constructor(private readonly options: DetectorOptions) {}

  /** Whether the store has ever recorded a pass (false on the very first start). */
  get initialized(): boolean {
    return this.options.store.getMeta(INITIALIZED) !== undefined;
  }

  /** Compares the library with the store at the clock's now; records and enqueues in one transaction. */
  detect(library: PublicationView): DetectionResult {
    const { store, clock } = this.options;
    const now = clock.now();
    const nowDate = new Date(now);
    const all = library.all();
    const published = all.filter((post) => library.isPublished(post, nowDate));
    const result: DetectionResult = { baseline: [], announced: [], enqueued: 0, removed: [], restored: [] };

    store.transaction(() => {
      const known = store.knownPosts();
      const firstPass = store.getMeta(INITIALIZED) === undefined;
      let fresh = published.filter((post) => !known.has(post.id));
      if (firstPass) {
        // No flood on the first start: what is already published counts as announced,
        // except the newest `backfill` posts when asked for explicitly.
        const newestFirst = [...fresh].sort((a, b) => b.date.getTime() - a.date.getTime() || a.id.localeCompare(b.id));
        const backfilled = newestFirst.slice(0, this.options.backfill);
        const backfilledIds = new Set(backfilled.map((p) => p.id));
        for (const post of newestFirst) {
          if (!backfilledIds.has(post.id) && store.recordPost(post, 'baseline', now)) result.baseline.push(post.id);
        }
        // Oldest first, so channels receive them in publication order.
        fresh = backfilled.reverse();
        store.setMeta(INITIALIZED, new Date(now).toISOString());
      } else {
        fresh.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id.localeCompare(b.id));
      }

      if (fresh.length > 0) {
        const subscriptions = store.subscriptions();
        for (const post of fresh) {
          if (!store.recordPost(post, 'announced', now)) continue;
          result.announced.push(post.id);
          const targets = targetsFor(post, this.options.staticTargets, subscriptions).filter((t) => this.options.platforms.has(t.platform));
          for (const target of targets) if (store.enqueue(post.id, target, now)) result.enqueued++;
        }
      }

      const present = new Set(all.map((p) => p.id));
      for (const [id, post] of known) {
        if (!present.has(id) && !post.removedAt) {
          store.setRemoved(id, now);
          store.cancelPendingForPost(id, 'the post was removed from the blog before delivery', now);
          result.removed.push(id);
        } else if (present.has(id) && post.removedAt) {
          store.setRemoved(id, undefined);
          result.restored.push(id);
        }
      }
    });

    const { log } = this.options;
    if (result.baseline.length) log.info('announcements: first start, existing posts recorded as already announced', { posts: result.baseline.length });
    if (result.announced.length) log.info('announcements: newly published', { posts: result.announced, deliveries: result.enqueued });
    if (result.removed.length) log.info('announcements: posts removed from the blog (recorded, not announced)', { posts: result.removed });
    return result;
  }
}
