import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../state/store.ts';
import { ManualClock } from './clock.ts';
import { Dispatcher, type DispatcherOptions } from './dispatcher.ts';
import { DeliveryError, type AnnouncementTarget } from './port.ts';
import { ScriptedSender, makePost, memoryLogger } from '../../test/announce/helpers.ts';

const dispatchers: Dispatcher[] = [];
afterEach(async () => {
  for (const d of dispatchers.splice(0)) await d.stop(100);
});

function discord(n: number): AnnouncementTarget {
  return { platform: 'discord', id: String(100000000000000000n + BigInt(n)) };
}
const key = (t: AnnouncementTarget) => `${t.platform}:${t.id}`;

/** A store with posts already recorded as announced and their deliveries enqueued. */
function storeWith(posts: string[], targets: AnnouncementTarget[], now: number): Store {
  const store = openStore(':memory:');
  for (const id of posts) {
    store.recordPost(makePost(id), 'announced', now);
    for (const t of targets) store.enqueue(id, t, now);
  }
  return store;
}

function dispatcher(store: Store, senders: ScriptedSender[], clock: ManualClock, extra: Partial<DispatcherOptions> = {}): Dispatcher {
  const d = new Dispatcher({ store, announcers: senders, clock, log: memoryLogger(), locale: 'ko', random: () => 0.5, ...extra });
  dispatchers.push(d);
  return d;
}

