/**
 * Streamed replies: an answer shown while it is written (the LLM layer's text as it arrives),
 * then replaced by the checked final reply. The policy lives here, in the neutral core, so every
 * platform follows the same rule; adapters only say how to show a partial and a final reply
 * ({@link StreamSink}).
 *
 * The rule ({@link throttle}): updates go out no more often than once per interval (Discord and
 * Telegram edits: about once a second), the first at once, then always the newest text (the ones
 * in between are dropped, never queued), and the last one — the final reply — is always
 * delivered. An update the platform refuses with "retry after N s" (a 429) makes the stream wait
 * that long; the final reply is retried after the wait, partial ones are simply superseded.
 */
import { errorFields, type Logger } from '../util/logger.ts';
import type { Reply } from './reply.ts';

/** The time a stream waits by: the real clock, or a fake one in tests. */
export interface StreamClock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The real clock. */
export const systemClock: StreamClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * How often a streamed message may change: at most once a second on both platforms (Discord's
 * edits, Telegram's edits in groups). A little over a second, so that network jitter never
 * brings two edits under a second apart on the platform's side.
 */
export const STREAM_INTERVAL_MS = 1_050;

/** Thrown by a sink when the platform said "retry after" (a 429): the stream waits `afterMs`. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(readonly afterMs: number) {
    super(`retry after ${afterMs} ms`);
  }
}

/**
 * Yields the values of `source` no more often than once per `intervalMs`: the first at once,
 * then, each time the interval has passed, the newest value that arrived meanwhile (older ones are
 * dropped). The last value of `source` is always yielded (after the interval, like any other).
 * The consumer's own time counts: a slow consumer gets the newest value when it asks again.
 * An error of `source` is thrown after the last value that arrived before it.
 */
export async function* throttle<T>(source: AsyncIterable<T>, options: { intervalMs: number; clock?: StreamClock }): AsyncGenerator<T> {
  const clock = options.clock ?? systemClock;
  let latest: { value: T } | undefined;
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  void (async () => {
    try {
      for await (const value of source) {
        latest = { value };
        signal();
      }
    } catch (error) {
      failure = { error };
    } finally {
      done = true;
      signal();
    }
  })();
  let lastAt = -Infinity;
  for (;;) {
    if (!latest && !done) await new Promise<void>((resolve) => (wake = resolve));
    if (!latest) {
      if (failure) throw failure.error;
      return;
    }
    const wait = lastAt + options.intervalMs - clock.now();
    if (wait > 0) await clock.sleep(wait);
    const { value } = latest;
    latest = undefined;
    lastAt = clock.now();
    yield value;
  }
}

/** How a platform shows a streamed reply. */
export interface StreamSink<Result> {
  /** Shows the answer so far (the first call posts a message, later ones edit it). Throw {@link RetryLater} on a 429. */
  update(partial: Reply): Promise<void>;
  /** Shows the final reply, in the message `update` started when there is one. Throw {@link RetryLater} on a 429. */
  finish(final: Reply): Promise<Result>;
}

export interface StreamOptions {
  intervalMs?: number;
  clock?: StreamClock;
  /** Where a failed preview is told (default: nowhere; the final reply still goes out). */
  log?: Logger;
  /** How often the final reply is tried when the platform says "retry after" (default 3). */
  finalAttempts?: number;
}

/** A queue one writer fills and one reader iterates. */
class Queue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) yield this.items.shift()!;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

type Step = { partial: Reply } | { final: Reply } | { failed: unknown };

/**
 * Runs `produce` (a command given a `progress` callback) and shows its partial replies and then
 * its final one through `sink`, throttled as the module comment says. Resolves with what
 * `sink.finish` returned; rejects when `produce` fails or the final reply cannot be shown.
 * A producer that reports no progress is shown once, by `finish` alone.
 */
export async function streamReply<Result>(
  produce: (progress: (partial: Reply) => void) => Promise<Reply>,
  sink: StreamSink<Result>,
  options: StreamOptions = {},
): Promise<Result> {
  const clock = options.clock ?? systemClock;
  const queue = new Queue<Step>();
  let finished = false;
  void produce((partial) => {
    if (!finished) queue.push({ partial });
  }).then(
    (final) => queue.push({ final }),
    (error: unknown) => queue.push({ failed: error }),
  ).finally(() => {
    finished = true;
    queue.end();
  });
  let partialsFailed = false;
  for await (const step of throttle(queue, { intervalMs: options.intervalMs ?? STREAM_INTERVAL_MS, clock })) {
    if ('failed' in step) throw step.failed;
    if ('final' in step) return finish(sink, step.final, clock, options.finalAttempts ?? 3);
    if (partialsFailed) continue;
    try {
      await sink.update(step.partial);
    } catch (error) {
      if (error instanceof RetryLater) await clock.sleep(error.afterMs);
      else {
        // The final reply still goes out; only the preview stops.
        partialsFailed = true;
        options.log?.warn('stream: could not show a partial reply', errorFields(error));
      }
    }
  }
  throw new Error('stream: the producer ended without a reply');
}

async function finish<Result>(sink: StreamSink<Result>, final: Reply, clock: StreamClock, attempts: number): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sink.finish(final);
    } catch (error) {
      if (!(error instanceof RetryLater) || attempt >= attempts) throw error;
      await clock.sleep(error.afterMs);
    }
  }
}

/** The partial reply of an answer being written: its text so far, marked as unfinished. */
export function partialAnswer(title: string | undefined, textSoFar: string): Reply {
  return { ...(title ? { title } : {}), text: [`${textSoFar.trimEnd()} …`] };
}
