/**
 * Guesses for the query words the index does not hold: typo corrections (Damerau edits on Latin
 * words, one-jamo edits on Hangul words), loanword readings across scripts, and words typed with
 * the wrong keyboard layout on. Every guess is a word the index holds; the query keeps the word
 * as typed beside its guesses, so a guess never drops a word.
 *
 * Functions over what the caller knows of the index; the word lists are data files in src/data/.
 */
import { readWordList } from '../data/load.ts';
import type { Word } from './analyzer.ts';
import { hangulToLatinKeys, latinKeysToHangul } from './hangul.ts';
import { wholeWordLetters } from './letters.ts';
import { letterSplitSounds, type LoanwordMatcher } from './loanword.ts';
import { hangulCorrections, latinCorrections } from './typo.ts';

/** What guessing needs to know of the index. */
export interface IndexKnowledge {
  /** Posts holding this exact term in a word field (0 when none does). */
  documentFrequency(term: string): number;
  /** Latin words of the index within `distance` Levenshtein edits of `term`. */
  nearLatin(term: string, distance: number): Iterable<string>;
  /** The index's loanword matcher (built on first use). */
  loanwords(): LoanwordMatcher;
  /** Hangul words of the index one jamo away, in `jamoNeighbours` order (a speed-up: without it every spelling is tried). */
  jamoNeighbours?(word: string): readonly string[];
}

/** One guessed spelling of a query word. */
export interface Guess {
  term: string;
  /**
   * `correction`: a typo fixed; `loanword`: the same word in the other script, by its sound;
   * `letters`: the word spelt in letter names (지피티 → gpt), as certain as the word as typed.
   */
  kind: 'correction' | 'loanword' | 'letters';
}

const LATIN_WORD = /^[a-z]+$/;
const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
/** Most guesses kept per word. */
const MAX_GUESSES = 3;

/** True when the index holds the word as typed (its term or one of its variants). */
export function isKnown(word: Word, knowledge: IndexKnowledge): boolean {
  return knowledge.documentFrequency(word.term) > 0 || word.variants.some((variant) => knowledge.documentFrequency(variant) > 0);
}

/**
 * Guesses for one query word the index does not hold; `[]` for a word it holds (a word of the
 * blog is taken as meant) and for words too short to guess.
 */
export function guessesFor(word: Word, knowledge: IndexKnowledge): Guess[] {
  // A chat form or vague word is not a misspelt topic: guessing at it only adds noise.
  if (isKnown(word, knowledge) || isOptionalWord(word, false)) return [];
  const guesses: Guess[] = [];
  const add = (term: string, kind: Guess['kind']) => {
    if (term !== word.term && !guesses.some((guess) => guess.term === term)) guesses.push({ term, kind });
  };
  if (word.kind === 'latin' && LATIN_WORD.test(word.term)) {
    const vocabulary = { near: knowledge.nearLatin, documentFrequency: knowledge.documentFrequency };
    for (const correction of latinCorrections(word.term, vocabulary)) add(correction.word, 'correction');
    if (guesses.length === 0) for (const match of knowledge.loanwords().hangulFor(word.term)) add(match.word, 'loanword');
  } else if (word.kind === 'hangul' && HANGUL_WORD.test(word.term)) {
    for (const guess of letterGuesses(word.term, knowledge)) add(guess.term, guess.kind);
    for (const neighbour of derivationalNeighbours(word.term)) if (knowledge.documentFrequency(neighbour) > 0) add(neighbour, 'correction');
    for (const spelling of [word.term, ...word.variants]) {
      for (const correction of hangulCorrections(spelling, knowledge.documentFrequency, undefined, knowledge.jamoNeighbours)) add(correction, 'correction');
    }
    for (const spelling of [word.term, ...word.variants]) {
      for (const match of knowledge.loanwords().latinFor(spelling)) add(match.word, 'loanword');
    }
  }
  return guesses.slice(0, MAX_GUESSES);
}

/** Derivational suffixes of Korean nouns (src/data/derivational-suffixes.txt). */
const DERIVATIONAL_SUFFIXES = readWordList('derivational-suffixes.txt');
/** Shortest stem left when a derivational suffix is swapped (a one-syllable stem is too loose: 성 → 적). */
const MIN_DERIVATION_STEM = 2;

/** The word with its derivational suffix swapped for the others, and bare (도덕성 → 도덕적, 도덕화, 도덕). */
export function derivationalNeighbours(term: string): string[] {
  const suffix = DERIVATIONAL_SUFFIXES.find((candidate) => term.endsWith(candidate));
  if (!suffix || term.length - suffix.length < MIN_DERIVATION_STEM) return [];
  const stem = term.slice(0, -suffix.length);
  return [...DERIVATIONAL_SUFFIXES.filter((other) => other !== suffix).map((other) => stem + other), stem];
}

