import type { Post } from '../posts/types.ts';
import { truncate } from '../util/text.ts';
import type { Messages } from '../i18n/core.ts';
import type { Reply, ReplyItem } from './reply.ts';

/** The post's date as the blog shows it: `YYYY-MM-DD` in the site's time zone. */
export function postDay(post: Post): string {
  return post.dateIso.slice(0, 10);
}

/** A post as a summary reply: title linking to it, the three-line summary, tags, date, links, image. */
export function postReply(post: Post, t: Messages): Reply {
  const reply: Reply = {
    title: post.title,
    url: post.url,
    text: post.summary.map((line) => `• ${line}`),
    fields: [
      ...(post.tags.length > 0 ? [{ id: 'tags' as const, name: t.tags, value: post.tags.join(', '), inline: true }] : []),
      { id: 'date', name: t.date, value: postDay(post), inline: true },
    ],
    links: [
      { label: t.readPost, url: post.url },
      ...(post.sourceUrl ? [{ label: t.readSource, url: post.sourceUrl }] : []),
    ],
  };
  if (post.imageUrl) reply.image = post.imageUrl;
  return reply;
}

/** A post as one line of a list: title, link, and its date and tags. */
export function postItem(post: Post): ReplyItem {
  const tags = post.tags.slice(0, 4).join(', ');
  return { title: post.title, url: post.url, detail: tags ? `${postDay(post)} · ${tags}` : postDay(post) };
}

/** Splits `items` into pages; a page out of range is reported by the caller. */
export function paginate<T>(items: readonly T[], page: number, perPage: number): { slice: T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  return { slice: items.slice((page - 1) * perPage, page * perPage), pages };
}

/** A short label for a button that opens a post (button labels are short on every platform). */
export function postButtonLabel(index: number, post: Post): string {
  return `${index}. ${truncate(post.title, 40)}`;
}
