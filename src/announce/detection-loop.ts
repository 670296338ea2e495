/**
 * When detection runs: on demand (a new catalog), and at the next future-dated post's
 * publication instant (a timer, not a poll). After each pass the dispatcher is kicked.
 */
import type { Logger } from '../util/logger.ts';
import type { Clock } from './clock.ts';
import type { Detector, DetectionResult, PublicationView } from './detect.ts';

/** What the loop needs of the engine: whether a catalog is loaded, and its library. */
export interface LibrarySource {
  readonly ready: boolean;
  readonly catalog: { library: PublicationView };
}

export interface DetectionLoop {
  /** Runs a pass now against the engine's current library (undefined when not ready or stopped). */
  run(): DetectionResult | undefined;
  /** The instant the timer waits for, if any. */
  nextPublicationAt(): Date | undefined;
  /** Stops the timer; later `run` calls do nothing. */
  stop(): void;
}

export function detectionLoop(options: { engine: LibrarySource; detector: Detector; kick: () => void; clock: Clock; log: Logger }): DetectionLoop {
  const { engine, detector, clock, log } = options;
  let stopped = false;
  let timer: AbortController | undefined;
  let nextPublicationAt: Date | undefined;

  /** Sleeps until the next future-dated post's instant, then detects again. */
  const schedule = (library: PublicationView) => {
    timer?.abort();
    timer = undefined;
    const next = library.nextPublicationAt(new Date(clock.now())) ?? undefined;
    nextPublicationAt = next;
    if (!next || stopped) return;
    const controller = new AbortController();
    timer = controller;
    // At least 1 ms, so a library that says "now" for a post it does not yet count as published cannot spin.
    void clock.sleep(Math.max(1, next.getTime() - clock.now()), controller.signal).then(() => {
      if (controller.signal.aborted || stopped) return;
      run();
    });
  };

  const run = (): DetectionResult | undefined => {
    if (stopped || !engine.ready) return undefined;
    const library = engine.catalog.library;
    let result: DetectionResult | undefined;
    try {
      result = detector.detect(library);
    } catch (error) {
      log.error('announcements: detection failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
    schedule(library);
    options.kick();
    return result;
  };

  return {
    run,
    nextPublicationAt: () => nextPublicationAt,
    stop() {
      stopped = true;
      timer?.abort();
    },
  };
}
