/**
 * The Telegram adapter's entry: builds the grammY bot around the neutral core, checks the token,
 * registers the command menu and starts receiving updates, by long polling or by webhook.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { Logger } from '../../util/logger.ts';
import type { BotCore } from '../../bot/core.ts';
import { LOCALES } from '../../i18n/index.ts';
import { commandMenu } from './commands.ts';
import { describeError } from './errors.ts';
import { installHandlers } from './handlers.ts';
import type { FairScheduler } from '../../bot/fairness.ts';
import type { HealthBoard } from '../../util/health.ts';
import { TELEGRAM_CONNECTION, logApiCalls, startSupervisedPolling } from './polling.ts';
import { createHearing } from './hearing.ts';
import type { Conversation } from '../../bot/converse.ts';
import { renderTelegram } from './render.ts';

export { renderTelegram, type TelegramMessage } from './render.ts';

/** Everything the adapter needs; the composition root builds it from the config. */
export interface TelegramOptions {
  /** From @BotFather (TELEGRAM_TOKEN). Never logged. */
  token: string;
  /** Bot API root without a trailing slash (TELEGRAM_API_ROOT): a self-hosted Bot API server, or a test fake. */
  apiRoot?: string;
  /** Public HTTPS URL Telegram should POST updates to (TELEGRAM_WEBHOOK_URL); long polling when unset. */
  webhookUrl?: string;
  /** Checked against `X-Telegram-Bot-Api-Secret-Token` (TELEGRAM_WEBHOOK_SECRET); random per start when unset. */
  webhookSecret?: string;
  /** Port of the webhook's HTTP server (PORT); 0 picks a free one. Only used in webhook mode without `mount`. */
  port?: number;
  /**
   * Webhook mode: hand the update handler to the process's one HTTP server (src/ops, which also
   * serves /healthz) instead of opening a server here. Without it the adapter serves on `port`.
   */
  mount?: (handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) => void;
  /** User ids allowed to run moderator commands in every chat (TELEGRAM_MODERATORS). */
  moderators: string[];
  core: BotCore;
  /** Free-text conversation (DMs, mentions, replies to the bot); without it the bot hears only commands. */
  conversation?: Conversation;
  log: Logger;
  /** Called for every 429 the Bot API answers, retried or not (metrics). */
  onRateLimited?: () => void;
  /**
   * Bounds on retrying Bot API calls: a 429 is retried after its `retry_after` when that is at
   * most `maxDelaySeconds`, 5xx answers with backoff, each at most `maxAttempts` times. Also how
   * many times the start tries to reach the Bot API. Defaults: 3 attempts, 30 s.
   */
  retry?: { maxAttempts: number; maxDelaySeconds: number };
  /** Where the connection's state is reported (`telegram`: starting, ready, degraded, down). */
  health?: HealthBoard;
  /** Told once when polling cannot go on (token revoked); the caller ends the process. */
  onFatal?: (error: Error) => void;
  /** Who runs now and who waits (issue 13); without it, each chat's updates run one after another. */
  fairness?: FairScheduler;
}

/** A running Telegram bot. */
export interface TelegramHandle {
  /** Stops receiving updates (polling confirms the last update; the webhook server closes). */
  stop(): Promise<void>;
  botUsername: string;
  /** The grammY bot, for announcements (`bot.api.sendMessage`). */
  bot: Bot;
  /** Webhook mode only: the port the HTTP server listens on (useful when `port` was 0). */
  port?: number;
}

/** The update types briefbot handles; asking for exactly these keeps the traffic down. */
const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query', 'inline_query'] as const;

/**
 * Starts the Telegram bot. Resolves once updates flow (polling has begun, or the webhook is set
 * and its server listens). Rejects with a clear message when Telegram rejects the token or
 * cannot be reached; after the start, no Telegram or network failure rejects or crashes anything:
 * it is logged, and polling keeps retrying.
 *
 * @example
 * const telegram = await startTelegram({ token, moderators: [], core, log });
 * // ... on shutdown
 * await telegram.stop();
 */
export async function startTelegram(options: TelegramOptions): Promise<TelegramHandle> {
  const { token, core, log } = options;
  const retry = options.retry ?? { maxAttempts: 3, maxDelaySeconds: 30 };
  const apiRoot = options.apiRoot?.replace(/\/+$/, '');
  const bot = new Bot(token, { client: apiRoot ? { apiRoot } : {} });
  // Installed before auto-retry, so it sits inside it and sees every attempt's answer.
  const onRateLimited = options.onRateLimited;
  if (onRateLimited) {
    bot.api.config.use(async (prev, method, payload, signal) => {
      const result = await prev(method, payload, signal);
      if (!result.ok && result.error_code === 429) onRateLimited();
      return result;
    });
  }
  const retrying = autoRetry({
    maxRetryAttempts: retry.maxAttempts,
    maxDelaySeconds: retry.maxDelaySeconds,
    // auto-retry would retry network failures forever; they surface instead, to the error
    // boundary (a reply is lost and logged) or to the polling loop (which backs off and says so).
    rethrowHttpErrors: true,
  });
  // getUpdates is retried by the supervised loop itself, which sees each failure at once.
  bot.api.config.use((prev, method, payload, signal) => (method === 'getUpdates' ? prev(method, payload, signal) : retrying(prev, method, payload, signal)));
  logApiCalls(bot, log, token);
  const handlers = installHandlers(bot, {
    core,
    log,
    token,
    moderators: new Set(options.moderators.map((id) => id.trim())),
    ...(options.fairness ? { fairness: options.fairness } : {}),
  });
  const hearing = options.conversation
    ? createHearing({ conversation: options.conversation, render: (reply) => renderTelegram(reply, { encodeAction: (a) => core.encodeAction(a) }), log })
    : undefined;
  if (hearing) bot.use(hearing.composer);

  bot.botInfo = await fetchBotInfo(bot, retry.maxAttempts, apiRoot);
  const botUsername = bot.botInfo.username;
  await registerCommandMenu(bot, core, log, token);

  const handle = options.webhookUrl ? await startWebhook(bot, options, botUsername) : await startPolling(bot, options, botUsername);
  return {
    ...handle,
    async stop() {
      await handle.stop();
      // Updates already taken get their answers before the process lets go of the bot.
      await handlers.settled();
      await hearing?.settled();
    },
  };
}

