/**
 * What the bot counts, as a neutral interface every layer may call: the core, announcements and
 * platform code report events here and never import prom-client (src/ops implements it). Labels
 * are the bot's own names (command names, platform names, fixed outcomes), never user text or
 * ids; the implementation folds anything else into `other`.
 */

/** How one command or free-text answer ended. */
export type ReplyOutcome = 'ok' | 'no_match' | 'user_error' | 'error';

/** How one announcement delivery attempt ended. */
export type DeliveryOutcome = 'sent' | 'failed' | 'retry';

export interface Metrics {
  /** A command (or a free-text answer, command `answer`) replied. */
  reply(event: { platform: string; command: string; outcome: ReplyOutcome; seconds: number }): void;
  /** A load of the posts finished: how long it took, and how many posts serve after it. */
  reindex(event: { outcome: 'ok' | 'error'; seconds: number; posts?: number }): void;
  /** An announcement was sent, failed for good, or will be retried. */
  delivery(event: { platform: string; outcome: DeliveryOutcome }): void;
  /** A platform answered 429 (or its client waited on a rate limit). */
  rateLimited(event: { platform: string }): void;
}

/** Counts nothing (METRICS=false, tests, one-shot tools). */
export const noopMetrics: Metrics = { reply() {}, reindex() {}, delivery() {}, rateLimited() {} };
