/**
 * The Discord adapter: a discord.js client that registers the neutral commands as slash
 * commands, answers interactions through the core, and renders replies as embeds and buttons.
 * It never searches or formats posts itself.
 */
import { once } from 'node:events';
import { Client, DiscordjsErrorCodes, Events, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../../util/logger.ts';
import type { BotCore } from '../../bot/core.ts';
import { describeError, installListeners } from './listeners.ts';
import { superviseGateway } from './supervise.ts';
import type { FairScheduler } from '../../bot/fairness.ts';
import type { HealthBoard } from '../../util/health.ts';
import { commandPayloads, registerCommands, type RegistrationMemo } from './registration.ts';
import type { Conversation } from '../../bot/converse.ts';
import { HEARING_INTENTS, HEARING_PARTIALS, installHearing } from './hearing.ts';
import { renderReply } from './render.ts';

export { commandPayloads, registerCommands, PRIVATE_OPTION, MODERATOR_PERMISSIONS, type RegistrationMemo } from './registration.ts';
export { renderReply, toDiscordJs, fitChoices, LIMITS, type DiscordMessage } from './render.ts';
export { gatewayReadiness } from './supervise.ts';

export interface DiscordOptions {
  /** The bot token (DISCORD_TOKEN). Never logged. */
  token: string;
  /** REST base, e.g. `http://127.0.0.1:PORT/api` (DISCORD_API_BASE); discord.com when absent. */
  apiBase?: string;
  /** Register commands in this guild (instant) instead of globally (DISCORD_GUILD_ID). */
  guildId?: string;
  /** Application id; taken from READY (or GET /oauth2/applications/@me) when absent. */
  applicationId?: string;
  core: BotCore;
  /** Free-text conversation (mentions, replies to the bot, DMs); without it the bot hears only slash commands. */
  conversation?: Conversation;
  /** Move a conversation started by a mention in a guild text channel into a thread (DISCORD_THREADS). */
  threads?: boolean;
  log: Logger;
  /** Keeps the hash of the last registered commands between starts; without it, every start registers. */
  registrationMemo?: RegistrationMemo;
  /** Defer an interaction when the core has not answered after this many ms. Default 2000 (Discord allows 3 s). */
  deferAfterMs?: number;
  /** How long to wait for the gateway's READY. Default 30 s. */
  readyTimeoutMs?: number;
  /** Where the connection's state is reported (`discord`: starting, ready, degraded, down). */
  health?: HealthBoard;
  /** Told once on a gateway close discord.js never recovers from (4004, 4013, 4014...); the caller ends the process. */
  onFatal?: (error: Error) => void;
  /** Fairness under load (issue 13): per-channel concurrency, member rate, global in-flight cap. */
  fairness?: FairScheduler;
}

/** Thrown when the bot cannot start; the message says why and never contains the token. */
export class DiscordStartError extends Error {
  override readonly name = 'DiscordStartError';
}

/**
 * Logs in, waits for READY, registers the commands when they changed, and serves interactions
 * until `stop()`. Rejects with a {@link DiscordStartError} when Discord refuses the token.
 *
 * @example
 * const discord = await startDiscord({ token: config.discord.token, core, log, registrationMemo: fileRegistrationMemo(config.stateDir) });
 * // ...
 * await discord.stop();
 */
export async function startDiscord(options: DiscordOptions): Promise<{ stop(): Promise<void>; client: Client }> {
  const { token, core, log } = options;
  const client = new Client({
    // As many shards as Discord recommends (GET /gateway/bot), all in this process: one below
    // 2,500 servers, and Discord's own count past it, where it closes an unsharded gateway with 4011.
    shards: 'auto',
    intents: options.conversation ? [...HEARING_INTENTS] : [GatewayIntentBits.Guilds],
    ...(options.conversation ? { partials: [...HEARING_PARTIALS] } : {}),
    rest: options.apiBase ? { api: options.apiBase } : {},
    // Nothing the bot sends may ping anyone, whatever a post's title says.
    allowedMentions: { parse: [] },
  });
  installListeners(client, { core, deferAfterMs: options.deferAfterMs ?? 2_000, ...(options.fairness ? { fairness: options.fairness } : {}) }, log);
  superviseGateway(client, {
    ...(options.health ? { health: options.health } : {}),
    log,
    token,
    onFatal: (error) => {
      log.error('discord: gateway closed for good', { code: error.code, error: error.message });
      options.onFatal?.(error);
    },
  });
  if (options.conversation) {
    installHearing(client, {
      conversation: options.conversation,
      render: (reply) => renderReply(reply, { encodeAction: (a) => core.encodeAction(a) }),
      log,
      ...(options.threads ? { threads: true } : {}),
    });
  }
  await connect(client, token, options.readyTimeoutMs ?? 30_000);

  const applicationId = options.applicationId ?? client.application?.id ?? (await client.application?.fetch())?.id;
  if (!applicationId) {
    await client.destroy();
    throw new DiscordStartError('Discord: could not learn the application id (READY gave none): is DISCORD_TOKEN a bot token?');
  }
  log.info('discord: connected', { user: client.user?.tag, applicationId, guilds: client.guilds.cache.size });
  await registerAtStart(client, applicationId, options);

  return {
    client,
    async stop() {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

/** Logs in and waits for READY; on failure the client is destroyed and the error says why. */
async function connect(client: Client, token: string, readyTimeoutMs: number): Promise<void> {
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(readyTimeoutMs) });
  ready.catch(() => undefined); // awaited below, after login
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw startError(error, token);
  }
}

/** Registers the slash commands when they changed; a failure is logged, never fatal. */
async function registerAtStart(client: Client, applicationId: string, options: DiscordOptions): Promise<void> {
  try {
    await registerCommands({
      rest: client.rest,
      applicationId,
      guildId: options.guildId,
      payloads: commandPayloads(options.core.commands),
      memo: options.registrationMemo,
      log: options.log,
    });
  } catch (error) {
    // The commands registered before keep working; the next start tries again.
    options.log.error('discord: registering the slash commands failed', { guildId: options.guildId, ...describeError(error) });
  }
}

/** A short, token-free explanation of why login failed. */
function startError(error: unknown, token: string): DiscordStartError {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === DiscordjsErrorCodes.TokenInvalid) {
    return new DiscordStartError(
      'Discord rejected DISCORD_TOKEN (401 Unauthorized on GET /gateway/bot): copy the token again from the ' +
        'Developer Portal (Bot → Reset Token) and check DISCORD_API_BASE',
    );
  }
  if (code === DiscordjsErrorCodes.TokenMissing) return new DiscordStartError('Discord: DISCORD_TOKEN is empty');
  const message = error instanceof Error ? error.message : String(error);
  const reason = error instanceof Error && error.name === 'AbortError' ? 'no READY from the gateway in time' : message;
  return new DiscordStartError(`Discord: could not connect: ${reason.split(token).join('[token]')}`);
}
