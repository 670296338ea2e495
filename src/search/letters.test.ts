import { describe, expect, it } from 'vitest';
import { letterSplits, spellLetterNames, wholeWordLetters } from './letters.ts';
import { LoanwordMatcher, latinReadings } from './loanword.ts';

describe('letter names', () => {
  it('spells a word made of letter names, with both readings of an ambiguous name', () => {
    expect(spellLetterNames('지피티')).toEqual(['gpt', 'zpt']);
    expect(spellLetterNames('알엘에이치에프')).toContain('rlhf');
    expect(spellLetterNames('엠씨피')).toEqual(['mcp']);
    expect(spellLetterNames('컨테이너')).toEqual([]);
  });

  it('reads a whole word as letters only when it is long enough not to be a native word by chance', () => {
    expect(wholeWordLetters('에이아이')).toContain('ai');
    expect(wholeWordLetters('피시')).toEqual([]);
    expect(wholeWordLetters('지디피알')).toContain('gdpr');
  });

  it('splits a word into a Hangul part and at least two letters, either way round', () => {
    expect(letterSplits('챗지피티')).toContainEqual({ hangul: '챗', letters: 'gpt', lettersFirst: false });
    expect(letterSplits('엠에스워드')).toContainEqual({ hangul: '워드', letters: 'ms', lettersFirst: true });
    expect(letterSplits('비단뱀')).toEqual([]);
  });
});

describe('th and ph read apart', () => {
  it('gives a word with th or ph a second reading, letter by letter', () => {
    expect(latinReadings('github').map((sounds) => sounds.join(''))).toEqual(['giθub', 'github']);
    expect(latinReadings('docker')).toHaveLength(1);
  });

  it('finds github for 기트허브 and still for 깃허브, but not for a native word', () => {
    const matcher = new LoanwordMatcher(['github', 'python', 'gather']);
    expect(matcher.latinFor('기트허브')[0]?.word).toBe('github');
    expect(matcher.latinFor('깃허브')[0]?.word).toBe('github');
    expect(matcher.latinFor('기타')).toEqual([]);
  });
});

describe('more of the orthography read backwards', () => {
  const matcher = new LoanwordMatcher(['nvidia', 'hacker', 'image', 'package', 'ipad', 'imagine']);

  it('reads an initial n before a consonant with its vowel, and finds a word of one consonant besides h', () => {
    expect(matcher.latinFor('앤비디아')[0]?.word).toBe('nvidia');
    expect(matcher.latinFor('해커')[0]?.word).toBe('hacker');
  });

  it('reads a final 지 as the j of -age', () => {
    expect(matcher.latinFor('이미지')[0]?.word).toBe('image');
    expect(matcher.latinFor('패키지')[0]?.word).toBe('package');
  });

  it('splits off one letter whose name has two syllables (아이 + 패드), not one of one syllable', () => {
    expect(letterSplits('아이패드')).toContainEqual({ hangul: '패드', letters: 'i', lettersFirst: true });
    expect(letterSplits('가지').some((split) => split.letters === 'g')).toBe(false);
  });
});
