/**
 * The one error boundary of the Telegram adapter, and the per-chat ordering of updates.
 *
 * grammY's polling hands over one update at a time and waits for it: a moderator's reindex of a
 * large blog would hold every other chat that long. So each update runs on its own chat's chain
 * (order kept within a chat, chats run side by side) and the loop moves on at once. Whatever a
 * handler throws ends here: logged (a UserError is not a failure) and told to the member.
 */
import type { Context, MiddlewareFn } from 'grammy';
import { UserError } from '../../../bot/errors.ts';
import { MESSAGES } from '../../../i18n/core.ts';
import type { Logger } from '../../../util/logger.ts';
import { describeError } from '../errors.ts';
import type { Replies } from './replies.ts';
import type { FairScheduler } from '../../../bot/fairness.ts';
import { RELIABILITY_MESSAGES } from '../../../i18n/reliability.ts';

/** Telegram shows at most 200 characters in a callback answer. */
export const CALLBACK_ANSWER_MAX = 200;

export interface Boundary {
  /** Installed first, so it covers every handler, in long polling and webhooks alike. */
  middleware: MiddlewareFn<Context>;
  /** Resolves when every update taken so far has been answered (for a clean stop). */
  settled(): Promise<void>;
}

/**
 * Whether an update asks something of the bot (a command, a button): only those spend a member's
 * rate, so chatter the bot merely sees never earns anyone a "slow down".
 */
function asksTheBot(ctx: Context): boolean {
  if (ctx.callbackQuery) return true;
  const entity = ctx.msg?.entities?.[0];
  return entity?.type === 'bot_command' && entity.offset === 0;
}

// Long because both middlewares (chained, fair), the failure report and settled() share the
// chains and the in-flight set; each is a small inner function.
export function createBoundary(replies: Replies, log: Logger, token: string, fairness?: FairScheduler): Boundary {
  /** The last update in flight per chat; updates of one chat run one after another. */
  const chains = new Map<string, Promise<void>>();

  async function reportFailure(ctx: Context, error: unknown): Promise<void> {
    const t = MESSAGES[replies.localeOf(ctx)];
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

  /** Work started outside the per-chat chains (through the scheduler), for `settled`. */
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  /** The one polite note of fairness: a reply in the chat, or a button's alert. */
  async function tell(ctx: Context, text: string): Promise<void> {
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: text.slice(0, CALLBACK_ANSWER_MAX) });
      else if (ctx.chat && ctx.msg) await ctx.api.sendMessage(ctx.chat.id, text, { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } });
    } catch (error) {
      log.warn('telegram: could not send a fairness note', { update: ctx.update.update_id, error: describeError(error, token) });
    }
  }

  /**
   * With a scheduler (issue 13): members of one chat run side by side, each member's own updates
   * in order, a flooding member is told once and then dropped, and a full bot says "busy".
   */
  const fairMiddleware = (scheduler: FairScheduler): MiddlewareFn<Context> => (ctx, next) => {
    const chat = String(ctx.chat?.id ?? ctx.from?.id ?? 'unknown');
    const member = String(ctx.from?.id ?? ctx.senderChat?.id ?? chat);
    const work = (): Promise<void> => next().catch((error: unknown) => reportFailure(ctx, error));
    if (!asksTheBot(ctx)) return track(work());
    const admission = scheduler.submit({ chat: `telegram:${chat}`, member: `telegram:${member}` }, work);
    const t = RELIABILITY_MESSAGES[replies.localeOf(ctx)];
    if (admission.kind === 'accepted') track(admission.done);
    else if (admission.kind === 'busy') track(tell(ctx, t.busy));
    else if (admission.notify) {
      log.info('telegram: member over their rate, told once', { chat: ctx.chat?.id, user: ctx.from?.id });
      track(tell(ctx, t.slowDown));
    }
  };

  const chained: MiddlewareFn<Context> = (ctx, next) => {
    const key = String(ctx.chat?.id ?? ctx.from?.id ?? 'unknown');
    const run = (chains.get(key) ?? Promise.resolve())
      .then(() => next())
      .catch((error: unknown) => reportFailure(ctx, error))
      .finally(() => {
        if (chains.get(key) === run) chains.delete(key);
      });
    chains.set(key, run);
  };

  return {
    middleware: fairness ? fairMiddleware(fairness) : chained,
    async settled() {
      while (chains.size > 0 || inFlight.size > 0) await Promise.all([...chains.values(), ...inFlight]);
    },
  };
}
