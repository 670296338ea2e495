import { answerQuestion, extractiveText, type Answered, type AnswerResult, type NotAnswered } from '../src/answer/answer.ts';
import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { postDay } from '../src/bot/post-reply.ts';
import type { Reply } from '../src/bot/reply.ts';
import { answerMessages, type AnswerMessages } from '../src/i18n/answer.ts';
import type { AnswerStream, FinalAnswer, LlmAnswerer } from '../src/answer/llm.ts';
import type { Post } from '../src/posts/types.ts';
import type { Passage } from '../src/search/index.ts';
import { truncateAtWord } from '../src/util/text.ts';
import type { CommandContext } from '../src/bot/command.ts';
import { partialAnswer } from '../src/bot/stream.ts';
import { CONVERSATION_MESSAGES } from '../src/i18n/conversation.ts';
import { rangeLabel, rangeOf, WHEN_OPTION, withinRange } from '../src/bot/when.ts';

/** What /ask may use beside the posts. */
export interface AskOptions {
  /** Writes the answer from the retrieved passages; absent: the extractive answer. */
  llm?: LlmAnswerer;
}

/** The posts cited, numbered as the answer cites them. */
function sourceItems(sources: readonly Post[], passages: readonly Passage[] = []): Reply['items'] {
  return sources.map((post, i) => {
    // The best retrieved passage of the cited post backs the lead sentence with its context.
    const passage = passages.find((p) => p.post === post);
    const context = passage ? `${truncateAtWord(passage.text, SUPPORT_CHARS)} ` : '';
    return { title: `[${i + 1}] ${post.title}`, url: post.url, detail: `${context}(${postDay(post)})` };
  });
}

/** A supporting passage is quoted up to this many characters, then cut at a word. */
const SUPPORT_CHARS = 280;

/**
 * "No post gives X; the closest post is …", with what that post does say. A notice, not an
 * answer: it answers nothing, and says so.
 */
function closestReply(result: NotAnswered, t: AnswerMessages, question: string): Reply {
  const { closest, missing, sentence } = result;
  const lead = 'term' in missing ? t.noPostMentions(missing.term, closest.title) : t.noPostGives(missing.focus, closest.title);
  return {
    kind: 'notice',
    title: t.askTitle(question),
    text: [lead, ...(sentence ? [`“${sentence}”`] : [])],
    items: [{ title: closest.title, url: closest.url, detail: postDay(closest) }],
  };
}

async function answeredReply(result: Answered, t: AnswerMessages, question: string, llm: LlmAnswerer | undefined, progress?: Progress): Promise<Reply> {
  const final = llm
    ? await streamed(llm.answer(result), t.askTitle(question), progress)
    : { text: extractiveText(result), sources: result.sources };
  return { title: t.askTitle(question), text: [final.text], items: sourceItems(final.sources, result.passages) };
}

// ---- streaming hook and `when` (issue 12), kept apart from the answer's composition above ----

type Progress = NonNullable<CommandContext['progress']>;

/** The model's answer; while it is written, the text so far goes to `progress` (platforms that stream). */
async function streamed(stream: AnswerStream, title: string, progress: Progress | undefined): Promise<FinalAnswer> {
  if (progress) {
    let soFar = '';
    for await (const piece of stream) {
      soFar += piece;
      progress(partialAnswer(title, soFar));
    }
  }
  return stream.final;
}

/**
 * The answer from the posts of `when`'s range; when none of them answers, the answer from any
 * time, after a line saying the range had nothing (as /summary and /latest do).
 */
function answerInRange(ctx: CommandContext, question: string, when: string | undefined): { result: AnswerResult; outOfRange?: string } {
  const { library, index } = ctx.engine;
  const now = ctx.now();
  const published = (post: Post) => library.isPublished(post, now);
  const range = rangeOf(ctx, when);
  if (range) {
    const within = withinRange(ctx, range);
    const inRange = answerQuestion(index, question, { filter: (post) => published(post) && within(post) });
    if (inRange.kind === 'answer') return { result: inRange };
    return { result: answerQuestion(index, question, { filter: published }), outOfRange: CONVERSATION_MESSAGES[ctx.locale].nothingMatchesInRange(rangeLabel(ctx, range)) };
  }
  return { result: answerQuestion(index, question, { filter: published }) };
}

/** /ask with its options (the LLM, when one is configured). */
export function createAsk(options: AskOptions = {}) {
  return defineCommand({
    name: 'ask',
    description: { ko: '블로그 글에서 질문의 답을 찾습니다', en: 'Answer a question from the blog’s posts' },
    // With a model the answer is written piece by piece, and platforms may show it growing.
    streams: Boolean(options.llm),
    options: [
      {
        name: 'question',
        type: 'string',
        required: true,
        maxLength: 300,
        description: { ko: '질문 (한국어/영어)', en: 'Your question, in Korean or English' },
      },
      WHEN_OPTION,
    ] as const,
    async run(ctx, { question, when }) {
      const t = answerMessages[ctx.locale];
      const { result, outOfRange } = answerInRange(ctx, question, when);
      if (result.kind === 'none') throw new UserError(t.noAnswer, 'no_match');
      const reply = result.kind === 'closest' ? closestReply(result, t, question) : await answeredReply(result, t, question, options.llm, ctx.progress);
      if (outOfRange) reply.text = [outOfRange, ...reply.text];
      return reply;
    },
  });
}

/** /ask answering extractively (no LLM). */
export const ask = createAsk();
