/**
 * The Telegram middleware: translates messages, button presses and inline queries into
 * invocations of the neutral core, and sends the rendered replies back. It never searches or
 * formats posts itself.
 */
import type { Bot, Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { Command, Invoker } from '../../bot/command.ts';
import type { Logger } from '../../util/logger.ts';
import type { BotCore, InlineResult } from '../../bot/core.ts';
import { UserError } from '../../bot/errors.ts';
import type { Locale } from '../../i18n/index.ts';
import { MESSAGES } from '../../i18n/core.ts';
import type { Reply } from '../../bot/reply.ts';
import { deepLinkParameter } from './commands.ts';
import { argsFromText } from '../../bot/command-line.ts';
import { describeError, isForbidden, isNotModified } from './errors.ts';
import { renderTelegram, type TelegramMessage } from './render.ts';

export interface HandlerOptions {
  core: BotCore;
  log: Logger;
  /** User ids (as strings) who may run moderator commands in any chat (TELEGRAM_MODERATORS). */
  moderators: ReadonlySet<string>;
  /** Only to redact it from logs. */
  token: string;
}

/** Telegram shows at most 200 characters in a callback answer. */
const CALLBACK_ANSWER_MAX = 200;
const INLINE_RESULTS_MAX = 50;
/** A command still running after this long gets a "typing…" chat action. */
const TYPING_AFTER_MS = 1000;
/** Inline answers are the same for everyone, so Telegram may cache them for a while. */
const INLINE_CACHE_SECONDS = 60;

const ADMIN_STATUSES = new Set(['creator', 'administrator']);

/**
 * Installs every handler on `bot`, behind one error boundary (a try/catch middleware that runs
 * first, so it covers long polling and webhooks alike).
 */
export function installHandlers(bot: Bot, options: HandlerOptions): { settled(): Promise<void> } {
  /** The last update in flight per chat; updates of one chat run one after another. */
  const chains = new Map<string, Promise<void>>();
  const { core, log, moderators, token } = options;
  const commandsByName = new Map(core.commands.map((command) => [command.name, command]));
  const localeOf = (ctx: Context): Locale => core.localeFor(ctx.from?.language_code);
  const render = (reply: Reply): TelegramMessage => renderTelegram(reply, { encodeAction: (a) => core.encodeAction(a) });

  /** Channel posts come from channel admins only; elsewhere the moderator list and chat admins count. */
  async function isModeratorHere(ctx: Context): Promise<boolean> {
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
  async function invokerOf(ctx: Context, command: Command | undefined): Promise<Invoker> {
    const from = ctx.from;
    const chat = ctx.chat;
    return {
      id: from ? `telegram:${from.id}` : `telegram:chat:${chat?.id}`,
      name: from ? (from.username ? `@${from.username}` : from.first_name) : chat && 'title' in chat ? chat.title : undefined,
      isModerator: command?.permission === 'moderator' ? await isModeratorHere(ctx) : false,
    };
  }

  async function run(ctx: Context, commandName: string, args: Record<string, unknown>): Promise<Reply> {
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
        invoker: await invokerOf(ctx, commandsByName.get(commandName)),
        platform: 'telegram',
        place: placeOf(ctx),
      });
    } finally {
      clearTimeout(typing);
    }
  }

  /**
   * The place a command ran in: the chat, or `chatId:threadId` inside a forum topic, so that
   * `/subscribe` in a topic announces into that topic.
   */
  function placeOf(ctx: Context): string | undefined {
    if (!ctx.chat) return undefined;
    const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
    return thread === undefined ? String(ctx.chat.id) : `${ctx.chat.id}:${thread}`;
  }

  /**
   * Sends a reply to the chat the command came from: in groups as a reply to the command, and a
   * `private` reply to the member's own chat when the bot may write there (else in the group).
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

  // --- the one error boundary ---------------------------------------------------------------
  // grammY's polling hands over one update at a time and waits for it: a moderator's reindex of
  // a large blog would hold every other chat that long. So each update runs on its own chat's
  // chain (order kept within a chat, chats run side by side) and the loop moves on at once.
  bot.use((ctx, next) => {
    const key = String(ctx.chat?.id ?? ctx.from?.id ?? 'unknown');
    const run = (chains.get(key) ?? Promise.resolve())
      .then(() => next())
      .catch((error: unknown) => reportFailure(ctx, error))
      .finally(() => {
        if (chains.get(key) === run) chains.delete(key);
      });
    chains.set(key, run);
  });

  async function reportFailure(ctx: Context, error: unknown): Promise<void> {
    const t = MESSAGES[localeOf(ctx)];
    const shown = error instanceof UserError ? error.message : t.apology;
    if (!(error instanceof UserError)) {
      log.error('telegram: update failed', {
        update: ctx.update.update_id,
        chat: ctx.chat?.id,
        user: ctx.from?.id,
        input: ctx.msg?.text?.slice(0, 100) ?? ctx.callbackQuery?.data ?? ctx.inlineQuery?.query,
        error: describeError(error, token),
      });
    }
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: shown.slice(0, CALLBACK_ANSWER_MAX), show_alert: true });
      else if (ctx.inlineQuery) return; // there is nowhere to show it; Telegram shows no results
      else if (ctx.chat) await ctx.api.sendMessage(ctx.chat.id, shown);
    } catch (secondError) {
      log.warn('telegram: could not tell the user about a failure', { update: ctx.update.update_id, error: describeError(secondError, token) });
    }
  }

  // --- commands ------------------------------------------------------------------------------
  bot.command('start', async (ctx) => {
    const postId = deepLinkParameter(ctx.match);
    if (postId) return send(ctx, await run(ctx, 'post', { id: postId }));
    const help = await run(ctx, 'help', {});
    await send(ctx, { ...help, text: [MESSAGES[localeOf(ctx)].greeting, ...help.text] });
  });

  for (const command of core.commands) {
    if (command.name === 'start') continue;
    bot.command(command.name, async (ctx) => send(ctx, await run(ctx, command.name, argsFromText(command, ctx.match))));
  }

  // --- buttons -------------------------------------------------------------------------------
  bot.on('callback_query:data', async (ctx) => {
    const action = core.decodeAction(ctx.callbackQuery.data);
    if (!action) {
      await ctx.answerCallbackQuery({ text: MESSAGES[localeOf(ctx)].buttonExpired, show_alert: true });
      return;
    }
    const reply = await run(ctx, action.command, action.args);
    if (reply.kind === 'error') {
      await ctx.answerCallbackQuery({ text: reply.text.join('\n').slice(0, CALLBACK_ANSWER_MAX), show_alert: true });
      return;
    }
    const message = render(reply);
    // Paging turns the page in place; any other button (open a post) answers with a new message.
    // A message sent through inline mode has no chat the bot may write to, so it is edited too.
    const inPlace = 'page' in action.args || !ctx.callbackQuery.message;
    if (inPlace) {
      try {
        await ctx.editMessageText(message.text, message);
      } catch (error) {
        if (!isNotModified(error)) throw error;
      }
    } else {
      await send(ctx, reply);
    }
    await ctx.answerCallbackQuery();
  });

  // --- inline mode ---------------------------------------------------------------------------
  bot.on('inline_query', async (ctx) => {
    const results = core
      .inlineResults(ctx.inlineQuery.query, ctx.from.language_code, INLINE_RESULTS_MAX)
      .slice(0, INLINE_RESULTS_MAX)
      .map((result) => inlineArticle(result, render(result.reply)));
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS });
  });

  // The middleware boundary above catches everything; this only guards grammY's own loop.
  bot.catch((error) => {
    log.error('telegram: unhandled error in the update loop', { error: describeError(error, token) });
  });

  return {
    /** Resolves when every update taken so far has been answered (for a clean stop). */
    async settled() {
      while (chains.size > 0) await Promise.all(chains.values());
    },
  };
}

function inlineArticle(result: InlineResult, message: TelegramMessage): InlineQueryResultArticle {
  return {
    type: 'article',
    id: result.id,
    title: result.title,
    description: result.description,
    url: result.url,
    ...(result.imageUrl ? { thumbnail_url: result.imageUrl } : {}),
    input_message_content: {
      message_text: message.text,
      parse_mode: message.parse_mode,
      link_preview_options: message.link_preview_options,
    },
    ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
  };
}
