/**
 * An announcement as a neutral Reply: the same summary card as `/summary` shows (title linking to
 * the post, three-line summary, tags, date, buttons to the post and to the original article),
 * marked as a new post. Each platform's sender renders it in its own idiom.
 */
import { MESSAGES } from '../i18n/core.ts';
import { postReply } from '../bot/post-reply.ts';
import type { Reply } from '../bot/reply.ts';
import type { Post } from '../posts/types.ts';
import { ANNOUNCE_MESSAGES } from '../i18n/announce.ts';
import type { AnnounceLocale } from './port.ts';

export function announcementReply(post: Post, locale: AnnounceLocale): Reply {
  return { ...postReply(post, MESSAGES[locale]), footer: ANNOUNCE_MESSAGES[locale].newPost };
}

/**
 * A tag as a Telegram hashtag: letters (Hangul included), digits and `_` only; spaces, hyphens
 * and other marks become `_`; a tag starting with a digit gets a leading `_` (Telegram does not
 * link a hashtag that starts with a digit). Undefined when nothing usable is left.
 */
export function hashtag(tag: string): string | undefined {
  let body = tag
    .normalize('NFC')
    .replace(/^#+/, '')
    .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (!body) return undefined;
  if (/^\p{N}/u.test(body)) body = `_${body}`;
  return `#${body}`;
}

/** The post's tags as distinct hashtags, in the post's order. */
export function hashtags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const tag of tags) {
    const h = hashtag(tag);
    if (h && !seen.has(h.toLowerCase())) {
      seen.add(h.toLowerCase());
      result.push(h);
    }
  }
  return result;
}
