/**
 * What the state database keeps about announcements, as plain data. These types live here, below
 * `announce`, so the store never imports the feature that uses it; `src/announce/port.ts`
 * re-exports them.
 */

/**
 * A target's platform extras (a role to mention, publish in an announcement channel, ...), kept
 * as one JSON object. Neutral code passes them through; only the platform's announcer reads them.
 */
export type TargetOptions = Readonly<Record<string, string | number | boolean>>;

/** Where one announcement goes. */
export interface AnnouncementTarget {
  /** The platform's name, as its announcer declares it (`discord`, `telegram`, ...). */
  platform: string;
  /**
   * The place on that platform, as its announcer reads it (Discord: channel id; Telegram: chat id,
   * `@channelname`, or `chatId:threadId` for a forum topic).
   */
  id: string;
  /** Platform extras; absent when there are none. */
  options?: TargetOptions;
  /** Only posts carrying one of these tags (normalized: case, spaces, hyphens); empty = all. */
  tags?: string[];
}

/** A channel's subscription, made by a moderator with `/subscribe`. */
export interface Subscription {
  platform: string;
  /** Channel id / chat id (forum topic: `chatId:threadId`). */
  place: string;
  /** Tag filter as typed; empty = every post. */
  tags: string[];
  /** Platform extras the subscription asked for (`{}` when none). */
  options: TargetOptions;
  createdAt: Date;
  /** Invoker id of the moderator who subscribed. */
  createdBy?: string;
}
