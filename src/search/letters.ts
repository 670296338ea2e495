/**
 * Abbreviations spelt in Hangul letter names: 지피티 is GPT, 엠씨피 MCP, 알엘에이치에프 RLHF, and
 * 챗지피티 ChatGPT (a word, then letters). The names are data (src/data/letter-names.txt); a
 * word is read as a sequence of them, whole, or as its first or last part beside a Hangul part.
 *
 * Pure functions over the table read once when this module loads.
 */
import { parseAliasText } from '../data/formats.ts';
import { dataFilePath, readDataFile } from '../data/load.ts';

/** Hangul letter name → the letters it may stand for (지: g or z). */
const LETTERS_OF_NAME = new Map<string, string[]>();
for (const [letter, ...names] of parseAliasText(readDataFile('letter-names.txt'), dataFilePath('letter-names.txt'))) {
  for (const name of names) LETTERS_OF_NAME.set(name, [...(LETTERS_OF_NAME.get(name) ?? []), letter!]);
}
const LONGEST_NAME = Math.max(...[...LETTERS_OF_NAME.keys()].map((name) => name.length));
/** Letter → its Hangul names (z: 제트, 지). */
const NAMES_OF_LETTER = new Map<string, string[]>();
for (const [name, letters] of LETTERS_OF_NAME) for (const letter of letters) NAMES_OF_LETTER.set(letter, [...(NAMES_OF_LETTER.get(letter) ?? []), name]);

/** The Hangul names of a Latin letter (n: 엔; z: 제트, 지), `[]` for anything else. */
export const namesOfLetter = (letter: string): readonly string[] => NAMES_OF_LETTER.get(letter) ?? [];

/** Syllables a letter name starts with, and ends with: a run spelt in names starts and ends so (most words do not). */
const FIRST_SYLLABLES = new Set([...LETTERS_OF_NAME.keys()].map((name) => name[0]!));
const LAST_SYLLABLES = new Set([...LETTERS_OF_NAME.keys()].map((name) => name[name.length - 1]!));
/** Most spellings returned for one word (a name with two letters doubles them). */
const MAX_SPELLINGS = 4;
/** Most splits of one word: each costs a search of the index's Latin words by sound. */
const MAX_SPLITS = 2;

/** The letter strings a Hangul run may spell, letter name by letter name; `[]` when it is not made of names. */
export function spellLetterNames(hangul: string): string[] {
  if (hangul && (!FIRST_SYLLABLES.has(hangul[0]!) || !LAST_SYLLABLES.has(hangul[hangul.length - 1]!))) return [];
  // spellings[i]: the spellings of hangul.slice(0, i).
  const spellings: string[][] = [[''], ...Array.from({ length: hangul.length }, () => [] as string[])];
  for (let end = 1; end <= hangul.length; end++) {
    for (let length = 1; length <= Math.min(LONGEST_NAME, end); length++) {
      const letters = LETTERS_OF_NAME.get(hangul.slice(end - length, end));
      if (!letters) continue;
      for (const before of spellings[end - length]!) {
        for (const letter of letters) if (spellings[end]!.length < MAX_SPELLINGS) spellings[end]!.push(before + letter);
      }
    }
  }
  return [...new Set(spellings[hangul.length])];
}

/**
 * A whole word read as letters, when it is long enough not to be a native word by chance: three
 * letters or more, or two spelt in three syllables or more (에이아이 is AI; 피시 stays a word).
 */
export function wholeWordLetters(hangul: string): string[] {
  return spellLetterNames(hangul).filter((letters) => letters.length >= 3 || (letters.length === 2 && hangul.length >= 3));
}

/** A word split into a Hangul part and a run of letter names (챗 + gpt, 아이 + 패드), the letters first or last. */
export interface LetterSplit {
  hangul: string;
  letters: string;
  lettersFirst: boolean;
}

/**
 * Enough letters for a split: two or more, or one whose name has two syllables or more (아이패드
 * is i + pad, 제이슨 j + son); a one-syllable name alone (지, 비, 티) ends too many native words.
 */
const enoughLetters = (letters: string, names: string): boolean => letters.length >= 2 || names.length >= 2;

/** The ways a word is a Hangul part of one syllable or more beside letter names (see {@link enoughLetters}). */
export function letterSplits(word: string): LetterSplit[] {
  const splits: LetterSplit[] = [];
  for (let at = 1; at < word.length; at++) {
    const [head, tail] = [word.slice(0, at), word.slice(at)];
    for (const letters of spellLetterNames(tail)) if (enoughLetters(letters, tail)) splits.push({ hangul: head, letters, lettersFirst: false });
    for (const letters of spellLetterNames(head)) if (enoughLetters(letters, head)) splits.push({ hangul: tail, letters, lettersFirst: true });
  }
  return splits.slice(0, MAX_SPLITS);
}
