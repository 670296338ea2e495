/**
 * Rate limiting for deliveries: a sliding-window limiter that hands out send slots in order.
 *
 * Why a sliding window and not a token bucket with a burst: a bucket of N tokens refilled at N/s
 * lets 2N requests through in some one-second window (a full burst, then the refill). The
 * platforms count "at most N in any window", so slots are given out so that no window of
 * `windowMs` ever holds more than `limit` sends. Reserving is O(1) and first come, first served,
 * so a thousand waiting targets never poll or stampede.
 */
export class SlidingWindowLimiter {
  /** Slot times of the last `limit` reservations (a ring). */
  #slots: number[];
  #next = 0;
  #blockedUntil = 0;

  /**
   * @param minIntervalMs - Least time between two slots. Pacing sends evenly (instead of bursts
   *   of `limit`) keeps them within the limit as the server counts them, on arrival: a burst's
   *   requests arrive spread by their own processing, so the next burst can land inside the
   *   server's window.
   */
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly minIntervalMs = 0,
  ) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`briefbot: bad rate limit ${limit}/${windowMs}ms`);
    this.#slots = new Array<number>(limit).fill(-Infinity);
  }

  /** A limiter that paces sends evenly at `limit` per `windowMs`, slowed by `margin` (0.05 = 5 %). */
  static paced(limit: number, windowMs: number, margin: number): SlidingWindowLimiter {
    return new SlidingWindowLimiter(limit, windowMs, (windowMs / limit) * (1 + margin));
  }

  /** Reserves the earliest slot at or after `now` and returns its time (ms). */
  reserve(now: number): number {
    const oldest = this.#slots[this.#next]!;
    const previous = this.#slots[(this.#next + this.limit - 1) % this.limit]!;
    const slot = Math.max(now, oldest + this.windowMs, previous + this.minIntervalMs, this.#blockedUntil);
    this.#slots[this.#next] = slot;
    this.#next = (this.#next + 1) % this.limit;
    return slot;
  }

  /** Gives out no slot before `until` (a platform answered "slow down" for everyone). */
  blockUntil(until: number): void {
    this.#blockedUntil = Math.max(this.#blockedUntil, until);
  }
}

/** A limit as configuration: at most `limit` sends in any `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
  /**
   * Pace sends evenly, `windowMs / limit` apart, slowed by this share (0.05 = 5 %) as a margin for
   * network jitter. Unset: bursts of up to `limit` are allowed.
   */
  pacingMargin?: number;
}

/** A fresh limiter for a configured limit. Each platform's announcer declares its limits (see docs/announcements.md). */
export function limiterFor(rate: RateLimit): SlidingWindowLimiter {
  return rate.pacingMargin === undefined ? new SlidingWindowLimiter(rate.limit, rate.windowMs) : SlidingWindowLimiter.paced(rate.limit, rate.windowMs, rate.pacingMargin);
}
