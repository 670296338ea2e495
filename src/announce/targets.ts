/**
 * Who receives a post: static targets from the environment plus subscriptions, each filtered by
 * its tags.
 */
import type { Post } from '../posts/types.ts';
import type { AnnouncementTarget, Subscription } from './port.ts';
import { targetKey } from '../state/store.ts';
import { normalizeTag } from '../util/text.ts';

/** Whether a post passes a tag filter (an empty filter passes everything). */
export function matchesTags(post: Pick<Post, 'tags'>, filter: readonly string[] | undefined): boolean {
  if (!filter || filter.length === 0) return true;
  const wanted = new Set(filter.map(normalizeTag));
  return post.tags.some((tag) => wanted.has(normalizeTag(tag)));
}

/** A subscription as a delivery target. */
export function subscriptionTarget(sub: Subscription): AnnouncementTarget {
  return {
    platform: sub.platform,
    id: sub.place,
    ...(sub.mentionRoleId ? { mentionRoleId: sub.mentionRoleId } : {}),
    ...(sub.crosspost ? { crosspost: true } : {}),
    ...(sub.tags.length ? { tags: sub.tags } : {}),
  };
}

/**
 * The targets a post goes to, one per target key: static targets first (they take every post),
 * then subscriptions whose tags match.
 */
export function targetsFor(post: Post, statics: readonly AnnouncementTarget[], subscriptions: readonly Subscription[]): AnnouncementTarget[] {
  const chosen = new Map<string, AnnouncementTarget>();
  for (const target of [...statics, ...subscriptions.map(subscriptionTarget)]) {
    const key = targetKey(target);
    if (!chosen.has(key) && matchesTags(post, target.tags)) chosen.set(key, target);
  }
  return [...chosen.values()];
}

/** Splits a comma-separated list (an environment variable) into trimmed, non-empty entries. */
export function splitList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = typeof value === 'string' ? value.split(',') : value;
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Static targets from `ANNOUNCE_DISCORD_CHANNELS` and `ANNOUNCE_TELEGRAM_CHATS`.
 * Discord entries are channel ids, optionally `channelId/roleId` to mention a role.
 * Telegram entries are chat ids, `@channelname`, or `chatId:threadId` for a forum topic.
 * Throws one message listing every bad entry.
 */
export function staticTargets(options: {
  discordChannels?: string | readonly string[];
  telegramChats?: string | readonly string[];
  /** Publish in Discord Announcement channels (ANNOUNCE_CROSSPOST). */
  crosspost?: boolean;
}): AnnouncementTarget[] {
  const problems: string[] = [];
  const targets: AnnouncementTarget[] = [];
  for (const entry of splitList(options.discordChannels)) {
    const match = /^(\d{15,21})(?:\/(\d{15,21}))?$/.exec(entry);
    if (!match) {
      problems.push(`ANNOUNCE_DISCORD_CHANNELS: "${entry}" is not a channel id (or channelId/roleId)`);
      continue;
    }
    targets.push({
      platform: 'discord',
      id: match[1]!,
      ...(match[2] ? { mentionRoleId: match[2] } : {}),
      ...(options.crosspost ? { crosspost: true } : {}),
    });
  }
  for (const entry of splitList(options.telegramChats)) {
    if (!/^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})(:\d+)?$/.test(entry)) {
      problems.push(`ANNOUNCE_TELEGRAM_CHATS: "${entry}" is not a chat id, @channelname or chatId:threadId`);
      continue;
    }
    targets.push({ platform: 'telegram', id: entry });
  }
  if (problems.length) throw new Error(`briefbot: bad announcement targets:\n- ${problems.join('\n- ')}`);
  return targets;
}
