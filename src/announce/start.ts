/**
 * The announcements feature, composed: detection on every catalog and at every scheduled
 * publication instant, the outbox dispatcher, an optional watch on POSTS_DIR, and the port that
 * commands use. `src/main.ts` calls {@link startAnnouncements} once the platforms are up, with one
 * announcer per platform; nothing here knows which platforms exist.
 */
import type { Logger } from '../util/logger.ts';
import type { LoadReport } from '../posts/types.ts';
import { targetKey, type Store } from '../state/store.ts';
import { watchPostsDir, type PostsSource } from '../sources/posts.ts';
import { createAnnouncementsPort } from './announcements-port.ts';
import { systemClock, type Clock } from './clock.ts';
import { Detector, type DetectionResult, type PublicationView } from './detect.ts';
import { detectionLoop } from './detection-loop.ts';
import { Dispatcher } from './dispatcher.ts';
import type { Announcer, AnnouncementsPort, AnnouncementTarget, AnnounceLocale } from './port.ts';
import { recordReindex } from './reindex-record.ts';
import type { RetryPolicy } from './retry.ts';

/** The catalog as the announcer reads it (the real `Catalog` fits). */
export interface AnnouncerCatalog {
  library: PublicationView;
  report: LoadReport;
  loadedAt: Date;
}

/** What the announcer needs of the engine (the real `Engine` fits). */
export interface CatalogSource {
  readonly ready: boolean;
  readonly catalog: AnnouncerCatalog;
  onCatalog(listener: (catalog: AnnouncerCatalog) => void): () => void;
  /** `changed`: the paths the watch named (see ReindexOptions in src/bot/engine.ts). */
  reindex(options?: { changed?: readonly string[] }): Promise<unknown>;
}

/** Everything {@link startAnnouncements} takes. */
export interface AnnouncementsOptions {
  engine: CatalogSource;
  store: Store;
  /** One announcer per configured platform; targets on other platforms are not enqueued. */
  announcers: readonly Announcer[];
  log: Logger;
  /** Static targets from configuration (`staticTargets(...)`). */
  targets?: readonly AnnouncementTarget[];
  /** ANNOUNCE_BACKFILL: on the very first start, announce the newest N posts. Default 0. */
  backfill?: number;
  /** Language of announcement buttons and labels (BOT_LOCALE). Default `ko`. */
  locale?: AnnounceLocale;
  /** Watch this folder (POSTS_DIR) and reindex on changes. Default: no watch. */
  watchDir?: string;
  /** Quiet time of the watch before a reindex (ms). Default 500. */
  watchDebounceMs?: number;
  /** Default: the wall clock. Tests pass a `ManualClock`. */
  clock?: Clock;
  /** Overrides of the retry policy (defaults in `defaultRetryPolicy`). Rate limits come with each announcer. */
  retry?: Partial<RetryPolicy>;
  /** Sent and cancelled deliveries are deleted from the outbox after this many days (on start). Default 90. */
  keepDeliveriesDays?: number;
  /** Source of randomness for backoff jitter (tests). */
  random?: () => number;
}

/** The running feature. */
export interface Announcements {
  /** For commands: `ctx.announcements`. */
  port: AnnouncementsPort;
  /** Stops the timer, the watch and the dispatcher (sends in flight finish and are recorded). */
  stop(): Promise<void>;
  /** Resolves when every pending delivery is sent or failed (tests, one-shot runs). */
  drain(): Promise<void>;
  /** Runs detection against the current catalog now (normally the catalog listener and the timer do). */
  detect(): DetectionResult | undefined;
}

/** Records every new catalog's report and runs detection on it; returns the unsubscribe. */
function followCatalogs(engine: CatalogSource, store: Store, clock: Clock, log: Logger, detect: () => void): () => void {
  return engine.onCatalog((catalog) => {
    try {
      recordReindex(store, catalog.report, new Date(clock.now()));
    } catch (error) {
      log.warn('announcements: could not record the reindex', { error: String(error) });
    }
    detect();
  });
}

/** Warns about static targets whose platform has no announcer: they would get nothing. */
function warnUnserved(targets: readonly AnnouncementTarget[], platforms: ReadonlySet<string>, log: Logger): void {
  for (const target of targets) {
    if (!platforms.has(target.platform)) log.warn('announcements: no announcer for a static target, it gets nothing', { target: targetKey(target) });
  }
}

/**
 * Starts announcing. Detection runs at once on the catalog now serving (if the engine is ready),
 * then after every reindex and at every future post's publication instant; deliveries left
 * pending by an earlier run (a crash) are sent at once.
 *
 * @example
 * const announcements = await startAnnouncements({
 *   engine, store: openStore(config.stateDir), log,
 *   announcers: [discordAnnouncer(discord.client, { log }), telegramAnnouncer(telegram.bot, { apiRoot })],
 *   targets: staticTargets([{ policy: discordAnnouncePolicy(), entries: config.announce.discordChannels, source: 'ANNOUNCE_DISCORD_CHANNELS' }]),
 *   backfill: config.announce.backfill, locale: config.locale,
 * });
 */
export async function startAnnouncements(options: AnnouncementsOptions): Promise<Announcements> {
  const { engine, store, log, announcers } = options;
  const clock = options.clock ?? systemClock;
  const statics = options.targets ?? [];
  const dispatcher = new Dispatcher({ store, announcers, clock, log, locale: options.locale ?? 'ko', retry: options.retry, random: options.random });
  warnUnserved(statics, dispatcher.platforms, log);
  const detector = new Detector({ store, staticTargets: statics, platforms: dispatcher.platforms, backfill: options.backfill ?? 0, clock, log });
  const loop = detectionLoop({ engine, detector, kick: () => dispatcher.kick(), clock, log });
  const unfollow = followCatalogs(engine, store, clock, log, loop.run);
  const watch: PostsSource | undefined = options.watchDir
    ? watchPostsDir({ dir: options.watchDir, debounceMs: options.watchDebounceMs, log, onChange: async (changed) => void (await engine.reindex(changed ? { changed } : {})) })
    : undefined;

  if (engine.ready) {
    // The catalog serving now is this process's first load: it is the last reindex.
    recordReindex(store, engine.catalog.report, engine.catalog.loadedAt);
    loop.run();
  }
  // Deliveries a previous run left pending (crash, stop mid-fan-out) go out now.
  dispatcher.kick();
  const pruned = store.pruneOutbox(clock.now() - (options.keepDeliveriesDays ?? 90) * 86_400_000);
  if (pruned) log.info('announcements: old deliveries pruned from the outbox', { rows: pruned });

  const port = createAnnouncementsPort({
    store,
    clock,
    statics,
    capabilities: new Map(announcers.map((a) => [a.platform, a.capabilities])),
    nextPublicationAt: loop.nextPublicationAt,
  });
  return {
    port,
    detect: loop.run,
    drain: () => dispatcher.drain(),
    async stop() {
      loop.stop();
      unfollow();
      await watch?.close();
      await dispatcher.stop();
    },
  };
}
