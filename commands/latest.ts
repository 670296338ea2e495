import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { paginate, postItem } from '../src/bot/post-reply.ts';
import { pagingActions } from '../src/bot/paging.ts';
import { CONVERSATION_MESSAGES } from '../src/i18n/conversation.ts';
import { rangeLabel, rangeOf, rangeText, WHEN_OPTION, withinRange } from '../src/bot/when.ts';

export const latest = defineCommand({
  name: 'latest',
  description: { ko: '최신 글을 보여 줍니다', en: 'Show the latest posts' },
  options: [
    { name: 'count', type: 'integer', min: 1, max: 10, description: { ko: '한 번에 볼 글 수 (기본 5)', en: 'How many posts (default 5)' } },
    { name: 'page', type: 'integer', min: 1, max: 1000, description: { ko: '쪽 번호', en: 'Page number' } },
    WHEN_OPTION,
  ] as const,
  run(ctx, { count = 5, page = 1, when }) {
    const all = ctx.engine.library.published(ctx.now());
    if (all.length === 0) throw new UserError(ctx.t.noPosts);
    const range = rangeOf(ctx, when);
    const inRange = range ? all.filter(withinRange(ctx, range)) : all;
    // An empty range says so and shows the newest posts instead of nothing.
    const posts = inRange.length > 0 ? inRange : all;
    const { slice, pages } = paginate(posts, page, count);
    if (page > pages) throw new UserError(ctx.t.pageOutOfRange(pages));
    const label = range && inRange.length > 0 ? rangeLabel(ctx, range) : undefined;
    return {
      title: label ? `${ctx.t.latestTitle} · ${label}` : ctx.t.latestTitle,
      text: range && inRange.length === 0 ? [CONVERSATION_MESSAGES[ctx.locale].nothingInRange(rangeLabel(ctx, range))] : [],
      items: slice.map(postItem),
      footer: ctx.t.page(page, pages),
      actions: pagingActions(ctx.t, 'latest', { count, ...(label && range ? { when: rangeText(range) } : {}) }, page, pages),
    };
  },
});
