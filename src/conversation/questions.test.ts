import { describe, expect, it } from 'vitest';
import { InMemoryQuestionLog, topicKey } from './questions.ts';

const DAY = 86_400_000;

describe('InMemoryQuestionLog', () => {
  it('reports unanswered questions and answers voted down, grouped by topic, most asked first', () => {
    const log = new InMemoryQuestionLog({ now: () => 10 * DAY });
    log.record({ at: 1 * DAY, memberId: 'telegram:1', text: 'WASM GC는?', topic: 'WASM GC', answered: false });
    log.record({ at: 2 * DAY, memberId: 'telegram:2', text: 'wasm gc 글 있어?', topic: 'wasm  gc', answered: false });
    const answered = log.record({ at: 3 * DAY, memberId: 'discord:3', text: 'Rust async 어때?', topic: 'Rust async', answered: true });
    log.record({ at: 4 * DAY, memberId: 'discord:3', text: 'nvidia', topic: 'nvidia', answered: true });
    expect(log.report(0).map((g) => g.topic)).toEqual(['WASM GC']);
    expect(log.vote(answered.id, 'discord:4', 'down')).toBe(true);
    const report = log.report(0);
    expect(report.map((g) => [g.topic, g.count, g.unanswered, g.downvoted])).toEqual([
      ['WASM GC', 2, 2, 0],
      ['Rust async', 1, 0, 1],
    ]);
    expect(report[0]).toMatchObject({ first: 1 * DAY, last: 2 * DAY, examples: ['wasm gc 글 있어?', 'WASM GC는?'] });
  });

  it('counts one vote per member per answer, the last one', () => {
    const log = new InMemoryQuestionLog({ now: () => DAY });
    const q = log.record({ at: DAY, memberId: 'm', text: 'x?', topic: 'x', answered: true });
    log.vote(q.id, 'a', 'down');
    log.vote(q.id, 'a', 'down');
    log.vote(q.id, 'b', 'up');
    expect(log.report(0)).toEqual([]);
    log.vote(q.id, 'b', 'down');
    expect(log.report(0)).toHaveLength(1);
  });

  it('forgets questions after the retention period, and refuses votes on them', () => {
    let now = 0;
    const log = new InMemoryQuestionLog({ retentionMs: 5 * DAY, now: () => now });
    const q = log.record({ at: 0, memberId: 'm', text: 'old?', topic: 'old', answered: false });
    now = 6 * DAY;
    expect(log.vote(q.id, 'm', 'up')).toBe(false);
    expect(log.report(0)).toEqual([]);
    expect(log.size).toBe(0);
  });

  it('keeps only the report period asked for', () => {
    const log = new InMemoryQuestionLog({ now: () => 30 * DAY });
    log.record({ at: DAY, memberId: 'm', text: 'a', topic: 'a', answered: false });
    log.record({ at: 29 * DAY, memberId: 'm', text: 'b', topic: 'b', answered: false });
    expect(log.report(20 * DAY).map((g) => g.topic)).toEqual(['b']);
    expect(topicKey('  WASM-GC! ')).toBe('wasm gc');
  });
});
