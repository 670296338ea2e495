import type { Command, Invoker } from './command.ts';
import type { Locale } from '../i18n/index.ts';
import type { ActionRequest, Reply, ReplyAction } from './reply.ts';

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
  /**
   * Called with the reply so far while a command writes it (/ask with the LLM layer), for
   * platforms that show an answer growing (src/bot/stream.ts); the promise still resolves with
   * the final reply. Absent: the command only returns its final reply.
   */
  progress?: (partial: Reply) => void;
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
  /**
   * Encodes a reply's action as a compact ASCII string of at most {@link MAX_ACTION_DATA_BYTES}
   * bytes (fits Telegram's 64-byte callback_data and Discord's 100-char custom_id, with room
   * for an adapter prefix). Post and tag arguments are turned into short stable refs here, and
   * the action's effect (replace the message, or a new one) travels with it.
   */
  encodeAction(action: ReplyAction): string;
  /**
   * The inverse of {@link encodeAction}, effect included (absent when `replace`, as in a
   * {@link ReplyAction}); `undefined` for data this core did not make (or stale).
   */
  decodeAction(data: string): ActionRequest | undefined;
  /** Posts matching a query, each rendered as a summary reply (Telegram inline mode). Never throws. */
  inlineResults(query: string, locale?: string, limit?: number): InlineResult[];
}

/** Upper bound of {@link BotCore.encodeAction}'s output, in bytes. */
export const MAX_ACTION_DATA_BYTES = 56;

/** One post offered in inline mode. */
export interface InlineResult {
  /** Stable short id of the post (≤ 12 chars). */
  id: string;
  title: string;
  /** One line: the first summary bullet, shortened. */
  description: string;
  url: string;
  imageUrl?: string;
  /** The post's summary reply, as `/summary` would show it for this post. */
  reply: Reply;
}
