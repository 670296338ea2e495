/**
 * The announcement contracts: what a platform sender implements, what commands see
 * ({@link AnnouncementsPort}), and the one error type senders throw.
 * Nothing here imports a chat library.
 */
import type { Post } from '../posts/types.ts';

/** The platforms that can receive announcements. */
export type AnnouncePlatform = 'discord' | 'telegram';

/** UI language of an announcement (buttons, labels). */
export type AnnounceLocale = 'ko' | 'en';

/** Where one announcement goes. */
export interface AnnouncementTarget {
  platform: AnnouncePlatform;
  /**
   * Discord: channel id. Telegram: chat id or `@channelname`; a forum topic is `chatId:threadId`.
   */
  id: string;
  /** Discord only: the role mentioned in the announcement (the only mention ever allowed). */
  mentionRoleId?: string;
  /** Discord only: publish (crosspost) the message when the channel is an Announcement channel. */
  crosspost?: boolean;
  /** Only posts carrying one of these tags (normalized: case, spaces, hyphens); empty = all. */
  tags?: string[];
}

/** What a successful send returns. */
export interface SendResult {
  /** The platform's message id (Discord snowflake, Telegram message_id as a string). */
  messageId: string;
}

/** How a delivery failed, which decides what the outbox does next. */
export type DeliveryErrorKind =
  /** The platform said "slow down": wait `retryAfterMs`, then try again. */
  | 'rate-limited'
  /** 5xx, timeout, connection refused: try again later with backoff. */
  | 'transient'
  /** Missing permission, unknown channel, bot kicked: stop for this target, keep the error. */
  | 'permanent';

/** The one error a sender throws: the platform's error mapped to what the outbox should do. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: DeliveryErrorKind,
    message: string,
    readonly options: {
      /** For `rate-limited`: how long the platform asked to wait. */
      retryAfterMs?: number;
      /** For `rate-limited`: the limit is the bot's global one (slow down every target). */
      global?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get retryAfterMs(): number | undefined {
    return this.options.retryAfterMs;
  }
}

/** Options of one send. */
export interface SendOptions {
  /**
   * Stable per outbox row (≤25 chars): the same delivery retried after a crash carries the same
   * nonce. Discord dedupes on it (`enforce_nonce`); Telegram has no such key.
   */
  nonce: string;
  locale: AnnounceLocale;
}

/**
 * Sends one post to one target on one platform. Implementations live in
 * `src/platforms/<platform>/announce.ts`; they must not retry rate limits or errors themselves
 * beyond a single request (the outbox owns retries), and must throw only {@link DeliveryError}.
 */
export interface AnnouncementSender {
  platform: AnnouncePlatform;
  send(target: AnnouncementTarget, post: Post, options: SendOptions): Promise<SendResult>;
}

/** A channel's subscription, made by a moderator with `/subscribe`. */
export interface Subscription {
  platform: AnnouncePlatform;
  /** Channel id / chat id (forum topic: `chatId:threadId`). */
  place: string;
  /** Tag filter as typed; empty = every post. */
  tags: string[];
  mentionRoleId?: string;
  crosspost: boolean;
  createdAt: Date;
  /** Invoker id of the moderator who subscribed. */
  createdBy?: string;
}

/** One outbox row as `/status` shows it. */
export interface DeliveryView {
  postId: string;
  target: string;
  state: 'pending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  nextTryAt?: Date;
  lastError?: string;
}

/** A reindex's report in counts, as `/status` shows it. */
export interface ReindexSummary {
  at: Date;
  files: number;
  added: number;
  changed: number;
  removed: number;
  skipped: number;
  repaired: number;
  /** First few skipped files with reasons. */
  problems: string[];
}

/** What `/status` shows. */
export interface AnnouncementStatus {
  /** Posts the store knows (announced or recorded as baseline), removed ones included. */
  postsKnown: number;
  postsAnnounced: number;
  postsRemoved: number;
  /** The last successful reindex as recorded in the store (survives restarts). */
  lastReindex?: ReindexSummary;
  /** Static targets from the environment. */
  staticTargets: AnnouncementTarget[];
  subscriptions: Subscription[];
  deliveries: { pending: number; sent: number; failed: number; cancelled: number };
  /** Oldest pending deliveries (at most 10). */
  pending: DeliveryView[];
  /** Latest failed deliveries with their errors (at most 10). */
  failed: DeliveryView[];
  /** When the next future-dated post becomes published, if any. */
  nextPublicationAt?: Date;
}

/**
 * What commands use (`ctx.announcements`): subscriptions of the place where the command runs,
 * and the status. Absent when announcements are not enabled.
 */
export interface AnnouncementsPort {
  /** Subscribes a place (or changes its tags/role). Starts from now: no earlier post is sent. */
  subscribe(
    platform: AnnouncePlatform,
    place: string,
    tags: string[],
    options?: { mentionRoleId?: string; crosspost?: boolean; by?: string },
  ): Subscription;
  /** Removes a place's subscription; false when it had none. Pending deliveries there are cancelled. */
  unsubscribe(platform: AnnouncePlatform, place: string): boolean;
  /** Subscriptions of a platform, or of one place. */
  list(platform: AnnouncePlatform, place?: string): Subscription[];
  status(): AnnouncementStatus;
}

