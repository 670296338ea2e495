/**
 * Slash-command registration payloads, derived from the neutral command definitions.
 * Used by the deploy script (`npm run deploy-commands`) and by the bot at start.
 */
import { createHash } from 'node:crypto';
import {
  Routes,
  type REST,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, CommandOption } from '../../bot/command.ts';
import type { Localized } from '../../bot/command.ts';
import type { Logger } from '../../util/logger.ts';
import { truncate } from '../../util/text.ts';
import { PRIVATE_OPTION_DESCRIPTION } from '../../i18n/discord.ts';

/** Name of the boolean option added to every visible command: `true` makes the reply ephemeral. */
export const PRIVATE_OPTION = 'private';


/** Discord's limit on command and option descriptions. */
const DESCRIPTION_MAX = 100;

/** `default_member_permissions` of moderator commands: ManageGuild ("32"). */
export const MODERATOR_PERMISSIONS = PermissionFlagsBits.ManageGuild.toString();

/**
 * The registration payload of every visible command, in the order given. Hidden commands (run
 * only through buttons, e.g. `post`) are left out. English is the default description and Korean
 * its localization; moderator commands carry ManageGuild as `default_member_permissions` and are
 * offered in servers only.
 */
export function commandPayloads(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.filter((command) => !command.hidden).map(commandPayload);
}

function commandPayload(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const moderator = command.permission === 'moderator';
  const options = command.options.map(optionPayload);
  if (!command.options.some((option) => option.name === PRIVATE_OPTION)) {
    options.push({
      type: ApplicationCommandOptionType.Boolean,
      name: PRIVATE_OPTION,
      ...describe(PRIVATE_OPTION_DESCRIPTION),
      required: false,
    });
  }
  // Discord rejects a required option that follows an optional one.
  options.sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    ...describe(command.description),
    options,
    default_member_permissions: moderator ? MODERATOR_PERMISSIONS : null,
    contexts: moderator
      ? [InteractionContextType.Guild]
      : [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    nsfw: false,
  };
}

function optionPayload(option: CommandOption): APIApplicationCommandBasicOption {
  const base = { name: option.name, ...describe(option.description), required: option.required ?? false };
  switch (option.type) {
    case 'string':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(option.maxLength !== undefined ? { max_length: Math.min(option.maxLength, 6000) } : {}),
        ...(option.autocomplete ? { autocomplete: true } : {}),
      };
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(option.min !== undefined ? { min_value: option.min } : {}),
        ...(option.max !== undefined ? { max_value: option.max } : {}),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
  }
}

function describe(description: Localized): { description: string; description_localizations: { ko: string } } {
  return {
    description: truncate(description.en, DESCRIPTION_MAX),
    description_localizations: { ko: truncate(description.ko, DESCRIPTION_MAX) },
  };
}

/** Where commands are registered: one guild (instant) or globally. */
export type RegistrationScope = { guildId: string } | { global: true };

/** A stable fingerprint of payloads and scope: registration at start is skipped when it is unchanged. */
export function registrationHash(payloads: unknown, scope: RegistrationScope): string {
  return createHash('sha256').update(JSON.stringify({ scope, payloads })).digest('hex');
}

/**
 * Remembers the hash of the last registration between starts. The composition root supplies it
 * (a file in the state folder: src/registration-memo.ts), so the adapter does no file access.
 */
export interface RegistrationMemo {
  /** The hash stored by the last registration; `undefined` when there is none. */
  read(): Promise<string | undefined>;
  write(hash: string): Promise<void>;
}

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** Register in this guild (instant); globally when absent (may take up to an hour to show). */
  guildId?: string;
  payloads: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  /** Where the hash of the last registration is kept; without it, every call registers. */
  memo?: RegistrationMemo;
  /** Register even when the stored hash says nothing changed (the deploy script). */
  force?: boolean;
  log: Logger;
}

/**
 * Registers the commands with one bulk overwrite (PUT), unless the hash of payloads and scope
 * equals the one `memo` kept from the previous registration. Resolves with what it did.
 */
export async function registerCommands(options: RegisterOptions): Promise<'registered' | 'unchanged'> {
  const { rest, applicationId, guildId, payloads, memo, force, log } = options;
  const scope: RegistrationScope = guildId ? { guildId } : { global: true };
  const hash = registrationHash({ applicationId, payloads }, scope);
  if (!force && memo && (await memo.read()) === hash) {
    log.debug('discord: commands unchanged since the last registration', { scope: guildId ?? 'global' });
    return 'unchanged';
  }
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: payloads });
  log.info('discord: registered commands', { count: payloads.length, scope: guildId ? `guild ${guildId}` : 'global' });
  await memo?.write(hash);
  return 'registered';
}
