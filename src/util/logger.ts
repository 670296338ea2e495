/**
 * The logger every layer writes to. It lives at the bottom of the house so that posts, search,
 * state and the platforms can all log without importing the bot core; `src/log.ts` implements it.
 */

/** Minimal structured logger: a message and a bag of fields, never a token (see `src/log.ts`). */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests, benchmarks, one-shot tools). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** An error as log fields: its message and, when there is one, its stack. */
export function errorFields(error: unknown): { error: string } {
  return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
