/**
 * The `when` option of /latest and /summary: a time expression ("이번 주", "last month",
 * "2026-01-01..2026-01-31") read by the conversation's time grammar into a date range in the
 * site's time zone, so a command and free text filter by the same rules.
 */
import { CONVERSATION_MESSAGES } from '../i18n/conversation.ts';
import type { Post } from '../posts/types.ts';
import { isWithin, readTime, type DateRange } from '../conversation/time.ts';
import type { CommandContext, StringOption } from './command.ts';
import { UserError } from './errors.ts';

/** The option's definition, shared by the commands that take it. */
export const WHEN_OPTION = {
  name: 'when',
  type: 'string',
  maxLength: 100,
  description: {
    ko: '기간 (예: 이번 주, 지난달, 1월, 최근 7일, 2026-01-01..2026-01-31)',
    en: 'When (e.g. this week, last month, in January, last 7 days, 2026-01-01..2026-01-31)',
  },
} as const satisfies StringOption;

/** The range `when` names; `undefined` when it is empty. A text with no time in it is the member's mistake. */
export function rangeOf(ctx: CommandContext<unknown>, when: string | undefined): DateRange | undefined {
  if (!when?.trim()) return undefined;
  const reading = readTime(when, ctx.now(), ctx.engine.library.site.timezone);
  if (!reading.range) throw new UserError(CONVERSATION_MESSAGES[ctx.locale].unknownWhen(when));
  return reading.range;
}

/** A filter keeping the posts dated within `range` (in the site's zone). */
export function withinRange(ctx: CommandContext<unknown>, range: DateRange): (post: Post) => boolean {
  const zone = ctx.engine.library.site.timezone;
  return (post) => isWithin(post.date, range, zone);
}

/** The compact form of a range that buttons carry, read back by {@link rangeOf}. */
export function rangeText(range: DateRange): string {
  return `${range.from}..${range.to}`;
}

/** "2026-02-02 ~ 2026-02-08" (or one date), in the reply's language. */
export function rangeLabel(ctx: CommandContext<unknown>, range: DateRange): string {
  return CONVERSATION_MESSAGES[ctx.locale].inRange(range.from, range.to);
}
