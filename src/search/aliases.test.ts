import { describe, expect, it } from 'vitest';
import type { Post } from '../posts/types.ts';
import { loadAliasFile } from '../data/load.ts';
import { AliasLookupBuilder, AliasSyntaxError, BUILTIN_ALIASES, compileAliases, compileOneWay, englishBaseForms, mergeAliases, mineAliasPairs, parseAliasText, type AliasTable } from './aliases.ts';
import { analyzeWords } from './analyzer.ts';
import { testPost } from '../../test/helpers/posts.ts';

const FIXTURES = new URL('../../test/fixtures/aliases/', import.meta.url).pathname;

/** The alternatives the lookup gives for a phrase, as space-joined term lists. */
function alternativesOf(table: Parameters<typeof compileAliases>[0], phrase: string): string[] {
  return (compileAliases(table).find(analyzeWords(phrase)) ?? []).map((terms) => terms.join(' '));
}

describe('built-in aliases', () => {
  it('maps company names both ways', () => {
    expect(alternativesOf(BUILTIN_ALIASES, '엔비디아')).toContain('nvidia');
    expect(alternativesOf(BUILTIN_ALIASES, 'Nvidia')).toContain('엔비디아');
    expect(alternativesOf(BUILTIN_ALIASES, 'claude')).toContain('클로드');
    expect(alternativesOf(BUILTIN_ALIASES, '마이크로소프트')).toContain('microsoft');
  });

  it('finds a phrase through a particle on its last word', () => {
    expect(alternativesOf(BUILTIN_ALIASES, '엔비디아가')).toContain('nvidia');
  });

  it('maps multi-word phrases, spaced or not', () => {
    expect(alternativesOf(BUILTIN_ALIASES, 'raspberry pi')).toContain('라즈베리파');
    expect(alternativesOf(BUILTIN_ALIASES, '라즈베리 파이')).toContain('raspberry pi');
    expect(alternativesOf(BUILTIN_ALIASES, '데이터센터')).toContain('data center');
    expect(alternativesOf(BUILTIN_ALIASES, 'data center')).toContain('데이터센터');
  });

  it('holds a few hundred groups', () => {
    expect(BUILTIN_ALIASES.length).toBeGreaterThan(300);
  });
});

