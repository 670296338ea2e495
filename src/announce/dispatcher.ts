/**
 * Outbox delivery: one queue per target, targets in parallel, rate limits per platform and per
 * target as each platform's announcer declares them, retries decided by `decideDelivery`
 * (retry.ts) and owned here (announcers never retry).
 *
 * A target's worker sends its pending rows one at a time, oldest first, so a channel receives
 * posts in order and a slow or broken channel only ever holds up itself. Every row is marked in
 * the store as soon as its outcome is known; a crash in between leaves it pending, and the next
 * start sends it again with the same nonce.
 */
import type { Logger } from '../util/logger.ts';
import type { Post } from '../posts/types.ts';
import type { OutboxRow, Store } from '../state/store.ts';
import type { Clock } from './clock.ts';
import { setMaxListeners } from 'node:events';
import { SlidingWindowLimiter, limiterFor } from './limiter.ts';
import { DeliveryError, type Announcer, type AnnouncementTarget, type AnnounceLocale, type AnnouncePlatform } from './port.ts';
import { decideDelivery, defaultRetryPolicy, type DeliveryDecision, type RetryPolicy } from './retry.ts';

export { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry.ts';

export interface DispatcherOptions {
  store: Store;
  /** One per platform; each brings its own limits. Rows of other platforms wait, pending. */
  announcers: readonly Announcer[];
  clock: Clock;
  log: Logger;
  locale: AnnounceLocale;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
}

/** The platform part of a target key (`discord:123` → `discord`). */
function platformOf(key: string): AnnouncePlatform {
  return key.slice(0, key.indexOf(':'));
}

export class Dispatcher {
  readonly #store: Store;
  readonly #announcers: Map<AnnouncePlatform, Announcer>;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #locale: AnnounceLocale;
  readonly #retry: RetryPolicy;
  readonly #random: () => number;
  readonly #global = new Map<AnnouncePlatform, SlidingWindowLimiter>();
  readonly #perTarget = new Map<string, SlidingWindowLimiter[]>();
  /** Running workers by target key. */
  readonly #workers = new Map<string, Promise<void>>();
  readonly #stop = new AbortController();
  #idleWaiters: (() => void)[] = [];

  constructor(options: DispatcherOptions) {
    this.#store = options.store;
    this.#announcers = new Map(options.announcers.map((a) => [a.platform, a]));
    this.#clock = options.clock;
    this.#log = options.log;
    this.#locale = options.locale;
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
    this.#random = options.random ?? Math.random;
    for (const announcer of options.announcers) this.#global.set(announcer.platform, limiterFor(announcer.globalLimit));
    // Every waiting target listens on the stop signal; thousands of them are expected.
    setMaxListeners(0, this.#stop.signal);
  }

  /** Platforms this dispatcher can deliver to. */
  get platforms(): ReadonlySet<AnnouncePlatform> {
    return new Set(this.#announcers.keys());
  }

  /** Number of targets being worked on now. */
  get activeTargets(): number {
    return this.#workers.size;
  }

  /** Starts a worker for every target with pending deliveries that has none yet. */
  kick(): void {
    if (this.#stop.signal.aborted) return;
    for (const key of this.#store.pendingTargetKeys()) {
      // Rows for a platform that is not configured now wait (pending) until it is again.
      if (!this.#announcers.has(platformOf(key)) || this.#workers.has(key)) continue;
      const worker = this.#work(key)
        .catch((error: unknown) => {
          // A bug, not a delivery error (those are handled per row): log it, free the target.
          this.#log.error('announcements: delivery worker crashed', { target: key, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        })
        .finally(() => {
          this.#workers.delete(key);
          if (this.#workers.size === 0) {
            const waiters = this.#idleWaiters;
            this.#idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
      this.#workers.set(key, worker);
    }
  }

  /** Resolves when no worker runs: every pending delivery (of configured platforms) is sent or failed. */
  drain(): Promise<void> {
    if (this.#workers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /**
   * Stops starting sends, wakes sleeping workers, and waits (at most `timeoutMs`, wall time) for
   * sends in flight to settle. A send still unanswered then stays pending: the next start sends it
   * again (Discord dedupes it by nonce).
   */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.#stop.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref?.();
    });
    await Promise.race([Promise.allSettled([...this.#workers.values()]), timeout]);
    clearTimeout(timer);
  }

  #limitersFor(key: string, target: AnnouncementTarget): SlidingWindowLimiter[] {
    let limiters = this.#perTarget.get(key);
    if (!limiters) {
      limiters = this.#announcers.get(target.platform)!.targetLimits(target).map(limiterFor);
      this.#perTarget.set(key, limiters);
    }
    return limiters;
  }

  async #sleepUntil(at: number): Promise<void> {
    const wait = at - this.#clock.now();
    if (wait > 0) await this.#clock.sleep(wait, this.#stop.signal);
  }

  async #work(key: string): Promise<void> {
    const signal = this.#stop.signal;
    for (;;) {
      if (signal.aborted) return;
      const row = this.#store.nextPending(key);
      if (!row) return;
      if (row.nextTryAt > this.#clock.now()) {
        await this.#sleepUntil(row.nextTryAt);
        continue;
      }
      const post = this.#store.postSnapshot(row.postId);
      if (!post) {
        this.#store.markFailed(row.id, 'the post is not in the store (no snapshot)', this.#clock.now());
        continue;
      }
      // The target's own limits first (they only delay this worker), then the platform's.
      for (const limiter of this.#limitersFor(key, row.target)) await this.#sleepUntil(limiter.reserve(this.#clock.now()));
      if (signal.aborted) return;
      await this.#sleepUntil(this.#global.get(row.target.platform)!.reserve(this.#clock.now()));
      if (signal.aborted) return;
      await this.#deliver(row, post);
    }
  }

  async #deliver(row: OutboxRow, post: Post): Promise<void> {
    const announcer = this.#announcers.get(row.target.platform)!;
    let error: DeliveryError | undefined;
    let messageId = '';
    try {
      ({ messageId } = await announcer.send(row.target, post, { nonce: row.nonce, locale: this.#locale }));
    } catch (caught) {
      error =
        caught instanceof DeliveryError
          ? caught
          : new DeliveryError('transient', caught instanceof Error ? caught.message : String(caught), { cause: caught });
    }
    const now = this.#clock.now();
    this.#apply(row, decideDelivery(row, error, this.#retry, now, this.#random), now, messageId, error);
  }

  /** Records a decision in the store (and a platform-wide block in its limiter), and logs it. */
  #apply(row: OutboxRow, decision: DeliveryDecision, now: number, messageId: string, error: DeliveryError | undefined): void {
    if (decision.outcome === 'sent') {
      this.#store.markSent(row.id, messageId, now);
      this.#log.debug('announcements: delivered', { post: row.postId, target: row.targetKey, messageId });
      return;
    }
    const context = { post: row.postId, target: row.targetKey, attempts: row.attempts + 1, error: error?.message };
    if (decision.outcome === 'failed') {
      this.#store.markFailed(row.id, decision.reason, now);
      this.#log.warn(FAILED_LOG[decision.why], context);
      return;
    }
    if (decision.blockPlatform) this.#global.get(row.target.platform)!.blockUntil(decision.at);
    this.#store.markRetry(row.id, decision.at, decision.lastError, decision.transientFailures);
    if (decision.why === 'rate-limited') {
      this.#log.info('announcements: rate limited, waiting', { ...context, waitMs: decision.at - now, global: decision.blockPlatform });
    } else {
      this.#log.info('announcements: transient error, backing off', { ...context, waitMs: decision.at - now });
    }
  }
}

const FAILED_LOG: Record<Extract<DeliveryDecision, { outcome: 'failed' }>['why'], string> = {
  permanent: 'announcements: delivery failed for good',
  'too-many-attempts': 'announcements: delivery failed, too many attempts',
  'too-many-transient': 'announcements: delivery failed, too many transient errors',
};
