import { defineCommand } from '../src/bot/command.ts';
import { UserError } from '../src/bot/errors.ts';
import { CONVERSATION_MESSAGES } from '../src/i18n/conversation.ts';
import { formatIsoInZone } from '../src/posts/dates.ts';
import { truncate } from '../src/util/text.ts';
import type { ServiceContext } from './services.ts';

/** Topics shown at most; the rest is the long tail. */
const TOPICS = 15;

/**
 * What members asked that the blog did not answer, and the answers they voted down, grouped by
 * topic, most asked first: the blog owner's list of posts to write.
 */
export const questions = defineCommand({
  name: 'questions',
  permission: 'moderator',
  description: { ko: '블로그가 답하지 못한 질문 (주제별)', en: 'Questions the blog could not answer, by topic' },
  options: [{ name: 'days', type: 'integer', min: 1, max: 365, description: { ko: '최근 며칠 (기본 30)', en: 'Last how many days (default 30)' } }] as const,
  run(ctx: ServiceContext, { days = 30 }) {
    const t = CONVERSATION_MESSAGES[ctx.locale];
    const log = ctx.services.questions;
    if (!log) throw new UserError(t.questionsOff);
    const since = ctx.now().getTime() - days * 86_400_000;
    const groups = log.report(since);
    if (groups.length === 0) return { title: t.questionsTitle(days), text: [t.questionsNone(days)] };
    const zone = ctx.engine.library.site.timezone;
    const day = (ms: number) => formatIsoInZone(new Date(ms), zone).slice(0, 10);
    return {
      title: t.questionsTitle(days),
      text: [],
      items: groups.slice(0, TOPICS).map((group) => ({
        title: truncate(group.topic, 80),
        detail: `${t.questionsLine(group.count, group.unanswered, group.downvoted, day(group.first), day(group.last))} · ${group.examples.map((e) => `“${truncate(e, 60)}”`).join(', ')}`,
      })),
    };
  },
});
