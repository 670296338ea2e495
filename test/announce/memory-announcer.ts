/**
 * A third announcing platform, defined by the tests: "memory" keeps its rooms' messages in an
 * array. It is the whole of what a new platform adds for announcements: a policy (limits, how a
 * configured target reads, capabilities) and a send that throws only `DeliveryError`. The
 * dispatcher, detection, the store and the port were not changed to serve it.
 */
import type { RateLimit } from '../../src/announce/limiter.ts';
import {
  DeliveryError,
  mentionedRole,
  type AnnouncePolicy,
  type Announcer,
  type AnnouncementTarget,
  type DeliveryErrorKind,
  type SendOptions,
  type TargetOptions,
  type TargetParse,
} from '../../src/announce/port.ts';
import type { Post } from '../../src/posts/types.ts';

/** One message a room received. */
export interface MemoryMessage {
  room: string;
  messageId: string;
  nonce: string;
  /** Title, URL and summary, plus `@role` when the target mentions one. */
  text: string;
}

export interface MemoryAnnouncerOptions {
  /** Default 100 sends per second, all rooms together. */
  globalLimit?: RateLimit;
  /** Default 2 sends per second in one room. */
  perRoom?: RateLimit;
}

export interface MemoryAnnouncer extends Announcer {
  /** Every message delivered, oldest first. */
  readonly inbox: MemoryMessage[];
  /** Every send asked of the platform, failed ones included. */
  requests: number;
  /** The next send fails this way (once per call). */
  failNext(kind: DeliveryErrorKind, retryAfterMs?: number): void;
}

/** `#room-name`: a lowercase name of 2–32 letters, digits and hyphens. */
function parseRoom(entry: string, defaults: TargetOptions = {}): TargetParse {
  const match = /^#([a-z][a-z0-9-]{1,31})$/.exec(entry);
  if (!match) return { problem: `"${entry}" is not a room (#name)` };
  return { target: { platform: 'memory', id: match[1]!, ...(Object.keys(defaults).length ? { options: defaults } : {}) } };
}

export function memoryPolicy(options: MemoryAnnouncerOptions = {}): AnnouncePolicy {
  const perRoom = options.perRoom ?? { limit: 2, windowMs: 1000 };
  return {
    platform: 'memory',
    globalLimit: options.globalLimit ?? { limit: 100, windowMs: 1000 },
    targetLimits: () => [perRoom],
    parseTarget: parseRoom,
    // It can mention a role (as text) but has nothing like Discord's crosspost.
    capabilities: { mentions: true, crosspost: false },
  };
}

export function memoryAnnouncer(options: MemoryAnnouncerOptions = {}): MemoryAnnouncer {
  const failures: DeliveryError[] = [];
  const byNonce = new Map<string, MemoryMessage>();
  const announcer: MemoryAnnouncer = {
    ...memoryPolicy(options),
    inbox: [],
    requests: 0,
    failNext(kind, retryAfterMs) {
      failures.push(new DeliveryError(kind, `memory: injected ${kind}`, kind === 'rate-limited' ? { retryAfterMs: retryAfterMs ?? 1000 } : {}));
    },
    async send(target: AnnouncementTarget, post: Post, send: SendOptions) {
      announcer.requests++;
      const failure = failures.shift();
      if (failure) throw failure;
      // Like Discord's enforce_nonce: the same delivery sent again is the same message.
      const known = byNonce.get(send.nonce);
      if (known) return { messageId: known.messageId };
      const role = mentionedRole(target.options);
      const text = [post.title, post.url, ...post.summary, ...(role ? [`@${role}`] : [])].join('\n');
      const message = { room: target.id, messageId: `mem-${announcer.inbox.length + 1}`, nonce: send.nonce, text };
      announcer.inbox.push(message);
      byNonce.set(send.nonce, message);
      return { messageId: message.messageId };
    },
  };
  return announcer;
}
