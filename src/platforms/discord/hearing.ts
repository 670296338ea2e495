/**
 * Hearing on Discord: which messages are spoken to the bot, as facts for the core's
 * {@link Conversation} (which decides whether and how to answer), and how its answer goes back.
 *
 * Spoken to the bot: a message whose content carries its mention token (`<@id>` or `<@!id>`), a
 * reply to one of its messages, and every message in a DM. Without the privileged Message
 * Content intent, Discord gives the bot the content of exactly those messages (DMs, messages
 * that mention it) and an empty content for all others; a reply whose author switched the ping
 * off arrives empty too, and is not heard. Answers are replies (a message reference) whose
 * `allowed_mentions` ping nobody, the asker included.
 *
 * With threads on (DISCORD_THREADS), a conversation started by a mention in a guild text channel
 * moves into a thread started from the question; the answer and the follow-ups live there, and
 * conversation memory is keyed by the thread. Inside a thread, too, the bot hears only what
 * mentions it or replies to it (the rest arrives without content).
 */
import { ChannelType, Events, GatewayIntentBits, Partials, type Client, type Message, type MessageCreateOptions, type ThreadChannel } from 'discord.js';
import { isAddressed, type Conversation, type Heard, type Voice } from '../../bot/converse.ts';
import type { Reply } from '../../bot/reply.ts';
import { errorFields, type Logger } from '../../util/logger.ts';
import { toDiscordJs, type DiscordMessage } from './render.ts';
import { messageStreamSink } from './stream.ts';

export interface HearingOptions {
  conversation: Conversation;
  render(reply: Reply): DiscordMessage;
  log: Logger;
  /** Move a conversation started by a mention in a guild text channel into a thread (DISCORD_THREADS). */
  threads?: boolean;
}

/** Thread names are 1–100 characters. */
const THREAD_NAME_MAX = 100;

/**
 * The gateway intents hearing needs: guild messages and DMs, not the privileged Message Content
 * (the content of messages that mention the bot, and of DMs, arrives without it).
 */
export const HEARING_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;
/** A DM channel is not cached before its first message: discord.js must accept it partial. */
export const HEARING_PARTIALS = [Partials.Channel] as const;

/** The key of a Discord message in conversation memory. */
export function discordMessageKey(channelId: string, messageId: string): string {
  return `discord:${channelId}:${messageId}`;
}

/** The key of a conversation that lives in a Discord thread (memory is keyed by it). */
export function discordThreadKey(threadId: string): string {
  return `discord:${threadId}:thread`;
}

/** What the adapter reads off a discord.js message; a plain shape, so the rule is testable alone. */
export interface SeenMessage {
  content: string;
  authorId: string;
  authorName?: string;
  authorIsBot: boolean;
  channelId: string;
  isDm: boolean;
  isThread: boolean;
  mentionsEveryone: boolean;
  /** Roles mentioned (a role ping is a broadcast, not a mention of the bot). */
  mentionsRoles: boolean;
  /** Author id of the message replied to, when it is known (cached, or the reply pinged it). */
  repliedToAuthorId?: string;
  repliedToMessageId?: string;
  locale?: string;
}

/** The facts of a message for the core; `via: 'none'` when it is not spoken to the bot. */
export function heardOf(seen: SeenMessage, botId: string): Heard {
  const token = new RegExp(`<@!?${botId}>`, 'g');
  const mentioned = token.test(seen.content);
  const repliesToBot = seen.repliedToMessageId !== undefined && seen.repliedToAuthorId === botId;
  const via: Heard['via'] = seen.isDm ? 'private' : mentioned ? 'mention' : repliesToBot ? 'reply' : 'none';
  const thread = seen.isDm ? `discord:${seen.channelId}:dm` : seen.isThread ? discordThreadKey(seen.channelId) : undefined;
  return {
    platform: 'discord',
    text: seen.content.replace(token, ' ').replace(/\s+/g, ' ').trim(),
    invoker: { id: `discord:${seen.authorId}`, ...(seen.authorName ? { name: seen.authorName } : {}), isModerator: false },
    place: `discord:${seen.channelId}`,
    ...(seen.locale ? { locale: seen.locale } : {}),
    via,
    ...(repliesToBot ? { replyTo: discordMessageKey(seen.channelId, seen.repliedToMessageId!) } : {}),
    ...(thread && !repliesToBot ? { thread } : {}),
    fromBot: seen.authorIsBot,
    broadcast: seen.mentionsEveryone || seen.mentionsRoles,
  };
}

