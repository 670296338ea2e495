/**
 * Hearing on Telegram: which text messages are spoken to the bot, as facts for the core's
 * {@link Conversation} (which decides whether and how to answer), and how its answer goes back.
 *
 * Spoken to the bot: in a private chat, every text that is not a command; in groups and
 * supergroups, a text with an `@username` mention of the bot or a `text_mention` of it, or a
 * reply to one of its messages (privacy mode on or off: the same rule). Forum topics: the answer
 * goes to the topic. Channel posts and automatic forwards from a linked channel: never.
 */
import { Composer, type Context } from 'grammy';
import type { Message, MessageEntity } from 'grammy/types';
import type { Conversation, Heard, Voice } from '../../bot/converse.ts';
import type { Reply } from '../../bot/reply.ts';
import { errorFields, type Logger } from '../../util/logger.ts';
import type { TelegramMessage } from './render.ts';
import { telegramStreamSink } from './stream.ts';

export interface HearingOptions {
  conversation: Conversation;
  render(reply: Reply): TelegramMessage;
  log: Logger;
}

/** The key of a Telegram message in conversation memory. */
export function telegramMessageKey(chatId: number, messageId: number): string {
  return `telegram:${chatId}:${messageId}`;
}

/** The facts of a text message, or undefined when it is not for the bot at all (a command, a channel post). */
export function heardOf(message: Message, me: { id: number; username: string }): Heard | undefined {
  const text = message.text;
  if (text === undefined || message.chat.type === 'channel' || !message.from) return undefined;
  if (message.entities?.some((entity) => entity.type === 'bot_command' && entity.offset === 0)) return undefined;
  // A post of a linked channel, forwarded into its discussion group: a channel post all the same.
  if (message.is_automatic_forward || message.sender_chat?.type === 'channel') return undefined;
  const mention = mentionOf(text, message.entities ?? [], me);
  const reply = message.reply_to_message;
  // In a forum topic every message "replies" to the topic's first message; that is not a reply.
  const repliesToBot = reply !== undefined && reply.from?.id === me.id && !reply.forum_topic_created;
  const isPrivate = message.chat.type === 'private';
  const via: Heard['via'] = isPrivate ? 'private' : mention ? 'mention' : repliesToBot ? 'reply' : 'none';
  return {
    platform: 'telegram',
    text: mention ? withoutSpan(text, mention) : text,
    invoker: { id: `telegram:${message.from.id}`, ...(message.from.first_name ? { name: message.from.first_name } : {}), isModerator: false },
    place: `telegram:${message.chat.id}`,
    ...(message.from.language_code ? { locale: message.from.language_code } : {}),
    via,
    ...(repliesToBot ? { replyTo: telegramMessageKey(message.chat.id, reply.message_id) } : {}),
    // A private chat is one conversation: a follow-up needs no explicit reply there.
    ...(isPrivate && !repliesToBot ? { thread: `telegram:${message.chat.id}:private` } : {}),
    fromBot: message.from.is_bot,
  };
}

/** The first entity that names the bot: `@username` (any case) or a `text_mention` of its id. */
function mentionOf(text: string, entities: readonly MessageEntity[], me: { id: number; username: string }): MessageEntity | undefined {
  const handle = `@${me.username}`.toLowerCase();
  return entities.find(
    (entity) =>
      (entity.type === 'mention' && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === handle) ||
      (entity.type === 'text_mention' && entity.user.id === me.id),
  );
}

function withoutSpan(text: string, entity: MessageEntity): string {
  // A text_mention is a name the member typed ("briefbot 이거 뭐야"): the name goes, the rest stays.
  return `${text.slice(0, entity.offset)} ${text.slice(entity.offset + entity.length)}`.replace(/\s+/g, ' ').trim();
}

/** Answers in the chat (and forum topic) of `message`, as a reply to it. */
export function voiceFor(ctx: Context, message: Message, render: (reply: Reply) => TelegramMessage): Voice {
  const topic = message.is_topic_message && message.message_thread_id !== undefined ? { message_thread_id: message.message_thread_id } : {};
  const sendReply = (reply: Reply): Promise<Message> => {
    const rendered = render(reply);
    return ctx.api.sendMessage(message.chat.id, rendered.text, {
      ...rendered,
      ...topic,
      reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true },
    });
  };
  const keyOf = (sent: Message | undefined) => (sent ? telegramMessageKey(sent.chat.id, sent.message_id) : undefined);
  // The question's message id is the draft's id: non-zero, and one per answer in the chat.
  const target = { chatId: message.chat.id, isPrivate: message.chat.type === 'private', draftId: message.message_id, replyTo: message.message_id, ...(topic.message_thread_id !== undefined ? { topic } : {}) };
  const sink = telegramStreamSink(ctx.api, target, render, sendReply);
  return {
    async typing() {
      await ctx.api.sendChatAction(message.chat.id, 'typing', topic);
    },
    send: async (reply) => keyOf(await sendReply(reply)),
    stream: { update: (partial) => sink.update(partial), finish: async (final) => keyOf(await sink.finish(final)) },
  };
}

/** The hearing middleware, and a way to wait for the answers it has started. */
export interface Hearing {
  composer: Composer<Context>;
  /** Resolves when every message heard so far has been answered (for a clean stop). */
  settled(): Promise<void>;
}

/**
 * The composer that hears free text; install it after the command handlers. Messages that are
 * not for the bot pass on to the next middleware untouched. A heard message is handed to the
 * conversation core without holding the chat's update chain: the core's scheduler keeps each
 * member's order and caps how many answers of one chat run at once.
 */
export function createHearing(options: HearingOptions): Hearing {
  const composer = new Composer<Context>();
  const inFlight = new Set<Promise<unknown>>();
  composer.on('message:text', async (ctx, next) => {
    const heard = heardOf(ctx.message, { id: ctx.me.id, username: ctx.me.username });
    if (!heard || heard.via === 'none') return next();
    const answering = options.conversation.converse(heard, voiceFor(ctx, ctx.message, options.render)).catch((error: unknown) => {
      options.log.error('telegram: conversation failed', { chat: ctx.chat.id, ...errorFields(error) });
    });
    inFlight.add(answering);
    void answering.finally(() => inFlight.delete(answering));
  });
  return {
    composer,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
