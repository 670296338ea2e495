import { describe, expect, it } from 'vitest';
import { analyzeWords } from './analyzer.ts';
import { compileAliases } from './aliases.ts';
import { BilingualTermMap, chainLookups, spellingPairs } from './bilingual.ts';
import { LoanwordMatcher } from './loanword.ts';

const find = (lookup: { find: BilingualTermMap['find'] }, phrase: string) => lookup.find(analyzeWords(phrase))?.map((terms) => terms.join(' '));

describe('spelling pairs a post carries', () => {
  it('pairs a Latin word of the title or tags with the Hangul word of the post that spells it', () => {
    const words = ['serverless', 'tunneling', '서버리스', '터널링', '비용', '기타', 'gwtar'];
    const matcher = new LoanwordMatcher(words.filter((w) => /^[a-z]/.test(w)), words.filter((w) => !/^[a-z]/.test(w)));
    const pairs = spellingPairs(['serverless', 'tunneling', 'gwtar'], ['서버리스', '터널링', '비용', '기타'], matcher);
    expect(pairs).toContainEqual(['서버리스', 'serverless']);
    expect(pairs).toContainEqual(['터널링', 'tunneling']);
    // A native word of two syllables is not read as a short English word.
    expect(pairs.some(([hangul]) => hangul === '기타' || hangul === '비용')).toBe(false);
  });
});

describe('the bilingual term map', () => {
  it('finds both spellings from either, while a post that carries them is in the index', () => {
    const map = new BilingualTermMap();
    map.addPost('a', [['서버리스', 'serverless']]);
    map.addPost('b', [['서버리스', 'serverless'], ['워리어스', 'warriors']]);
    expect(find(map, '서버리스')).toEqual(['serverless']);
    expect(find(map, 'serverless')).toEqual(['서버리스']);
    map.removePost('b');
    expect(find(map, '워리어스')).toBeUndefined();
    expect(find(map, '서버리스')).toEqual(['serverless']);
    map.removePost('a');
    expect(find(map, '서버리스')).toBeUndefined();
  });

  it('replaces what a post added when the post is added again', () => {
    const map = new BilingualTermMap();
    map.addPost('a', [['워리어스', 'warriors']]);
    map.addPost('a', [['서버리스', 'serverless']]);
    expect(find(map, '워리어스')).toBeUndefined();
    expect(find(map, '서버리스')).toEqual(['serverless']);
  });

  it('chains after the curated table, without repeating a spelling', () => {
    const map = new BilingualTermMap();
    map.addPost('a', [['엔비디아', 'nvidia'], ['서버리스', 'serverless']]);
    const chained = chainLookups(compileAliases([['엔비디아', 'nvidia', '앤비디아']]), map);
    expect(find(chained, '엔비디아')).toEqual(['nvidia', '앤비디아']);
    expect(find(chained, '서버리스')).toEqual(['serverless']);
  });
});
