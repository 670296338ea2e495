/**
 * The Telegram announcer: Telegram's policy (announce-policy.ts) and its send, one `sendMessage` per delivery, HTML with the post's tags as
 * hashtags, a link preview of the post, URL buttons; channels (bot as admin), groups and forum
 * topics (`chatId:threadId`).
 *
 * It calls the Bot API through its own grammY `Api` instance, without the transformers the bot
 * installs on `bot.api`: the bot's auto-retry would wait out 429s of up to 30 s and retry 5xx by
 * itself, hiding them from the outbox, which owns retries and rate limits.
 *
 * Telegram has no idempotency key: if the process dies after Telegram accepted a message and
 * before the outbox recorded it, the next start sends that one message again.
 */
import { Api, GrammyError, HttpError, type Bot } from 'grammy';
import type { Post } from '../../posts/types.ts';
import { announcementReply } from '../../announce/reply.ts';
import { DeliveryError, type Announcer, type AnnouncementTarget, type SendOptions, type SendResult } from '../../announce/port.ts';
import { telegramAnnouncePolicy, type TelegramLimits } from './announce-policy.ts';
import { renderTelegram } from './render.ts';

export interface TelegramAnnouncerOptions {
  /** Bot API root (TELEGRAM_API_ROOT), the same the bot uses; api.telegram.org when absent. */
  apiRoot?: string;
  /** Per-request timeout (s). Default 30. */
  timeoutSeconds?: number;
  /** Overrides of Telegram's rate limits (tests, benchmarks). */
  limits?: Partial<TelegramLimits>;
}

/** Errors that no retry fixes for this chat: it is gone, or the bot may not post there. */
const PERMANENT_DESCRIPTIONS = [
  /chat not found/i,
  /bot was kicked/i,
  /bot was blocked/i,
  /not enough rights/i,
  /have no rights/i,
  /need administrator rights/i,
  /can't initiate conversation/i,
  /message thread not found/i,
  /group chat was upgraded/i,
  /user is deactivated/i,
  /CHAT_WRITE_FORBIDDEN/i,
];

/** Maps what grammY threw to what the outbox should do. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof GrammyError) {
    const what = `${error.error_code} ${error.description}`;
    if (error.error_code === 429) {
      return new DeliveryError('rate-limited', what, { retryAfterMs: (error.parameters.retry_after ?? 1) * 1000, cause: error });
    }
    if (error.error_code >= 500) return new DeliveryError('transient', what, { cause: error });
    if (error.parameters.migrate_to_chat_id) {
      return new DeliveryError('permanent', `${what}: the group is now ${error.parameters.migrate_to_chat_id}, subscribe there again`, { cause: error });
    }
    // 401/404 concern the bot's token, not this chat: retried (bounded) while someone fixes it.
    if (error.error_code === 401 || error.error_code === 404) return new DeliveryError('transient', what, { cause: error });
    if (error.error_code === 403 || PERMANENT_DESCRIPTIONS.some((re) => re.test(error.description))) {
      return new DeliveryError('permanent', what, { cause: error });
    }
    // Any other 400 is this message being refused; sending it again would be refused again.
    return new DeliveryError('permanent', what, { cause: error });
  }
  if (error instanceof HttpError) return new DeliveryError('transient', error.message, { cause: error });
  return new DeliveryError('transient', error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * `-100123:45` → chat -100123, topic 45; `@channel` → chat `@channel`. Numeric ids go out as
 * numbers, as Telegram documents them (they fit in 52 bits).
 */
export function parseChatTarget(id: string): { chatId: number | string; threadId?: number } {
  const match = /^(.*):(\d+)$/.exec(id);
  const chat = match ? match[1]! : id;
  const chatId = /^-?\d+$/.test(chat) ? Number(chat) : chat;
  return match ? { chatId, threadId: Number(match[2]) } : { chatId };
}

/**
 * A tag as a Telegram hashtag: letters (Hangul included), digits and `_` only; spaces, hyphens
 * and other marks become `_`; a tag starting with a digit gets a leading `_` (Telegram does not
 * link a hashtag that starts with a digit). Undefined when nothing usable is left.
 */
export function hashtag(tag: string): string | undefined {
  let body = tag
    .normalize('NFC')
    .replace(/^#+/, '')
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (!body) return undefined;
  if (/^\p{N}/u.test(body)) body = `_${body}`;
  return `#${body}`;
}

/** The post's tags as distinct hashtags, in the post's order. */
export function hashtags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags) {
    const h = hashtag(tag);
    if (h && !seen.has(h.toLowerCase())) {
      seen.add(h.toLowerCase());
      result.push(h);
    }
  }
  return result;
}

/** The sendMessage parameters of an announcement (without chat_id). */
export function announcementMessage(post: Post, locale: SendOptions['locale']) {
  const reply = announcementReply(post, locale);
  const tagLine = hashtags(post.tags).join(' ');
  // Hashtags replace the tags field: in Telegram they are tappable, and they stay plain text in the Reply.
  reply.fields = (reply.fields ?? []).filter((f) => f.id !== 'tags');
  if (tagLine) reply.text = [...reply.text, '', tagLine];
  const message = renderTelegram(reply, { encodeAction: () => '' });
  return { ...message, link_preview_options: { url: post.url, prefer_large_media: true } };
}

/**
 * Builds the announcer from the bot `startTelegram` returned.
 *
 * @example
 * const telegram = await startTelegram({ ... });
 * const announcer = telegramAnnouncer(telegram.bot, { apiRoot: config.telegram.apiRoot });
 */
export function telegramAnnouncer(bot: Bot, options: TelegramAnnouncerOptions = {}): Announcer {
  const apiRoot = options.apiRoot?.replace(/\/+$/, '');
  const api = new Api(bot.token, { ...(apiRoot ? { apiRoot } : {}), timeoutSeconds: options.timeoutSeconds ?? 30 });
  return {
    ...telegramAnnouncePolicy(options.limits),
    async send(target: AnnouncementTarget, post: Post, sendOptions: SendOptions): Promise<SendResult> {
      const { chatId, threadId } = parseChatTarget(target.id);
      const { text, ...other } = announcementMessage(post, sendOptions.locale);
      try {
        const message = await api.sendMessage(chatId, text, { ...other, ...(threadId !== undefined ? { message_thread_id: threadId } : {}) });
        return { messageId: String(message.message_id) };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}
