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
 */
import { ChannelType, Events, GatewayIntentBits, Partials, type Client, type Message } from 'discord.js';
import type { Conversation, Heard, Voice } from '../../bot/converse.ts';
import type { Reply } from '../../bot/reply.ts';
import { errorFields, type Logger } from '../../util/logger.ts';
import { toDiscordJs, type DiscordMessage } from './render.ts';

export interface HearingOptions {
  conversation: Conversation;
  render(reply: Reply): DiscordMessage;
  log: Logger;
}

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
  const thread = seen.isDm ? `discord:${seen.channelId}:dm` : seen.isThread ? `discord:${seen.channelId}:thread` : undefined;
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

/** Answers `message` with a reply that pings nobody. */
export function voiceFor(message: Message, render: (reply: Reply) => DiscordMessage): Voice {
  return {
    async typing() {
      if ('sendTyping' in message.channel) await message.channel.sendTyping();
    },
    async send(reply) {
      const rendered = toDiscordJs(render(reply));
      // Ephemeral exists only for interactions; a message answer is seen by the channel.
      const { flags: _flags, ...options } = rendered as typeof rendered & { flags?: unknown };
      const sent = await message.reply({ ...options, allowedMentions: { parse: [], repliedUser: false } } as Parameters<Message['reply']>[0]);
      return discordMessageKey(sent.channelId, sent.id);
    },
  };
}

/** Hears MESSAGE_CREATE; a failure is logged, never thrown into discord.js. */
export function installHearing(client: Client, options: HearingOptions): void {
  client.on(Events.MessageCreate, (message) => {
    const botId = client.user?.id;
    if (!botId) return;
    const heard = heardOf(seenOf(message), botId);
    if (heard.via === 'none') return;
    options.conversation.converse(heard, voiceFor(message, options.render)).catch((error: unknown) => {
      options.log.error('discord: conversation failed', { channel: message.channelId, ...errorFields(error) });
    });
  });
}
