import { describe, expect, it } from 'vitest';
import { InMemoryConversationStore, type Turn } from './memory.ts';

const turn = (at: number, topic = 't'): Turn => ({ at, shown: 'card', postIds: [`p${at}`], topic });

describe('InMemoryConversationStore', () => {
  it('finds a conversation by any of its bot messages', () => {
    const store = new InMemoryConversationStore({ now: () => 10 });
    store.record('c1', 'tg:1:100', turn(1));
    store.record('c1', 'tg:1:101', turn(2));
    expect(store.find('tg:1:101')?.turns.map((t) => t.at)).toEqual([1, 2]);
    expect(store.find('tg:1:100')?.id).toBe('c1');
    expect(store.find('tg:1:999')).toBeUndefined();
  });

  it('ends a conversation found by an older message at that message, so a reply refers to what it showed', () => {
    const store = new InMemoryConversationStore({ now: () => 10 });
    store.record('c', 'm1', turn(1, 'nvidia'));
    store.record('c', 'm2', turn(2, 'rust'));
    store.record('c', 'm3', turn(3, 'wasm'));
    expect(store.find('m2')?.turns.map((t) => t.topic)).toEqual(['nvidia', 'rust']);
    expect(store.find('m1')?.turns.map((t) => t.topic)).toEqual(['nvidia']);
    expect(store.get('c')?.turns.map((t) => t.topic)).toEqual(['nvidia', 'rust', 'wasm']);
  });

  it('keeps at most maxTurns turns, and forgets the messages of dropped turns', () => {
    const store = new InMemoryConversationStore({ maxTurns: 2, now: () => 10 });
    for (let i = 1; i <= 3; i++) store.record('c', `m${i}`, turn(i));
    expect(store.get('c')?.turns.map((t) => t.at)).toEqual([2, 3]);
    expect(store.find('m1')).toBeUndefined();
    expect(store.find('m3')?.id).toBe('c');
  });

  it('forgets turns older than maxAgeMs, and the conversation with its last turn', () => {
    let now = 0;
    const store = new InMemoryConversationStore({ maxAgeMs: 100, now: () => now });
    store.record('c', 'm1', turn(0));
    store.record('c', 'm2', turn(50));
    now = 120;
    expect(store.get('c')?.turns.map((t) => t.at)).toEqual([50]);
    now = 200;
    expect(store.find('m2')).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('drops the least recently used conversation beyond maxConversations', () => {
    const store = new InMemoryConversationStore({ maxConversations: 2, now: () => 5 });
    store.record('a', 'ma', turn(1));
    store.record('b', 'mb', turn(2));
    store.record('a', 'ma2', turn(3));
    store.record('c', 'mc', turn(4));
    expect(store.find('mb')).toBeUndefined();
    expect(store.find('ma')?.id).toBe('a');
    expect(store.size).toBe(2);
  });

  it('hands out copies, so a caller cannot change what is remembered', () => {
    const store = new InMemoryConversationStore({ now: () => 5 });
    store.record('a', 'ma', turn(1));
    store.get('a')!.turns.pop();
    expect(store.get('a')?.turns.length).toBe(1);
  });
});
