/**
 * Follow-ups: what "원문 링크", "언제 나왔어?", "더 자세히" and "다른 글은?" refer to, and which
 * topic a new question in the same conversation keeps. Pure: the caller looks the conversation
 * up in its {@link ConversationStore} and carries out the plan with the search and answer core.
 */
import words from './route-words.json' with { type: 'json' };
import type { Turn } from './memory.ts';
import type { Route, Routed } from './router.ts';
import type { DateRange } from './time.ts';

/** What to do for a follow-up. */
export type FollowUpPlan =
  /** Say when `postId` was published. */
  | { kind: 'date'; postId: string }
  /** Give `postId`'s original article (and the post's own link). */
  | { kind: 'link'; postId: string }
  /** Show more of `postId`: its sections rather than the three-line summary. */
  | { kind: 'more'; postId: string; question?: string }
  /** Other posts on `topic` than those already shown (the next page after a list). */
  | { kind: 'other'; topic: string; exclude: string[]; page: number; range?: DateRange }
  /** Nothing shown before that the follow-up could refer to (forgotten, or never shown). */
  | { kind: 'nothing' };

/**
 * The plan for a follow-up route, given the bot's last turn in the conversation. After a list,
 * date, link and more refer to the item `pick` names (1 = the first, -1 = the last), else its
 * first post; "other" pages on.
 */
export function planFollowUp(route: Route, last: Turn | undefined, pick?: number): FollowUpPlan {
  if (!last) return { kind: 'nothing' };
  const main = pick ? last.postIds.at(pick > 0 ? pick - 1 : pick) : last.postIds[0];
  switch (route) {
    case 'followup-date':
      return main ? { kind: 'date', postId: main } : { kind: 'nothing' };
    case 'followup-link':
      return main ? { kind: 'link', postId: main } : { kind: 'nothing' };
    case 'followup-more':
      if (!main) return { kind: 'nothing' };
      return last.question ? { kind: 'more', postId: main, question: last.question } : { kind: 'more', postId: main };
    case 'followup-other':
      return {
        kind: 'other',
        topic: last.topic,
        exclude: last.shown === 'list' ? [] : [...last.postIds],
        page: last.shown === 'list' ? (last.page ?? 1) + 1 : 1,
        ...(last.range ? { range: last.range } : {}),
      };
    default:
      return { kind: 'nothing' };
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DEICTIC = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...words.deictic].sort((a, b) => b.length - a.length).map(escape).join('|')})`,
  'iu',
);

/** True when `text` points back at what was shown ("그거 오픈소스야?", "is it open source?"). */
export function pointsBack(text: string): boolean {
  return DEICTIC.test(text.normalize('NFKC'));
}

/**
 * A new question or card request in a conversation: when it points back at what was shown and
 * the conversation has a topic, the search text gets that topic and the posts shown become the
 * focus. A request with a topic of its own ("쿠버네티스는?") is left as it is.
 */
export function carryTopic(routed: Routed, last: Turn | undefined): Routed & { focus?: string[] } {
  if (!last || (routed.route !== 'ask' && routed.route !== 'summary')) return routed;
  if (!pointsBack(routed.query)) return routed;
  const query = last.topic && !routed.query.includes(last.topic) ? `${last.topic} ${routed.query}` : routed.query;
  return { ...routed, query, ...(last.postIds.length ? { focus: [...last.postIds] } : {}) };
}
