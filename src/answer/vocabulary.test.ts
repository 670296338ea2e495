import { describe, expect, it } from 'vitest';
import { testPost } from '../../test/helpers/posts.ts';
import { analyzeWords } from '../search/analyzer.ts';
import { compileVocabulary, missingVocabulary } from './vocabulary.ts';

describe('the posts’ words the vocabulary lacks', () => {
  const posts = [
    testPost('a', '대표가 사임했습니다. 직원들은 교정 작업을 이어갑니다.'),
    testPost('b', '새 직원이 교정을 맡았습니다.'),
  ];

  it('lists the Korean words no line stands for, the words most posts hold first, with a snippet', () => {
    const missing = missingVocabulary(posts, [['사임', 'resign', 'quit'], ['직원', 'employee', 'staff']]);
    expect(missing[0]).toEqual({ word: '교정', posts: 2, snippet: expect.stringContaining('교정') });
    expect(missing.map((entry) => entry.word)).not.toContain('사임');
    expect(missing.map((entry) => entry.word)).not.toContain('직원');
    expect(missing.map((entry) => entry.word)).toContain('대표');
  });

  it('counts a line whose Korean is an inflected form as standing for its stem', () => {
    expect(missingVocabulary(posts, [['사임했습니다', 'resign']]).map((entry) => entry.word)).not.toContain('사임');
  });
});

describe('the vocabulary compiled for the answerer', () => {
  const vocabulary = compileVocabulary([
    ['그룹', 'group', 'team'],
    ['근로자', 'worker', 'employee'],
    ['사원', 'employee'],
    ['속', 'inside'],
    ['속도', 'speed'],
    ['직원', 'employee', 'staff'],
    ['팀', 'team'],
    ['팀의', 'team'],
    ['팀이', 'team', 'squad'],
    ['포함', 'include', 'contain'],
    ['담', 'contain'],
    ['함유', 'contain'],
    ['내포', 'contain'],
    ['수록', 'contain'],
  ]);
  const english = (word: string) => vocabulary.english().find(analyzeWords(word));
  const pivots = (word: string) => vocabulary.pivotsOf(analyzeWords(word)[0]!);

  it('reads a line written for a form of a one-syllable word (팀이, 팀의) as the word, in every form the stemmer leaves on', () => {
    expect(english('squad')).toEqual([['팀']]);
    expect(english('team')).toEqual([['그룹'], ['팀']]);
    expect(vocabulary.formsOf('팀')).toEqual(expect.arrayContaining(['팀', '팀이', '팀의', '팀도', '팀과']));
  });

  it('does not read a word of its own as a form of a one-syllable word (속도 = speed is no 속 = inside)', () => {
    expect(english('speed')).toEqual([['속도']]);
    expect(vocabulary.formsOf('속')).not.toContain('속도');
    expect(vocabulary.formsOf('속')).toContain('속의');
  });

  it('pivots a Korean word to the words its English words translate (직원 → employee → 근로자, 사원)', () => {
    expect([...pivots('직원')].sort()).toEqual(['근로자', '사원']);
    expect(pivots('직원이')).toEqual(expect.arrayContaining(['근로자', '사원']));
  });

  it('does not pivot through an English word on many lines, nor to a word of one syllable', () => {
    // contain is on five lines (포함, 담, 함유, 내포, 수록): too general to say two words are one thing.
    expect(pivots('포함')).toEqual([]);
    // 앱 finds 애플리케이션; a one-syllable word is too often a piece of another (1월 is no 달) to be found.
    expect(pivots('팀')).toEqual(['그룹']);
    expect(pivots('그룹')).toEqual([]);
  });
});
