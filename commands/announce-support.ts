/**
 * What /subscribe, /unsubscribe, /subscriptions and /status share: the announcements service,
 * the platform and the place, and how instants and subscriptions read. Command support, so it
 * lives with the commands: the announcements feature itself knows nothing of commands.
 */
import { UserError } from '../src/bot/errors.ts';
import { ANNOUNCE_MESSAGES, type AnnounceMessages } from '../src/i18n/announce.ts';
import type { AnnouncementsPort, AnnouncePlatform, Subscription } from '../src/announce/port.ts';
import type { ServiceContext } from './services.ts';

export interface SubscriptionPlace {
  port: AnnouncementsPort;
  platform: AnnouncePlatform;
  place: string;
  m: AnnounceMessages;
}

/** The announcements port and the channel the command ran in; a UserError when either is missing. */
export function subscriptionPlace(ctx: ServiceContext): SubscriptionPlace {
  const m = ANNOUNCE_MESSAGES[ctx.locale];
  const port = ctx.services.announcements;
  if (!port) throw new UserError(m.notEnabled);
  if (ctx.platform !== 'discord' && ctx.platform !== 'telegram') throw new UserError(m.notHere);
  if (!ctx.place) throw new UserError(m.noPlace);
  return { port, platform: ctx.platform, place: ctx.place, m };
}

/** `2026-01-01 09:00 UTC`: unambiguous for moderators in any zone. */
export function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One subscription as a line: tags (or every post), role, since when. */
export function describeSubscription(sub: Subscription, m: AnnounceMessages): string {
  const parts = [sub.tags.length ? sub.tags.map((t) => `#${t}`).join(' ') : m.allPosts];
  if (sub.mentionRoleId) parts.push(`@role ${sub.mentionRoleId}`);
  if (sub.crosspost) parts.push('publish');
  parts.push(m.since(formatInstant(sub.createdAt)));
  return parts.join(' · ');
}
