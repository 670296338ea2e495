/**
 * Outbox delivery: one queue per target, targets in parallel, rate limits per platform and per
 * chat, retries owned here (senders never retry).
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
import { SlidingWindowLimiter, defaultDeliveryLimits, limiterFor, type DeliveryLimits } from './limiter.ts';
import { DeliveryError, type AnnouncementSender, type AnnouncementTarget, type AnnounceLocale, type AnnouncePlatform } from './port.ts';

/** When to give up and how long to wait between tries. */
export interface RetryPolicy {
  /** First backoff after a transient error (ms); doubles each attempt. */
  baseDelayMs: number;
  /** Longest backoff (ms). */
  maxDelayMs: number;
  /** Transient failures in a row after which a delivery is marked failed. */
  maxTransientAttempts: number;
  /** Attempts of any kind (429s included) after which a delivery is marked failed. */
  maxAttempts: number;
  /** Longest wait honoured for a 429's retry_after (ms); longer asks are capped, then retried. */
  maxRetryAfterMs: number;
  /** Random share of a backoff added or removed (0..1), so targets do not retry in lockstep. */
  jitter: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  maxTransientAttempts: 10,
  maxAttempts: 60,
  maxRetryAfterMs: 60 * 60_000,
  jitter: 0.3,
};

/** The backoff before the next try after `attempts` transient failures (1-based), jittered. */
export function backoffDelay(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const spread = exponential * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(exponential + spread));
}

export interface DispatcherOptions {
  store: Store;
  senders: readonly AnnouncementSender[];
  clock: Clock;
  log: Logger;
  locale: AnnounceLocale;
  limits?: Partial<DeliveryLimits>;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
}

/** Telegram groups, supergroups and channels have negative ids or are addressed by @name. */
function isTelegramGroup(chatId: string): boolean {
  return chatId.startsWith('-') || chatId.startsWith('@');
}

export class Dispatcher {
  readonly #store: Store;
  readonly #senders: Map<AnnouncePlatform, AnnouncementSender>;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #locale: AnnounceLocale;
  readonly #limits: DeliveryLimits;
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
    this.#senders = new Map(options.senders.map((s) => [s.platform, s]));
    this.#clock = options.clock;
    this.#log = options.log;
    this.#locale = options.locale;
    this.#limits = { ...defaultDeliveryLimits, ...options.limits };
    this.#retry = { ...defaultRetryPolicy, ...options.retry };
    this.#random = options.random ?? Math.random;
    this.#global.set('discord', limiterFor(this.#limits.discordGlobal));
    this.#global.set('telegram', limiterFor(this.#limits.telegramGlobal));
    // Every waiting target listens on the stop signal; thousands of them are expected.
    setMaxListeners(0, this.#stop.signal);
  }

  /** Platforms this dispatcher can deliver to. */
  get platforms(): ReadonlySet<AnnouncePlatform> {
    return new Set(this.#senders.keys());
  }

  /** Number of targets being worked on now. */
  get activeTargets(): number {
    return this.#workers.size;
  }

  /** Starts a worker for every target with pending deliveries that has none yet. */
  kick(): void {
    if (this.#stop.signal.aborted) return;
    for (const key of this.#store.pendingTargetKeys()) {
      const platform = key.slice(0, key.indexOf(':')) as AnnouncePlatform;
      // Rows for a platform that is not configured now wait (pending) until it is again.
      if (!this.#senders.has(platform) || this.#workers.has(key)) continue;
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
      const l = this.#limits;
      const make = limiterFor;
      limiters =
        target.platform === 'discord'
          ? [make(l.discordPerChannel)]
          : isTelegramGroup(target.id)
            ? [make(l.telegramPerChat), make(l.telegramPerGroup)]
            : [make(l.telegramPerChat)];
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
    const sender = this.#senders.get(row.target.platform)!;
    try {
      const { messageId } = await sender.send(row.target, post, { nonce: row.nonce, locale: this.#locale });
      this.#store.markSent(row.id, messageId, this.#clock.now());
      this.#log.debug('announcements: delivered', { post: row.postId, target: row.targetKey, messageId });
    } catch (caught) {
      const error =
        caught instanceof DeliveryError
          ? caught
          : new DeliveryError('transient', caught instanceof Error ? caught.message : String(caught), { cause: caught });
      this.#failed(row, error);
    }
  }

  #failed(row: OutboxRow, error: DeliveryError): void {
    const now = this.#clock.now();
    const attempts = row.attempts + 1;
    const context = { post: row.postId, target: row.targetKey, attempts, error: error.message };
    if (error.kind === 'permanent') {
      this.#store.markFailed(row.id, error.message, now);
      this.#log.warn('announcements: delivery failed for good', context);
      return;
    }
    if (attempts >= this.#retry.maxAttempts) {
      this.#store.markFailed(row.id, `gave up after ${attempts} attempts: ${error.message}`, now);
      this.#log.warn('announcements: delivery failed, too many attempts', context);
      return;
    }
    if (error.kind === 'rate-limited') {
      const wait = Math.min(Math.max(error.retryAfterMs ?? 1000, 0), this.#retry.maxRetryAfterMs);
      if (error.options.global) this.#global.get(row.target.platform)!.blockUntil(now + wait);
      this.#store.markRetry(row.id, now + wait, `rate limited: ${error.message}`);
      this.#log.info('announcements: rate limited, waiting', { ...context, waitMs: wait, global: Boolean(error.options.global) });
      return;
    }
    // transient: only consecutive transient failures count towards giving up; the attempt
    // counter includes 429s, so count from the error history kept in last_error.
    const transientInARow = (row.lastError?.startsWith('transient') ? transientCount(row.lastError) : 0) + 1;
    if (transientInARow >= this.#retry.maxTransientAttempts) {
      this.#store.markFailed(row.id, `gave up after ${transientInARow} transient errors: ${error.message}`, now);
      this.#log.warn('announcements: delivery failed, too many transient errors', context);
      return;
    }
    const wait = backoffDelay(transientInARow, this.#retry, this.#random);
    this.#store.markRetry(row.id, now + wait, `transient (${transientInARow}): ${error.message}`);
    this.#log.info('announcements: transient error, backing off', { ...context, waitMs: wait });
  }
}

/** Reads `transient (N): ...` back. */
function transientCount(lastError: string): number {
  const match = /^transient \((\d+)\)/.exec(lastError);
  return match ? Number(match[1]) : 0;
}
