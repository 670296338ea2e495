/**
 * The Discord client's listeners: the one error boundary around every interaction (log with
 * context, apologize privately) and the gateway and REST events worth a log line.
 */
import { Events, MessageFlags, RESTEvents, type Client, type Interaction } from 'discord.js';
import type { BotCore } from '../../bot/core.ts';
import { MESSAGES } from '../../i18n/core.ts';
import type { Logger } from '../../util/logger.ts';
import { handleInteraction, type InteractionDeps } from './interactions.ts';
import type { FairScheduler } from '../../bot/fairness.ts';
import { RELIABILITY_MESSAGES } from '../../i18n/reliability.ts';

export function installListeners(client: Client, deps: InteractionDeps & { fairness?: FairScheduler }, log: Logger): void {
  // The one error boundary for everything an interaction can throw.
  const handle = (interaction: Interaction): Promise<void> =>
    handleInteraction(interaction, deps).catch((error: unknown) => {
      log.error('discord: interaction failed', { ...describeInteraction(interaction), ...describeError(error) });
      apologize(interaction, deps.core).catch((apologyError: unknown) =>
        log.warn('discord: could not send the apology', { interaction: interaction.id, ...describeError(apologyError) }),
      );
    });
  client.on(Events.InteractionCreate, (interaction) => {
    // Autocomplete runs on every keystroke and must answer at once: it spends no rate.
    if (!deps.fairness || interaction.isAutocomplete()) return void handle(interaction);
    const admission = deps.fairness.submit(
      { chat: `discord:${interaction.channelId ?? interaction.user.id}`, member: `discord:${interaction.user.id}` },
      () => handle(interaction),
    );
    if (admission.kind === 'accepted') return;
    if (admission.kind === 'limited' && !admission.notify) return;
    const t = RELIABILITY_MESSAGES[deps.core.localeFor(interaction.locale)];
    tellPrivately(interaction, admission.kind === 'busy' ? t.busy : t.slowDown).catch((error: unknown) =>
      log.warn('discord: could not send a fairness note', { interaction: interaction.id, ...describeError(error) }),
    );
  });
  client.on(Events.Error, (error) => log.error('discord: client error', describeError(error)));
  client.on(Events.ShardError, (error, shardId) => log.warn('discord: gateway error', { shardId, ...describeError(error) }));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn('discord: gateway disconnected', { shardId, code: event.code }));
  client.on(Events.ShardReconnecting, (shardId) => log.info('discord: gateway reconnecting', { shardId }));
  client.on(Events.ShardResume, (shardId, replayed) => log.info('discord: gateway resumed', { shardId, replayed }));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn('discord: rate limited, waiting', { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global }),
  );
}

/** The one polite note of fairness, seen only by the member it is for. */
async function tellPrivately(interaction: Interaction, content: string): Promise<void> {
  if (!interaction.isRepliable()) return;
  await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
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

export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { error: error.message, name: error.name, stack: error.stack, code: (error as { code?: unknown }).code };
  }
  return { error: String(error) };
}
