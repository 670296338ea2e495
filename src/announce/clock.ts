/**
 * Time, injected: the announcer waits for publication instants, retry times and rate-limit
 * slots through a {@link Clock}, so tests can move time by hand instead of sleeping.
 */

/** The source of time and waiting that the announcer uses. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Resolves after `ms` milliseconds, or as soon as `signal` aborts (it resolves then too:
   * callers check their own stop flag, so an aborted wait is not an error).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Node's timers cap a delay at 2^31-1 ms (~24.8 days); longer waits are slept in pieces. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  async sleep(ms, signal) {
    let remaining = ms;
    while (remaining > 0 && !signal?.aborted) {
      const step = Math.min(remaining, MAX_TIMER_MS);
      await new Promise<void>((resolve) => {
        const onAbort = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, step);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      remaining -= step;
    }
  },
};

interface ManualTimer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told to (for tests). `advance` runs every timer due in the
 * interval in time order, letting promise chains settle between them.
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: ManualTimer[] = [];
  #seq = 0;

  constructor(start: Date | number = Date.UTC(2026, 0, 1)) {
    this.#now = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer: ManualTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.#timers = this.#timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Number of sleeps waiting (to assert that something is, or is not, scheduled). */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      const due = this.#timers
        .filter((t) => t.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.resolve();
    }
    this.#now = end;
    await settle();
  }

  /** Moves time to an instant (never backwards). */
  async advanceTo(at: Date | number): Promise<void> {
    const t = typeof at === 'number' ? at : at.getTime();
    await this.advance(Math.max(0, t - this.#now));
  }
}

/** Lets pending promise chains (and synchronous SQLite work between them) run to completion. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
