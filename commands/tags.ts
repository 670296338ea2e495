import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { paginate } from '../src/bot/post-reply.ts';
import { pagingActions } from '../src/bot/paging.ts';

const PER_PAGE = 30;

export const tags = defineCommand({
  name: 'tags',
  description: { ko: '태그 목록과 글 수를 보여 줍니다', en: 'List the tags with their post counts' },
  options: [{ name: 'page', type: 'integer', min: 1, max: 1000, description: { ko: '쪽 번호', en: 'Page number' } }] as const,
  run(ctx, { page = 1 }) {
    const all = ctx.engine.library.tags(ctx.now());
    if (all.length === 0) throw new UserError(ctx.t.noPosts);
    const { slice, pages } = paginate(all, page, PER_PAGE);
    if (page > pages) throw new UserError(ctx.t.pageOutOfRange(pages));
    return {
      title: ctx.t.tagsTitle(all.length),
      text: [slice.map((t) => `${t.tag} (${t.count})`).join(' · ')],
      footer: ctx.t.page(page, pages),
      actions: pagingActions(ctx.t, 'tags', {}, page, pages),
    };
  },
});
