/**
 * The bot's durable state: one SQLite file, `STATE_DIR/briefbot.sqlite`, in WAL mode.
 * It remembers which posts are known (so nothing is announced twice and a first start does not
 * flood), the channels' subscriptions, and the outbox of deliveries.
 *
 * All calls are synchronous (better-sqlite3): a detection pass records its posts and enqueues
 * their deliveries inside one transaction, with no await in between.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Post } from '../posts/types.ts';
import type { AnnouncementTarget, Subscription, TargetOptions } from './records.ts';
import { targetKey } from './target-key.ts';
import { migrations } from './migrations.ts';

export type { AnnouncementTarget, Subscription, TargetOptions } from './records.ts';

/** File name of the database inside STATE_DIR. */
export const STATE_FILE = 'briefbot.sqlite';

/** A post the store knows. */
export interface KnownPost {
  id: string;
  firstPublishedAt: Date;
  disposition: 'baseline' | 'announced';
  removedAt?: Date;
}

export type OutboxState = 'pending' | 'sent' | 'failed' | 'cancelled';

/** One delivery: a post to a target. */
export interface OutboxRow {
  id: number;
  postId: string;
  /** `platform:id`, unique per post. */
  targetKey: string;
  target: AnnouncementTarget;
  state: OutboxState;
  attempts: number;
  /** ms since epoch: not before. */
  nextTryAt: number;
  messageId?: string;
  lastError?: string;
  /** Transient failures in a row (a success or another kind of failure resets it). */
  transientFailures: number;
  /** Stable for the row's life: a resend after a crash carries the same one. */
  nonce: string;
  createdAt: number;
  finishedAt?: number;
}

interface OutboxRecord {
  id: number;
  post_id: string;
  target_key: string;
  target: string;
  state: OutboxState;
  attempts: number;
  next_try_at: number;
  message_id: string | null;
  last_error: string | null;
  transient_failures: number;
  nonce: string;
  created_at: number;
  finished_at: number | null;
}

interface SubscriptionRecord {
  platform: string;
  place: string;
  tags: string;
  options: string;
  created_at: number;
  created_by: string | null;
}

// Here as well, for the store's users; defined apart so that the configuration need not load SQLite.
export { targetKey };

/** A Discord nonce is at most 25 characters; 16 url-safe chars carry 96 random bits. */
function newNonce(): string {
  return randomBytes(12).toString('base64url');
}

/** What the outbox keeps of a post: everything a sender shows, not the body. */
function snapshotOf(post: Post): string {
  const { text: _text, sections: _sections, warnings: _warnings, repair: _repair, ...shown } = post;
  return JSON.stringify(shown);
}

function postFromSnapshot(json: string): Post {
  const shown = JSON.parse(json) as Omit<Post, 'date' | 'text' | 'sections' | 'warnings'> & { date: string };
  return { ...shown, date: new Date(shown.date), text: '', sections: [], warnings: [] };
}

function rowFromRecord(r: OutboxRecord): OutboxRow {
  return {
    id: r.id,
    postId: r.post_id,
    targetKey: r.target_key,
    target: JSON.parse(r.target) as AnnouncementTarget,
    state: r.state,
    attempts: r.attempts,
    nextTryAt: r.next_try_at,
    messageId: r.message_id ?? undefined,
    lastError: r.last_error ?? undefined,
    transientFailures: r.transient_failures,
    nonce: r.nonce,
    createdAt: r.created_at,
    finishedAt: r.finished_at ?? undefined,
  };
}

function subscriptionFromRecord(r: SubscriptionRecord): Subscription {
  return {
    platform: r.platform,
    place: r.place,
    tags: JSON.parse(r.tags) as string[],
    options: JSON.parse(r.options) as TargetOptions,
    createdAt: new Date(r.created_at),
    createdBy: r.created_by ?? undefined,
  };
}

/** The state database. Open it with {@link openStore}. */
export class Store {
  constructor(readonly db: Database.Database) {}

  /** The schema version now in the file. */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- meta ----

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ---- known posts ----

