import { describe, expect, it } from 'vitest';
import { damerauDistance, editBudget, hangulCorrections, latinCorrections, type Vocabulary } from './typo.ts';

/** A vocabulary over a word list, its `near` by brute force (the index uses a tree). */
function vocabulary(posts: Record<string, number>): Vocabulary {
  return {
    near: (term, distance) => Object.keys(posts).filter((word) => damerauDistance(term, word, distance * 2) <= distance * 2),
    documentFrequency: (term) => posts[term] ?? 0,
  };
}

describe('damerauDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(damerauDistance('mermiad', 'mermaid', 2)).toBe(1);
    expect(damerauDistance('fortient', 'fortinet', 2)).toBe(1);
    expect(damerauDistance('kitten', 'sitting', 5)).toBe(3);
  });

  it('stops at the budget', () => {
    expect(damerauDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('latinCorrections', () => {
  const words = vocabulary({ mermaid: 2, fortinet: 3, shortcut: 4, shortcuts: 1, zscaler: 1, rust: 9, trust: 3, docker: 5 });

  it('budgets edits by length: none below 4 letters, a transposition only at 4', () => {
    expect(editBudget(3)).toBe(0);
    expect(latinCorrections('rsut', words).map((c) => c.word)).toEqual(['rust']);
    expect(latinCorrections('rst', words)).toEqual([]);
    expect(latinCorrections('rast', words)).toEqual([]);
  });

  it('corrects transpositions and single edits from five letters', () => {
    expect(latinCorrections('mermiad', words)[0]).toEqual({ word: 'mermaid', distance: 1 });
    expect(latinCorrections('zsclaer', words)[0]?.word).toBe('zscaler');
    expect(latinCorrections('dokcer', words)[0]?.word).toBe('docker');
  });

  it('allows a second edit from seven letters only towards a common word', () => {
    expect(latinCorrections('shotuct', words)[0]?.word).toBe('shortcut');
    const rare = vocabulary({ shortcut: 1 });
    expect(latinCorrections('shotuct', rare)).toEqual([]);
  });
});

describe('hangulCorrections', () => {
  const posts: Record<string, number> = { 딥페이크: 2, 비단뱀: 1, 소행성: 3 };
  const df = (term: string) => posts[term] ?? 0;

  it('finds index words one jamo away', () => {
    expect(hangulCorrections('딥패이크', df)).toEqual(['딥페이크']);
    expect(hangulCorrections('비단벰', df)).toEqual(['비단뱀']);
    expect(hangulCorrections('소행선', df)).toEqual(['소행성']);
  });

  it('leaves short words and words two jamo away alone', () => {
    expect(hangulCorrections('소행', { ...df, length: 0 } as never)).toEqual([]);
    expect(hangulCorrections('소핸선', df)).toEqual([]);
  });
});
