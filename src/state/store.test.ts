import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations.ts';
import { openStore, STATE_FILE, type Store } from './store.ts';
import { makePost } from '../../test/announce/helpers.ts';

const dirs: string[] = [];
const stores: Store[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-store-'));
  dirs.push(dir);
  return dir;
}
function open(dir: string): Store {
  const store = openStore(dir);
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates the database in STATE_DIR with every migration applied, in WAL mode', () => {
    const dir = tempDir();
    const store = open(join(dir, 'nested', 'state'));
    expect(store.schemaVersion).toBe(migrations.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['meta', 'outbox', 'posts', 'subscriptions']));
  });

  it('reopens an existing database without migrating again and keeps its data', () => {
    const dir = tempDir();
    const first = open(dir);
    first.recordPost(makePost('kept'), 'baseline', 1);
    first.setMeta('k', 'v');
    first.close();
    const again = open(dir);
    expect(again.schemaVersion).toBe(migrations.length);
    expect([...again.knownPosts().keys()]).toEqual(['kept']);
    expect(again.getMeta('k')).toBe('v');
  });

  it('refuses a database from a newer briefbot instead of guessing', () => {
    const dir = tempDir();
    const db = new Database(join(dir, STATE_FILE));
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openStore(dir)).toThrow(/newer than this briefbot knows/);
  });

  it('opens an in-memory store for tests', () => {
    const store = open(':memory:');
    expect(store.schemaVersion).toBe(migrations.length);
  });
});

describe('Store', () => {
  it('records a post once: a second record of the same id changes nothing', () => {
    const store = open(':memory:');
    expect(store.recordPost(makePost('a'), 'announced', 10)).toBe(true);
    expect(store.recordPost(makePost('a', { title: 'edited' }), 'announced', 20)).toBe(false);
    expect(store.knownPosts().get('a')).toEqual({ id: 'a', firstPublishedAt: new Date(10), disposition: 'announced', removedAt: undefined });
    expect(store.postSnapshot('a')?.title).toBe('Post a');
  });

  it('keeps the announced post as a snapshot with its date, without the body', () => {
    const store = open(':memory:');
    const post = makePost('snap', { date: '2026-02-03T05:00:36+09:00', tags: ['AI', '생성형 AI'] });
    store.recordPost(post, 'announced', 1);
    expect(store.postSnapshot('snap')).toEqual({ ...post, text: '', sections: [] });
  });

  it('enqueues one delivery per post and target, with a stable nonce of at most 25 characters', () => {
    const store = open(':memory:');
    store.recordPost(makePost('a'), 'announced', 1);
    expect(store.enqueue('a', { platform: 'discord', id: '111111111111111111' }, 1)).toBe(true);
    expect(store.enqueue('a', { platform: 'discord', id: '111111111111111111' }, 2)).toBe(false);
    const rows = store.deliveriesOf('a');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.nonce.length).toBeLessThanOrEqual(25);
    expect(store.nextPending('discord:111111111111111111')?.nonce).toBe(rows[0]!.nonce);
  });

  it('walks a delivery through retry, sent and failed, keeping the error', () => {
    const store = open(':memory:');
    store.recordPost(makePost('a'), 'announced', 1);
    store.enqueue('a', { platform: 'telegram', id: '-1001' }, 1);
    store.enqueue('a', { platform: 'telegram', id: '-1002' }, 1);
    const [one, two] = store.outbox('pending');
    store.markRetry(one!.id, 5000, 'transient (1): 502');
    expect(store.nextPending('telegram:-1001')).toMatchObject({ attempts: 1, nextTryAt: 5000, lastError: 'transient (1): 502' });
    store.markSent(one!.id, '77', 6000);
    store.markFailed(two!.id, 'chat not found', 6000);
    expect(store.outboxCounts()).toEqual({ pending: 0, sent: 1, failed: 1, cancelled: 0 });
    expect(store.outbox('sent')[0]).toMatchObject({ messageId: '77', attempts: 2, lastError: undefined });
    expect(store.outbox('failed')[0]).toMatchObject({ lastError: 'chat not found', attempts: 1 });
  });

  it('prunes old sent and cancelled deliveries but keeps failed ones and the known posts', () => {
    const store = open(':memory:');
    store.recordPost(makePost('a'), 'announced', 1);
    for (const id of ['1', '2', '3']) store.enqueue('a', { platform: 'discord', id }, 1);
    const [sent, cancelled, failed] = store.outbox('pending');
    store.markSent(sent!.id, 'm', 100);
    store.cancelPendingForTarget(cancelled!.targetKey, 'unsubscribed', 100);
    store.markFailed(failed!.id, '403', 100);
    expect(store.pruneOutbox(50)).toBe(0);
    expect(store.pruneOutbox(101)).toBe(2);
    expect(store.outboxCounts()).toEqual({ pending: 0, sent: 0, failed: 1, cancelled: 0 });
    expect(store.knownPosts().has('a')).toBe(true);
    expect(store.enqueue('a', { platform: 'discord', id: '1' }, 200)).toBe(true); // only detection decides what is new
  });

  it('updates a subscription in place, keeping when it was made', () => {
    const store = open(':memory:');
    store.subscribe({ platform: 'discord', place: '1', tags: ['AI'], options: {}, createdAt: 100 });
    const updated = store.subscribe({ platform: 'discord', place: '1', tags: ['GPU'], options: { mentionRoleId: '9', crosspost: true }, createdAt: 200 });
    expect(updated).toEqual({ platform: 'discord', place: '1', tags: ['GPU'], options: { mentionRoleId: '9', crosspost: true }, createdAt: new Date(100), createdBy: undefined });
    expect(store.unsubscribe('discord', '1')).toBe(true);
    expect(store.unsubscribe('discord', '1')).toBe(false);
    expect(store.subscriptions()).toEqual([]);
  });
});