describe('alias text and files', () => {
  it('parses groups, comments and blank lines', () => {
    expect(parseAliasText('# comment\n\nnvidia = 엔비디아, 앤비디아  # trailing\n', 'test')).toEqual([['nvidia', '엔비디아', '앤비디아']]);
  });

  it('loads a file whose groups work both ways', () => {
    const table = loadAliasFile(`${FIXTURES}example.txt`);
    expect(table).toContainEqual(['엔비디아', 'nvidia', '앤비디아']);
    expect(alternativesOf(table, 'webi')).toContain('웨비');
    expect(alternativesOf(table, '웨비')).toContain('webi');
  });

  it('names the file and line of a bad line', () => {
    const path = `${FIXTURES}bad-line.txt`;
    expect(() => loadAliasFile(path)).toThrow(AliasSyntaxError);
    expect(() => loadAliasFile(path)).toThrow(`${path}:3: expected "term = alias, alias"`);
  });

  it('refuses an empty alias', () => {
    expect(() => parseAliasText('a = b,, c', 'mine.txt')).toThrow('mine.txt:1: an alias after "=" is empty');
  });

  it('merges tables without repeating a group', () => {
    const merged = mergeAliases([['a', 'b']], undefined, [['B', 'A'], ['c', 'd']]);
    expect(merged).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('does not chain groups that share a member', () => {
    const table = [['llm', '대규모 언어 모델'], ['llm', '모델']];
    expect(alternativesOf(table, '모델')).toEqual(['llm']);
  });
});

const postWithText = (id: string, text: string): Post => testPost(id, text);

describe('mining 한글(English) pairs', () => {
  it('takes the Korean term, not the sentence before it', () => {
    const pairs = mineAliasPairs([postWithText('p', '이 기능은 가상 스레드(Virtual Threads)를 사용합니다.')]);
    expect(pairs).toContainEqual(['가상 스레드', 'Virtual Threads']);
  });

  it('reads English(한글) as well', () => {
    const pairs = mineAliasPairs([postWithText('p', 'Project Loom(프로젝트 룸)은 자바의 프로젝트입니다.')]);
    expect(pairs).toContainEqual(['프로젝트 룸', 'Project Loom']);
  });

  it('leaves out explanations and one-word guesses for abbreviations', () => {
    const pairs = mineAliasPairs([postWithText('p', '성능이 향상(약 30%)되었고 모델(LLM)과 버전(2025년 출시)도 바뀌었습니다.')]);
    expect(pairs).toEqual([]);
  });

  it('keeps an abbreviation of a phrase of several words', () => {
    const pairs = mineAliasPairs([postWithText('p', '대규모 언어 모델(LLM)의 평가')]);
    expect(pairs).toContainEqual(['대규모 언어 모델', 'LLM']);
  });
});

describe('English words before -ed and -ing', () => {
  it('are looked up by their base forms too', () => {
    const lookup = compileAliases([['announce', '발표'], ['detect', '탐지'], ['fold', '접이식'], ['run', '실행']]);
    const find = (word: string) => lookup.find(analyzeWords(word))?.map((terms) => terms.join(' '));
    expect(find('announced')).toEqual(['발표']);
    expect(find('detected')).toEqual(['탐지']);
    expect(find('folding')).toEqual(['접이식']);
    expect(find('running')).toEqual(['실행']);
    expect(find('needed')).toBeUndefined();
  });

  it('gives no base form for a short word or one without the ending', () => {
    expect(englishBaseForms('bed')).toEqual([]);
    expect(englishBaseForms('docker')).toEqual([]);
    expect(englishBaseForms('applied')).toContain('apply');
    expect(englishBaseForms('officially')).toEqual(['official']);
    expect(englishBaseForms('automatically')).toEqual(['automatic', 'automatical']);
    expect(englishBaseForms('easily')).toContain('easy');
    expect(englishBaseForms('only')).toEqual([]);
    expect(englishBaseForms(analyzeWords('reaches')[0]!.term)).toEqual(['reach']);
    expect(englishBaseForms('ads')).toEqual(['ad']);
    expect(englishBaseForms(analyzeWords('photos')[0]!.term)).toEqual(['photo']);
    expect(englishBaseForms('cheapest')).toContain('cheap');
    expect(englishBaseForms('largest')).toContain('large');
    expect(englishBaseForms('biggest')).toContain('big');
    expect(englishBaseForms('easiest')).toEqual(['easy']);
    expect(englishBaseForms('interest')).toEqual([]);
    expect(englishBaseForms('latest')).toEqual([]);
  });
});

describe('a compiled lookup saved and loaded back', () => {
  it('finds what the compiled one finds, and keeps counting groups for removal', () => {
    const table: AliasTable = [...BUILTIN_ALIASES, ['쿠버네티스', 'k8s'], ['k8s', '쿠버네티스']];
    const compiled = new AliasLookupBuilder().add(table);
    const loaded = new AliasLookupBuilder();
    expect(loaded.load(JSON.parse(JSON.stringify(compiled.saved())))).toBe(true);
    expect(loaded.saved()).toEqual(compiled.saved());
    for (const phrase of ['엔비디아', 'nvidia', '쿠버네티스', 'k8s', 'data center', '없는말']) expect(loaded.find(analyzeWords(phrase)), phrase).toEqual(compiled.find(analyzeWords(phrase)));
    // The group was added twice: one removal leaves it.
    loaded.remove([['쿠버네티스', 'k8s']]);
    expect(loaded.find(analyzeWords('k8s'))).toEqual(compiled.find(analyzeWords('k8s')));
  });

  it('is refused when not of that shape, or into a builder that holds groups already', () => {
    expect(new AliasLookupBuilder().load({ byKey: 'x' } as never)).toBe(false);
    expect(new AliasLookupBuilder().load(undefined as never)).toBe(false);
    const full = new AliasLookupBuilder().add([['a', 'b']]);
    expect(full.load(new AliasLookupBuilder().add([['c', 'd']]).saved())).toBe(false);
  });
});

describe('a one-way table (the vocabulary)', () => {
  const table: AliasTable = [
    ['사임', 'resign', 'quit', 'step down'],
    ['종료', 'quit', 'shut down'],
    ['각도에서', 'angle'],
    ['가을', 'autumn', 'fall'],
    ['최대', 'maximum', 'up to'],
  ];
  const find = (phrase: string): string[] => (compileOneWay(table).find(analyzeWords(phrase)) ?? []).map((terms) => terms.join(' '));

  it('has the English words of a line find its Korean word, on every line that lists them, in their inflected forms too', () => {
    expect(find('resigned')).toEqual(['사임']);
    expect(find('quits')).toEqual(['사임', '종료']);
    expect(find('step down')).toEqual(['사임']);
  });

  it('never the reverse, and the English words of a line do not find each other', () => {
    expect(find('사임')).toEqual([]);
    expect(find('resign')).not.toContain('quit');
  });

  it('gives the Korean word as the index holds it: as written when indexed so, else its stem', () => {
    expect(find('autumn')).toEqual(['가을']);
    expect(find('angle')).toEqual(['각도']);
  });

  it('gives no Korean word to the one word a phrase keeps without its stopword: "up" is no maximum', () => {
    expect(find('up')).toEqual([]);
    expect(find('maximum')).toEqual(['최대']);
  });
});
