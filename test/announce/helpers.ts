/** Small doubles for announcement tests: posts, a library, an engine, a scripted announcer, a logger. */
import type { Logger } from '../../src/util/logger.ts';
import type { Post, LoadReport } from '../../src/posts/types.ts';
import type { PublicationView } from '../../src/announce/detect.ts';
import type { AnnouncerCatalog, CatalogSource } from '../../src/announce/start.ts';
import type { AnnouncePolicy, Announcer, AnnouncementTarget, AnnouncePlatform, SendOptions, SendResult } from '../../src/announce/port.ts';
import { discordAnnouncePolicy } from '../../src/platforms/discord/announce-policy.ts';
import { telegramAnnouncePolicy } from '../../src/platforms/telegram/announce-policy.ts';

export function makePost(id: string, options: { date?: string | Date; published?: boolean; tags?: string[]; title?: string } = {}): Post {
  const date = options.date ? new Date(options.date) : new Date('2025-12-01T00:00:00Z');
  return {
    id,
    file: `_posts/${date.toISOString().slice(0, 10)}-${id}.md`,
    title: options.title ?? `Post ${id}`,
    date,
    dateIso: date.toISOString().replace('.000Z', '+00:00'),
    url: `https://blog.example/posts/${id}/`,
    tags: options.tags ?? ['AI'],
    categories: [],
    summary: [`summary of ${id}`],
    sections: [],
    text: `body of ${id}`,
    published: options.published ?? true,
    warnings: [],
    contentHash: `hash-${id}`,
  };
}

/** Jekyll's rule: published unless `published: false` or dated in the future. */
export class FakeLibrary implements PublicationView {
  constructor(readonly posts: readonly Post[]) {}
  all(): readonly Post[] {
    return this.posts;
  }
  isPublished(post: Post, now: Date): boolean {
    return post.published && post.date.getTime() <= now.getTime();
  }
  nextPublicationAt(now: Date): Date | undefined {
    const future = this.posts.filter((p) => p.published && p.date.getTime() > now.getTime()).map((p) => p.date.getTime());
    return future.length ? new Date(Math.min(...future)) : undefined;
  }
}

const emptyReport = (files: number): LoadReport => ({ added: [], changed: [], removed: [], skipped: [], warnings: [], repaired: [], files, ms: 1 });

/** An engine whose "reindex" serves whatever posts the test set last. */
export class FakeEngine implements CatalogSource {
  #catalog: AnnouncerCatalog | undefined;
  #listeners: ((c: AnnouncerCatalog) => void)[] = [];
  #posts: Post[] = [];
  reindexCount = 0;

  constructor(posts?: Post[]) {
    if (posts) {
      this.#posts = posts;
      this.#catalog = { library: new FakeLibrary(posts), report: emptyReport(posts.length), loadedAt: new Date() };
    }
  }
  get ready(): boolean {
    return this.#catalog !== undefined;
  }
  get catalog(): AnnouncerCatalog {
    if (!this.#catalog) throw new Error('not loaded');
    return this.#catalog;
  }
  onCatalog(listener: (c: AnnouncerCatalog) => void): () => void {
    this.#listeners.push(listener);
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }
  /** Sets the blog's posts (what the next reindex reads). */
  setPosts(posts: Post[]): void {
    this.#posts = posts;
  }
  async reindex(): Promise<void> {
    this.reindexCount++;
    this.#catalog = { library: new FakeLibrary(this.#posts), report: emptyReport(this.#posts.length), loadedAt: new Date() };
    for (const l of this.#listeners) l(this.#catalog);
  }
  /** setPosts + reindex. */
  async publish(posts: Post[]): Promise<void> {
    this.setPosts(posts);
    await this.reindex();
  }
}

export interface SentMessage {
  target: string;
  postId: string;
  nonce: string;
  at: number;
}

/** What a scripted send does: resolve, throw, or hang until released. */
export type SendScript = (target: AnnouncementTarget, post: Post, attempt: number) => SendResult | Promise<SendResult> | Error;

/** A policy without limits to speak of, for platforms the tests make up. */
export function looseTestPolicy(platform: AnnouncePlatform): AnnouncePolicy {
  return {
    platform,
    globalLimit: { limit: 1000, windowMs: 1000 },
    targetLimits: () => [],
    parseTarget: (entry, defaults) => ({ target: { platform, id: entry, ...(defaults ? { options: defaults } : {}) } }),
    capabilities: { mentions: false, crosspost: false },
  };
}

/** The real policy of `discord` and `telegram` (their limits shape delivery timing), a loose one otherwise. */
function policyOf(platform: AnnouncePlatform): AnnouncePolicy {
  if (platform === 'discord') return discordAnnouncePolicy();
  if (platform === 'telegram') return telegramAnnouncePolicy();
  return looseTestPolicy(platform);
}

/** An announcer with a platform's policy that records every attempt and does what the script says. */
export class ScriptedSender implements Announcer {
  readonly sent: SentMessage[] = [];
  readonly attempts: SentMessage[] = [];
  readonly globalLimit: AnnouncePolicy['globalLimit'];
  readonly targetLimits: AnnouncePolicy['targetLimits'];
  readonly parseTarget: AnnouncePolicy['parseTarget'];
  readonly capabilities: AnnouncePolicy['capabilities'];
  #count = new Map<string, number>();
  #next = 1;

  constructor(
    readonly platform: AnnouncePlatform,
    private readonly now: () => number,
    public script: SendScript = () => ({ messageId: '' }),
    policy: AnnouncePolicy = policyOf(platform),
  ) {
    this.globalLimit = policy.globalLimit;
    this.targetLimits = policy.targetLimits;
    this.parseTarget = policy.parseTarget;
    this.capabilities = policy.capabilities;
  }

  async send(target: AnnouncementTarget, post: Post, options: SendOptions): Promise<SendResult> {
    const key = `${target.platform}:${target.id}|${post.id}`;
    const attempt = (this.#count.get(key) ?? 0) + 1;
    this.#count.set(key, attempt);
    const record = { target: `${target.platform}:${target.id}`, postId: post.id, nonce: options.nonce, at: this.now() };
    this.attempts.push(record);
    const outcome = await this.script(target, post, attempt);
    if (outcome instanceof Error) throw outcome;
    this.sent.push(record);
    return { messageId: outcome.messageId || `m${this.#next++}` };
  }

  /** Posts delivered to a target, in order. */
  to(target: string): string[] {
    return this.sent.filter((s) => s.target === target).map((s) => s.postId);
  }
}

export interface LogLine {
  level: string;
  msg: string;
  data?: Record<string, unknown>;
}

export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => void lines.push({ level, msg, data });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
