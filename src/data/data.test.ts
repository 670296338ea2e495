import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWordList } from './formats.ts';
import { formatDataProblems, lintAliasText, lintSubset, lintWordList, type DataProblem } from './lint.ts';
import { dataFilePath, readDataFile, readVocabulary, readWordList } from './load.ts';

const HANGUL = /^[\uAC00-\uD7A3]+$/;
const LATIN = /^[a-z]+$/;
const HANGUL_OR_LATIN = /^(?:[\uAC00-\uD7A3]+|[a-z]+)$/;

/** Every word list of src/data/ and the words it may hold. A new file must be added here. */
const WORD_LISTS: Record<string, RegExp> = {
  'stopwords-en.txt': LATIN,
  'stopwords-ko.txt': HANGUL,
  'question-words.txt': HANGUL_OR_LATIN,
  'particles.txt': HANGUL,
  'endings.txt': HANGUL,
  'uncertain-suffixes.txt': HANGUL,
  'question-endings.txt': HANGUL,
  'short-stem-particles.txt': HANGUL,
  'trailing-suffixes.txt': HANGUL,
  'verb-endings.txt': HANGUL,
  'glossary-vague.txt': HANGUL,
  'glossary-chat-endings.txt': HANGUL,
  'glossary-vague-newest.txt': HANGUL,
  'derivational-suffixes.txt': HANGUL,
  'given-names.txt': /^[\uAC00-\uD7A3]{2,}$/,
};
const ALIAS_FILES = ['aliases.txt', 'glossary.txt', 'letter-names.txt', 'vocabulary.txt'];

const clean = (problems: DataProblem[]) => expect(formatDataProblems(problems)).toBe('');

describe('the data files of src/data/', () => {
  it('are all known to this test (a new file gets its checks here)', () => {
    const files = readdirSync(dirname(dataFilePath('aliases.txt'))).filter((name) => name.endsWith('.txt'));
    expect(files.sort()).toEqual([...ALIAS_FILES, ...Object.keys(WORD_LISTS)].sort());
  });

  it('alias files: well-formed, no repeated member or group, no term starting two groups without a sense', () => {
    for (const file of ALIAS_FILES) clean(lintAliasText(readDataFile(file), file));
  });

  it('word lists: no word twice, only the characters each list allows', () => {
    for (const [file, allowed] of Object.entries(WORD_LISTS)) {
      expect(parseWordList(readDataFile(file)).length, file).toBeGreaterThan(0);
      clean(lintWordList(readDataFile(file), file, allowed));
    }
  });

  it('word lists that refine another list only name words of that list', () => {
    const particles = new Set(readWordList('particles.txt'));
    const endings = new Set(readWordList('endings.txt'));
    const suffixes = new Set([...particles, '들', ...endings]);
    clean(lintSubset(readDataFile('uncertain-suffixes.txt'), 'uncertain-suffixes.txt', suffixes, 'particles.txt, endings.txt or 들'));
    clean(lintSubset(readDataFile('question-endings.txt'), 'question-endings.txt', endings, 'endings.txt'));
    clean(lintSubset(readDataFile('short-stem-particles.txt'), 'short-stem-particles.txt', particles, 'particles.txt'));
    expect(readWordList('short-stem-particles.txt').every((word) => word.length === 1)).toBe(true);
    clean(lintSubset(readDataFile('glossary-vague-newest.txt'), 'glossary-vague-newest.txt', new Set(readWordList('glossary-vague.txt')), 'glossary-vague.txt'));
  });
});

describe('the vocabulary (vocabulary.txt)', () => {
  it('has one line per Korean word, in sorted order, each with lower-case English words', () => {
    const table = readVocabulary();
    const heads = table.map(([head]) => head!);
    expect(heads.length).toBeGreaterThan(1000);
    expect(heads.filter((head) => !HANGUL.test(head))).toEqual([]);
    expect(heads).toEqual([...new Set(heads)].sort());
    expect(table.flatMap((group) => group.slice(1)).filter((english) => !/^[a-z0-9][a-z0-9 .'+-]*$/.test(english))).toEqual([]);
  });

  it('is read by the answerer only, never by the search index (the search figures do not depend on it)', () => {
    const searchDir = join(dirname(dataFilePath('aliases.txt')), '..', 'search');
    const readers = readdirSync(searchDir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
      .filter((name) => /readVocabulary|vocabulary\.txt/.test(readFileSync(join(searchDir, name), 'utf8')));
    expect(readers).toEqual([]);
  });
});

describe('the data lint', () => {
  it('names the line of a malformed alias line', () => {
    expect(lintAliasText('a = b\nno equals sign\nc = d,, e\n = f', 'x.txt')).toEqual([
      { file: 'x.txt', line: 2, reason: 'expected "term = alias, alias", found "no equals sign"' },
      { file: 'x.txt', line: 3, reason: 'an alias after "=" is empty' },
      { file: 'x.txt', line: 4, reason: 'the term before "=" is empty' },
    ]);
  });

  it('finds a repeated group (any order, any case), a repeated member and a term that starts two groups', () => {
    const text = ['weapon = 무기', '# comment', 'hand = 손', '무기 = Weapon', 'foot = 발, 발', 'hand = 핸드'].join('\n');
    expect(formatDataProblems(lintAliasText(text, 'x.txt'))).toBe(
      [
        'x.txt:4: repeats the group of line 1',
        'x.txt:5: "발" twice in one group',
        'x.txt:6: "hand" also starts line 3: merge the lines, or give each a "# sense: ..." comment',
      ].join('\n'),
    );
  });

  it('lets a term start two groups when each line names its sense', () => {
    expect(lintAliasText('space = 우주  # sense: outer space\nspace = 공간  # sense: room', 'x.txt')).toEqual([]);
    expect(lintAliasText('space = 우주  # sense: outer space\nspace = 공간', 'x.txt')).toHaveLength(1);
  });

  it('finds a word listed twice and a word with characters its list does not allow', () => {
    expect(formatDataProblems(lintWordList('이 가\n# 가\n을 가 ab', 'p.txt', HANGUL))).toBe(
      ['p.txt:3: "가" already on line 1', 'p.txt:3: "ab" does not match /^[\\uAC00-\\uD7A3]+$/'].join('\n'),
    );
  });

  it('finds a word that is not in the list it refines', () => {
    expect(lintSubset('했나요\n먹었다', 'q.txt', new Set(['했나요']), 'endings.txt')).toEqual([
      { file: 'q.txt', line: 2, reason: '"먹었다" is not in endings.txt' },
    ]);
  });
});