/** getMe, tried a few times over network failures; a 401 means the token is wrong, at once. */
async function fetchBotInfo(bot: Bot, attempts: number, apiRoot: string | undefined): Promise<UserFromGetMe> {
  const where = apiRoot ?? 'https://api.telegram.org';
  for (let attempt = 1; ; attempt++) {
    try {
      return await bot.api.getMe();
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new Error(
          `Telegram rejected the bot token (${error.error_code} on getMe at ${where}): check TELEGRAM_TOKEN, as @BotFather gave it`,
        );
      }
      if (attempt >= attempts) {
        const reason = error instanceof HttpError ? 'the Bot API could not be reached' : `getMe failed (${describeError(error, bot.token).description ?? 'unknown error'})`;
        throw new Error(`Telegram did not start: ${reason} at ${where} after ${attempts} attempt(s)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** (attempt - 1)));
    }
  }
}

/**
 * The menu in the default locale for everyone, and in each UI language for clients set to it;
 * chat administrators get a second menu with the moderator commands too.
 * A failure here costs the menu, not the bot: it is logged and the start goes on.
 */
async function registerCommandMenu(bot: Bot, core: BotCore, log: Logger, token: string): Promise<void> {
  try {
    const admins = { type: 'all_chat_administrators' } as const;
    await bot.api.setMyCommands(commandMenu(core.commands, core.defaultLocale, 'everyone'));
    await bot.api.setMyCommands(commandMenu(core.commands, core.defaultLocale, 'moderators'), { scope: admins });
    for (const locale of LOCALES) {
      await bot.api.setMyCommands(commandMenu(core.commands, locale, 'everyone'), { language_code: locale });
      await bot.api.setMyCommands(commandMenu(core.commands, locale, 'moderators'), { language_code: locale, scope: admins });
    }
  } catch (error) {
    log.warn('telegram: could not register the command menu', { error: describeError(error, token) });
  }
}

async function startPolling(bot: Bot, options: TelegramOptions, botUsername: string): Promise<TelegramHandle> {
  const { log, token } = options;
  const polling = startSupervisedPolling({
    bot,
    log,
    token,
    allowedUpdates: ALLOWED_UPDATES,
    ...(options.health ? { health: options.health } : {}),
    onFatal: (error) => {
      log.error('telegram: polling stopped for good', { error: error.message });
      options.onFatal?.(error);
    },
  });
  try {
    await polling.started;
  } catch (error) {
    await polling.stop();
    throw error;
  }
  log.info('telegram: polling', { bot: `@${botUsername}` });
  return { botUsername, bot, stop: () => polling.stop() };
}

async function startWebhook(bot: Bot, options: TelegramOptions, botUsername: string): Promise<TelegramHandle> {
  const { log, token } = options;
  const secretToken = options.webhookSecret ?? randomBytes(32).toString('base64url');
  // 'return' answers Telegram once the time is up and lets the handler finish: throwing would
  // make Telegram deliver the same update again while the first run is still replying.
  const handleUpdate = webhookCallback(bot, 'http', { secretToken, onTimeout: 'return', timeoutMilliseconds: 9_000 });
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, telegram: `@${botUsername}` }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    // Any POST path: a reverse proxy may rewrite it; the secret token is what authenticates Telegram.
    handleUpdate(req, res).catch((error: unknown) => {
      log.error('telegram: webhook request failed', { error: describeError(error, token) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  if (options.mount) {
    options.mount(onRequest);
    try {
      await bot.api.setWebhook(options.webhookUrl!, { secret_token: secretToken, allowed_updates: ALLOWED_UPDATES });
    } catch (error) {
      throw new Error(`Telegram did not accept the webhook ${options.webhookUrl}: ${JSON.stringify(describeError(error, token))}`);
    }
    log.info('telegram: webhook', { bot: `@${botUsername}`, url: options.webhookUrl });
    // The server belongs to the process; it closes with it.
    return { botUsername, bot, async stop() {} };
  }
  const server = http.createServer(onRequest);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  try {
    await bot.api.setWebhook(options.webhookUrl!, { secret_token: secretToken, allowed_updates: ALLOWED_UPDATES });
  } catch (error) {
    server.close();
    throw new Error(`Telegram did not accept the webhook ${options.webhookUrl}: ${JSON.stringify(describeError(error, token))}`);
  }
  options.health?.report(TELEGRAM_CONNECTION, 'ready');
  log.info('telegram: webhook', { bot: `@${botUsername}`, url: options.webhookUrl, port });
  return {
    botUsername,
    bot,
    port,
    async stop() {
      // The webhook stays set: Telegram keeps the updates until the next start.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
