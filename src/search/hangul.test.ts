import { describe, expect, it } from 'vitest';
import { composeKeystrokes, decomposeSyllable, hangulToLatinKeys, jamoNeighbours, latinKeysToHangul, toKeystrokes } from './hangul.ts';

describe('jamo', () => {
  it('splits syllables into keystrokes and composes them back, compound vowels and final clusters included', () => {
    expect(toKeystrokes('값')).toBe('ㄱㅏㅂㅅ');
    expect(toKeystrokes('외')).toBe('ㅇㅗㅣ');
    for (const text of ['값싼 외국 닭을 읽는', '안녕하세요', '쿠버네티스', '뷁']) expect(composeKeystrokes(toKeystrokes(text))).toBe(text);
  });

  it('moves a final consonant to the next syllable when a vowel follows, as the IME does', () => {
    expect(composeKeystrokes('ㄷㅏㄹㄱㅇㅡㄹ')).toBe('닭을');
    expect(composeKeystrokes('ㄷㅏㄹㄱㅡㄹ')).toBe('달글');
  });

  it('leaves other characters and lone jamo as they are', () => {
    expect(composeKeystrokes('ㅋㅋ a1')).toBe('ㅋㅋ a1');
    expect(decomposeSyllable('a')).toBeUndefined();
  });
});

describe('the 2-set keyboard', () => {
  it('reads Latin typed for Hangul', () => {
    expect(latinKeysToHangul('qleksqoa')).toBe('비단뱀');
    expect(latinKeysToHangul('gbeovhs')).toBe('휴대폰');
    expect(latinKeysToHangul('dkssudgktpdy')).toBe('안녕하세요');
  });

  it('refuses what does not compose into whole syllables', () => {
    expect(latinKeysToHangul('nvidia')).toBeUndefined();
    expect(latinKeysToHangul('gpt-5')).toBeUndefined();
  });

  it('reads Hangul typed for Latin, jamo left over included', () => {
    expect(hangulToLatinKeys('ㅜ퍄얌')).toBe('nvidia');
    expect(hangulToLatinKeys('ㅐㅣㅣ믐')).toBe('ollama');
    expect(hangulToLatinKeys('ㅗ디ㅣㅐ')).toBe('hello');
    expect(hangulToLatinKeys('nvidia')).toBeUndefined();
  });
});

describe('jamo neighbours', () => {
  it('changes one initial, vowel or final of one syllable', () => {
    const neighbours = jamoNeighbours('딥패이크');
    expect(neighbours).toContain('딥페이크');
    expect(neighbours).toContain('딥패이클');
    expect(neighbours).not.toContain('딥페이커');
    expect(jamoNeighbours('가')).toHaveLength(18 + 20 + 27);
  });
});
