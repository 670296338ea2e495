import { describe, expect, it } from 'vitest';
import { hangulSounds, latinReadings, latinSounds, letterSplitSounds, LoanwordMatcher, soundClassBound, soundDistance } from './loanword.ts';

const LATIN = ['kubernetes', 'kubernete', 'mermaid', 'firecracker', 'docker', 'python', 'lubuntu', 'ubuntu', 'skimming', 'tailscale', 'moltbook', 'bone', 'park', 'global', 'virtual', 'thread', 'game', 'window'];
const HANGUL = ['쿠버네티스', '도커', '보안', '개발', '가상', '스레드', '게임'];

describe('sounds', () => {
  it('writes Hangul as the orthography reads it: ㅡ between consonants, ㅅ final as t, ㅇ final as ng', () => {
    expect(hangulSounds('스키밍')!.join('')).toBe('sɯkimiN');
    expect(hangulSounds('깃')!.join('')).toBe('git');
    expect(hangulSounds('a')).toBeUndefined();
  });

  it('reads Latin as Korean hears it: ph/f as p, v as b, r as l, post-vocalic r silent', () => {
    expect(latinSounds('firecracker')!.join('')).toContain('p');
    expect(latinSounds('virtual')![0]).toBe('b');
    expect(latinSounds('docker')!.join('')).toBe('dokə');
    expect(latinSounds('game')!.join('')).toBe('geim');
  });

  it('reads a th Korean writes as ㅅ before ㅣ (아메시스트 for amethyst), which the orthography reads as sh, as near', () => {
    expect(soundDistance(hangulSounds('아메시스트')!, latinSounds('amethyst')!, 3)).toBeLessThan(0.8);
  });

  it('reads a final -ied after a consonant also as aid (어플라이드 for applied), as -ie stays i in movie', () => {
    const distances = (hangul: string, latin: string): number[] => latinReadings(latin).map((reading) => soundDistance(hangulSounds(hangul)!, reading, 3));
    expect(Math.min(...distances('어플라이드', 'applied'))).toBeLessThan(0.6);
    expect(latinReadings('movie').map((reading) => reading.join(''))).toEqual(['mobi', 'mobai']);
  });

  it('reads a word opening with two consonants English does not say together with its first letter by name (지스케일러, 엑스코드), not a short one', () => {
    const matcher = new LoanwordMatcher(['zscaler', 'xcode', 'nvidia', 'scaler']);
    expect(matcher.latinFor('지스케일러', 1).map((match) => match.word)).toEqual(['zscaler']);
    expect(matcher.latinFor('엑스코드', 1).map((match) => match.word)).toEqual(['xcode']);
    expect(matcher.latinFor('엔비디아', 1).map((match) => match.word)).toEqual(['nvidia']);
    // st, sc open English words: no letter name is read into them; css is said letter by letter.
    expect(latinReadings('scaler')).toHaveLength(1);
    expect(latinReadings('cssx')).toHaveLength(1);
  });

  it('reads a compound whose first word ends in a silent e as two words (파이프락 for pipelock, 프레임워크 for framework)', () => {
    const matcher = new LoanwordMatcher(['pipelock', 'framework', 'camera']);
    expect(matcher.latinFor('파이프락', 1).map((match) => match.word)).toEqual(['pipelock']);
    expect(matcher.latinFor('프레임워크', 1).map((match) => match.word)).toEqual(['framework']);
    // came + ra leaves too short a second word: camera is read as one.
    expect(latinReadings('camera')).toHaveLength(1);
  });

  it('reads 챗지피티 as 챗 and the letters gpt', () => {
    const [reading] = letterSplitSounds('챗지피티');
    expect(soundDistance(reading!, latinSounds('chatgpt')!, 3)).toBeLessThan(0.5);
    expect(letterSplitSounds('보안')).toEqual([]);
  });

  it('makes an inserted ㅡ almost free and a missing consonant expensive', () => {
    expect(soundDistance(hangulSounds('스키밍')!, latinSounds('skimming')!, 3)).toBeLessThan(0.3);
    expect(soundDistance(hangulSounds('스키밍')!, latinSounds('kimming')!, 3)).toBeGreaterThan(0.8);
  });
});

