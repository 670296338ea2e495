/**
 * The announcement contracts: what a platform's announcer declares and implements
 * ({@link Announcer}), what commands see ({@link AnnouncementsPort}), and the one error type
 * announcers throw. Nothing here imports a chat library or names a platform: the dispatcher,
 * detection and the port are built from the announcers they are given.
 */
import type { Post } from '../posts/types.ts';
import type { AnnouncementTarget, Subscription, TargetOptions } from '../state/records.ts';
import type { RateLimit } from './limiter.ts';

export type { AnnouncementTarget, Subscription, TargetOptions } from '../state/records.ts';

/** A platform's name as its announcer declares it (`discord`, `telegram`, ...). Open: a new platform brings its own. */
export type AnnouncePlatform = string;

/** UI language of an announcement (buttons, labels). */
export type AnnounceLocale = 'ko' | 'en';

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

/** The one error an announcer throws: the platform's error mapped to what the outbox should do. */
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

/** A configured target entry read by its platform: the target, or why the entry is not one. */
export type TargetParse = { target: AnnouncementTarget } | { problem: string };

/**
 * What /subscribe may offer on a platform. Each capability is one target option the platform's
 * announcer reads: `mentions` → {@link MENTION_ROLE}, `crosspost` → {@link CROSSPOST}.
 */
export interface AnnouncerCapabilities {
  /** Announcements can mention a role (the only mention ever allowed). */
  mentions: boolean;
  /** Announcements can be published (crossposted) from an announcement channel. */
  crosspost: boolean;
}

/** Target option of the `mentions` capability: the id of the role to mention. */
export const MENTION_ROLE = 'mentionRoleId';
/** Target option of the `crosspost` capability: `true` to publish the message. */
export const CROSSPOST = 'crosspost';

/** The role a target's options ask to mention, if any. */
export function mentionedRole(options: TargetOptions | undefined): string | undefined {
  const role = options?.[MENTION_ROLE];
  return typeof role === 'string' && role ? role : undefined;
}

/** Whether a target's options ask to publish (crosspost) the message. */
export function wantsCrosspost(options: TargetOptions | undefined): boolean {
  return options?.[CROSSPOST] === true;
}

/**
 * A platform's announcement policy: everything the dispatcher, detection and configuration need
 * to know about it, and nothing that needs its chat library (so configuration can check targets
 * without loading discord.js or grammY).
 */
export interface AnnouncePolicy {
  /** The platform's name; targets and subscriptions carry it. */
  readonly platform: AnnouncePlatform;
  /** Every send of the bot on this platform, all targets together. */
  readonly globalLimit: RateLimit;
  /** One target's own limits, applied before the global one (they only ever delay that target). */
  targetLimits(target: AnnouncementTarget): readonly RateLimit[];
  /**
   * Reads one configured entry (an item of the platform's ANNOUNCE_* list) as a target; never
   * throws. `defaults` are options every configured target of this platform gets.
   */
  parseTarget(entry: string, defaults?: TargetOptions): TargetParse;
  readonly capabilities: AnnouncerCapabilities;
}

/**
 * A platform's announcer: its policy, and sending one post to one target. Implementations live
 * in `src/platforms/<platform>/announce.ts`; `send` must not retry rate limits or errors itself
 * beyond a single request (the outbox owns retries), and must throw only {@link DeliveryError}.
 */
export interface Announcer extends AnnouncePolicy {
  send(target: AnnouncementTarget, post: Post, options: SendOptions): Promise<SendResult>;
}

/** What /subscribe asks for besides tags; each needs the platform's matching capability. */
export interface SubscribeOptions {
  /** Needs `mentions`. */
  mentionRoleId?: string;
  /** Needs `crosspost`. */
  crosspost?: boolean;
  /** Invoker id of the moderator. */
  by?: string;
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
  /** What /subscribe may offer on a platform; undefined when no announcer serves it. */
  capabilities(platform: AnnouncePlatform): AnnouncerCapabilities | undefined;
  /**
   * Subscribes a place (or changes its tags/options). Starts from now: no earlier post is sent.
   * Options the platform has no capability for are dropped.
   */
  subscribe(platform: AnnouncePlatform, place: string, tags: string[], options?: SubscribeOptions): Subscription;
  /** Removes a place's subscription; false when it had none. Pending deliveries there are cancelled. */
  unsubscribe(platform: AnnouncePlatform, place: string): boolean;
  /** Subscriptions of a platform, or of one place. */
  list(platform: AnnouncePlatform, place?: string): Subscription[];
  status(): AnnouncementStatus;
}