function seenOf(message: Message): SeenMessage {
  const referenceId = message.reference?.messageId;
  const referenced = referenceId ? message.channel.messages.cache.get(referenceId) : undefined;
  const repliedToAuthorId = referenced?.author.id ?? message.mentions.repliedUser?.id;
  return {
    content: message.content,
    authorId: message.author.id,
    authorName: message.author.username,
    authorIsBot: message.author.bot,
    channelId: message.channelId,
    isDm: message.channel.type === ChannelType.DM,
    isThread: message.channel.isThread(),
    mentionsEveryone: message.mentions.everyone,
    mentionsRoles: message.mentions.roles.size > 0,
    ...(repliedToAuthorId ? { repliedToAuthorId } : {}),
    ...(referenceId ? { repliedToMessageId: referenceId } : {}),
    ...(message.guild?.preferredLocale ? { locale: message.guild.preferredLocale } : {}),
  };
}

/** Answers `message` with a reply that pings nobody, or with messages in `thread` when the conversation moved there. */
export function voiceFor(message: Message, render: (reply: Reply) => DiscordMessage, thread?: ThreadChannel): Voice {
  const post = (options: ReturnType<typeof toDiscordJs>): Promise<Message> => {
    // Ephemeral exists only for interactions; a message answer is seen by the channel.
    const { flags: _flags, ...rest } = options as typeof options & { flags?: unknown };
    const quiet = { ...rest, allowedMentions: { parse: [], repliedUser: false } };
    return thread ? thread.send(quiet as MessageCreateOptions) : message.reply(quiet as Parameters<Message['reply']>[0]);
  };
  const keyOf = (sent: Message) => discordMessageKey(sent.channelId, sent.id);
  const sink = messageStreamSink(post, render);
  const where = thread ?? message.channel;
  return {
    async typing() {
      if ('sendTyping' in where) await where.sendTyping();
    },
    send: async (reply) => keyOf(await post(toDiscordJs(render(reply)))),
    stream: { update: (partial) => sink.update(partial), finish: async (final) => keyOf(await sink.finish(final)) },
  };
}

/** A thread name from the question: its first words, at most {@link THREAD_NAME_MAX} characters. */
export function threadName(text: string, fallback: string): string {
  const name = text.replace(/\s+/g, ' ').trim();
  if (!name) return fallback;
  return name.length <= THREAD_NAME_MAX ? name : `${name.slice(0, THREAD_NAME_MAX - 1).trimEnd()}…`;
}

/**
 * With threads on, a conversation a mention starts in a guild text channel (not a reply, not
 * already in a thread) moves into a thread started from the question. Undefined when it stays
 * where it is (or the thread could not be made: the answer then goes to the channel).
 */
async function threadFor(message: Message, heard: Heard, options: HearingOptions): Promise<ThreadChannel | undefined> {
  const startsConversation = heard.via === 'mention' && !heard.replyTo && message.channel.type === ChannelType.GuildText;
  if (!options.threads || !startsConversation || !isAddressed(heard)) return undefined;
  try {
    return await message.startThread({ name: threadName(heard.text, message.client.user.username) });
  } catch (error) {
    options.log.warn('discord: could not start a thread; answering in the channel', { channel: message.channelId, ...errorFields(error) });
    return undefined;
  }
}

/** Hears MESSAGE_CREATE; a failure is logged, never thrown into discord.js. */
export function installHearing(client: Client, options: HearingOptions): void {
  client.on(Events.MessageCreate, (message) => {
    const botId = client.user?.id;
    if (!botId) return;
    const heard = heardOf(seenOf(message), botId);
    if (heard.via === 'none') return;
    void (async () => {
      const thread = await threadFor(message, heard, options);
      const inThread: Heard = thread ? { ...heard, place: `discord:${thread.id}`, thread: discordThreadKey(thread.id) } : heard;
      await options.conversation.converse(inThread, voiceFor(message, options.render, thread));
    })().catch((error: unknown) => {
      options.log.error('discord: conversation failed', { channel: message.channelId, ...errorFields(error) });
    });
  });
}
