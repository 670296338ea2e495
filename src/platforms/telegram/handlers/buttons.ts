/**
 * Button presses: the callback data decodes to a command, its arguments and its effect; the
 * reply turns the message in place or comes as a new message, as the action says.
 */
import { Composer, type Context } from 'grammy';
import { effectOf } from '../../../bot/reply.ts';
import { MESSAGES } from '../../../i18n/core.ts';
import { isNotModified } from '../errors.ts';
import { CALLBACK_ANSWER_MAX } from './boundary.ts';
import type { Replies } from './replies.ts';

export function buttonsComposer(replies: Replies): Composer<Context> {
  const { core, run, send, render } = replies;
  const composer = new Composer<Context>();

  composer.on('callback_query:data', async (ctx) => {
    const action = core.decodeAction(ctx.callbackQuery.data);
    if (!action) {
      await ctx.answerCallbackQuery({ text: MESSAGES[replies.localeOf(ctx)].buttonExpired, show_alert: true });
      return;
    }
    const reply = await run(ctx, action.command, action.args);
    if (reply.kind === 'error') {
      await ctx.answerCallbackQuery({ text: reply.text.join('\n').slice(0, CALLBACK_ANSWER_MAX), show_alert: true });
      return;
    }
    // A message sent through inline mode has no chat the bot may write to: it is edited, whatever
    // the action asks.
    if (effectOf(action) === 'replace' || !ctx.callbackQuery.message) {
      const message = render(reply);
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
  return composer;
}
