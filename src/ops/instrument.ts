/**
 * Small wrappers the composition root puts around the bot's parts to feed {@link Metrics} and
 * the readiness checks. They are typed by shape (a function taking an invocation, an object
 * with `platform` and `send`), so this module imports neither the core nor a platform.
 */
import type { Metrics, ReplyOutcome } from '../util/metrics.ts';
import type { HealthCheck } from './health.ts';

/** What the wrappers need of an invocation and of a reply. */
interface Invoked {
  platform: string;
  command: string;
}
interface Replied {
  kind?: string;
  /** Set by the core when a search found nothing good enough (the reply says so to the user). */
  outcome?: ReplyOutcome;
}

/** The outcome of a reply: the core's own word when it gives one, else error replies are user errors. */
export function outcomeOf(reply: Replied): ReplyOutcome {
  if (reply.outcome) return reply.outcome;
  return reply.kind === 'error' ? 'user_error' : 'ok';
}

/** Times every call of `execute` and counts it by platform, command and outcome; a throw counts as `error`. */
export function timedExecute<I extends Invoked, R extends Replied>(execute: (invocation: I) => Promise<R>, metrics: Metrics): (invocation: I) => Promise<R> {
  return async (invocation) => {
    const started = performance.now();
    const labels = { platform: invocation.platform, command: invocation.command };
    try {
      const reply = await execute(invocation);
      metrics.reply({ ...labels, outcome: outcomeOf(reply), seconds: (performance.now() - started) / 1000 });
      return reply;
    } catch (error) {
      metrics.reply({ ...labels, outcome: 'error', seconds: (performance.now() - started) / 1000 });
      throw error;
    }
  };
}

/** Times a catalog load and reports the posts it produced; a failed load counts and rethrows. */
export function timedLoad<P, C>(load: (previous: P) => Promise<C>, metrics: Metrics, postsOf: (catalog: C) => number): (previous: P) => Promise<C> {
  return async (previous) => {
    const started = performance.now();
    try {
      const catalog = await load(previous);
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
