import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { paginate, postItem } from '../src/bot/post-reply.ts';
import { pagingActions } from '../src/bot/paging.ts';
import { normalizeTag } from '../src/util/text.ts';

const PER_PAGE = 5;
/** Tags named when the one asked for has no posts. */
const SUGGESTED_TAGS = 5;

export const tag = defineCommand({
  name: 'tag',
  description: { ko: '태그가 붙은 글을 최신순으로 보여 줍니다', en: 'List the posts with a tag, newest first' },
  options: [
    {
      name: 'tag',
      type: 'string',
      required: true,
      maxLength: 100,
      autocomplete: 'tags',
      description: { ko: '태그 (대소문자, 띄어쓰기, 하이픈 무시)', en: 'A tag (case, spaces and hyphens ignored)' },
    },
    { name: 'page', type: 'integer', min: 1, max: 1000, description: { ko: '쪽 번호', en: 'Page number' } },
  ] as const,
  run(ctx, { tag: wanted, page = 1 }) {
    const { library } = ctx.engine;
    const now = ctx.now();
    const posts = library.byTag(wanted, now);
    if (posts.length === 0) {
      // "AI" finds no tag of its own on a blog that writes "AI 인프라" and "생성형 AI": name those.
      const key = normalizeTag(wanted);
      const near = key ? library.tags(now).filter((t) => t.key.includes(key)).slice(0, SUGGESTED_TAGS) : [];
      const message = ctx.t.unknownTag(wanted);
      throw new UserError(near.length > 0 ? `${message} ${ctx.t.didYouMean(near.map((t) => t.tag).join(', '))}` : message);
    }
    // Show the tag as the posts write it, not as the member typed it.
    const shown = library.tags(now).find((t) => t.key === normalizeTag(wanted))?.tag ?? wanted;
    const { slice, pages } = paginate(posts, page, PER_PAGE);
    if (page > pages) throw new UserError(ctx.t.pageOutOfRange(pages));
    return {
      title: ctx.t.tagTitle(shown, posts.length),
      text: [],
      items: slice.map(postItem),
      footer: ctx.t.page(page, pages),
      actions: pagingActions(ctx.t, 'tag', { tag: shown }, page, pages),
    };
  },
});
