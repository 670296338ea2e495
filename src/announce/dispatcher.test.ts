import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../state/store.ts';
import { ManualClock } from './clock.ts';
import { Dispatcher, backoffDelay, defaultRetryPolicy, type DispatcherOptions } from './dispatcher.ts';
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
  const d = new Dispatcher({ store, senders, clock, log: memoryLogger(), locale: 'ko', random: () => 0.5, ...extra });
  dispatchers.push(d);
  return d;
}

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

  it('keeps every second within Discord 50/s overall and every channel within 5 per 5 s', async () => {
    const clock = new ManualClock();
    const targets = Array.from({ length: 120 }, (_, i) => discord(i));
    const store = storeWith(['a', 'b', 'c', 'd', 'e', 'f'], targets.slice(0, 2), clock.now());
    for (const t of targets.slice(2)) store.enqueue('a', t, clock.now());
    const sender = new ScriptedSender('discord', () => clock.now());
    const d = dispatcher(store, [sender], clock);
    d.kick();
    await clock.advance(20_000);
    await d.drain();
    const times = sender.sent.map((s) => s.at).sort((x, y) => x - y);
    expect(times).toHaveLength(118 + 12);
    const inWindow = (list: number[], w: number) => Math.max(...list.map((t) => list.filter((u) => u >= t && u < t + w).length));
    expect(inWindow(times, 1000)).toBeLessThanOrEqual(50);
    // Paced evenly, 1000/50 ms apart plus the 2 % margin, rather than in bursts of 50.
    expect(Math.min(...times.slice(1).map((t, i) => t - times[i]!))).toBeGreaterThanOrEqual(20.39);
    const oneChannel = sender.sent.filter((s) => s.target === key(targets[0]!)).map((s) => s.at);
    expect(inWindow(oneChannel, 5000)).toBe(5);
    // 128 sends paced 20.4 ms apart take 2.6 s; the two busy channels' 6th posts wait for their
    // 5-per-5-s window (5 s), then keep the pace.
    expect(times.at(-3)! - times[0]!).toBeCloseTo(127 * 20.4, 0);
    expect(times.slice(-2).map((t) => t - times[0]!)).toEqual([5_000, expect.closeTo(5_020.4, 3)]);
  });

  it('keeps a Telegram chat to one message a second and a group to 20 a minute', async () => {
    const clock = new ManualClock();
    const ids = Array.from({ length: 25 }, (_, i) => `p${i}`);
    const store = storeWith(ids, [{ platform: 'telegram', id: '-1001' }, { platform: 'telegram', id: '42' }], clock.now());
    const sender = new ScriptedSender('telegram', () => clock.now());
    const start = clock.now();
    // Unpaced overall limit, so the chats' own limits show exactly.
    dispatcher(store, [sender], clock, { limits: { telegramGlobal: { limit: 30, windowMs: 1000 } } }).kick();
    await clock.advance(120_000);
    const atOf = (t: string) => sender.sent.filter((s) => s.target === t).map((s) => s.at - start);
    expect(atOf('telegram:42')).toEqual(ids.map((_, i) => i * 1000));
    expect(atOf('telegram:-1001').slice(19, 21)).toEqual([19_000, 60_000]);
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

describe('backoffDelay', () => {
  it('doubles from the base, stays under the cap, and spreads by the jitter', () => {
    const p = { ...defaultRetryPolicy, baseDelayMs: 1000, maxDelayMs: 5000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(2, p, () => 0)).toBe(1000);
    expect(backoffDelay(2, p, () => 1)).toBe(3000);
  });
});
