/**
 * Translation between the neutral command definitions and Telegram's text commands:
 * the command menu (`setMyCommands`), the text after `/command`, and `/start` deep links.
 */
import type { BotCommand } from 'grammy/types';
import type { Command } from '../../bot/command.ts';
import type { Locale } from '../../i18n/index.ts';

/** Telegram's bounds on the command menu. */
const MAX_COMMANDS = 100;
const MAX_DESCRIPTION = 256;
const COMMAND_NAME = /^[a-z0-9_]{1,32}$/;

/** A deep-link parameter as Telegram allows it: `t.me/<bot>?start=<1–64 of A-Za-z0-9_->`. */
const DEEP_LINK_PARAMETER = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The command menu in one language: visible commands only (hidden ones such as `post` run from
 * buttons and deep links), descriptions cut to Telegram's 256 characters. Members see only the
 * commands they may run; moderators (chat administrators) see them all.
 */
export function commandMenu(commands: readonly Command[], locale: Locale, audience: 'everyone' | 'moderators' = 'moderators'): BotCommand[] {
  return commands
    .filter((command) => !command.hidden && COMMAND_NAME.test(command.name))
    .filter((command) => audience === 'moderators' || command.permission === 'everyone')
    .slice(0, MAX_COMMANDS)
    .map((command) => ({
      command: command.name,
      description: command.description[locale].slice(0, MAX_DESCRIPTION),
    }));
}

/** The post id in a `/start <parameter>` deep link, or undefined for a plain `/start`. */
export function deepLinkParameter(text: string): string | undefined {
  const parameter = text.trim();
  return DEEP_LINK_PARAMETER.test(parameter) ? parameter : undefined;
}
