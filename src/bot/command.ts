import type { Reply } from './reply.ts';
import type { Engine } from './engine.ts';
import type { Locale, Localized } from '../i18n/index.ts';
import type { Messages } from '../i18n/core.ts';
import type { Logger } from '../util/logger.ts';

export type { Localized };

/** Where an option's autocomplete suggestions come from (platforms that offer it ask the core). */
export type AutocompleteSource = 'posts' | 'tags';

interface OptionBase {
  /** Part of the interface: `summary query`, `tag tag`, `latest count`, `ask question`. */
  name: string;
  description: Localized;
  required?: boolean;
}

export interface StringOption extends OptionBase {
  type: 'string';
  maxLength?: number;
  autocomplete?: AutocompleteSource;
}

export interface IntegerOption extends OptionBase {
  type: 'integer';
  min?: number;
  max?: number;
}

export interface BooleanOption extends OptionBase {
  type: 'boolean';
}

export type CommandOption = StringOption | IntegerOption | BooleanOption;

/** Value types of options, derived from the definitions. */
type OptionValue<O extends CommandOption> = O extends StringOption
  ? string
  : O extends IntegerOption
    ? number
    : boolean;

/** The typed argument object a command's `run` receives, derived from its `options`. */
export type ArgsOf<Opts extends readonly CommandOption[]> = {
  [O in Opts[number] as O['name']]: O extends { required: true }
    ? OptionValue<O>
    : OptionValue<O> | undefined;
};

/** Who may run a command. Platforms check it (Discord: ManageGuild; Telegram: chat admins + TELEGRAM_MODERATORS). */
export type Permission = 'everyone' | 'moderator';

/** The person who ran a command, as the platform adapter saw them. */
export interface Invoker {
  /** Platform-scoped id, e.g. `discord:123` or `telegram:456`. */
  id: string;
  /** Display name, for logs. */
  name?: string;
  /** Whether the platform says they may run moderator commands here. */
  isModerator: boolean;
}

/**
 * Everything a command's `run` may use. Plain injection: the composition root builds it.
 * `Services` is what the composition root declares beyond the catalog (commands/services.ts);
 * the core passes it through as `services` and knows nothing of what it holds.
 */
export interface CommandContext<Services = unknown> {
  engine: Engine;
  locale: Locale;
  /** UI strings in `locale`. */
  t: Messages;
  invoker: Invoker;
  /** Name of the platform (`discord`, `telegram`, `console`). */
  platform: string;
  /** Where the command was run (channel / chat id), for commands that act on the place. */
  place?: string;
  now: () => Date;
  log: Logger;
  /** The services the composition root gave the core (announcements, ...). */
  services: Services;
  /** Shows the reply so far, where the platform streams (`Invocation.progress` in core.ts); absent elsewhere. */
  progress?: (partial: Reply) => void;
}

/**
 * A command, defined once and served on every platform: data from which each adapter derives
 * its registration, plus one function returning a neutral {@link Reply}.
 *
 * @example
 * export const latest = defineCommand({
 *   name: 'latest',
 *   description: { ko: '최신 글', en: 'Latest posts' },
 *   options: [{ name: 'count', type: 'integer', min: 1, max: 10, description: {...} }] as const,
 *   run: (ctx, { count }) => ({ title: '...', text: [] }),
 * });
 */
export interface Command<Opts extends readonly CommandOption[] = readonly CommandOption[], Services = unknown> {
  /** 1–32 of `a-z0-9_`, valid on both platforms. */
  name: string;
  description: Localized;
  options: Opts;
  permission: Permission;
  /** Hidden from menus and help (e.g. `start`, which Telegram sends by itself). */
  hidden?: boolean;
  /**
   * Its reply may be shown while it is written (it calls `ctx.progress`): /ask with the LLM layer.
   * Adapters set up a streamed answer only for such commands.
   */
  streams?: boolean;
  run(ctx: CommandContext<Services>, args: ArgsOf<Opts>): Reply | Promise<Reply>;
}

/**
 * Identity function that keeps the option tuple's literal types, so `run`'s args are typed.
 * A command using services annotates its context (`run(ctx: ServiceContext, args)`), which
 * fixes `Services`.
 */
export function defineCommand<const Opts extends readonly CommandOption[], Services = unknown>(
  command: Omit<Command<Opts, Services>, 'permission'> & { permission?: Permission },
): Command<Opts, Services> {
  return { permission: 'everyone', ...command } as Command<Opts, Services>;
}

