/**
 * What readers asked: the questions members put to the bot in free text, whether the blog had an
 * answer, and their 👍 / 👎 votes on the answers. Moderators read it grouped by topic (`/questions`):
 * the unanswered questions and the answers voted down are the blog owner's list of posts to write.
 *
 * A question is kept with the platform user id of who asked (nothing more about them) and only for
 * the retention period (default 90 days); votes are one per member per answer, the last one counts.
 * {@link InMemoryQuestionLog} is the implementation for now; a SQLite one can implement the same
 * interface. Pure: the clock is injected.
 */

/** One question a member asked. */
export interface AskedQuestion {
  /** Short stable id (what a vote button carries). */
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** Platform-qualified user id (`telegram:42`): the only thing kept about who asked. */
  memberId: string;
  /** The message as asked (time expression included). */
  text: string;
  /** What it was about: the search text the router found. */
  topic: string;
  /** Whether the blog had something to show. */
  answered: boolean;
}

/** A vote on an answer. */
export type VoteValue = 'up' | 'down';

/** Questions of one topic in a report, most asked first. */
export interface TopicReport {
  topic: string;
  /** How many times it was asked (unanswered) or voted down, in the period. */
  count: number;
  unanswered: number;
  downvoted: number;
  /** First and last time asked (milliseconds since the epoch). */
  first: number;
  last: number;
  /** A few of the questions as asked, newest first. */
  examples: string[];
}

/** Where questions and votes live. */
export interface QuestionLog {
  /** Records a question; returns it with its id. */
  record(question: Omit<AskedQuestion, 'id'>): AskedQuestion;
  /** Records `memberId`'s vote on the answer to `questionId`; false when that question is unknown (or expired). */
  vote(questionId: string, memberId: string, value: VoteValue): boolean;
  /** Unanswered and voted-down questions since `since` (ms), grouped by topic, most asked first. */
  report(since: number): TopicReport[];
}

/** Bounds of an {@link InMemoryQuestionLog}. */
export interface QuestionLogOptions {
  /** How long a question is kept. Default 90 days. */
  retentionMs?: number;
  /** Most questions kept (the oldest go first). Default 20,000. */
  maxQuestions?: number;
  now?: () => number;
}

const DAY_MS = 86_400_000;
const EXAMPLES = 3;

/** A topic's grouping key: case, spacing and punctuation do not make two topics. */
export function topicKey(topic: string): string {
  return topic.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** An answer is voted down when it has more 👎 than 👍. */
export function isDownvoted(votes: readonly VoteValue[]): boolean {
  return votes.filter((v) => v === 'down').length > votes.filter((v) => v === 'up').length;
}

/**
 * The report of {@link QuestionLog.report}: of `questions`, those unanswered or voted down,
 * grouped by {@link topicKey}, most asked first (then most recent). Shared by every implementation.
 */
export function groupByTopic(questions: Iterable<AskedQuestion>, downvoted: (questionId: string) => boolean): TopicReport[] {
  const groups = new Map<string, TopicReport>();
  for (const question of questions) {
    const down = question.answered && downvoted(question.id);
    if (question.answered && !down) continue;
    const key = topicKey(question.topic || question.text);
    const group = groups.get(key) ?? { topic: question.topic || question.text, count: 0, unanswered: 0, downvoted: 0, first: question.at, last: question.at, examples: [] };
    group.count += 1;
    group.unanswered += Number(!question.answered);
    group.downvoted += Number(down);
    group.first = Math.min(group.first, question.at);
    group.last = Math.max(group.last, question.at);
    group.examples = [question.text, ...group.examples.filter((text) => text !== question.text)].slice(0, EXAMPLES);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.last - a.last);
}

export class InMemoryQuestionLog implements QuestionLog {
  private readonly questions = new Map<string, AskedQuestion>();
  private readonly votes = new Map<string, Map<string, VoteValue>>();
  private readonly retentionMs: number;
  private readonly maxQuestions: number;
  private readonly now: () => number;
  private next = 0;

  constructor(options: QuestionLogOptions = {}) {
    this.retentionMs = options.retentionMs ?? 90 * DAY_MS;
    this.maxQuestions = options.maxQuestions ?? 20_000;
    this.now = options.now ?? Date.now;
  }

  record(question: Omit<AskedQuestion, 'id'>): AskedQuestion {
    this.prune();
    const stored = { ...question, id: `q${(this.next++).toString(36)}` };
    this.questions.set(stored.id, stored);
    while (this.questions.size > this.maxQuestions) this.forget(this.questions.keys().next().value as string);
    return stored;
  }

  vote(questionId: string, memberId: string, value: VoteValue): boolean {
    this.prune();
    if (!this.questions.has(questionId)) return false;
    const votes = this.votes.get(questionId) ?? new Map<string, VoteValue>();
    votes.set(memberId, value);
    this.votes.set(questionId, votes);
    return true;
  }

  report(since: number): TopicReport[] {
    this.prune();
    const recent = [...this.questions.values()].filter((question) => question.at >= since);
    return groupByTopic(recent, (id) => isDownvoted([...(this.votes.get(id)?.values() ?? [])]));
  }

  /** Questions held (tests). */
  get size(): number {
    return this.questions.size;
  }

  private prune(): void {
    const oldest = this.now() - this.retentionMs;
    // Insertion order is time order: stop at the first question still young enough.
    for (const [id, question] of this.questions) {
      if (question.at >= oldest) break;
      this.forget(id);
    }
  }

  private forget(id: string): void {
    this.questions.delete(id);
    this.votes.delete(id);
  }
}
