import type { Command, Invoker } from './command.ts';
import type { Locale } from './i18n.ts';
import type { Reply } from './reply.ts';

/** What an adapter knows about an incoming command. */
export interface Invocation {
  /** Command name, e.g. `summary`. */
  command: string;
  /** Raw option values as the platform delivered them (strings from text platforms, typed from Discord). */
  args: Record<string, unknown>;
  /** The user's locale where the platform gives one (`ko`, `en-US`, ...); else BOT_LOCALE applies. */
  locale?: string;
  invoker: Invoker;
  /** `discord`, `telegram`, `console`. */
  platform: string;
  /** Channel / chat id where it was run. */
  place?: string;
}

/** An autocomplete choice: `name` is shown, `value` is what the option receives. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * The neutral core, as platform adapters see it. Adapters translate platform events into
 * {@link Invocation}s and render the returned {@link Reply}; they never search or format posts
 * themselves.
 */
export interface BotCore {
  /** The explicit command list (commands/index.ts), for registration and help. */
  readonly commands: readonly Command[];
  /** Default UI locale (BOT_LOCALE). */
  readonly defaultLocale: Locale;
  /**
   * Runs a command. Never throws: a {@link UserError} becomes an error reply with its message,
   * anything else is logged with context and becomes a short apology.
   */
  execute(invocation: Invocation): Promise<Reply>;
  /** Suggestions for an option being typed (at most 25, names ≤100 chars). Never throws. */
  autocomplete(command: string, option: string, partial: string, locale?: string): Choice[];
  /** Resolves a platform locale string (`en-US`, `ko`) to a UI locale. */
  localeFor(platformLocale?: string): Locale;
}