describe('migrations', () => {
  /** A database as briefbot wrote it at schema version `version`, with rows of that time. */
  function databaseAt(dir: string, version: number, fill: (db: Database.Database) => void): void {
    const db = new Database(join(dir, STATE_FILE));
    for (const sql of migrations.slice(0, version)) db.exec(sql);
    db.pragma(`user_version = ${version}`);
    fill(db);
    db.close();
  }

  it('upgrades a version-1 database: role and crosspost columns become target options, the transient count a column', () => {
    const dir = tempDir();
    databaseAt(dir, 1, (db) => {
      db.prepare(`INSERT INTO posts (id, first_published_at, disposition, snapshot) VALUES ('a', 1, 'announced', ?)`).run(JSON.stringify({ ...makePost('a'), text: undefined }));
      const sub = db.prepare('INSERT INTO subscriptions (platform, place, tags, mention_role_id, crosspost, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
      sub.run('discord', '1300000000000000001', '["GPU"]', '1400000000000000001', 1, 10, 'discord:7');
      sub.run('discord', '1300000000000000002', '[]', null, 0, 11, null);
      sub.run('telegram', '-100123', '[]', null, 0, 12, null);
      const row = db.prepare(
        `INSERT INTO outbox (post_id, target_key, target, state, attempts, next_try_at, last_error, nonce, created_at) VALUES ('a', ?, ?, 'pending', ?, 5, ?, ?, 1)`,
      );
      row.run('discord:1300000000000000001', JSON.stringify({ platform: 'discord', id: '1300000000000000001', mentionRoleId: '1400000000000000001', crosspost: true, tags: ['GPU'] }), 3, 'transient (3): 502 Bad Gateway', 'n1');
      row.run('discord:1300000000000000002', JSON.stringify({ platform: 'discord', id: '1300000000000000002' }), 1, 'rate limited: 429', 'n2');
      row.run('telegram:-100123', JSON.stringify({ platform: 'telegram', id: '-100123' }), 12, 'transient (12): ECONNRESET', 'n3');
    });

    const store = open(dir);
    expect(store.schemaVersion).toBe(migrations.length);
    expect(store.subscriptions().map((s) => [s.place, s.tags, s.options, s.createdBy])).toEqual([
      ['1300000000000000001', ['GPU'], { mentionRoleId: '1400000000000000001', crosspost: true }, 'discord:7'],
      ['1300000000000000002', [], {}, undefined],
      ['-100123', [], {}, undefined],
    ]);
    const columns = (store.db.prepare(`SELECT name FROM pragma_table_info('subscriptions')`).all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('mention_role_id');
    expect(columns).not.toContain('crosspost');
    expect(store.outbox('pending').map((r) => [r.target, r.transientFailures, r.lastError, r.nonce])).toEqual([
      [{ platform: 'discord', id: '1300000000000000001', options: { mentionRoleId: '1400000000000000001', crosspost: true }, tags: ['GPU'] }, 3, 'transient (3): 502 Bad Gateway', 'n1'],
      [{ platform: 'discord', id: '1300000000000000002' }, 0, 'rate limited: 429', 'n2'],
      [{ platform: 'telegram', id: '-100123' }, 12, 'transient (12): ECONNRESET', 'n3'],
    ]);
  });

  it('keeps the transient count in its column through retries and resets it on success', () => {
    const store = open(':memory:');
    store.recordPost(makePost('a'), 'announced', 1);
    store.enqueue('a', { platform: 'telegram', id: '-1001', options: { silent: true } }, 1);
    const [row] = store.outbox('pending');
    expect(row).toMatchObject({ transientFailures: 0, target: { platform: 'telegram', id: '-1001', options: { silent: true } } });
    store.markRetry(row!.id, 10, 'transient (1): 502', 1);
    store.markRetry(row!.id, 20, 'transient (2): 502', 2);
    expect(store.nextPending('telegram:-1001')).toMatchObject({ transientFailures: 2, attempts: 2 });
    store.markSent(row!.id, 'm', 30);
    expect(store.outbox('sent')[0]).toMatchObject({ transientFailures: 0, attempts: 3 });
  });
});
