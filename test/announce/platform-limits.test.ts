/**
 * Discord's and Telegram's declared limits, applied by the (platform-neutral) dispatcher
 * (moved from src/announce/dispatcher.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/state/store.ts';
import { ManualClock } from '../../src/announce/clock.ts';
import { Dispatcher } from '../../src/announce/dispatcher.ts';
import type { AnnouncementTarget } from '../../src/announce/port.ts';
import { telegramAnnouncePolicy } from '../../src/platforms/telegram/announce-policy.ts';
import { ScriptedSender, makePost, memoryLogger } from './helpers.ts';

const dispatchers: Dispatcher[] = [];
afterEach(async () => {
  for (const d of dispatchers.splice(0)) await d.stop(100);
});

function discord(n: number): AnnouncementTarget {
  return { platform: 'discord', id: String(100000000000000000n + BigInt(n)) };
}
const key = (t: AnnouncementTarget) => `${t.platform}:${t.id}`;

function storeWith(posts: string[], targets: AnnouncementTarget[], now: number): Store {
  const store = openStore(':memory:');
  for (const id of posts) {
    store.recordPost(makePost(id), 'announced', now);
    for (const t of targets) store.enqueue(id, t, now);
  }
  return store;
}

function dispatcher(store: Store, senders: ScriptedSender[], clock: ManualClock): Dispatcher {
  const d = new Dispatcher({ store, announcers: senders, clock, log: memoryLogger(), locale: 'ko', random: () => 0.5 });
  dispatchers.push(d);
  return d;
}

describe('platform limits', () => {
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
    // Unpaced overall limit, so the chats' own limits show exactly.
    const sender = new ScriptedSender('telegram', () => clock.now(), undefined, telegramAnnouncePolicy({ global: { limit: 30, windowMs: 1000 } }));
    const start = clock.now();
    dispatcher(store, [sender], clock).kick();
    await clock.advance(120_000);
    const atOf = (t: string) => sender.sent.filter((s) => s.target === t).map((s) => s.at - start);
    expect(atOf('telegram:42')).toEqual(ids.map((_, i) => i * 1000));
    expect(atOf('telegram:-1001').slice(19, 21)).toEqual([19_000, 60_000]);
  });

});
