/**
 * Conversation memory and the question log in the state database, so follow-ups and moderators'
 * `/questions` survive a restart. Same contracts and bounds as the in-memory implementations of
 * src/conversation (turns per conversation, age; questions kept for the retention period, with
 * only the platform user id of who asked). Tables: the conversation migration in migrations.ts.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Conversation, ConversationStore, MemoryLimits, Turn } from '../conversation/memory.ts';
import { groupByTopic, isDownvoted, type AskedQuestion, type QuestionLog, type QuestionLogOptions, type TopicReport, type VoteValue } from '../conversation/questions.ts';

/** Conversation turns in SQLite; see {@link ConversationStore}. */
export class SqliteConversationStore implements ConversationStore {
  private readonly maxTurns: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    limits: Omit<MemoryLimits, 'maxConversations'> = {},
  ) {
    this.maxTurns = limits.maxTurns ?? 8;
    this.maxAgeMs = limits.maxAgeMs ?? 24 * 60 * 60 * 1000;
    this.now = limits.now ?? Date.now;
  }

  find(messageKey: string): Conversation | undefined {
    const message = this.db.prepare('SELECT conversation_id AS id, at, rowid AS position FROM conversation_turns WHERE message_key = ?').get(messageKey) as
      | { id: string; at: number; position: number }
      | undefined;
    return message ? this.turnsUpTo(message.id, message) : undefined;
  }

  get(id: string): Conversation | undefined {
    return this.turnsUpTo(id);
  }

  /** The conversation's remembered turns, newest `maxTurns`, ending at `last` when given. */
  private turnsUpTo(id: string, last?: { at: number; position: number }): Conversation | undefined {
    const end = last ?? { at: Number.MAX_SAFE_INTEGER, position: Number.MAX_SAFE_INTEGER };
    const rows = this.db
      .prepare(
        `SELECT turn FROM conversation_turns WHERE conversation_id = ? AND at >= ? AND (at < ? OR (at = ? AND rowid <= ?))
           ORDER BY at DESC, rowid DESC LIMIT ?`,
      )
      .all(id, this.now() - this.maxAgeMs, end.at, end.at, end.position, this.maxTurns) as { turn: string }[];
    if (rows.length === 0) return undefined;
    return { id, turns: rows.reverse().map((row) => JSON.parse(row.turn) as Turn) };
  }

  record(id: string, messageKey: string, turn: Turn): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO conversation_turns (message_key, conversation_id, at, turn) VALUES (?, ?, ?, ?)').run(messageKey, id, turn.at, JSON.stringify(turn));
      // Beyond maxTurns, the oldest turns of this conversation go (with their message keys).
      this.db
        .prepare(
          `DELETE FROM conversation_turns WHERE conversation_id = ? AND rowid NOT IN
             (SELECT rowid FROM conversation_turns WHERE conversation_id = ? ORDER BY at DESC, rowid DESC LIMIT ?)`,
        )
        .run(id, id, this.maxTurns);
      this.db.prepare('DELETE FROM conversation_turns WHERE at < ?').run(this.now() - this.maxAgeMs);
    })();
  }
}

interface QuestionRow {
  id: string;
  at: number;
  member_id: string;
  text: string;
  topic: string;
  answered: number;
}

/** The question log in SQLite; see {@link QuestionLog}. */
export class SqliteQuestionLog implements QuestionLog {
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Database.Database,
    options: Omit<QuestionLogOptions, 'maxQuestions'> = {},
  ) {
    this.retentionMs = options.retentionMs ?? 90 * 86_400_000;
    this.now = options.now ?? Date.now;
  }

  record(question: Omit<AskedQuestion, 'id'>): AskedQuestion {
    this.prune();
    // Random, so ids stay unique across restarts; short, so a vote button's data stays small.
    const stored = { ...question, id: randomBytes(6).toString('base64url') };
    this.db
      .prepare('INSERT INTO asked_questions (id, at, member_id, text, topic, answered) VALUES (?, ?, ?, ?, ?, ?)')
      .run(stored.id, stored.at, stored.memberId, stored.text, stored.topic, stored.answered ? 1 : 0);
    return stored;
  }

  vote(questionId: string, memberId: string, value: VoteValue): boolean {
    this.prune();
    const known = this.db.prepare('SELECT 1 FROM asked_questions WHERE id = ?').get(questionId);
    if (!known) return false;
    this.db.prepare('INSERT OR REPLACE INTO answer_votes (question_id, member_id, value) VALUES (?, ?, ?)').run(questionId, memberId, value);
    return true;
  }

  report(since: number): TopicReport[] {
    this.prune();
    const rows = this.db.prepare('SELECT * FROM asked_questions WHERE at >= ? ORDER BY at, rowid').all(since) as QuestionRow[];
    const votes = new Map<string, VoteValue[]>();
    const voteRows = this.db
      .prepare('SELECT question_id AS id, value FROM answer_votes WHERE question_id IN (SELECT id FROM asked_questions WHERE at >= ?)')
      .all(since) as { id: string; value: VoteValue }[];
    for (const row of voteRows) votes.set(row.id, [...(votes.get(row.id) ?? []), row.value]);
    const questions = rows.map((row) => ({ id: row.id, at: row.at, memberId: row.member_id, text: row.text, topic: row.topic, answered: row.answered === 1 }));
    return groupByTopic(questions, (id) => isDownvoted(votes.get(id) ?? []));
  }

  /** Questions (and their votes) older than the retention period are deleted. */
  private prune(): void {
    const oldest = this.now() - this.retentionMs;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM answer_votes WHERE question_id IN (SELECT id FROM asked_questions WHERE at < ?)').run(oldest);
      this.db.prepare('DELETE FROM asked_questions WHERE at < ?').run(oldest);
    })();
  }
}