describe('the consonant-class bound a match skips entries by', () => {
  const hangul = [...HANGUL, '머메이드', '파이썬', '깃허브', '해커', '윈도우', '수박', '겨울잠', '클로드', '테일스케일'];
  const latin = [...LATIN, 'github', 'hacker', 'claude', 'subway', 'gradle'];

  it('never exceeds the distance of any reading of any pair', () => {
    for (const h of hangul) {
      for (const reading of latin.flatMap(latinReadings)) {
        const sounds = hangulSounds(h)!;
        expect(soundClassBound(sounds, reading)).toBeLessThanOrEqual(soundDistance(sounds, reading, Infinity) + 1e-9);
      }
    }
  });

  it('rules out spellings whose consonants differ in class without measuring them', () => {
    // 도커 (d k) against mermaid (m m d): two m with no m beside them cost at least 0.9 each.
    expect(soundClassBound(hangulSounds('도커')!, latinSounds('mermaid')!)).toBeGreaterThanOrEqual(1.8);
    expect(soundClassBound(hangulSounds('클로드')!, latinSounds('claude')!)).toBe(0);
  });
});

describe('LoanwordMatcher', () => {
  const matcher = new LoanwordMatcher(LATIN, HANGUL);
  const latinFor = (word: string) => matcher.latinFor(word).map((match) => match.word);

  it('finds the Latin word a Hangul spelling stands for, variant spellings included', () => {
    expect(latinFor('쿠버네테스')[0]).toMatch(/^kubernete/);
    expect(latinFor('머메이드')).toEqual(['mermaid']);
    expect(latinFor('루분투')[0]).toBe('lubuntu');
    expect(latinFor('스키밍')).toEqual(['skimming']);
    expect(latinFor('테일스케일')).toEqual(['tailscale']);
    expect(latinFor('몰트북')).toEqual(['moltbook']);
    expect(latinFor('파이썬')).toEqual(['python']);
  });

  it('does not read native words that share a few sounds as English', () => {
    expect(latinFor('보안')).toEqual([]);
    expect(latinFor('개발')).toEqual([]);
    expect(latinFor('가상')).toEqual([]);
  });

  it('finds the Hangul spelling of a Latin word only when it is close: an unknown English word is usually an ordinary one', () => {
    expect(matcher.hangulFor('docker').map((match) => match.word)).toEqual(['도커']);
    expect(matcher.hangulFor('game').map((match) => match.word)).toEqual(['게임']);
    expect(matcher.hangulFor('kubernetes')).toEqual([]);
    expect(matcher.hangulFor('global')).toEqual([]);
  });
});

describe('removal', () => {
  it('takes every reading of a word out of the nested buckets, the skeleton map and byWord, as if never added', () => {
    // github has two Latin readings (th read apart too: 기트허브), so two entries to remove.
    const removed = ['github', 'mermaid', '쿠버네티스', '머메이드'];
    const matcher = new LoanwordMatcher([...LATIN, 'github'], HANGUL);
    matcher.add('머메이드');
    expect(matcher.describe().latin.words).toContain('github:2');
    for (const word of removed) matcher.remove(word);
    // A word never added, or too short to be added, is ignored.
    matcher.remove('zzzzzz');
    matcher.remove('도');
    const fresh = new LoanwordMatcher(LATIN.filter((word) => !removed.includes(word)), HANGUL.filter((word) => !removed.includes(word)));
    expect(matcher.describe()).toEqual(fresh.describe());
    expect(matcher.latinFor('머메이드').map((match) => match.word)).not.toContain('mermaid');
    expect(matcher.hangulFor('kubernetes')).toEqual([]);
    matcher.add('mermaid');
    expect(matcher.latinFor('머메이드').map((match) => match.word)).toContain('mermaid');
  });
});
