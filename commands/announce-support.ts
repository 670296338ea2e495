/**
 * What /subscribe, /unsubscribe, /subscriptions and /status share: the announcements service,
 * the platform and the place, and how instants and subscriptions read. Command support, so it
 * lives with the commands: the announcements feature itself knows nothing of commands.
 */
import { UserError } from '../src/bot/errors.ts';
import { ANNOUNCE_MESSAGES, type AnnounceMessages } from '../src/i18n/announce.ts';
import { mentionedRole, wantsCrosspost, type AnnouncementsPort, type AnnouncePlatform, type AnnouncerCapabilities, type Subscription } from '../src/announce/port.ts';
import type { ServiceContext } from './services.ts';

export interface SubscriptionPlace {
  port: AnnouncementsPort;
  platform: AnnouncePlatform;
  place: string;
  /** What /subscribe may offer here, as the platform's announcer declares it. */
  capabilities: AnnouncerCapabilities;
  m: AnnounceMessages;
}

/**
 * The announcements port and the channel the command ran in; a UserError when either is missing
 * or when no announcer serves the command's platform (the console, say).
 */
export function subscriptionPlace(ctx: ServiceContext): SubscriptionPlace {
  const m = ANNOUNCE_MESSAGES[ctx.locale];
  const port = ctx.services.announcements;
  if (!port) throw new UserError(m.notEnabled);
  const capabilities = port.capabilities(ctx.platform);
  if (!capabilities) throw new UserError(m.notHere);
  if (!ctx.place) throw new UserError(m.noPlace);
  return { port, platform: ctx.platform, place: ctx.place, capabilities, m };
}

/** `2026-01-01 09:00 UTC`: unambiguous for moderators in any zone. */
export function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** One subscription as a line: tags (or every post), role, since when. */
export function describeSubscription(sub: Subscription, m: AnnounceMessages): string {
  const parts = [sub.tags.length ? sub.tags.map((t) => `#${t}`).join(' ') : m.allPosts];
  const role = mentionedRole(sub.options);
  if (role) parts.push(`@role ${role}`);
  if (wantsCrosspost(sub.options)) parts.push('publish');
  parts.push(m.since(formatInstant(sub.createdAt)));
  return parts.join(' · ');
}
