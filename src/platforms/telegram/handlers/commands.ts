/** Text commands: `/start` (greeting, or a post by deep link) and every command of the core. */
import { Composer, type Context } from 'grammy';
import { argsFromText } from '../../../bot/command-line.ts';
import { MESSAGES } from '../../../i18n/core.ts';
import { deepLinkParameter } from '../commands.ts';
import type { Replies } from './replies.ts';

export function commandsComposer(replies: Replies): Composer<Context> {
  const { core, run, send, answer } = replies;
  const composer = new Composer<Context>();

  composer.command('start', async (ctx) => {
    const postId = deepLinkParameter(ctx.match);
    if (postId) return send(ctx, await run(ctx, 'post', { id: postId }));
    const help = await run(ctx, 'help', {});
    await send(ctx, { ...help, text: [MESSAGES[replies.localeOf(ctx)].greeting, ...help.text] });
  });

  for (const command of core.commands) {
    if (command.name === 'start') continue;
    composer.command(command.name, async (ctx) => answer(ctx, command.name, argsFromText(command, ctx.match)));
  }
  return composer;
}