/**
 * A Hangul word read as letter names: the whole word when the index holds the letters (엠씨피 →
 * mcp), or a Hangul part with letters beside it, matched by sound against the index's Latin
 * words (챗지피티 → chat + gpt → chatgpt).
 */
function letterGuesses(term: string, knowledge: IndexKnowledge): Guess[] {
  const guesses: Guess[] = [];
  for (const letters of wholeWordLetters(term)) if (knowledge.documentFrequency(letters) > 0) guesses.push({ term: letters, kind: 'letters' });
  // Read as letters whole (에이엠디 → amd): no need for the splits, each a search by sound.
  if (guesses.length > 0) return guesses;
  for (const sounds of letterSplitSounds(term)) {
    for (const match of knowledge.loanwords().latinForSounds(sounds, 1)) guesses.push({ term: match.word, kind: 'loanword' });
  }
  return guesses;
}

/** Shortest token read as typed with the wrong layout, in keys (shorter ones are real words too often: did → 양). */
const MIN_LAYOUT_KEYS = 4;
const HANGUL_OR_JAMO = /^[\uAC00-\uD7A3\u3131-\u318E]+$/;
const LATIN_KEYS = /^[a-zA-Z]+$/;
/** A syllable and a bare jamo in one token. */
const MIXED_JAMO = /[\u3131-\u318E]/;
const isLatin = (token: string): boolean => LATIN_KEYS.test(token);
/** Laughing or crying written onto a word (ㅋㅋ재밌다, 대박ㅠㅠ): chat, not a layout slip. */
const LAUGHTER = /^[ㅋㅎㅠㅜ]{2,}|[ㅋㅎㅠㅜ]{2,}$/;

/**
 * The query with each word typed with the wrong keyboard layout on replaced by what was meant,
 * when the index holds that and not the word as typed: `ㅜ퍄얌` → nvidia, `qleksqoa` → 비단뱀.
 * `isKnownToken` tells whether the index holds a token as typed (after analysis), `gramsHeld`
 * whether it holds most Hangul bigrams of a word (a compound it writes spaced).
 */
export function fixKeyboardLayout(text: string, isKnownToken: (token: string) => boolean, gramsHeld: (hangul: string) => boolean = () => false): { text: string; fixed: boolean } {
  let fixed = false;
  const fixedText = text.replace(/[^\s]+/g, (raw) => {
    // Punctuation around a word (`ㅜ퍄얌?`) stays where it is.
    const match = /^([^\p{L}]*)([\p{L}]+)([^\p{L}]*)$/u.exec(raw);
    if (!match) return raw;
    const [, before, token, after] = match as unknown as [string, string, string, string];
    if (isKnownToken(token)) return raw;
    let meant: string | undefined;
    if (HANGUL_OR_JAMO.test(token)) {
      const keys = hangulToLatinKeys(token);
      if (keys && keys.length >= MIN_LAYOUT_KEYS) meant = keys;
    } else if (LATIN_KEYS.test(token) && token.length >= MIN_LAYOUT_KEYS) {
      meant = latinKeysToHangul(token);
    }
    // Bare jamo beside syllables (ㅔㄱ다, ㅋㄴㅊ믿ㄱ) come from Latin typed with the Korean layout on:
    // read as Latin even when that is not a word of the index, so a typo in it can still be corrected.
    const slipped = meant !== undefined && MIXED_JAMO.test(token) && !LAUGHTER.test(token);
    // Latin keys that compose into whole syllables read as a Korean word when the index holds it, or
    // most of its bigrams (a compound the posts space: 양자컴퓨터 in 양자 컴퓨터).
    if (meant === undefined || !(slipped || isKnownToken(meant) || (isLatin(token) && gramsHeld(meant)))) return raw;
    fixed = true;
    return before + meant + after;
  });
  return { text: fixedText, fixed };
}

/** Words that say how, not what (근황, 후기, 소식): a post need not contain them (src/data/glossary-vague.txt). */
const VAGUE_WORDS = new Set(readWordList('glossary-vague.txt'));

/** Last syllables of chat and verb forms (생각함, 했다던): an unknown word ending so is not a topic (src/data/glossary-chat-endings.txt). */
const CHAT_ENDINGS = new Set(readWordList('glossary-chat-endings.txt'));

/**
 * True for a word a post need not match: a vague word, or a word the index does not hold that
 * reads as a chat or verb form rather than a topic.
 */
export function isOptionalWord(word: Word, known: boolean): boolean {
  if (VAGUE_WORDS.has(word.term) || word.variants.some((variant) => VAGUE_WORDS.has(variant))) return true;
  if (known) return false;
  // A quantity the posts write otherwise (1만mAh, 4%) is not a topic either.
  if (word.kind === 'mixed' && /\d/.test(word.term)) return true;
  return word.kind === 'hangul' && CHAT_ENDINGS.has(word.term[word.term.length - 1] ?? '');
}
