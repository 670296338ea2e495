/**
 * The announcements feature, composed: detection on every catalog and at every scheduled
 * publication instant, the outbox dispatcher, an optional watch on POSTS_DIR, and the port that
 * commands use. `src/main.ts` calls {@link startAnnouncements} once the platforms are up.
 */
import type { Logger } from '../util/logger.ts';
import type { LoadReport } from '../posts/types.ts';
import { targetKey, type Store } from '../state/store.ts';
import { systemClock, type Clock } from './clock.ts';
import { Detector, type DetectionResult, type PublicationView } from './detect.ts';
import { Dispatcher, type RetryPolicy } from './dispatcher.ts';
import type { DeliveryLimits } from './limiter.ts';
import type {
  AnnouncementSender,
  AnnouncementsPort,
  AnnouncementStatus,
  AnnouncementTarget,
  AnnounceLocale,
  DeliveryView,
  ReindexSummary,
} from './port.ts';
import { watchPostsDir, type PostsSource } from '../sources/posts.ts';
import { formatProblem, normalizeTag } from '../util/text.ts';

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
  reindex(): Promise<unknown>;
}

/** Everything {@link startAnnouncements} takes. */
export interface AnnouncementsOptions {
  engine: CatalogSource;
  store: Store;
  /** One sender per configured platform; targets on other platforms are not enqueued. */
  senders: readonly AnnouncementSender[];
  log: Logger;
  /** Static targets: `staticTargets({ discordChannels, telegramChats })` from the environment. */
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
  /** Overrides of the per-platform rate limits (defaults: Discord 50/s and 5/5 s a channel; Telegram 30/s, 1/s a chat, 20/min a group). */
  limits?: Partial<DeliveryLimits>;
  /** Overrides of the retry policy (defaults in `defaultRetryPolicy`). */
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

const LAST_REINDEX = 'last_reindex';

/** A {@link ReindexSummary} as JSON keeps it: the date as an ISO string. */
type StoredReindex = Omit<ReindexSummary, 'at'> & { at: string };

function summarizeReport(report: LoadReport, at: Date): StoredReindex {
  return {
    at: at.toISOString(),
    files: report.files,
    added: report.added.length,
    changed: report.changed.length,
    removed: report.removed.length,
    skipped: report.skipped.length,
    repaired: report.repaired.length,
    problems: report.skipped.slice(0, 5).map(formatProblem),
  };
}

function view(row: { postId: string; targetKey: string; state: DeliveryView['state']; attempts: number; nextTryAt: number; lastError?: string }): DeliveryView {
  return {
    postId: row.postId,
    target: row.targetKey,
    state: row.state,
    attempts: row.attempts,
    ...(row.state === 'pending' ? { nextTryAt: new Date(row.nextTryAt) } : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
  };
}

/**
 * Starts announcing. Detection runs at once on the catalog now serving (if the engine is ready),
 * then after every reindex and at every future post's publication instant; deliveries left
 * pending by an earlier run (a crash) are sent at once.
 *
 * @example
 * const store = openStore(config.stateDir);
 * const announcements = await startAnnouncements({
 *   engine, store, log,
 *   senders: [discordAnnouncementSender(discord.client), telegramAnnouncementSender(telegram.bot, { apiRoot })],
 *   targets: staticTargets({ discordChannels: config.announce.discordChannels, telegramChats: config.announce.telegramChats }),
 *   backfill: config.announce.backfill, locale: config.locale,
 *   watchDir: config.announce.watch ? config.postsDir : undefined,
 * });
 */
export async function startAnnouncements(options: AnnouncementsOptions): Promise<Announcements> {
  const { engine, store, log } = options;
  const clock = options.clock ?? systemClock;
  const statics = options.targets ?? [];
  const dispatcher = new Dispatcher({
    store,
    senders: options.senders,
    clock,
    log,
    locale: options.locale ?? 'ko',
    limits: options.limits,
    retry: options.retry,
    random: options.random,
  });
  for (const target of statics) {
    if (!dispatcher.platforms.has(target.platform)) log.warn('announcements: no sender for a static target, it gets nothing', { target: targetKey(target) });
  }
  const detector = new Detector({ store, staticTargets: statics, platforms: dispatcher.platforms, backfill: options.backfill ?? 0, clock, log });

  let stopped = false;
  let timer: AbortController | undefined;
  let nextPublicationAt: Date | undefined;

  /** Sleeps until the next future-dated post's instant, then detects again (a timer, not a poll). */
  const schedule = (library: PublicationView) => {
    timer?.abort();
    timer = undefined;
    const next = library.nextPublicationAt(new Date(clock.now())) ?? undefined;
    nextPublicationAt = next;
    if (!next || stopped) return;
    const controller = new AbortController();
    timer = controller;
    // At least 1 ms, so a library that says "now" for a post it does not yet count as published cannot spin.
    void clock.sleep(Math.max(1, next.getTime() - clock.now()), controller.signal).then(() => {
      if (controller.signal.aborted || stopped) return;
      runDetection();
    });
  };

  const runDetection = (): DetectionResult | undefined => {
    if (stopped || !engine.ready) return undefined;
    const library = engine.catalog.library;
    let result: DetectionResult | undefined;
    try {
      result = detector.detect(library);
    } catch (error) {
      log.error('announcements: detection failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    schedule(library);
    dispatcher.kick();
    return result;
  };

  const unsubscribeCatalog = engine.onCatalog((catalog) => {
    try {
      store.setMeta(LAST_REINDEX, JSON.stringify(summarizeReport(catalog.report, new Date(clock.now()))));
    } catch (error) {
      log.warn('announcements: could not record the reindex', { error: String(error) });
    }
    runDetection();
  });

  let watch: PostsSource | undefined;
  if (options.watchDir) {
    watch = watchPostsDir({
      dir: options.watchDir,
      debounceMs: options.watchDebounceMs,
      log,
      onChange: async () => {
        await engine.reindex();
      },
    });
  }

  if (engine.ready) {
    // The catalog serving now is this process's first load: it is the last reindex.
    store.setMeta(LAST_REINDEX, JSON.stringify(summarizeReport(engine.catalog.report, engine.catalog.loadedAt)));
    runDetection();
  }
  // Deliveries a previous run left pending (crash, stop mid-fan-out) go out now.
  dispatcher.kick();
  const pruned = store.pruneOutbox(clock.now() - (options.keepDeliveriesDays ?? 90) * 86_400_000);
  if (pruned) log.info('announcements: old deliveries pruned from the outbox', { rows: pruned });

  const port: AnnouncementsPort = {
    subscribe(platform, place, tags, subscribeOptions = {}) {
      const cleanTags = [...new Map(tags.map((t) => t.trim()).filter(Boolean).map((t) => [normalizeTag(t), t])).values()];
      return store.subscribe({
        platform,
        place,
        tags: cleanTags,
        mentionRoleId: subscribeOptions.mentionRoleId,
        crosspost: subscribeOptions.crosspost ?? false,
        createdAt: clock.now(),
        createdBy: subscribeOptions.by,
      });
    },
    unsubscribe(platform, place) {
      return store.transaction(() => {
        const removed = store.unsubscribe(platform, place);
        // A static target for the same place keeps its deliveries: only the subscription ended.
        const isStatic = statics.some((t) => t.platform === platform && t.id === place);
        if (removed && !isStatic) store.cancelPendingForTarget(targetKey({ platform, id: place }), 'unsubscribed before delivery', clock.now());
        return removed;
      });
    },
    list(platform, place) {
      return store.subscriptions(platform, place);
    },
    status(): AnnouncementStatus {
      const posts = store.postCounts();
      const counts = store.outboxCounts();
      const stored = store.getMeta(LAST_REINDEX);
      const last = stored ? (JSON.parse(stored) as StoredReindex) : undefined;
      return {
        postsKnown: posts.known,
        postsAnnounced: posts.announced,
        postsRemoved: posts.removed,
        ...(last ? { lastReindex: { ...last, at: new Date(last.at) } } : {}),
        staticTargets: [...statics],
        subscriptions: store.subscriptions(),
        deliveries: counts,
        pending: store.outbox('pending', 10).map(view),
        failed: store.outbox('failed', 10).map(view),
        ...(nextPublicationAt ? { nextPublicationAt } : {}),
      };
    },
  };

  return {
    port,
    detect: runDetection,
    drain: () => dispatcher.drain(),
    async stop() {
      stopped = true;
      timer?.abort();
      unsubscribeCatalog();
      await watch?.close();
      await dispatcher.stop();
    },
  };
}
