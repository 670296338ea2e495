/**
 * Fairness under load: who runs now, who waits, who is told to slow down.
 *
 * Platforms hand every command or message to one {@link FairScheduler}. Within a chat, work runs
 * concurrently up to a small bound, but one member's own work stays in the order it came (a
 * member's second command never overtakes the first). A member who sends faster than their
 * token bucket allows is told once and then dropped quietly until the bucket refills; when the
 * whole bot has too much in flight, new work is shed with a "busy" answer instead of growing a
 * queue nobody will wait for.
 *
 * This is policy, so it lives in the core; adapters only render what {@link Admission} says.
 */

/** Limits of a {@link FairScheduler}; every field has a default. */
export interface FairnessOptions {
  /** Tasks of one chat running at once (different members). Default 4. */
  perChatConcurrency?: number;
  /** Commands a member may send in a burst. Default 6. */
  memberBurst?: number;
  /** Tokens a member regains per second. Default 0.5 (one command every 2 s, sustained). */
  memberRefillPerSecond?: number;
  /** Tasks queued or running in the whole bot before new ones are shed. Default 64. */
  maxInFlight?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

/** Whose work a task is: the chat (or channel, DM) and the member in it. */
export interface WorkKey {
  /** Platform-qualified place, e.g. `telegram:-100123`. */
  chat: string;
  /** Platform-qualified member, e.g. `telegram:42`. */
  member: string;
}

/**
 * What happened to a task handed to {@link FairScheduler.submit}:
 * - `accepted`: it runs now or after the member's earlier work; `done` settles when it has run;
 * - `limited`: the member is over their rate; `notify` is true the first time in a row, so the
 *   adapter answers once with a polite note and stays silent afterwards;
 * - `busy`: the bot is at its in-flight cap; answer with a short "busy" note.
 */
export type Admission = { kind: 'accepted'; done: Promise<void> } | { kind: 'limited'; notify: boolean } | { kind: 'busy' };

interface Bucket {
  tokens: number;
  at: number;
  /** The member was already told they are over the limit, since the last accepted task. */
  told: boolean;
}

interface Pending {
  member: string;
  task: () => Promise<void>;
  settle: () => void;
}

interface ChatQueue {
  pending: Pending[];
  running: Set<string>;
}

/** Bucket entries kept before full (idle) buckets are swept. */
const BUCKET_SWEEP_AT = 10_000;

/** The scheduler; see the module comment. */
export class FairScheduler {
  readonly #perChat: number;
  readonly #burst: number;
  readonly #refill: number;
  readonly #maxInFlight: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  readonly #chats = new Map<string, ChatQueue>();
  #inFlight = 0;

  constructor(options: FairnessOptions = {}) {
    this.#perChat = Math.max(1, options.perChatConcurrency ?? 4);
    this.#burst = Math.max(1, options.memberBurst ?? 6);
    this.#refill = Math.max(0, options.memberRefillPerSecond ?? 0.5);
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 64);
    this.#now = options.now ?? Date.now;
  }

  /** Tasks queued or running now, in the whole bot. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Admits, queues or refuses `task`; never throws, and a task's own failure is its own business. */
  submit(key: WorkKey, task: () => Promise<void>): Admission {
    if (!this.#take(key.member)) {
      const bucket = this.#buckets.get(key.member)!;
      const notify = !bucket.told;
      bucket.told = true;
      return { kind: 'limited', notify };
    }
    if (this.#inFlight >= this.#maxInFlight) return { kind: 'busy' };
    this.#inFlight++;
    const chat = this.#chat(key.chat);
    const done = new Promise<void>((settle) => chat.pending.push({ member: key.member, task, settle }));
    this.#pump(key.chat, chat);
    return { kind: 'accepted', done };
  }

  /** Takes one token from the member's bucket, refilled for the time since its last use. */
  #take(member: string): boolean {
    const now = this.#now();
    let bucket = this.#buckets.get(member);
    if (!bucket) {
      if (this.#buckets.size >= BUCKET_SWEEP_AT) this.#sweep(now);
      bucket = { tokens: this.#burst, at: now, told: false };
      this.#buckets.set(member, bucket);
    }
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#refill);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    bucket.told = false;
    return true;
  }

  /** Forgets members whose bucket has refilled: they are indistinguishable from new ones. */
  #sweep(now: number): void {
    for (const [member, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.#refill >= this.#burst) this.#buckets.delete(member);
    }
  }

  #chat(id: string): ChatQueue {
    let chat = this.#chats.get(id);
    if (!chat) {
      chat = { pending: [], running: new Set() };
      this.#chats.set(id, chat);
    }
    return chat;
  }

  /** Starts, oldest first, every pending task whose member is idle, up to the chat's bound. */
  #pump(id: string, chat: ChatQueue): void {
    for (let i = 0; i < chat.pending.length && chat.running.size < this.#perChat; ) {
      const next = chat.pending[i]!;
      if (chat.running.has(next.member)) {
        i++;
        continue;
      }
      chat.pending.splice(i, 1);
      chat.running.add(next.member);
      void this.#run(id, chat, next);
    }
    if (chat.pending.length === 0 && chat.running.size === 0) this.#chats.delete(id);
  }

  async #run(id: string, chat: ChatQueue, item: Pending): Promise<void> {
    try {
      await item.task();
    } catch {
      // The task's own error boundary reports it; the queue must go on regardless.
    } finally {
      chat.running.delete(item.member);
      this.#inFlight--;
      item.settle();
      this.#pump(id, chat);
    }
  }
}
