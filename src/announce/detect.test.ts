import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../state/store.ts';
import { ManualClock } from './clock.ts';
import { startAnnouncements, type Announcements } from './start.ts';
import { FakeEngine, ScriptedSender, makePost, memoryLogger } from '../../test/announce/helpers.ts';

const CHANNEL = { platform: 'discord', id: '100000000000000001' } as const;
const CHAT = { platform: 'telegram', id: '-1001' } as const;

interface Rig {
  clock: ManualClock;
  store: Store;
  engine: FakeEngine;
  discord: ScriptedSender;
  telegram: ScriptedSender;
  announcements: Announcements;
}
const running: Announcements[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
});

async function rig(options: { posts?: ReturnType<typeof makePost>[]; store?: Store; clock?: ManualClock; backfill?: number } = {}): Promise<Rig> {
  const clock = options.clock ?? new ManualClock(new Date('2026-01-01T00:00:00Z'));
  const store = options.store ?? openStore(':memory:');
  const engine = new FakeEngine(options.posts ?? []);
  const discord = new ScriptedSender('discord', () => clock.now());
  const telegram = new ScriptedSender('telegram', () => clock.now());
  const announcements = await startAnnouncements({
    engine,
    store,
    announcers: [discord, telegram],
    log: memoryLogger(),
    targets: [CHANNEL, CHAT],
    backfill: options.backfill,
    clock,
  });
  running.push(announcements);
  await clock.advance(0);
  return { clock, store, engine, discord, telegram, announcements };
}

/** Lets every delivery due within a few (fake) seconds go out. */
async function deliver(r: Rig): Promise<void> {
  await r.clock.advance(10_000);
}

const old = (id: string, extra: Parameters<typeof makePost>[1] = {}) => makePost(id, { date: '2025-12-01T00:00:00Z', ...extra });

describe('newly published detection', () => {
  it('records existing posts on the very first start and announces none of them', async () => {
    const r = await rig({ posts: [old('a'), old('b')] });
    await deliver(r);
    expect(r.discord.sent).toEqual([]);
    expect(r.telegram.sent).toEqual([]);
    expect([...r.store.knownPosts().values()].map((p) => [p.id, p.disposition])).toEqual([
      ['a', 'baseline'],
      ['b', 'baseline'],
    ]);
  });

  it('announces a new post once to every target', async () => {
    const r = await rig({ posts: [old('a')] });
    await r.engine.publish([old('a'), old('new')]);
    await deliver(r);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['new']);
    expect(r.telegram.to('telegram:-1001')).toEqual(['new']);
    await r.engine.reindex();
    await deliver(r);
    expect(r.discord.sent).toHaveLength(1);
    expect(r.telegram.sent).toHaveLength(1);
  });

  it('announces a post when published turns true, not while it is false', async () => {
    const r = await rig({ posts: [old('draft', { published: false })] });
    await r.engine.reindex();
    await deliver(r);
    expect(r.discord.sent).toEqual([]);
    await r.engine.publish([old('draft', { published: true })]);
    await deliver(r);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['draft']);
  });

  it('announces a future-dated post when its time comes (a timer), and not before', async () => {
    const at = new Date('2026-01-01T09:00:00Z');
    const r = await rig({ posts: [old('a'), makePost('later', { date: at })] });
    await r.clock.advanceTo(at.getTime() - 1);
    expect(r.discord.sent).toEqual([]);
    expect(r.announcements.port.status().nextPublicationAt).toEqual(at);
    await r.clock.advance(1);
    await deliver(r);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['later']);
    expect(r.telegram.to('telegram:-1001')).toEqual(['later']);
    expect(r.engine.reindexCount).toBe(0);
  });

  it('never announces an edited post again', async () => {
    const r = await rig({ posts: [old('a')] });
    await r.engine.publish([old('a'), old('b')]);
    await deliver(r);
    await r.engine.publish([old('a'), old('b', { title: 'B, edited', tags: ['GPU'] })]);
    await deliver(r);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['b']);
  });

  it('records a removed post as removed, announces nothing, and does not announce it when it comes back', async () => {
    const r = await rig({ posts: [old('a'), old('b')] });
    await r.engine.publish([old('a')]);
    expect(r.store.knownPosts().get('b')?.removedAt).toEqual(new Date(r.clock.now()));
    await r.engine.publish([old('a'), old('b')]);
    await deliver(r);
    expect(r.discord.sent).toEqual([]);
    expect(r.store.knownPosts().get('b')?.removedAt).toBeUndefined();
  });

  it('cancels deliveries of a post removed before they went out', async () => {
    const r = await rig({ posts: [old('a')] });
    let release = () => {};
    r.discord.script = (_t, post) => (post.id === 'first' ? new Promise((resolve) => (release = () => resolve({ messageId: '1' }))) : { messageId: '2' });
    await r.engine.publish([old('a'), old('first')]);
    await r.engine.publish([old('a'), old('first'), old('b')]); // queued behind "first" on Discord
    await deliver(r);
    await r.engine.publish([old('a'), old('first')]); // b removed while still queued
    release();
    await deliver(r);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['first']);
    expect(r.telegram.to('telegram:-1001')).toEqual(['first', 'b']);
    expect(r.store.deliveriesOf('b').map((d) => [d.targetKey, d.state, d.lastError])).toEqual([
      ['discord:100000000000000001', 'cancelled', 'the post was removed from the blog before delivery'],
      ['telegram:-1001', 'sent', undefined],
    ]);
  });

  it('announces only the newest N posts on the first start with a backfill, oldest first', async () => {
    const posts = [1, 2, 3, 4, 5].map((d) => makePost(`p${d}`, { date: `2025-12-0${d}T00:00:00Z` }));
    const r = await rig({ posts, backfill: 2 });
    await deliver(r);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['p4', 'p5']);
    expect(r.store.postCounts()).toEqual({ known: 5, announced: 2, removed: 0 });
  });

  it('does not flood after a restart: a second start on the same store announces nothing', async () => {
    const store = openStore(':memory:');
    const first = await rig({ posts: [old('a')], store });
    await first.engine.publish([old('a'), old('b')]);
    await deliver(first);
    await first.announcements.stop();
    const second = await rig({ posts: [old('a'), old('b')], store, backfill: 5 });
    await deliver(second);
    expect(second.discord.sent).toEqual([]);
    expect(second.telegram.sent).toEqual([]);
  });

  it('gives a new subscription only posts published after it, filtered by its tags', async () => {
    const r = await rig({ posts: [old('a')] });
    r.announcements.port.subscribe('discord', '200000000000000002', ['생성형-AI', 'gpu']);
    await r.engine.publish([old('a'), old('ai', { tags: ['생성형 AI'] }), old('gpu', { tags: ['GPU'] }), old('web', { tags: ['Web'] })]);
    await deliver(r);
    expect(r.discord.to('discord:200000000000000002')).toEqual(['ai', 'gpu']);
    expect(r.discord.to('discord:100000000000000001')).toEqual(['ai', 'gpu', 'web']);
  });

  it('enqueues nothing for a platform without a sender', async () => {
    const r = await rig({ posts: [] });
    await r.announcements.stop();
    const store = openStore(':memory:');
    const engine = new FakeEngine([]);
    const discord = new ScriptedSender('discord', () => r.clock.now());
    const only = await startAnnouncements({ engine, store, announcers: [discord], log: memoryLogger(), targets: [CHANNEL, CHAT], clock: r.clock });
    running.push(only);
    await engine.publish([old('x')]);
    await deliver(r);
    expect(store.deliveriesOf('x').map((d) => d.targetKey)).toEqual(['discord:100000000000000001']);
  });
});
