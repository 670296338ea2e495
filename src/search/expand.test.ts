import { describe, expect, it } from 'vitest';
import { derivationalNeighbours, fixKeyboardLayout } from './expand.ts';

describe('derivational suffixes', () => {
  it('swap for their neighbours, and leave the stem, when it keeps two syllables', () => {
    expect(derivationalNeighbours('도덕성')).toEqual(['도덕적', '도덕화', '도덕']);
    expect(derivationalNeighbours('성')).toEqual([]);
    expect(derivationalNeighbours('적성')).toEqual([]);
    expect(derivationalNeighbours('컨테이너')).toEqual([]);
  });
});

describe('words typed with the wrong keyboard layout on', () => {
  const known = new Set(['nvidia', '비단뱀', '보안']);
  const fix = (text: string, grams: (hangul: string) => boolean = () => false) => fixKeyboardLayout(text, (token) => known.has(token), grams).text;

  it('are read as meant when the index holds what was meant', () => {
    expect(fix('ㅜ퍄얌 보안')).toBe('nvidia 보안');
    expect(fix('qleksqoa')).toBe('비단뱀');
  });

  it('are read as Latin when bare jamo stand beside syllables, even for a word the index lacks (a typo in it is corrected later)', () => {
    expect(fix('ㅔㄱ다 보안')).toBe('prek 보안');
    // Laughing written onto a word is chat, not a slip.
    expect(fix('ㅋㅋ보안')).toBe('ㅋㅋ보안');
  });

  it('are read as Korean when the index holds most bigrams of the word (a compound the posts space)', () => {
    expect(fix('epdlxjtpsxj', (hangul) => hangul === '데이터센터')).toBe('데이터센터');
    expect(fix('epdlxjtpsxj')).toBe('epdlxjtpsxj');
  });
});
