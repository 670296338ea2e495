/**
 * The state of each long-lived connection (a platform, the database, the catalog), in one place
 * that `/status`, the logs and the health endpoint all read. It lives at the bottom layer because
 * every layer reports into it and the ops server reads it without knowing any platform.
 */
import type { Logger } from './logger.ts';

/**
 * - `starting`: connecting for the first time;
 * - `ready`: working;
 * - `degraded`: lost, being retried (the bot is up, this part is not answering);
 * - `down`: given up (a fatal cause: the process is about to exit, or a person must act).
 */
export type ConnectionState = 'starting' | 'ready' | 'degraded' | 'down';

/** One connection's state as last reported. */
export interface ConnectionStatus {
  /** `telegram`, `discord`, `database`, `catalog`. */
  name: string;
  state: ConnectionState;
  /** When it entered this state. */
  since: Date;
  /** Why it is degraded or down, in words a moderator understands. */
  cause?: string;
  /** When the next reconnect attempt runs (degraded only). */
  nextAttemptAt?: Date;
}

/** A change seen by {@link HealthBoard.onChange} listeners. */
export type HealthListener = (status: ConnectionStatus, previous: ConnectionStatus | undefined) => void;

/**
 * The board. A report that does not change the state (a third retry of the same outage) updates
 * the details silently, so an episode is logged once when it starts and once when it ends.
 */
export class HealthBoard {
  readonly #statuses = new Map<string, ConnectionStatus>();
  readonly #listeners = new Set<HealthListener>();
  readonly #now: () => Date;

  constructor(options: { log?: Logger; now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
    if (options.log) this.onChange(logTransitions(options.log));
  }

  /** Records `name`'s state; listeners hear only real transitions. */
  report(name: string, state: ConnectionState, details: { cause?: string; nextAttemptAt?: Date } = {}): void {
    const previous = this.#statuses.get(name);
    const changed = previous?.state !== state;
    const status: ConnectionStatus = { name, state, since: changed ? this.#now() : previous.since, ...details };
    this.#statuses.set(name, status);
    if (changed) for (const listener of this.#listeners) listener(status, previous);
  }

  /** Forgets a connection (a platform stopped on purpose). */
  remove(name: string): void {
    this.#statuses.delete(name);
  }

  /** Every connection, in the order first reported. */
  all(): ConnectionStatus[] {
    return [...this.#statuses.values()];
  }

  get(name: string): ConnectionStatus | undefined {
    return this.#statuses.get(name);
  }

  /** True when every reported connection is `ready` (and at least one is reported). */
  ready(): boolean {
    const all = this.all();
    return all.length > 0 && all.every((s) => s.state === 'ready');
  }

  /** Subscribes to transitions; returns the unsubscribe function. */
  onChange(listener: HealthListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

/** One log line per transition: warn when something is lost, info when it is back. */
function logTransitions(log: Logger): HealthListener {
  return (status, previous) => {
    const fields = {
      connection: status.name,
      state: status.state,
      ...(status.cause ? { cause: status.cause } : {}),
      ...(status.nextAttemptAt ? { nextAttemptAt: status.nextAttemptAt.toISOString() } : {}),
    };
    if (status.state === 'down') log.error('connection down', fields);
    else if (status.state === 'degraded') log.warn('connection degraded', fields);
    else if (status.state === 'ready' && previous && previous.state !== 'starting') log.info('connection recovered', fields);
  };
}

/**
 * Bounded exponential backoff: `baseMs · 2^attempt`, at most `maxMs`, with ± `jitter` share of
 * random spread so many bots do not reconnect in lockstep. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, options: { baseMs?: number; maxMs?: number; jitter?: number; random?: () => number } = {}): number {
  const { baseMs = 1000, maxMs = 60_000, jitter = 0.2, random = Math.random } = options;
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(raw * (1 - jitter + 2 * jitter * random()));
}
