import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { paginate, postItem } from '../src/bot/post-reply.ts';
import { pagingActions } from '../src/bot/paging.ts';

export const latest = defineCommand({
  name: 'latest',
  description: { ko: '최신 글을 보여 줍니다', en: 'Show the latest posts' },
  options: [
    { name: 'count', type: 'integer', min: 1, max: 10, description: { ko: '한 번에 볼 글 수 (기본 5)', en: 'How many posts (default 5)' } },
    { name: 'page', type: 'integer', min: 1, max: 1000, description: { ko: '쪽 번호', en: 'Page number' } },
  ] as const,
  run(ctx, { count = 5, page = 1 }) {
    const posts = ctx.engine.library.published(ctx.now());
    if (posts.length === 0) throw new UserError(ctx.t.noPosts);
    const { slice, pages } = paginate(posts, page, count);
    if (page > pages) throw new UserError(ctx.t.pageOutOfRange(pages));
    return {
      title: ctx.t.latestTitle,
      text: [],
      items: slice.map(postItem),
      footer: ctx.t.page(page, pages),
      actions: pagingActions(ctx.t, 'latest', { count }, page, pages),
    };
  },
});
