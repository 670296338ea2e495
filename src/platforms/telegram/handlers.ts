/**
 * The Telegram middleware: translates messages, button presses and inline queries into
 * invocations of the neutral core, and sends the rendered replies back. It never searches or
 * formats posts itself. One grammY `Composer` per concern (handlers/), behind one error boundary.
 */
import type { Bot } from 'grammy';
import { createBoundary } from './handlers/boundary.ts';
import { buttonsComposer } from './handlers/buttons.ts';
import { commandsComposer } from './handlers/commands.ts';
import { inlineComposer } from './handlers/inline.ts';
import { createReplies, type HandlerOptions } from './handlers/replies.ts';
import { describeError } from './errors.ts';

export type { HandlerOptions } from './handlers/replies.ts';

/**
 * Installs every handler on `bot`: the error boundary first (a try/catch middleware, so it covers
 * long polling and webhooks alike), then commands, buttons and inline mode.
 */
export function installHandlers(bot: Bot, options: HandlerOptions): { settled(): Promise<void> } {
  const replies = createReplies(options);
  const boundary = createBoundary(replies, options.log, options.token, options.fairness);
  bot.use(boundary.middleware);
  bot.use(commandsComposer(replies), buttonsComposer(replies), inlineComposer(replies));
  // The boundary catches everything; this only guards grammY's own loop.
  bot.catch((error) => {
    options.log.error('telegram: unhandled error in the update loop', { error: describeError(error, options.token) });
  });
  return { settled: () => boundary.settled() };
}
