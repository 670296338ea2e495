/**
 * Running a command through the core for an update and sending its reply back: what the
 * command, button and inline handlers share.
 */
import type { Context } from 'grammy';
import type { BotCore } from '../../../bot/core.ts';
import type { Reply } from '../../../bot/reply.ts';
import type { Locale } from '../../../i18n/index.ts';
import { isForbidden } from '../errors.ts';
import { renderTelegram, type TelegramMessage } from '../render.ts';
import { invokerOf, placeOf, type MembershipOptions } from './membership.ts';
import type { FairScheduler } from '../../../bot/fairness.ts';
import { streamReply } from '../../../bot/stream.ts';
import { telegramStreamSink } from '../stream.ts';

/** A command still running after this long gets a "typing…" chat action. */
const TYPING_AFTER_MS = 1000;

export interface HandlerOptions extends MembershipOptions {
  core: BotCore;
  /** Fairness under load (issue 13); without it each chat's updates run one after another. */
  fairness?: FairScheduler;
}

/** What every handler composer is given. */
export interface Replies {
  core: BotCore;
  localeOf(ctx: Context): Locale;
  render(reply: Reply): TelegramMessage;
  /** Runs a command through the core as the update's sender, in the update's place (`progress`: see Invocation). */
  run(ctx: Context, command: string, args: Record<string, unknown>, progress?: (partial: Reply) => void): Promise<Reply>;
  /** Sends a reply to the chat the update came from (see {@link createReplies}). */
  send(ctx: Context, reply: Reply): Promise<void>;
  /** Runs a command and answers with its reply, shown while it is written when it streams (/ask with the LLM layer). */
  answer(ctx: Context, command: string, args: Record<string, unknown>): Promise<void>;
}

export function createReplies(options: HandlerOptions): Replies {
  const { core } = options;
  const commandsByName = new Map(core.commands.map((command) => [command.name, command]));
  const render = (reply: Reply): TelegramMessage => renderTelegram(reply, { encodeAction: (a) => core.encodeAction(a) });

  async function run(ctx: Context, commandName: string, args: Record<string, unknown>, progress?: (partial: Reply) => void): Promise<Reply> {
    // Long work (a reindex) shows "typing…" so the member knows the bot is on it; quick answers
    // never send the extra request.
    const typing = setTimeout(() => {
      if (ctx.chat) ctx.api.sendChatAction(ctx.chat.id, 'typing').catch(() => {});
    }, TYPING_AFTER_MS);
    try {
      return await core.execute({
        command: commandName,
        args,
        locale: ctx.from?.language_code,
        invoker: await invokerOf(ctx, commandsByName.get(commandName), options),
        platform: 'telegram',
        place: placeOf(ctx),
        ...(progress ? { progress } : {}),
      });
    } finally {
      clearTimeout(typing);
    }
  }

  /**
   * In groups as a reply to the command, and a `private` reply to the member's own chat when the
   * bot may write there (else in the group).
   */
  async function send(ctx: Context, reply: Reply): Promise<void> {
    const message = render(reply);
    const chat = ctx.chat;
    if (!chat) return;
    const inGroup = chat.type === 'group' || chat.type === 'supergroup';
    if (reply.private && inGroup && ctx.from) {
      try {
        await ctx.api.sendMessage(ctx.from.id, message.text, message);
        return;
      } catch (error) {
        if (!isForbidden(error)) throw error;
      }
    }
    const replyTo = inGroup && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
    await ctx.api.sendMessage(chat.id, message.text, { ...message, ...replyTo });
  }

  async function answer(ctx: Context, commandName: string, args: Record<string, unknown>): Promise<void> {
    if (!commandsByName.get(commandName)?.streams) return send(ctx, await run(ctx, commandName, args));
    await streamAnswer(ctx, (progress) => run(ctx, commandName, args, progress), { render, send, log: options.log });
  }

  return { core, localeOf: (ctx) => core.localeFor(ctx.from?.language_code), render, run, send, answer };
}

/**
 * Shows a streaming command's reply while it is written: drafts in a private chat, one edited
 * reply in a group (see ../stream.ts); the final reply goes out through `send` when no partial
 * message was started.
 */
async function streamAnswer(
  ctx: Context,
  produce: (progress: (partial: Reply) => void) => Promise<Reply>,
  parts: Pick<Replies, 'render' | 'send'> & { log: HandlerOptions['log'] },
): Promise<void> {
  const chat = ctx.chat;
  const messageId = ctx.msg?.message_id;
  if (!chat || messageId === undefined) return parts.send(ctx, await produce(() => {}));
  const inGroup = chat.type === 'group' || chat.type === 'supergroup';
  const topic = ctx.msg?.is_topic_message && ctx.msg.message_thread_id !== undefined ? { topic: { message_thread_id: ctx.msg.message_thread_id } } : {};
  const target = { chatId: chat.id, isPrivate: chat.type === 'private', draftId: messageId, ...topic, ...(inGroup ? { replyTo: messageId } : {}) };
  const sink = telegramStreamSink(ctx.api, target, parts.render, async (reply) => {
    await parts.send(ctx, reply);
    return undefined;
  });
  await streamReply(produce, sink, { log: parts.log });
}
