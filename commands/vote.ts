import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { CONVERSATION_MESSAGES } from '../src/i18n/conversation.ts';
import type { ServiceContext } from './services.ts';

/** The 👍 / 👎 buttons under a free-text answer run this (hidden: it is never typed). One vote per member per answer, the last counts. */
export const vote = defineCommand({
  name: 'vote',
  hidden: true,
  description: { ko: '답에 투표', en: 'Vote on an answer' },
  options: [
    { name: 'q', type: 'string', required: true, maxLength: 16, description: { ko: '질문', en: 'Question' } },
    { name: 'v', type: 'string', required: true, maxLength: 4, description: { ko: 'up 또는 down', en: 'up or down' } },
  ] as const,
  run(ctx: ServiceContext, { q, v }) {
    const t = CONVERSATION_MESSAGES[ctx.locale];
    const log = ctx.services.questions;
    if (!log) throw new UserError(t.questionsOff);
    const value = v === 'down' ? 'down' : 'up';
    if (!log.vote(q, ctx.invoker.id, value)) throw new UserError(t.voteExpired);
    return { text: [value === 'up' ? t.votedUp : t.votedDown], private: true, kind: 'notice' };
  },
});
