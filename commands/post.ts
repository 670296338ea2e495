import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { postReply } from '../src/bot/post-reply.ts';

/**
 * Opens one post by its short id. Hidden from menus: buttons ("other matches") and Telegram
 * deep links (`/start <id>`) run it.
 */
export const post = defineCommand({
  name: 'post',
  hidden: true,
  description: { ko: '글 하나를 보여 줍니다', en: 'Show one post' },
  options: [
    { name: 'id', type: 'string', required: true, maxLength: 64, description: { ko: '글의 짧은 id', en: 'The post’s short id' } },
  ] as const,
  run(ctx, { id }) {
    const { library } = ctx.engine;
    const found = library.byShortId(id) ?? library.get(id);
    if (!found || !library.isPublished(found, ctx.now())) throw new UserError(ctx.t.unknownPost);
    return postReply(found, ctx.t);
  },
});
