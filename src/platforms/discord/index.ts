/**
 * The Discord adapter: a discord.js client that registers the neutral commands as slash
 * commands, answers interactions through the core, and renders replies as embeds and buttons.
 * It never searches or formats posts itself.
 */
import { once } from 'node:events';
import {
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  MessageFlags,
  RESTEvents,
  type Interaction,
} from 'discord.js';
import type { Logger } from '../../util/logger.ts';
import type { BotCore } from '../../bot/core.ts';
import { MESSAGES } from '../../i18n/core.ts';
import { handleInteraction } from './interactions.ts';
import { commandPayloads, registerCommands, type RegistrationMemo } from './registration.ts';

export { commandPayloads, registerCommands, PRIVATE_OPTION, MODERATOR_PERMISSIONS, type RegistrationMemo } from './registration.ts';
export { renderReply, toDiscordJs, fitChoices, LIMITS, type DiscordMessage } from './render.ts';

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
  log: Logger;
  /** Keeps the hash of the last registered commands between starts; without it, every start registers. */
  registrationMemo?: RegistrationMemo;
  /** Defer an interaction when the core has not answered after this many ms. Default 2000 (Discord allows 3 s). */
  deferAfterMs?: number;
  /** How long to wait for the gateway's READY. Default 30 s. */
  readyTimeoutMs?: number;
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
    intents: [GatewayIntentBits.Guilds],
    rest: options.apiBase ? { api: options.apiBase } : {},
    // Nothing the bot sends may ping anyone, whatever a post's title says.
    allowedMentions: { parse: [] },
  });
  const deps = { core, deferAfterMs: options.deferAfterMs ?? 2_000 };

  // The one error boundary for everything an interaction can throw.
  client.on(Events.InteractionCreate, (interaction) => {
    handleInteraction(interaction, deps).catch((error: unknown) => {
      log.error('discord: interaction failed', { ...describeInteraction(interaction), ...describeError(error) });
      apologize(interaction, core).catch((apologyError: unknown) =>
        log.warn('discord: could not send the apology', { interaction: interaction.id, ...describeError(apologyError) }),
      );
    });
  });
  client.on(Events.Error, (error) => log.error('discord: client error', describeError(error)));
  client.on(Events.ShardError, (error, shardId) => log.warn('discord: gateway error', { shardId, ...describeError(error) }));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn('discord: gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => log.info('discord: gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => log.info('discord: gateway resumed', { shardId, replayed }));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn('discord: rate limited, waiting', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }),
  );

  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(options.readyTimeoutMs ?? 30_000) });
  ready.catch(() => undefined); // awaited below, after login
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw startError(error, token);
  }

  const applicationId = options.applicationId ?? client.application?.id ?? (await client.application?.fetch())?.id;
  if (!applicationId) {
    await client.destroy();
    throw new DiscordStartError('Discord: could not learn the application id (READY had none); set DISCORD_APPLICATION_ID');
  }
  log.info('discord: connected', { user: client.user?.tag, applicationId, guilds: client.guilds.cache.size });
  try {
    await registerCommands({
      rest: client.rest,
      applicationId,
      guildId: options.guildId,
      payloads: commandPayloads(core.commands),
      memo: options.registrationMemo,
      log,
    });
  } catch (error) {
    // The commands registered before keep working; the next start tries again.
    log.error('discord: registering the slash commands failed', { guildId: options.guildId, ...describeError(error) });
  }

  return {
    client,
    async stop() {
      client.removeAllListeners();
      await client.destroy();
    },
  };
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

async function apologize(interaction: Interaction, core: BotCore): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (!interaction.isRepliable()) return;
  const answer = {
    content: MESSAGES[core.localeFor(interaction.locale)].apology,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  } as const;
  if (interaction.replied || interaction.deferred) await interaction.followUp(answer);
  else await interaction.reply(answer);
}

/** What a log line needs to find the interaction again; never its token. */
function describeInteraction(interaction: Interaction): Record<string, unknown> {
  return {
    interaction: interaction.id,
    type: interaction.type,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    customId: interaction.isButton() ? interaction.customId : undefined,
    user: interaction.user.id,
    guild: interaction.guildId ?? undefined,
    channel: interaction.channelId ?? undefined,
  };
}

function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.message, name: error.name, stack: error.stack, code: (error as { code?: unknown }).code };
  }
  return { error: String(error) };
}