  knownPosts(): Map<string, KnownPost> {
    const rows = this.db.prepare('SELECT id, first_published_at, disposition, removed_at FROM posts').all() as {
      id: string;
      first_published_at: number;
      disposition: 'baseline' | 'announced';
      removed_at: number | null;
    }[];
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          firstPublishedAt: new Date(r.first_published_at),
          disposition: r.disposition,
          removedAt: r.removed_at === null ? undefined : new Date(r.removed_at),
        },
      ]),
    );
  }

  /** Records a post seen published for the first time. No-op when already known. */
  recordPost(post: Post, disposition: 'baseline' | 'announced', now: number): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO posts (id, first_published_at, disposition, snapshot) VALUES (?, ?, ?, ?)')
      .run(post.id, now, disposition, disposition === 'announced' ? snapshotOf(post) : null);
    return result.changes === 1;
  }

  /** Marks a known post as gone from the blog, or back again (`removedAt` undefined). */
  setRemoved(id: string, removedAt: number | undefined): void {
    this.db.prepare('UPDATE posts SET removed_at = ? WHERE id = ?').run(removedAt ?? null, id);
  }

  /** The post as it was when its deliveries were enqueued. */
  postSnapshot(id: string): Post | undefined {
    const row = this.db.prepare('SELECT snapshot FROM posts WHERE id = ?').get(id) as { snapshot: string | null } | undefined;
    return row?.snapshot ? postFromSnapshot(row.snapshot) : undefined;
  }

  postCounts(): { known: number; announced: number; removed: number } {
    return this.db
      .prepare(
        `SELECT count(*) AS known,
                coalesce(sum(disposition = 'announced'), 0) AS announced,
                coalesce(sum(removed_at IS NOT NULL), 0) AS removed
         FROM posts`,
      )
      .get() as { known: number; announced: number; removed: number };
  }

  // ---- subscriptions ----

  /** Creates or updates a subscription; an update keeps its original creation time. */
  subscribe(sub: Omit<Subscription, 'createdAt'> & { createdAt: number }): Subscription {
    this.db
      .prepare(
        `INSERT INTO subscriptions (platform, place, tags, options, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, place) DO UPDATE SET tags = excluded.tags, options = excluded.options`,
      )
      .run(sub.platform, sub.place, JSON.stringify(sub.tags), JSON.stringify(sub.options), sub.createdAt, sub.createdBy ?? null);
    return this.subscriptions(sub.platform, sub.place)[0]!;
  }

  unsubscribe(platform: string, place: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND place = ?').run(platform, place).changes === 1;
  }

  /** All subscriptions, or a platform's, or one place's; oldest first. */
  subscriptions(platform?: string, place?: string): Subscription[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM subscriptions
         WHERE (@platform IS NULL OR platform = @platform) AND (@place IS NULL OR place = @place)
         ORDER BY created_at, platform, place`,
      )
      .all({ platform: platform ?? null, place: place ?? null }) as SubscriptionRecord[];
    return rows.map(subscriptionFromRecord);
  }

  // ---- outbox ----

  /** Adds a pending delivery; no-op (false) when this post already has one for this target. */
  enqueue(postId: string, target: AnnouncementTarget, now: number): boolean {
    const result = this.db
      .prepare(
        `INSERT OR IGNORE INTO outbox (post_id, target_key, target, state, attempts, next_try_at, nonce, created_at)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(postId, targetKey(target), JSON.stringify(target), now, newNonce(), now);
    return result.changes === 1;
  }

  /** Target keys that have pending deliveries. */
  pendingTargetKeys(): string[] {
    return (this.db.prepare(`SELECT DISTINCT target_key FROM outbox WHERE state = 'pending'`).all() as { target_key: string }[]).map(
      (r) => r.target_key,
    );
  }

  /** The oldest pending delivery of a target (deliveries to one target go out in order). */
  nextPending(key: string): OutboxRow | undefined {
    const r = this.db
      .prepare(`SELECT * FROM outbox WHERE state = 'pending' AND target_key = ? ORDER BY id LIMIT 1`)
      .get(key) as OutboxRecord | undefined;
    return r && rowFromRecord(r);
  }

  markSent(id: number, messageId: string, now: number): void {
    this.db
      .prepare(
        `UPDATE outbox SET state = 'sent', message_id = ?, attempts = attempts + 1, finished_at = ?, last_error = NULL, transient_failures = 0 WHERE id = ?`,
      )
      .run(messageId, now, id);
  }

  /**
   * Counts an attempt that failed for now and sets when to try again; `transientFailures` is the
   * row's new count of transient failures in a row (0 after a failure of another kind).
   */
  markRetry(id: number, nextTryAt: number, error: string, transientFailures = 0): void {
    this.db
      .prepare(`UPDATE outbox SET attempts = attempts + 1, next_try_at = ?, last_error = ?, transient_failures = ? WHERE id = ?`)
      .run(nextTryAt, error, transientFailures, id);
  }

  markFailed(id: number, error: string, now: number): void {
    this.db
      .prepare(`UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, finished_at = ? WHERE id = ?`)
      .run(error, now, id);
  }

  /** Cancels pending deliveries of a post (removed from the blog before it went out). */
  cancelPendingForPost(postId: string, reason: string, now: number): number {
    return this.db
      .prepare(`UPDATE outbox SET state = 'cancelled', last_error = ?, finished_at = ? WHERE post_id = ? AND state = 'pending'`)
      .run(reason, now, postId).changes;
  }

  /** Cancels pending deliveries to a target (unsubscribed). */
  cancelPendingForTarget(key: string, reason: string, now: number): number {
    return this.db
      .prepare(`UPDATE outbox SET state = 'cancelled', last_error = ?, finished_at = ? WHERE target_key = ? AND state = 'pending'`)
      .run(reason, now, key).changes;
  }

  /**
   * Deletes sent and cancelled deliveries finished before `before` (ms). Safe for exactly-once:
   * what stops a post from being announced again is the known-posts table, not the outbox.
   * Failed rows stay until a moderator has seen them in /status.
   */
  pruneOutbox(before: number): number {
    return this.db.prepare(`DELETE FROM outbox WHERE state IN ('sent', 'cancelled') AND finished_at < ?`).run(before).changes;
  }

  outboxCounts(): Record<OutboxState, number> {
    const counts: Record<OutboxState, number> = { pending: 0, sent: 0, failed: 0, cancelled: 0 };
    for (const r of this.db.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) {
      counts[r.state] = r.n;
    }
    return counts;
  }

  /** Deliveries in a state: pending oldest first, the others newest first. */
  outbox(state: OutboxState, limit = 100): OutboxRow[] {
    const order = state === 'pending' ? 'id ASC' : 'id DESC';
    return (this.db.prepare(`SELECT * FROM outbox WHERE state = ? ORDER BY ${order} LIMIT ?`).all(state, limit) as OutboxRecord[]).map(
      rowFromRecord,
    );
  }

  /** Every delivery of a post (tests, diagnostics). */
  deliveriesOf(postId: string): OutboxRow[] {
    return (this.db.prepare('SELECT * FROM outbox WHERE post_id = ? ORDER BY id').all(postId) as OutboxRecord[]).map(rowFromRecord);
  }
}

/** Brings the schema up to the latest version, one transaction per migration. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `briefbot: the state database has schema version ${current}, newer than this briefbot knows (${migrations.length}); upgrade briefbot or use another STATE_DIR`,
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * Opens (creating if needed) the state database in `dir` (`STATE_DIR`), or an in-memory one for
 * `':memory:'`, and migrates it.
 */
export function openStore(dir: string): Store {
  let db: Database.Database;
  if (dir === ':memory:') {
    db = new Database(':memory:');
  } else {
    mkdirSync(dir, { recursive: true });
    db = new Database(join(dir, STATE_FILE));
    // WAL: readers never block the writer; a commit is durable against a process crash
    // (synchronous NORMAL loses at most the last commits on power loss, see docs/announcements.md).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new Store(db);
}
