/**
 * Conversation memory: what the bot showed in each of its messages, so that a reply to one of
 * them ("원문 링크", "다른 글은?") knows what it refers to.
 *
 * A conversation is a chain of bot messages: a reply to any of them continues it (Telegram: the
 * reply chain; Discord: the reply chain, or the thread). Memory is bounded three ways: turns per
 * conversation, age (a turn older than `maxAgeMs` is forgotten), and conversations in all (the
 * least recently used go first). It holds post ids, the topic and range asked about, and what
 * kind of message was shown; never the member's name, and the question text only as long as
 * the conversation lives.
 *
 * {@link InMemoryConversationStore} is the implementation for now; a SQLite one can implement
 * the same interface (state is another module's business, and this one stays free of I/O).
 */
import type { DateRange } from './time.ts';

/** What the bot showed in one message. */
export type Shown = 'card' | 'answer' | 'list';

/** One bot message of a conversation. */
export interface Turn {
  /** Milliseconds since the epoch when the bot sent it. */
  at: number;
  shown: Shown;
  /** Posts shown, the main one first (the card's post, the answer's first source, the list in order). */
  postIds: string[];
  /** The topic the member asked about (search text), for "다른 글은?" and a question without its own topic. */
  topic: string;
  /** The member's question, when the turn is an answer (kept only as long as the conversation). */
  question?: string;
  range?: DateRange;
  /** For lists: the page shown (1-based). */
  page?: number;
}

/** One conversation: its id and its turns, oldest first. */
export interface Conversation {
  id: string;
  turns: Turn[];
}

/**
 * Where conversations live. Message keys are platform-qualified ids of the bot's messages
 * (`telegram:<chat>:<message>`, `discord:<channel>:<message>`); a conversation id is chosen by
 * the adapter (the first message key of the chain, or a Discord thread).
 */
export interface ConversationStore {
  /**
   * The conversation the bot message `messageKey` belongs to, if still remembered, up to and
   * including that message's turn: a reply to an older message of the chain refers to what that
   * message showed, not to what the bot said after it.
   */
  find(messageKey: string): Conversation | undefined;
  /** The conversation `id`, if still remembered. */
  get(id: string): Conversation | undefined;
  /** Records that the bot sent `messageKey` in conversation `id`, showing `turn`. */
  record(id: string, messageKey: string, turn: Turn): void;
}

/** Bounds of an {@link InMemoryConversationStore}; every field has a default. */
export interface MemoryLimits {
  /** Turns kept per conversation (oldest dropped). Default 8. */
  maxTurns?: number;
  /** A turn older than this is forgotten. Default 24 hours. */
  maxAgeMs?: number;
  /** Conversations kept in all (least recently used dropped). Default 2000. */
  maxConversations?: number;
  /** Milliseconds clock (tests). */
  now?: () => number;
}

interface Entry {
  conversation: Conversation;
  messageKeys: string[];
}

/** Conversations in a Map, bounded by turns, age and count; lost on restart. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, Entry>();
  /** Message key → its conversation and the turn it showed. */
  private readonly byMessage = new Map<string, { id: string; turn: Turn }>();
  private readonly maxTurns: number;
  private readonly maxAgeMs: number;
  private readonly maxConversations: number;
  private readonly now: () => number;

  constructor(limits: MemoryLimits = {}) {
    this.maxTurns = limits.maxTurns ?? 8;
    this.maxAgeMs = limits.maxAgeMs ?? 24 * 60 * 60 * 1000;
    this.maxConversations = limits.maxConversations ?? 2000;
    this.now = limits.now ?? Date.now;
  }

  find(messageKey: string): Conversation | undefined {
    const known = this.byMessage.get(messageKey);
    const conversation = known && this.get(known.id);
    if (!known || !conversation) return undefined;
    const position = conversation.turns.indexOf(known.turn);
    return position < 0 ? undefined : { id: known.id, turns: conversation.turns.slice(0, position + 1) };
  }

  get(id: string): Conversation | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const oldest = this.now() - this.maxAgeMs;
    entry.conversation.turns = entry.conversation.turns.filter((turn) => turn.at >= oldest);
    if (entry.conversation.turns.length === 0) {
      this.forget(id);
      return undefined;
    }
    return { id, turns: [...entry.conversation.turns] };
  }

  record(id: string, messageKey: string, turn: Turn): void {
    const entry = this.entries.get(id) ?? { conversation: { id, turns: [] }, messageKeys: [] };
    this.entries.delete(id); // re-inserted last: Map order is the least-recently-used order
    entry.conversation.turns = [...entry.conversation.turns, turn].slice(-this.maxTurns);
    // A key per turn is enough: a reply to a message whose turn was dropped starts afresh.
    const keys = [...entry.messageKeys, messageKey];
    for (const dropped of keys.splice(0, Math.max(0, keys.length - this.maxTurns))) {
      if (this.byMessage.get(dropped)?.id === id) this.byMessage.delete(dropped);
    }
    entry.messageKeys = keys;
    this.entries.set(id, entry);
    this.byMessage.set(messageKey, { id, turn });
    while (this.entries.size > this.maxConversations) {
      const oldest = this.entries.keys().next().value as string;
      this.forget(oldest);
    }
  }

  /** Conversations held (tests, /status). */
  get size(): number {
    return this.entries.size;
  }

  private forget(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    for (const key of entry.messageKeys) if (this.byMessage.get(key)?.id === id) this.byMessage.delete(key);
    this.entries.delete(id);
  }
}
