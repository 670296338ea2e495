/**
 * Discord's announcement policy: its rate limits, how a configured target reads, and what
 * /subscribe may offer. No discord.js here: configuration checks targets with it before any
 * platform starts. The announcer in `announce.ts` adds the send.
 */
import type { RateLimit } from '../../announce/limiter.ts';
import { MENTION_ROLE, type AnnouncePolicy, type TargetOptions, type TargetParse } from '../../announce/port.ts';

/** Discord's limits as the dispatcher applies them. */
export interface DiscordLimits {
  /** Every Discord request of the bot (Discord: 50 requests/s globally). */
  global: RateLimit;
  /** Messages to one channel (Discord's per-channel bucket: 5 per 5 s). */
  perChannel: RateLimit;
}

/** Documented limits; the global one paced with a 2 % margin (see docs/announcements.md). */
export const defaultDiscordLimits: DiscordLimits = {
  global: { limit: 50, windowMs: 1000, pacingMargin: 0.02 },
  perChannel: { limit: 5, windowMs: 5000 },
};

/**
 * One entry of ANNOUNCE_DISCORD_CHANNELS: a channel id, optionally `channelId/roleId` to mention a
 * role. `defaults` (say, `{ crosspost: true }`) go into every target's options.
 */
export function parseDiscordTarget(entry: string, defaults: TargetOptions = {}): TargetParse {
  const match = /^(\d{15,21})(?:\/(\d{15,21}))?$/.exec(entry);
  if (!match) return { problem: `"${entry}" is not a channel id (or channelId/roleId)` };
  const options: TargetOptions = { ...defaults, ...(match[2] ? { [MENTION_ROLE]: match[2] } : {}) };
  return { target: { platform: 'discord', id: match[1]!, ...(Object.keys(options).length ? { options } : {}) } };
}

/** Discord's policy, with limits overridden where given (tests, benchmarks). */
export function discordAnnouncePolicy(limits: Partial<DiscordLimits> = {}): AnnouncePolicy {
  const { global, perChannel } = { ...defaultDiscordLimits, ...limits };
  return {
    platform: 'discord',
    globalLimit: global,
    targetLimits: () => [perChannel],
    parseTarget: parseDiscordTarget,
    capabilities: { mentions: true, crosspost: true },
  };
}

