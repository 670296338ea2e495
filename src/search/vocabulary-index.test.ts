import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { jamoNeighbours } from './hangul.ts';
import { HangulNeighbours, LatinVocabulary, withinOneEdit } from './vocabulary-index.ts';

/** A small deterministic generator (the words must repeat letters and share stems to test much). */
function words(count: number, seed: number): string[] {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const stems = ['book', 'keeper', 'shortcut', 'loom', 'kube', 'netes', 'thread', 'aa', 'mississippi'];
  return Array.from({ length: count }, () => {
    let word = stems[Math.floor(next() * stems.length)]!;
    for (let edit = Math.floor(next() * 3); edit > 0; edit--) {
      const at = Math.floor(next() * (word.length + 1));
      const letter = 'abekost'[Math.floor(next() * 7)]!;
      const kind = Math.floor(next() * 3);
      word = kind === 0 ? word.slice(0, at) + letter + word.slice(at) : kind === 1 ? word.slice(0, at) + word.slice(at + 1) : word.slice(0, at) + letter + word.slice(at + 1);
    }
    return word || 'a';
  });
}

const sorted = (found: Iterable<string>) => [...found].sort();

describe('LatinVocabulary', () => {
  it('finds exactly the words the radix tree finds, at one edit and at two', () => {
    const vocabulary = new LatinVocabulary();
    const tree = new SearchableMap<true>();
    for (const word of words(3000, 7)) {
      vocabulary.add(word);
      tree.set(word, true);
    }
    let found = 0;
    for (const query of [...words(400, 11), 'book', 'bok', 'boook', 'mississipi', 'a', 'zz']) {
      for (const distance of [0, 1, 2]) {
        const expected = sorted(tree.fuzzyGet(query, distance).keys());
        expect(sorted(vocabulary.near(query, distance)), `${query} ${distance}`).toEqual(expected);
        found += expected.length;
      }
    }
    expect(found).toBeGreaterThan(2000);
  });

  it('forgets deleted words, and keeps the others filed under the same keys', () => {
    const vocabulary = new LatinVocabulary();
    const tree = new SearchableMap<true>();
    const all = words(2000, 3);
    for (const word of all) {
      vocabulary.add(word);
      tree.set(word, true);
    }
    for (const word of all.filter((_, i) => i % 3 === 0)) {
      vocabulary.delete(word);
      tree.delete(word);
    }
    vocabulary.delete('never-added');
    expect(vocabulary.size).toBe(tree.size);
    for (const query of words(300, 5)) {
      for (const distance of [1, 2]) expect(sorted(vocabulary.near(query, distance)), `${query} ${distance}`).toEqual(sorted(tree.fuzzyGet(query, distance).keys()));
    }
  });

  it('tells one edit from two', () => {
    expect(withinOneEdit('book', 'book')).toBe(true);
    expect(withinOneEdit('book', 'boo')).toBe(true);
    expect(withinOneEdit('bok', 'book')).toBe(true);
    expect(withinOneEdit('book', 'boak')).toBe(true);
    expect(withinOneEdit('book', 'obok')).toBe(false);
    expect(withinOneEdit('book', 'bo')).toBe(false);
    expect(withinOneEdit('abc', 'bca')).toBe(false);
  });
});

describe('HangulNeighbours', () => {
  // Real-looking words and their one-jamo neighbours, so that many lookups find something.
  const base = ['딥페이크', '쿠버네티스', '엔비디아', '데이터센터', '라즈베리파이', '프로토콜', '깃허브', '취약점', '생산성', '가나다'];
  const vocabulary = [...base, ...base.flatMap((word) => jamoNeighbours(word).filter((_, i) => i % 9 === 0)), '가나', 'nvidia', '가a다'];

  it('lists the held words one jamo away, in the order jamoNeighbours lists them', () => {
    const index = new HangulNeighbours();
    for (const word of vocabulary) index.add(word);
    const held = new Set(vocabulary);
    let found = 0;
    for (const query of [...base, ...base.flatMap((word) => jamoNeighbours(word).filter((_, i) => i % 13 === 0))]) {
      const expected = jamoNeighbours(query).filter((word) => held.has(word) && word.length >= 3 && /^[가-힣]+$/.test(word));
      expect(index.neighbours(query), query).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(200);
  });

  it('forgets deleted words', () => {
    const index = new HangulNeighbours();
    for (const word of vocabulary) index.add(word);
    const removed = vocabulary.filter((_, i) => i % 2 === 0);
    for (const word of removed) index.delete(word);
    const held = new Set(vocabulary.filter((_, i) => i % 2 === 1));
    for (const query of base) expect(index.neighbours(query), query).toEqual(jamoNeighbours(query).filter((word) => held.has(word)));
  });
});
