import { describe, expect, it } from 'vitest';
import type { Turn } from '../conversation/memory.ts';
import { SqliteConversationStore, SqliteQuestionLog } from './conversation.ts';
import { openStore } from './store.ts';

const DAY = 86_400_000;
const turn = (at: number): Turn => ({ at, shown: 'card', postIds: [`p${at}`], topic: 't', range: { from: '2026-02-02', to: '2026-02-08' } });

describe('SqliteConversationStore', () => {
  it('finds a conversation by any of its messages, keeps maxTurns turns and forgets old ones', () => {
    let now = 10;
    const store = new SqliteConversationStore(openStore(':memory:').db, { maxTurns: 2, maxAgeMs: 100, now: () => now });
    store.record('c', 'm1', turn(1));
    store.record('c', 'm2', turn(2));
    store.record('c', 'm3', turn(3));
    expect(store.get('c')?.turns).toEqual([turn(2), turn(3)]);
    expect(store.find('m1')).toBeUndefined();
    expect(store.find('m2')?.id).toBe('c');
    now = 102.5;
    expect(store.get('c')?.turns.map((t) => t.at)).toEqual([3]);
    now = 1000;
    expect(store.find('m3')).toBeUndefined();
  });

  it('ends a conversation found by an older message at that message (same contract as in memory)', () => {
    const store = new SqliteConversationStore(openStore(':memory:').db, { now: () => 10 });
    store.record('c', 'm1', turn(1));
    store.record('c', 'm2', turn(2));
    store.record('c', 'm3', turn(2));
    expect(store.find('m1')?.turns).toEqual([turn(1)]);
    expect(store.find('m2')?.turns).toEqual([turn(1), turn(2)]);
    expect(store.find('m3')?.turns).toEqual([turn(1), turn(2), turn(2)]);
    expect(store.get('c')?.turns).toHaveLength(3);
  });

  it('survives reopening the database (a restart)', () => {
    const state = openStore(':memory:');
    new SqliteConversationStore(state.db, { now: () => 5 }).record('c', 'm', turn(1));
    expect(new SqliteConversationStore(state.db, { now: () => 6 }).find('m')?.turns).toEqual([turn(1)]);
  });
});

describe('SqliteQuestionLog', () => {
  it('reports unanswered and downvoted questions by topic, one vote per member, and forgets them after retention', () => {
    let now = 10 * DAY;
    const log = new SqliteQuestionLog(openStore(':memory:').db, { retentionMs: 30 * DAY, now: () => now });
    log.record({ at: DAY, memberId: 'telegram:1', text: 'WASM GC는?', topic: 'WASM GC', answered: false });
    log.record({ at: 2 * DAY, memberId: 'telegram:2', text: 'wasm gc 글 있어?', topic: 'wasm gc', answered: false });
    const answered = log.record({ at: 3 * DAY, memberId: 'discord:3', text: 'Rust async 어때?', topic: 'Rust async', answered: true });
    expect(log.vote(answered.id, 'a', 'down')).toBe(true);
    expect(log.vote(answered.id, 'a', 'down')).toBe(true);
    expect(log.report(0).map((g) => [g.topic, g.count, g.downvoted])).toEqual([
      ['WASM GC', 2, 0],
      ['Rust async', 1, 1],
    ]);
    expect(log.vote(answered.id, 'b', 'up')).toBe(true);
    expect(log.report(0).map((g) => g.topic)).toEqual(['WASM GC']);
    expect(log.report(0)[0]?.examples).toEqual(['wasm gc 글 있어?', 'WASM GC는?']);
    now = 40 * DAY;
    expect(log.report(0)).toEqual([]);
    expect(log.vote(answered.id, 'a', 'up')).toBe(false);
  });
});
