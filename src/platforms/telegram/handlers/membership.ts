/**
 * Who ran a command and where, as Telegram says it: the invoker (with moderator rights worked
 * out from TELEGRAM_MODERATORS, channel posts and chat administrators) and the place.
 */
import type { Context } from 'grammy';
import type { Command, Invoker } from '../../../bot/command.ts';
import type { Logger } from '../../../util/logger.ts';
import { describeError } from '../errors.ts';

const ADMIN_STATUSES = new Set(['creator', 'administrator']);

export interface MembershipOptions {
  log: Logger;
  /** User ids (as strings) who may run moderator commands in any chat (TELEGRAM_MODERATORS). */
  moderators: ReadonlySet<string>;
  /** Only to redact it from logs. */
  token: string;
}

/** Channel posts come from channel admins only; elsewhere the moderator list and chat admins count. */
export async function isModeratorHere(ctx: Context, { log, moderators, token }: MembershipOptions): Promise<boolean> {
  if (ctx.channelPost) return true;
  const userId = ctx.from?.id;
  if (userId !== undefined && moderators.has(String(userId))) return true;
  const chat = ctx.chat;
  if (!chat || (chat.type !== 'group' && chat.type !== 'supergroup')) return false;
  // An anonymous group admin posts as the group itself.
  if (ctx.msg?.sender_chat?.id === chat.id) return true;
  if (userId === undefined) return false;
  try {
    const member = await ctx.api.getChatMember(chat.id, userId);
    return ADMIN_STATUSES.has(member.status);
  } catch (error) {
    log.warn('telegram: getChatMember failed, treating the user as a member', { chat: chat.id, user: userId, error: describeError(error, token) });
    return false;
  }
}

/** `isModerator` is only worked out for moderator commands: it can cost a getChatMember call. */
export async function invokerOf(ctx: Context, command: Command | undefined, options: MembershipOptions): Promise<Invoker> {
  const from = ctx.from;
  const chat = ctx.chat;
  return {
    id: from ? `telegram:${from.id}` : `telegram:chat:${chat?.id}`,
    name: from ? (from.username ? `@${from.username}` : from.first_name) : chat && 'title' in chat ? chat.title : undefined,
    isModerator: command?.permission === 'moderator' ? await isModeratorHere(ctx, options) : false,
  };
}

/**
 * The place a command ran in: the chat, or `chatId:threadId` inside a forum topic, so that
 * `/subscribe` in a topic announces into that topic.
 */
export function placeOf(ctx: Context): string | undefined {
  if (!ctx.chat) return undefined;
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  return thread === undefined ? String(ctx.chat.id) : `${ctx.chat.id}:${thread}`;
}
