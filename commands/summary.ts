import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { postButtonLabel, postReply } from '../src/bot/post-reply.ts';
import { CONVERSATION_MESSAGES } from '../src/i18n/conversation.ts';
import { rangeLabel, rangeOf, WHEN_OPTION, withinRange } from '../src/bot/when.ts';

/** How many other matches to offer under the best one. */
const OTHER_MATCHES = 3;

export const summary = defineCommand({
  name: 'summary',
  description: { ko: '글을 찾아 3줄 요약을 보여 줍니다', en: 'Find a post and show its three-line summary' },
  options: [
    {
      name: 'query',
      type: 'string',
      required: true,
      maxLength: 300,
      autocomplete: 'posts',
      description: { ko: '찾을 낱말이나 질문 (한국어/영어)', en: 'Words or a question, in Korean or English' },
    },
    WHEN_OPTION,
  ] as const,
  run(ctx, { query, when }) {
    const { library, index } = ctx.engine;
    const now = ctx.now();
    const range = rangeOf(ctx, when);
    const inRange = range ? withinRange(ctx, range) : () => true;
    const search = (dated: boolean) =>
      index.search(query, { limit: OTHER_MATCHES + 1, filter: (post) => library.isPublished(post, now) && (!dated || inRange(post)) });
    let hits = search(Boolean(range));
    // Nothing in the range: say so, and show the best match of any time instead.
    const outOfRange = range !== undefined && hits.length === 0;
    if (outOfRange) hits = search(false);
    const [best, ...others] = hits;
    if (!best) throw new UserError(ctx.t.noMatch(query), 'no_match');
    const reply = postReply(best.post, ctx.t);
    // The search matched only part of the query (근황, 후기 ... are in no post): say so.
    if (best.missing.length > 0) reply.fields = [...(reply.fields ?? []), { name: ctx.t.partialMatch, value: best.missing.join(', ') }];
    if (outOfRange) reply.text = [CONVERSATION_MESSAGES[ctx.locale].nothingMatchesInRange(rangeLabel(ctx, range)), ...reply.text];
    if (others.length > 0) {
      reply.fields = [
        ...(reply.fields ?? []),
        { id: 'other-matches', name: ctx.t.otherMatches, value: others.map((hit, i) => `${i + 2}. ${hit.post.title}`).join('\n') },
      ];
      reply.actions = others.map((hit, i) => ({
        label: postButtonLabel(i + 2, hit.post),
        command: 'post',
        args: { id: library.shortId(hit.post) },
        // The list stays where it is; the post opens beside it.
        effect: 'new-message',
      }));
    }
    return reply;
  },
});
