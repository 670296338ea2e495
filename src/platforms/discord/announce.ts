/**
 * The Discord announcer: Discord's policy (announce-policy.ts) and its send, one `POST /channels/{id}/messages` per delivery, with the
 * outbox row's nonce and `enforce_nonce`, so a resend after a crash returns the message already
 * posted instead of posting it twice.
 *
 * It uses its own REST instance (same API base and token as the bot's client) configured to
 * throw on rate limits and never retry: @discordjs/rest would otherwise wait out every 429 and
 * retry 5xx by itself, hiding them from the outbox, which owns retries, backoff and the decision
 * to give up. The outbox's own limiter keeps announcements within 50 requests/s.
 */
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes, type APIMessage, type Client } from 'discord.js';
import type { Logger } from '../../util/logger.ts';
import type { Post } from '../../posts/types.ts';
import { announcementReply } from '../../announce/reply.ts';
import {
  DeliveryError,
  mentionedRole,
  wantsCrosspost,
  type Announcer,
  type AnnouncementTarget,
  type SendOptions,
  type SendResult,
} from '../../announce/port.ts';
import { discordAnnouncePolicy, type DiscordLimits } from './announce-policy.ts';
import { renderReply } from './render.ts';

export interface DiscordAnnouncerOptions {
  /** Logs crossposts that did not happen (the message itself was delivered). */
  log?: Logger;
  /** Per-request timeout (ms). Default 15 s. */
  timeoutMs?: number;
  /** Overrides of Discord's rate limits (tests, benchmarks). */
  limits?: Partial<DiscordLimits>;
}

/** Discord error codes that no retry can fix for this channel. */
const PERMANENT_CODES = new Set([
  10003, // Unknown Channel
  50001, // Missing Access
  50013, // Missing Permissions
  50007, // Cannot send messages to this user
  50035, // Invalid Form Body (the message itself is wrong)
]);

/** Maps what @discordjs/rest threw to what the outbox should do. */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError('rate-limited', `429 rate limited on ${error.route} (${error.scope})`, {
      retryAfterMs: Math.max(error.retryAfter, error.timeToReset, 0),
      global: error.global,
      cause: error,
    });
  }
  if (error instanceof DiscordAPIError) {
    const what = `${error.status} ${error.message} (${error.code})`;
    if (error.status >= 500) return new DeliveryError('transient', what, { cause: error });
    // 401 is the bot's token, not this channel: retried (bounded) while someone fixes it.
    if (error.status === 401) return new DeliveryError('transient', what, { cause: error });
    if (error.status === 403 || error.status === 404 || PERMANENT_CODES.has(Number(error.code))) {
      return new DeliveryError('permanent', what, { cause: error });
    }
    return new DeliveryError('permanent', what, { cause: error });
  }
  if (error instanceof HTTPError) return new DeliveryError('transient', `${error.status} ${error.message}`, { cause: error });
  // Timeouts (AbortError), refused or reset connections.
  return new DeliveryError('transient', error instanceof Error ? `${error.name}: ${error.message}` : String(error), { cause: error });
}

/** The message body an announcement posts: embed and link buttons, the role mention if any, the nonce. */
export function announcementBody(target: AnnouncementTarget, post: Post, options: SendOptions): Record<string, unknown> {
  const rendered = renderReply(announcementReply(post, options.locale), {
    // Announcements carry only link buttons; an action would need a live interaction anyway.
    encodeAction: () => '',
  });
  const role = mentionedRole(target.options);
  return {
    ...(role ? { content: `<@&${role}>` } : {}),
    embeds: rendered.embeds,
    components: rendered.components,
    // The subscription's role is the only mention ever allowed: nothing in post text can ping.
    allowed_mentions: { parse: [], roles: role ? [role] : [] },
    nonce: options.nonce,
    enforce_nonce: true,
  };
}

/**
 * Builds the announcer from the bot's logged-in discord.js client.
 *
 * @example
 * const discord = await startDiscord({ ... });
 * const announcer = discordAnnouncer(discord.client, { log });
 */
export function discordAnnouncer(client: Client, options: DiscordAnnouncerOptions = {}): Announcer {
  const rest = new REST({
    ...client.rest.options,
    rejectOnRateLimit: () => true,
    retries: 0,
    timeout: options.timeoutMs ?? 15_000,
  });
  let tokenSet = false;

  return {
    ...discordAnnouncePolicy(options.limits),
    async send(target: AnnouncementTarget, post: Post, sendOptions: SendOptions): Promise<SendResult> {
      if (!tokenSet) {
        if (!client.token) throw new DeliveryError('transient', 'the Discord client is not logged in yet');
        rest.setToken(client.token);
        tokenSet = true;
      }
      let message: APIMessage;
      try {
        message = (await rest.post(Routes.channelMessages(target.id), { body: announcementBody(target, post, sendOptions) })) as APIMessage;
      } catch (error) {
        throw toDeliveryError(error);
      }
      if (wantsCrosspost(target.options)) {
        // Publishing is a bonus: the message is delivered either way. A resend after a crash
        // gets "already crossposted" (40033), and a plain text channel refuses it; both are fine.
        try {
          await rest.post(Routes.channelMessageCrosspost(target.id, message.id));
        } catch (error) {
          options.log?.warn('announcements: crosspost did not happen', { channel: target.id, message: message.id, error: toDeliveryError(error).message });
        }
      }
      return { messageId: message.id };
    },
  };
}
