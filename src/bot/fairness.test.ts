import { describe, expect, it } from 'vitest';
import { FairScheduler } from './fairness.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FairScheduler', () => {
  it('answers a second member within a task or two while another floods the same chat', async () => {
    // No rate limit here: this is the per-chat concurrency alone (the flood: 200 then 1).
    const fair = new FairScheduler({ memberBurst: 1000, maxInFlight: 1000, perChatConcurrency: 4 });
    const finished: string[] = [];
    const started = Date.now();
    for (let i = 0; i < 200; i++) fair.submit({ chat: 'g', member: 'flooder' }, async () => { await sleep(30); finished.push(`f${i}`); });
    let secondAnsweredAfter = Infinity;
    const second = fair.submit({ chat: 'g', member: 'other' }, async () => { await sleep(30); secondAnsweredAfter = Date.now() - started; });
    expect(second.kind).toBe('accepted');
    if (second.kind === 'accepted') await second.done;
    expect(secondAnsweredAfter).toBeLessThan(1000);
    expect(finished.length).toBeLessThan(10);
  });

  it('keeps one member\'s own order while running different members at once', async () => {
    const fair = new FairScheduler({ memberBurst: 100 });
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => { log.push(`start ${name}`); await sleep(ms); log.push(`end ${name}`); };
    const a1 = fair.submit({ chat: 'c', member: 'a' }, task('a1', 40));
    const a2 = fair.submit({ chat: 'c', member: 'a' }, task('a2', 1));
    const b1 = fair.submit({ chat: 'c', member: 'b' }, task('b1', 1));
    await Promise.all([a1, a2, b1].map((x) => (x.kind === 'accepted' ? x.done : undefined)));
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1'));
  });

  it('never runs more than the bound of one chat at once', async () => {
    const fair = new FairScheduler({ perChatConcurrency: 2, memberBurst: 100 });
    let running = 0;
    let peak = 0;
    const all = ['a', 'b', 'c', 'd', 'e'].map((m) =>
      fair.submit({ chat: 'c', member: m }, async () => { running++; peak = Math.max(peak, running); await sleep(10); running--; }),
    );
    await Promise.all(all.map((x) => (x.kind === 'accepted' ? x.done : undefined)));
    expect(peak).toBe(2);
  });

  it('tells an over-rate member once, then drops quietly, and lets them back after the refill', () => {
    let now = 0;
    const fair = new FairScheduler({ memberBurst: 2, memberRefillPerSecond: 1, now: () => now });
    const send = () => fair.submit({ chat: 'c', member: 'm' }, async () => {});
    expect(send().kind).toBe('accepted');
    expect(send().kind).toBe('accepted');
    expect(send()).toEqual({ kind: 'limited', notify: true });
    expect(send()).toEqual({ kind: 'limited', notify: false });
    expect(fair.submit({ chat: 'c', member: 'other' }, async () => {}).kind).toBe('accepted');
    now = 1000;
    expect(send().kind).toBe('accepted');
    expect(send()).toEqual({ kind: 'limited', notify: true });
  });

  it('sheds new work as busy at the in-flight cap, and takes it again once work finishes', async () => {
    const fair = new FairScheduler({ maxInFlight: 2, memberBurst: 100 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = fair.submit({ chat: 'a', member: '1' }, () => gate);
    fair.submit({ chat: 'b', member: '2' }, () => gate);
    expect(fair.submit({ chat: 'c', member: '3' }, async () => {})).toEqual({ kind: 'busy' });
    expect(fair.inFlight).toBe(2);
    release();
    if (first.kind === 'accepted') await first.done;
    await sleep(0);
    expect(fair.inFlight).toBe(0);
    expect(fair.submit({ chat: 'c', member: '3' }, async () => {}).kind).toBe('accepted');
  });

  it('goes on after a task that throws', async () => {
    const fair = new FairScheduler({ memberBurst: 100 });
    fair.submit({ chat: 'c', member: 'm' }, async () => { throw new Error('boom'); });
    const next = fair.submit({ chat: 'c', member: 'm' }, async () => {});
    expect(next.kind).toBe('accepted');
    if (next.kind === 'accepted') await expect(next.done).resolves.toBeUndefined();
    expect(fair.inFlight).toBe(0);
  });
});
