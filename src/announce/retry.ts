/**
 * What the outbox does after one send: a pure decision from the row, the error (if any), the
 * retry policy and the time. The dispatcher only applies it to the store and the limiters.
 */
import type { OutboxRow } from '../state/store.ts';
import type { DeliveryError } from './port.ts';

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

/** What to do with a delivery after one send. */
export type DeliveryDecision =
  | { outcome: 'sent' }
  | {
      outcome: 'retry';
      /** Not before (ms since epoch). */
      at: number;
      why: 'rate-limited' | 'transient';
      /** The row's error text, as /status shows it. */
      lastError: string;
      /** The row's new count of transient failures in a row (0 after a 429). */
      transientFailures: number;
      /** A global 429: no send of this platform before `at`. */
      blockPlatform: boolean;
    }
  | { outcome: 'failed'; why: 'permanent' | 'too-many-attempts' | 'too-many-transient'; reason: string };

/**
 * Decides a delivery's next state. `error` undefined means the send succeeded. Only consecutive
 * transient failures count towards `maxTransientAttempts` (a 429 in between resets them);
 * every attempt, 429s included, counts towards `maxAttempts`. `random` spreads the backoff.
 */
export function decideDelivery(
  row: Pick<OutboxRow, 'attempts' | 'transientFailures'>,
  error: DeliveryError | undefined,
  policy: RetryPolicy,
  now: number,
  random: () => number = Math.random,
): DeliveryDecision {
  if (!error) return { outcome: 'sent' };
  const attempts = row.attempts + 1;
  if (error.kind === 'permanent') return { outcome: 'failed', why: 'permanent', reason: error.message };
  if (attempts >= policy.maxAttempts) {
    return { outcome: 'failed', why: 'too-many-attempts', reason: `gave up after ${attempts} attempts: ${error.message}` };
  }
  if (error.kind === 'rate-limited') {
    const wait = Math.min(Math.max(error.retryAfterMs ?? 1000, 0), policy.maxRetryAfterMs);
    return {
      outcome: 'retry',
      at: now + wait,
      why: 'rate-limited',
      lastError: `rate limited: ${error.message}`,
      transientFailures: 0,
      blockPlatform: Boolean(error.options.global),
    };
  }
  const inARow = row.transientFailures + 1;
  if (inARow >= policy.maxTransientAttempts) {
    return { outcome: 'failed', why: 'too-many-transient', reason: `gave up after ${inARow} transient errors: ${error.message}` };
  }
  return {
    outcome: 'retry',
    at: now + backoffDelay(inARow, policy, random),
    why: 'transient',
    lastError: `transient (${inARow}): ${error.message}`,
    transientFailures: inARow,
    blockPlatform: false,
  };
}
