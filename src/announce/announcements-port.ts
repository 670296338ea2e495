/**
 * The port commands use (`ctx.announcements`), built from the store and what the announcers
 * declare. A plain factory: no timers, no I/O besides the store, so it is tested and reused alone.
 */
import { targetKey, type OutboxRow, type Store } from '../state/store.ts';
import { normalizeTag } from '../util/text.ts';
import type { Clock } from './clock.ts';
import { lastReindex } from './reindex-record.ts';
import {
  CROSSPOST,
  MENTION_ROLE,
  type AnnouncePlatform,
  type AnnouncementsPort,
  type AnnouncementStatus,
  type AnnouncementTarget,
  type AnnouncerCapabilities,
  type DeliveryView,
  type SubscribeOptions,
  type TargetOptions,
} from './port.ts';

export interface AnnouncementsPortOptions {
  store: Store;
  clock: Clock;
  /** What each platform with an announcer may offer to /subscribe. */
  capabilities: ReadonlyMap<AnnouncePlatform, AnnouncerCapabilities>;
  /** Static targets (configuration): an unsubscribe there keeps their deliveries. */
  statics: readonly AnnouncementTarget[];
  /** When the next future-dated post is published, as the scheduler knows it. */
  nextPublicationAt: () => Date | undefined;
}

function view(row: OutboxRow): DeliveryView {
  return {
    postId: row.postId,
    target: row.targetKey,
    state: row.state,
    attempts: row.attempts,
    ...(row.state === 'pending' ? { nextTryAt: new Date(row.nextTryAt) } : {}),
    ...(row.lastError ? { lastError: row.lastError } : {}),
  };
}

/** Tags as typed, trimmed, one per normalized form (the last spelling wins). */
function cleanTags(tags: readonly string[]): string[] {
  return [...new Map(tags.map((t) => t.trim()).filter(Boolean).map((t) => [normalizeTag(t), t])).values()];
}

/** The target options a subscription asks for, keeping only what the platform can do. */
export function subscriptionOptions(capabilities: AnnouncerCapabilities | undefined, asked: SubscribeOptions): TargetOptions {
  return {
    ...(capabilities?.mentions && asked.mentionRoleId ? { [MENTION_ROLE]: asked.mentionRoleId } : {}),
    ...(capabilities?.crosspost && asked.crosspost ? { [CROSSPOST]: true } : {}),
  };
}

/** Builds the port; every call reads the store at that moment. */
export function createAnnouncementsPort(options: AnnouncementsPortOptions): AnnouncementsPort {
  const { store, clock, statics } = options;
  return {
    capabilities: (platform) => options.capabilities.get(platform),
    subscribe(platform, place, tags, asked = {}) {
      return store.subscribe({
        platform,
        place,
        tags: cleanTags(tags),
        options: subscriptionOptions(options.capabilities.get(platform), asked),
        createdAt: clock.now(),
        createdBy: asked.by,
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
    list: (platform, place) => store.subscriptions(platform, place),
    status(): AnnouncementStatus {
      const posts = store.postCounts();
      const last = lastReindex(store);
      const next = options.nextPublicationAt();
      return {
        postsKnown: posts.known,
        postsAnnounced: posts.announced,
        postsRemoved: posts.removed,
        ...(last ? { lastReindex: last } : {}),
        staticTargets: [...statics],
        subscriptions: store.subscriptions(),
        deliveries: store.outboxCounts(),
        pending: store.outbox('pending', 10).map(view),
        failed: store.outbox('failed', 10).map(view),
        ...(next ? { nextPublicationAt: next } : {}),
      };
    },
  };
}
