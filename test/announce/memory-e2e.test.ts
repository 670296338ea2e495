/**
 * The third platform end to end: the in-memory announcer (memory-announcer.ts) plugged into the
 * unchanged feature. Its policy alone decides how its targets read, how fast a room receives,
 * and what /subscribe may ask; the dispatcher, detection, the store and the port serve it as they
 * serve Discord and Telegram.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { subscribe } from '../../commands/subscribe.ts';
import { ManualClock } from '../../src/announce/clock.ts';
import { startAnnouncements, type Announcements } from '../../src/announce/start.ts';
import { staticTargets } from '../../src/announce/targets.ts';
import { createBotCore } from '../../src/bot/execute.ts';
import { Engine } from '../../src/bot/engine.ts';
import { openStore } from '../../src/state/store.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { fixture } from '../helpers/core.ts';
import { FakeEngine, makePost, memoryLogger } from './helpers.ts';
import { memoryAnnouncer } from './memory-announcer.ts';

const running: Announcements[] = [];
afterEach(async () => {
  for (const a of running.splice(0)) await a.stop();
});

async function start() {
  const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
  const store = openStore(':memory:');
  const engine = new FakeEngine([makePost('old', { date: '2025-12-01T00:00:00Z' })]);
  const memory = memoryAnnouncer();
  // As the composition root does for every platform: its announcer, and its configured targets read by its own policy.
  const announcements = await startAnnouncements({
    engine,
    store,
    announcers: [memory],
    targets: staticTargets([{ policy: memory, entries: '#news', source: 'ANNOUNCE_MEMORY_ROOMS' }]),
    log: memoryLogger(),
    clock,
    random: () => 0.5,
  });
  running.push(announcements);
  await clock.advance(0);
  return { clock, store, engine, memory, announcements };
}

describe('a third platform: the in-memory announcer', () => {
  it("delivers new posts to its rooms at its own per-room pace, and retries its transient errors", async () => {
    const { clock, engine, memory, store } = await start();
    const t0 = clock.now();
    memory.failNext('transient');
    await engine.publish([
      makePost('old', { date: '2025-12-01T00:00:00Z' }),
      ...['a', 'b', 'c'].map((id, i) => makePost(id, { date: `2025-12-0${2 + i}T00:00:00Z` })),
    ]);
    await clock.advance(0);
    // First try of `a` failed: it waits the base backoff (2 s), and `b`, `c` queue behind it in order.
    expect(store.nextPending('memory:news')).toMatchObject({ postId: 'a', transientFailures: 1, lastError: 'transient (1): memory: injected transient' });
    await clock.advance(10_000);
    expect(memory.inbox.map((m) => m.text.split('\n')[0])).toEqual(['Post a', 'Post b', 'Post c']);
    const times = store.outbox('sent', 10).map((r) => r.finishedAt! - t0).sort((x, y) => x - y);
    // The room's own limit of 2 a second: a at 2 s, b right after, c one second after a.
    expect(times).toEqual([2_000, 2_000, 3_000]);
  });

  it('serves its subscriptions by command, with its capabilities: a role mention yes, publishing no', async () => {
    const { engine, memory, announcements, clock } = await start();
    // The commands' own engine (a loaded catalog); the announcer follows the fake one above.
    const commandEngine = new Engine(async () => {
      const { library, report } = await loadLibrary({ postsDir: fixture('command-posts'), siteUrl: 'https://blog.example' });
      return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date() };
    });
    await commandEngine.reindex();
    const core = createBotCore({
      commands: [subscribe],
      engine: commandEngine,
      defaultLocale: 'en',
      log: memoryLogger(),
      services: { announcements: announcements.port },
    });
    expect(announcements.port.capabilities('memory')).toEqual({ mentions: true, crosspost: false });
    const reply = await core.execute({
      command: 'subscribe',
      args: { tags: 'GPU', role: '1400000000000000001', publish: true },
      platform: 'memory',
      place: 'gpu',
      locale: 'en',
      invoker: { id: 'memory:1', isModerator: true },
    });
    expect(reply.text).toContain('Announcements will mention the role with id 1400000000000000001.');
    expect(announcements.port.list('memory')).toMatchObject([{ place: 'gpu', tags: ['GPU'], options: { mentionRoleId: '1400000000000000001' } }]);

    await engine.publish([makePost('old', { date: '2025-12-01T00:00:00Z' }), makePost('gpu-post', { tags: ['GPU'] }), makePost('web-post', { tags: ['Web'] })]);
    await clock.advance(5_000);
    await announcements.drain();
    const room = (id: string) => memory.inbox.filter((m) => m.room === id).map((m) => m.text.split('\n')[0]);
    expect(room('gpu')).toEqual(['Post gpu-post']);
    expect(room('news').sort()).toEqual(['Post gpu-post', 'Post web-post']);
    expect(memory.inbox.find((m) => m.room === 'gpu')!.text).toContain('@1400000000000000001');
  });

  it('leaves rows of a platform nobody serves pending, and refuses its bad configured targets', async () => {
    const { store, announcements, memory } = await start();
    store.recordPost(makePost('x'), 'announced', 0);
    store.enqueue('x', { platform: 'pigeon', id: 'coop' }, 0);
    await announcements.drain();
    expect(store.outbox('pending').map((r) => r.targetKey)).toEqual(['pigeon:coop']);
    expect(() => staticTargets([{ policy: memory, entries: 'news', source: 'ANNOUNCE_MEMORY_ROOMS' }])).toThrow('ANNOUNCE_MEMORY_ROOMS: "news" is not a room (#name)');
  });
});
