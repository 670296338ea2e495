import { describe, expect, it } from 'vitest';
import { analyze, analyzeQuery, analyzeWords, MAX_QUERY_TERMS, stripKorean } from './analyzer.ts';

describe('Korean particles and endings', () => {
  it('reduces 엔비디아 with any particle to the same stem', () => {
    for (const form of ['엔비디아가', '엔비디아는', '엔비디아의', '엔비디아에서', '엔비디아로', '엔비디아를', '엔비디아에게는']) {
      expect(analyzeQuery(form), form).toEqual(['엔비디아']);
    }
  });

  it('strips verb and adjective endings after a noun of action', () => {
    expect(analyzeQuery('출시했습니다 개선하는 도입된 해결한 제공합니다')).toEqual(['출시', '개선', '도입', '해결', '제공']);
  });

  it('leaves two-syllable nouns that end like a particle alone', () => {
    for (const noun of ['속도', '결과', '인도', '역할', '국가', '정의']) expect(stripKorean(noun).stem, noun).toBe(noun);
  });

  it('keeps the surface form beside a guessed stem, so 디스플레이 is not lost', () => {
    const terms = analyze('디스플레이가');
    expect(terms).toContain('디스플레이');
    expect(terms).toContain('디스플레이가');
  });

  it('strips the plural 들 together with a particle', () => {
    expect(analyzeQuery('개발자들이 개발자들의')).toEqual(['개발자']);
  });

  it('drops words that are only an ending or a function word', () => {
    expect(analyzeQuery('하는 했습니다 그리고 및')).toEqual([]);
  });
});

describe('compounds and spacing', () => {
  it('indexes the Hangul bigrams of a stem so 데이터센터 and 데이터 센터 share terms', () => {
    const joined = new Set(analyze('데이터센터'));
    const spaced = new Set(analyze('데이터 센터'));
    for (const gram of ['데이', '이터', '센터']) {
      expect(joined.has(gram), gram).toBe(true);
      expect(spaced.has(gram), gram).toBe(true);
    }
  });

  it('splits a mixed-script token into its runs and drops a trailing particle', () => {
    expect(analyzeQuery('Claude가 GPT-5와 LLM들의')).toEqual(['claude', 'gpt-5', 'llm']);
    const [mixed] = analyzeWords('AI개발');
    expect(mixed).toMatchObject({ term: 'ai개발', parts: ['ai', '개발'] });
  });
});

describe('identifiers', () => {
  it('keeps identifiers whole and adds their parts and a compact spelling', () => {
    const terms = analyze('CVE-2026-25253');
    expect(terms).toEqual(expect.arrayContaining(['cve-2026-25253', 'cve202625253', 'cve', '2026', '25253']));
  });

  it('keeps versions with dots between digits together', () => {
    expect(analyze('GPT-5.2')).toEqual(expect.arrayContaining(['gpt-5.2', 'gpt', '5.2', 'gpt52']));
    expect(analyze('v1.2.3')).toEqual(expect.arrayContaining(['v1.2.3', '1.2.3']));
  });

  it('keeps C++, C#, .NET and Node.js whole', () => {
    expect(analyzeQuery('C++ C# .NET Node.js')).toEqual(['c++', 'c#', '.net', 'node.js']);
    expect(analyze('Node.js')).toEqual(expect.arrayContaining(['nodejs', 'node', 'js']));
    expect(analyze('.NET')).toContain('net');
  });

  it('reads 10,001 as one number', () => {
    expect(analyzeQuery('10,001mAh')).toEqual(['10001mah']);
  });
});

describe('normalization', () => {
  it('folds case and full-width forms, and stems English plurals', () => {
    expect(analyzeQuery('ＮＶＩＤＩＡ Threads Sandboxes')).toEqual(['nvidia', 'thread', 'sandbox']);
  });

  it('ignores emoji, punctuation and bare jamo', () => {
    expect(analyzeQuery('🍕🍔 !!! ??? ㅋㅋㅋ')).toEqual([]);
    expect(analyzeQuery('🚀 nvidia!!!')).toEqual(['nvidia']);
  });

  it('drops question words from queries but not from the index', () => {
    expect(analyzeQuery('엔비디아는 무엇을 발표했나요? how does it work')).toEqual(['엔비디아', '발표', 'work']);
    expect(analyze('무엇')).toContain('무엇');
  });
});

describe('query bounds', () => {
  it('bounds the terms of a 10 kB query', () => {
    const query = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(' ');
    expect(query.length).toBeGreaterThan(10_000);
    const terms = analyzeQuery(query);
    expect(terms.length).toBe(MAX_QUERY_TERMS);
  });

  it('counts repeated words once', () => {
    expect(analyzeQuery('nvidia Nvidia NVIDIA 엔비디아 엔비디아가')).toEqual(['nvidia', '엔비디아']);
  });
});
