import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reply } from './reply.ts';
import { partialAnswer, RetryLater, streamReply, throttle, type StreamClock, type StreamSink } from './stream.ts';

// Fake timers: the clock below reads and sleeps on vitest's fake time, so every figure is exact.
const clock: StreamClock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
const log = { debug() {}, info() {}, warn() {}, error() {} };

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A producer that reports `pieces` partial texts, one every `everyMs`, then resolves with the final reply. */
function producer(pieces: number, everyMs: number, final: Reply = { text: ['final [1]'] }) {
  return async (progress: (partial: Reply) => void): Promise<Reply> => {
    for (let i = 1; i <= pieces; i++) {
      await clock.sleep(everyMs);
      progress(partialAnswer('t', `piece ${i}`));
    }
    await clock.sleep(everyMs);
    return final;
  };
}

/** A sink recording when each call came and what it showed; `behave` may throw for a call. */
function recordingSink(behave: (kind: 'update' | 'finish', call: number) => void = () => {}) {
  const calls: { kind: 'update' | 'finish'; at: number; text: string }[] = [];
  const sink: StreamSink<string> = {
    async update(partial) {
      calls.push({ kind: 'update', at: Date.now(), text: partial.text[0]! });
      behave('update', calls.length);
    },
    async finish(final) {
      calls.push({ kind: 'finish', at: Date.now(), text: final.text[0]! });
      behave('finish', calls.length);
      return 'sent';
    },
  };
  return { sink, calls };
}

function gaps(calls: { at: number }[]): number[] {
  return calls.slice(1).map((call, i) => call.at - calls[i]!.at);
}

describe('throttle', () => {
  it('yields the first value at once, then the newest one per interval, and always the last', async () => {
    async function* source() {
      for (let i = 1; i <= 10; i++) {
        await clock.sleep(150);
        yield i;
      }
    }
    const seen: { value: number; at: number }[] = [];
    const done = (async () => {
      for await (const value of throttle(source(), { intervalMs: 1000, clock })) seen.push({ value, at: Date.now() });
    })();
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(seen.map((s) => s.value)).toEqual([1, 7, 10]);
    expect(seen.map((s) => s.at)).toEqual([150, 1150, 2150]);
  });

  it('throws the source error after the values that came before it', async () => {
    async function* source() {
      yield 1;
      throw new Error('broken');
    }
    const seen: number[] = [];
    const done = (async () => {
      for await (const value of throttle(source(), { intervalMs: 1000, clock })) seen.push(value);
    })();
    const failed = expect(done).rejects.toThrow('broken');
    await vi.advanceTimersByTimeAsync(2_000);
    await failed;
    expect(seen).toEqual([1]);
  });
});

describe('streamReply', () => {
  it('updates at most once a second, the newest text each time, and ends with the final reply', async () => {
    const { sink, calls } = recordingSink();
    const done = streamReply(producer(30, 100), sink, { intervalMs: 1000, clock, log });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await done).toBe('sent');
    // The final reply is ready at 3100 ms and waits for its slot like any update: at most a second.
    expect(calls.at(-1)).toMatchObject({ kind: 'finish', text: 'final [1]' });
    expect(calls.at(-1)!.at).toBeLessThanOrEqual(3100 + 1000);
    expect(calls.slice(0, -1).every((c) => c.kind === 'update')).toBe(true);
    expect(Math.min(...gaps(calls))).toBeGreaterThanOrEqual(1000);
    expect(calls[0]).toEqual({ kind: 'update', at: 100, text: 'piece 1 …' });
    // The newest text at the slot (piece 11 is written at the same instant, so either may win).
    expect(calls[1]!.text).toMatch(/^piece 1[01] …$/);
  });

  it('shows a reply without progress once, by finish alone', async () => {
    const { sink, calls } = recordingSink();
    const done = streamReply(producer(0, 50), sink, { clock, log });
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(calls).toEqual([{ kind: 'finish', at: 50, text: 'final [1]' }]);
  });

  it('waits as long as a 429 says before the next update, and retries the final reply after it', async () => {
    const { sink, calls } = recordingSink((kind, call) => {
      if (call === 2 || (kind === 'finish' && calls.filter((c) => c.kind === 'finish').length === 1)) throw new RetryLater(2500);
    });
    const done = streamReply(producer(40, 100), sink, { intervalMs: 1000, clock, log });
    await vi.advanceTimersByTimeAsync(20_000);
    await done;
    expect(calls[2]!.at - calls[1]!.at).toBeGreaterThanOrEqual(2500);
    const finishes = calls.filter((c) => c.kind === 'finish');
    expect(finishes).toHaveLength(2);
    expect(finishes[1]!.at - finishes[0]!.at).toBe(2500);
  });

  it('stops the preview when an update fails otherwise, and still delivers the final reply', async () => {
    const { sink, calls } = recordingSink((kind) => {
      if (kind === 'update') throw new Error('edit refused');
    });
    const done = streamReply(producer(30, 100), sink, { intervalMs: 1000, clock, log });
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    expect(calls.map((c) => c.kind)).toEqual(['update', 'finish']);
  });

  it('rejects when the producer fails', async () => {
    const { sink } = recordingSink();
    const done = streamReply(async () => Promise.reject(new Error('model down')), sink, { clock, log });
    const failed = expect(done).rejects.toThrow('model down');
    await vi.advanceTimersByTimeAsync(100);
    await failed;
  });
});