// Discord's and Telegram's own limits through the dispatcher: test/announce/platform-limits.test.ts.
describe('outbox delivery', () => {
  it('waits out a 429 for the time the platform asked, then delivers', async () => {
    const clock = new ManualClock();
    const target = discord(1);
    const store = storeWith(['a'], [target], clock.now());
    const sender = new ScriptedSender('discord', () => clock.now(), (_t, _p, attempt) =>
      attempt === 1 ? new DeliveryError('rate-limited', '429', { retryAfterMs: 7_000 }) : { messageId: 'm' },
    );
    const start = clock.now();
    dispatcher(store, [sender], clock).kick();
    await clock.advance(6_999);
    expect(sender.sent).toEqual([]);
    await clock.advance(1);
    expect(sender.attempts.map((a) => a.at - start)).toEqual([0, 7_000]);
    expect(store.outbox('sent')).toMatchObject([{ postId: 'a', attempts: 2, messageId: 'm' }]);
  });

  it('backs off exponentially on 5xx and network errors, then delivers', async () => {
    const clock = new ManualClock();
    const store = storeWith(['a'], [discord(1)], clock.now());
    const sender = new ScriptedSender('discord', () => clock.now(), (_t, _p, attempt) =>
      attempt <= 3 ? new DeliveryError('transient', '502 Bad Gateway') : { messageId: 'm' },
    );
    const start = clock.now();
    dispatcher(store, [sender], clock).kick();
    await clock.advance(60_000);
    // random() = 0.5 means no jitter: 2 s, 4 s, 8 s.
    expect(sender.attempts.map((a) => a.at - start)).toEqual([0, 2_000, 6_000, 14_000]);
    expect(store.outboxCounts()).toMatchObject({ sent: 1, pending: 0 });
  });

  it('gives up after the bounded number of transient failures, keeping the error', async () => {
    const clock = new ManualClock();
    const store = storeWith(['a'], [discord(1)], clock.now());
    const sender = new ScriptedSender('discord', () => clock.now(), () => new DeliveryError('transient', 'connect ECONNREFUSED'));
    dispatcher(store, [sender], clock, { retry: { maxTransientAttempts: 4 } }).kick();
    await clock.advance(3_600_000);
    expect(sender.attempts).toHaveLength(4);
    expect(store.outbox('failed')).toMatchObject([{ lastError: 'gave up after 4 transient errors: connect ECONNREFUSED' }]);
  });

  it('marks a 403 target failed at once while the other targets are delivered', async () => {
    const clock = new ManualClock();
    const targets = [discord(1), discord(2), discord(3)];
    const store = storeWith(['a', 'b'], targets, clock.now());
    const sender = new ScriptedSender('discord', () => clock.now(), (t) =>
      t.id === targets[1]!.id ? new DeliveryError('permanent', '403 Missing Permissions (50013)') : { messageId: 'm' },
    );
    const d = dispatcher(store, [sender], clock);
    d.kick();
    await clock.advance(10_000);
    await d.drain();
    expect(sender.to(key(targets[0]!))).toEqual(['a', 'b']);
    expect(sender.to(key(targets[2]!))).toEqual(['a', 'b']);
    expect(store.outbox('failed').map((r) => [r.postId, r.targetKey, r.lastError, r.attempts])).toEqual([
      ['b', key(targets[1]!), '403 Missing Permissions (50013)', 1],
      ['a', key(targets[1]!), '403 Missing Permissions (50013)', 1],
    ]);
  });

  it('never lets one slow target delay the others', async () => {
    const clock = new ManualClock();
    const targets = [discord(1), discord(2), discord(3)];
    const store = storeWith(['a', 'b'], targets, clock.now());
    let release = () => {};
    const sender = new ScriptedSender('discord', () => clock.now(), (t, post) =>
      t.id === targets[0]!.id && post.id === 'a' ? new Promise((resolve) => (release = () => resolve({ messageId: 'late' }))) : { messageId: 'm' },
    );
    dispatcher(store, [sender], clock).kick();
    await clock.advance(2_000);
    expect(sender.to(key(targets[1]!))).toEqual(['a', 'b']);
    expect(sender.to(key(targets[2]!))).toEqual(['a', 'b']);
    expect(sender.to(key(targets[0]!))).toEqual([]);
    release();
    await clock.advance(2_000);
    expect(sender.to(key(targets[0]!))).toEqual(['a', 'b']);
  });

  it('delivers to one target in order, one at a time', async () => {
    const clock = new ManualClock();
    const store = storeWith(['p1', 'p2', 'p3'], [discord(1)], clock.now());
    let inFlight = 0;
    let most = 0;
    const sender = new ScriptedSender('discord', () => clock.now(), async () => {
      most = Math.max(most, ++inFlight);
      await clock.sleep(300);
      inFlight--;
      return { messageId: 'm' };
    });
    dispatcher(store, [sender], clock).kick();
    await clock.advance(5_000);
    expect(sender.to(key(discord(1)))).toEqual(['p1', 'p2', 'p3']);
    expect(most).toBe(1);
  });

  it('resumes after a crash: a new dispatcher on the same store sends pending rows once, with their nonces', async () => {
    const clock = new ManualClock();
    const targets = [discord(1), discord(2), discord(3)];
    const store = storeWith(['a'], targets, clock.now());
    const nonces = new Map(store.outbox('pending').map((r) => [r.targetKey, r.nonce]));
    // The first run "crashes" after one send: the second send never returns.
    const first = new ScriptedSender('discord', () => clock.now(), (t) => (t.id === targets[0]!.id ? { messageId: 'm1' } : new Promise(() => undefined)));
    const crashed = dispatcher(store, [first], clock);
    crashed.kick();
    await clock.advance(1_000);
    await crashed.stop(10);
    expect(store.outboxCounts()).toMatchObject({ sent: 1, pending: 2 });

    const second = new ScriptedSender('discord', () => clock.now());
    const resumed = dispatcher(store, [second], clock);
    resumed.kick();
    await clock.advance(1_000);
    await resumed.drain();
    expect(second.sent.map((s) => [s.target, s.nonce])).toEqual(targets.slice(1).map((t) => [key(t), nonces.get(key(t))]));
    expect(store.outboxCounts()).toMatchObject({ sent: 3, pending: 0 });
  });

  it('blocks every target of a platform after a global 429', async () => {
    const clock = new ManualClock();
    const store = storeWith(['a'], [discord(1)], clock.now());
    const sender = new ScriptedSender('discord', () => clock.now(), (t, _p, attempt) =>
      t.id === discord(1).id && attempt === 1 ? new DeliveryError('rate-limited', 'global', { retryAfterMs: 3_000, global: true }) : { messageId: 'm' },
    );
    const d = dispatcher(store, [sender], clock);
    const start = clock.now();
    d.kick();
    await clock.advance(100);
    store.enqueue('a', discord(2), clock.now());
    d.kick();
    await clock.advance(5_000);
    // Both wait for the global block; the second one then keeps its paced distance (20.4 ms).
    expect(sender.sent.map((s) => s.at - start)).toEqual([3_000, expect.closeTo(3_020.4, 3)]);
  });
});
