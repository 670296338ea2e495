import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { postDay } from '../src/bot/post-reply.ts';
import { truncateAtWord } from '../src/util/text.ts';

/** How many passages to quote; more would bury the answer. */
const PASSAGES = 3;
/** A passage is quoted up to this many characters, then cut at a word. */
const PASSAGE_CHARS = 280;

export const ask = defineCommand({
  name: 'ask',
  description: { ko: '블로그 글에서 질문의 답을 찾습니다', en: 'Answer a question from the blog’s posts' },
  options: [
    {
      name: 'question',
      type: 'string',
      required: true,
      maxLength: 300,
      description: { ko: '질문 (한국어/영어)', en: 'Your question, in Korean or English' },
    },
  ] as const,
  run(ctx, { question }) {
    const { library, index } = ctx.engine;
    const now = ctx.now();
    const passages = index.answer(question, { limit: PASSAGES, filter: (post) => library.isPublished(post, now) });
    if (passages.length === 0) throw new UserError(ctx.t.noAnswer, 'no_match');
    return {
      title: ctx.t.askTitle(question),
      text: [],
      items: passages.map((p) => ({
        title: p.heading ? `${p.post.title} — ${p.heading}` : p.post.title,
        url: p.post.url,
        detail: `${truncateAtWord(p.text, PASSAGE_CHARS)} (${postDay(p.post)})`,
      })),
    };
  },
});
