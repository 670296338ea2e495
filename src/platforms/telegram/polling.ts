/**
 * Supervised long polling: briefbot's own getUpdates loop instead of grammY's `bot.start()`.
 *
 * grammY's loop gives up for good on a 409 (another instance polls with the token) and on a 401,
 * and sleeps 3 s in silence on every other failure, so an outage is invisible and a rolling
 * deploy can leave the bot deaf while the process looks healthy (issue 13). This loop sorts
 * every failure into recoverable (409, network, 5xx, 429, invalid answers: bounded backoff,
 * reported on the {@link HealthBoard} once per episode with the cause and the next attempt) and
 * fatal (401/404: the token is wrong or revoked; the caller is told and ends the process).
 * After a failure it polls with `timeout: 0`, so the recovery is seen as soon as Telegram answers.
 */
import { GrammyError, HttpError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { backoffDelay, type HealthBoard } from '../../util/health.ts';
import type { Logger } from '../../util/logger.ts';
import { describeError } from './errors.ts';

/** The connection's name on the health board. */
export const TELEGRAM_CONNECTION = 'telegram';

/** A failure polling cannot recover from; the message says what a person must do. */
export class TelegramFatalError extends Error {
  override readonly name = 'TelegramFatalError';
}

export interface PollingOptions {
  /** The bot, with `botInfo` already set (handleUpdate needs it). */
  bot: Bot;
  log: Logger;
  /** Only to redact it from logs. */
  token: string;
  allowedUpdates: readonly string[];
  health?: HealthBoard;
  /** Called once with the fatal error; the loop has stopped by then. */
  onFatal(error: TelegramFatalError): void;
  /** Long-poll timeout when all is well (seconds). Default 30. */
  timeoutSeconds?: number;
  /** Backoff between failed polls. Defaults: 1 s doubling to 30 s. */
  backoff?: { baseMs: number; maxMs: number };
}

/** What a failed poll means. */
type Verdict = { fatal: true; message: string } | { fatal: false; cause: string; waitMs?: number };

/** Sorts a getUpdates/deleteWebhook failure into fatal or recoverable, with words for the log. */
export function classifyPollingError(error: unknown, token: string): Verdict {
  if (error instanceof GrammyError) {
    const said = `${error.error_code} ${error.description}`;
    if (error.error_code === 401 || error.error_code === 404) {
      return { fatal: true, message: `Telegram rejected the bot token while polling (${said}): it was revoked or is wrong; set TELEGRAM_TOKEN to the token @BotFather gives and restart` };
    }
    if (error.error_code === 409) {
      const webhook = /webhook/i.test(error.description);
      return {
        fatal: false,
        cause: webhook
          ? `another instance set a webhook for this bot token (${said}); stop it or run one instance only`
          : `another instance is polling with this bot token (${said}); stop the other instance or run one only`,
      };
    }
    if (error.error_code === 429) {
      const retryAfter = error.parameters.retry_after;
      return { fatal: false, cause: `rate limited (${said})`, ...(retryAfter !== undefined ? { waitMs: retryAfter * 1000 } : {}) };
    }
    return { fatal: false, cause: `the Bot API answered ${said}` };
  }
  if (error instanceof HttpError) {
    const inner = String((error as HttpError & { error?: unknown }).error ?? error.message);
    return { fatal: false, cause: `the Bot API could not be reached or gave no valid answer (${describeError(error, token).message ?? inner})` };
  }
  return { fatal: false, cause: `polling failed (${String(describeError(error, token).message ?? error)})` };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** A running loop: `started` resolves on the first good poll; `stop` confirms the last update. */
export interface PollingHandle {
  started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the loop. `started` rejects only with a {@link TelegramFatalError} found before the
 * first good poll; recoverable failures before it are retried like any other.
 */
// Long because the loop, its start promise and stop() share one offset and one abort signal;
// each step (poll, handle, classify) is a small inner function or a function of its own.
export function startSupervisedPolling(options: PollingOptions): PollingHandle {
  const { bot, log, token, health } = options;
  const controller = new AbortController();
  const backoff = options.backoff ?? { baseMs: 1000, maxMs: 30_000 };
  let offset = 0;
  let markStarted: () => void = () => {};
  let failStart: (error: Error) => void = () => {};
  let startSettled = false;
  const started = new Promise<void>((resolve, reject) => {
    markStarted = () => ((startSettled = true), resolve());
    failStart = (error) => ((startSettled = true), reject(error));
  });
  started.catch(() => undefined);
  health?.report(TELEGRAM_CONNECTION, 'starting');

  // grammY types its signal with the abort-controller shim's AbortSignal; Node's is the same at run time.
  const signal = controller.signal as unknown as Parameters<Bot['api']['getUpdates']>[1];

  /** Telegram answered: the connection works (deleteWebhook at start, any poll later). */
  function reached(): void {
    health?.report(TELEGRAM_CONNECTION, 'ready');
    if (!startSettled) markStarted();
  }

  let webhookDeleted = false;
  async function pollOnce(failures: number): Promise<Update[]> {
    if (!webhookDeleted) {
      await bot.api.deleteWebhook({}, signal);
      webhookDeleted = true;
      reached();
    }
    // After a failure, ask without waiting: the answer itself says Telegram is back.
    const timeout = failures > 0 ? 0 : (options.timeoutSeconds ?? 30);
    return bot.api.getUpdates(
      { offset, limit: 100, timeout, allowed_updates: options.allowedUpdates as never },
      signal,
    );
  }

  async function handle(updates: Update[]): Promise<void> {
    for (const update of updates) {
      offset = update.update_id + 1;
      log.debug('telegram: update', { update: update.update_id, kind: Object.keys(update).find((k) => k !== 'update_id') });
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        // The handlers' own boundary reports failures; this only guards the loop.
        log.error('telegram: update failed outside the handlers', { update: update.update_id, error: describeError(error, token) });
      }
    }
  }

  const loop = (async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        const updates = await pollOnce(failures);
        failures = 0;
        reached();
        await handle(updates);
      } catch (error) {
        if (controller.signal.aborted) break;
        const verdict = classifyPollingError(error, token);
        if (verdict.fatal) {
          health?.report(TELEGRAM_CONNECTION, 'down', { cause: verdict.message });
          const fatal = new TelegramFatalError(verdict.message);
          if (!startSettled) failStart(fatal);
          else options.onFatal(fatal);
          return;
        }
        const waitMs = verdict.waitMs ?? backoffDelay(failures, backoff);
        failures++;
        health?.report(TELEGRAM_CONNECTION, 'degraded', { cause: verdict.cause, nextAttemptAt: new Date(Date.now() + waitMs) });
        log.debug('telegram: poll failed, retrying', { cause: verdict.cause, attempt: failures, waitMs });
        await pause(waitMs, controller.signal);
      }
    }
  })();

  return {
    started,
    async stop() {
      controller.abort();
      await loop;
      health?.remove(TELEGRAM_CONNECTION);
      if (offset === 0) return;
      try {
        // Confirm what was taken, as grammY's bot.stop() does, so a restart does not replay it.
        await bot.api.getUpdates({ offset, limit: 1, timeout: 0 });
      } catch (error) {
        log.warn('telegram: could not confirm the last update on stop', { error: describeError(error, token) });
      }
    },
  };
}

/** Logs every Bot API call at debug level: method, outcome, milliseconds (LOG_LEVEL=debug). */
export function logApiCalls(bot: Bot, log: Logger, token: string): void {
  bot.api.config.use(async (prev, method, payload, signal) => {
    const at = performance.now();
    try {
      const result = await prev(method, payload, signal);
      log.debug('telegram: api call', { method, ok: result.ok, ...(result.ok ? {} : { code: result.error_code }), ms: Math.round(performance.now() - at) });
      return result;
    } catch (error) {
      log.debug('telegram: api call failed', { method, ms: Math.round(performance.now() - at), error: describeError(error, token).message });
      throw error;
    }
  });
}
