/**
 * Small wrappers the composition root puts around the bot's parts to feed {@link Metrics} and
 * the readiness checks. They are typed by shape (a loader function, an object with `platform`
 * and `send`, a database with `exec`), so this module imports neither the core nor a platform.
 * Replies are counted by the core itself (BotCoreOptions.metrics).
 */
import type { Metrics } from '../util/metrics.ts';
import type { HealthCheck } from './health.ts';

/** Times a catalog load and reports the posts it produced; a failed load counts and rethrows. */
export function timedLoad<A extends unknown[], C>(load: (...args: A) => Promise<C>, metrics: Metrics, postsOf: (catalog: C) => number): (...args: A) => Promise<C> {
  // Every argument passes through: the reindex options (`/reindex full`) among them.
  return async (...args) => {
    const started = performance.now();
    try {
      const catalog = await load(...args);
      metrics.reindex({ outcome: 'ok', seconds: (performance.now() - started) / 1000, posts: postsOf(catalog) });
      return catalog;
    } catch (error) {
      metrics.reindex({ outcome: 'error', seconds: (performance.now() - started) / 1000 });
      throw error;
    }
  };
}

/** Interface of an announcement sender, by shape. */
interface Sender {
  platform: string;
  send(...args: never[]): Promise<unknown>;
}

/**
 * Counts each send of an announcement sender: `sent`, or by the DeliveryError's kind `retry`
 * (rate-limited or transient: the outbox tries again) or `failed` (permanent); a rate limit also
 * counts as a 429 met.
 */
export function countedSender<S extends Sender>(sender: S, metrics: Metrics): S {
  const send = (async (...args: never[]) => {
    try {
      const result = await sender.send(...args);
      metrics.delivery({ platform: sender.platform, outcome: 'sent' });
      return result;
    } catch (error) {
      const kind = (error as { kind?: string } | undefined)?.kind;
      metrics.delivery({ platform: sender.platform, outcome: kind === 'permanent' ? 'failed' : 'retry' });
      if (kind === 'rate-limited') metrics.rateLimited({ platform: sender.platform });
      throw error;
    }
  }) as S['send'];
  return Object.assign(Object.create(Object.getPrototypeOf(sender) as object) as S, sender, { send });
}

/**
 * The database is writable: take SQLite's write lock and let it go (`BEGIN IMMEDIATE`), which
 * fails on a read-only file, a full disk's journal, or a lock held too long, and writes nothing.
 */
export function writableDatabase(db: { exec(sql: string): unknown }): HealthCheck {
  return () => {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return { ok: true };
  };
}
