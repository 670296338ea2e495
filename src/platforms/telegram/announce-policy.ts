/**
 * Telegram's announcement policy: its rate limits (a chat, a group, the bot overall), how a
 * configured target reads, and what /subscribe may offer. No grammY here: configuration checks
 * targets with it before any platform starts. The announcer in `announce.ts` adds the send.
 */
import type { RateLimit } from '../../announce/limiter.ts';
import type { AnnouncePolicy, AnnouncementTarget, TargetOptions, TargetParse } from '../../announce/port.ts';

/** Telegram's limits as the dispatcher applies them. */
export interface TelegramLimits {
  /** Every Telegram message of the bot (Telegram: about 30 messages/s). */
  global: RateLimit;
  /** Messages to one chat (about 1 message/s). */
  perChat: RateLimit;
  /** Messages to one group or channel (about 20 messages/min), on top of the chat's own. */
  perGroup: RateLimit;
}

/** Observed limits; the global one paced with a 5 % margin (see docs/announcements.md). */
export const defaultTelegramLimits: TelegramLimits = {
  global: { limit: 30, windowMs: 1000, pacingMargin: 0.05 },
  perChat: { limit: 1, windowMs: 1000 },
  perGroup: { limit: 20, windowMs: 60_000 },
};

/** Telegram groups, supergroups and channels have negative ids or are addressed by @name. */
export function isTelegramGroup(chatId: string): boolean {
  return chatId.startsWith('-') || chatId.startsWith('@');
}

/**
 * One entry of ANNOUNCE_TELEGRAM_CHATS: a chat id, `@channelname`, or `chatId:threadId` for a
 * forum topic. `defaults` go into the target's options.
 */
export function parseTelegramTarget(entry: string, defaults: TargetOptions = {}): TargetParse {
  if (!/^(-?\d+|@[A-Za-z][A-Za-z0-9_]{3,31})(:\d+)?$/.test(entry)) {
    return { problem: `"${entry}" is not a chat id, @channelname or chatId:threadId` };
  }
  return { target: { platform: 'telegram', id: entry, ...(Object.keys(defaults).length ? { options: defaults } : {}) } };
}

/** Telegram's policy, with limits overridden where given (tests, benchmarks). */
export function telegramAnnouncePolicy(limits: Partial<TelegramLimits> = {}): AnnouncePolicy {
  const { global, perChat, perGroup } = { ...defaultTelegramLimits, ...limits };
  return {
    platform: 'telegram',
    globalLimit: global,
    targetLimits: (target: AnnouncementTarget) => (isTelegramGroup(target.id) ? [perChat, perGroup] : [perChat]),
    parseTarget: parseTelegramTarget,
    capabilities: { mentions: false, crosspost: false },
  };
}
