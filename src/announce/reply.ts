/**
 * An announcement as a neutral Reply: the same summary card as `/summary` shows (title linking to
 * the post, three-line summary, tags, date, buttons to the post and to the original article),
 * marked as a new post. Each platform's announcer renders it in its own idiom.
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
