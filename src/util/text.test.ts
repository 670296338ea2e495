import { describe, expect, it } from 'vitest';
import { chunk, formatProblem, normalizeTag, neutralizeText, truncate, truncateAtWord } from './text.ts';

describe('normalizeTag', () => {
  it('ignores case, spaces, hyphens and underscores, and folds full-width forms', () => {
    expect(normalizeTag('Raspberry-Pi-Pico-2')).toBe('raspberrypipico2');
    expect(normalizeTag('raspberry pi_pico 2')).toBe('raspberrypipico2');
    expect(normalizeTag('ＡＩ')).toBe('ai');
    expect(normalizeTag('생성형 AI')).toBe('생성형ai');
  });
});

describe('truncate', () => {
  it('keeps a text that fits and marks a cut with one ellipsis, within the length', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('abcdefghij', 5).length).toBe(5);
  });

  it('never splits an emoji in half', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('cuts at a word when that keeps most of the text', () => {
    expect(truncateAtWord('the quick brown fox jumps', 17)).toBe('the quick brown…');
    expect(truncateAtWord('supercalifragilistic', 10)).toBe('supercali…');
  });
});

describe('chunk', () => {
  it('splits a list into rows of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 5)).toEqual([]);
  });
});

describe('normalizeTag and a leading #', () => {
  it('treats #AI as the tag AI', () => {
    expect(normalizeTag('#AI')).toBe('ai');
  });
});

describe('formatProblem', () => {
  it('prints file:line: reason, or file: reason without a line', () => {
    expect(formatProblem({ file: 'a.md', line: 3, reason: 'bad date' })).toBe('a.md:3: bad date');
    expect(formatProblem({ file: 'a.md', reason: 'empty' })).toBe('a.md: empty');
  });
});

describe('neutralizeText', () => {
  it('removes bidi controls and zero-width characters, keeps emoji joiners and Hangul', () => {
    expect(neutralizeText('Rust\u202Egnp.exe')).toBe('Rustgnp.exe');
    expect(neutralizeText('Op\u200Ben\u2066AI\u2069 \uFEFF발표')).toBe('OpenAI 발표');
    expect(neutralizeText('👨\u200D💻 개발자')).toBe('👨\u200D💻 개발자');
  });
});
