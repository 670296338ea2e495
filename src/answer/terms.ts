/**
 * Whether a text contains a question's word, the way the search analyzer sees words: the stem
 * or a spelling of it, all the parts of an identifier, or a Korean stem inside a compound
 * (배터리 in 배터리용량) or a compound written with spaces (버마비단뱀 in 버마 비단뱀). Digits and Latin letters must stand on their own: P5 is not in P50.
 */
import type { Post } from '../posts/types.ts';
import { analyzeWords, normalize, wordTerms, type Word } from '../search/analyzer.ts';
import { FINALS, composeSyllable, decomposeSyllable } from '../search/hangul.ts';
import { wholeWordLetters } from '../search/letters.ts';
import { allowedDistance, hangulSounds, latinReadings, letterSplitSounds, soundDistance, withoutPlural, PLURAL_COST } from '../search/loanword.ts';

/** A text prepared for {@link containsWord}. */
export interface TextTerms {
  terms: Set<string>;
  /** The text normalized as the analyzer does (NFKC, lower case, 10,001 → 10001). */
  surface: string;
}

/** Prepares a text for word lookups. */
export function textTerms(text: string): TextTerms {
  const terms = new Set<string>();
  for (const word of analyzeWords(text)) for (const term of wordTerms(word)) terms.add(term);
  return { terms, surface: normalize(text) };
}

/** A post's title, tags, summary, description and body as one text: what the answer checks read of it. */
export const postText = (post: Post): string => [post.title, post.tags.join(' '), post.summary.join('\n'), post.description ?? '', post.text].join('\n');

/** Posts are read once per catalog: their terms are kept beside them, not in them. */
const postTermsCache = new WeakMap<Post, TextTerms>();

/** The terms of a post's title, tags, summary and body. */
export function postTerms(post: Post): TextTerms {
  let terms = postTermsCache.get(post);
  if (!terms) {
    terms = textTerms(postText(post));
    postTermsCache.set(post, terms);
  }
  return terms;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `needle` in `surface`, not glued to other Latin letters or digits (p5 ≠ p50, 0.15 ≠ 0.150). */
function standsAlone(surface: string, needle: string): boolean {
  if (!surface.includes(needle)) return false;
  let pattern = alonePatterns.get(needle);
  if (!pattern) {
    pattern = new RegExp(`(?<![a-z0-9.])${escape(needle)}(?![a-z0-9]|\\.\\d)`);
    if (alonePatterns.size > 10_000) alonePatterns.clear();
    alonePatterns.set(needle, pattern);
  }
  return pattern.test(surface);
}

/** Compiled {@link standsAlone} patterns by needle: a question tests the same few words on hundreds of sentences. */
const alonePatterns = new Map<string, RegExp>();

/** True when the text holds the word (see the module comment). */
export function containsWord(text: TextTerms, word: Word): boolean {
  if (text.terms.has(word.term) || word.variants.some((variant) => text.terms.has(variant))) return true;
  if (word.parts.length > 1 && word.parts.every((part) => text.terms.has(part))) return true;
  if (word.kind === 'hangul') return word.term.length >= 2 && (text.surface.includes(word.term) || writesSpaced(text, word.term));
  if (standsAlone(text.surface, word.term)) return true;
  return writesLatinApart(text, word.term);
}

/** Shortest Latin name compared without its spaces and hyphens: shorter ones (a i, m 5) are other words. */
const MIN_APART_NAME = 4;

/** Compiled {@link writesLatinApart} patterns by term. */
const apartPatterns = new Map<string, RegExp>();

/**
 * True when the text writes the Latin name with spaces or hyphens where the question has none,
 * or none where it has them (FreeMobile for Free Mobile, wifi7 for Wi-Fi 7, gpt4o for GPT-4o,
 * shotcut25.12 for Shotcut 25.12): members type a name's spacing as they remember it, and a name
 * is the same name whatever its spacing. Digits are not split from digits (4 40 is no 440).
 */
export function writesLatinApart(text: TextTerms, term: string): boolean {
  const compact = term.replace(/[-_ ]/g, '');
  if (compact.length < MIN_APART_NAME || !/^[a-z0-9.]+$/.test(compact) || !/[a-z]/.test(compact)) return false;
  let pattern = apartPatterns.get(compact);
  if (!pattern) {
    const chars = [...compact].map((char, i) => (i > 0 && !(/\d/.test(char) && /\d/.test(compact[i - 1]!)) ? '[ \\-_]?' : '') + escape(char));
    // The question's word is stemmed (PythonBytes → pythonbyte): the post's name may keep its plural s.
    const plural = /[a-z]$/.test(compact) ? 's?' : '';
    pattern = new RegExp(`(?<![a-z0-9.])${chars.join('')}${plural}(?![a-z0-9]|\\.\\d)`);
    if (apartPatterns.size > 10_000) apartPatterns.clear();
    apartPatterns.set(compact, pattern);
  }
  return pattern.test(text.surface);
}

/**
 * True when the text writes a number glued to a Hangul word (parts of a specific word, see
 * question.ts) as a name: the number and the Hangul word in the Latin letters it transliterates
 * (37시그널즈: 37 Signals). The analyzer reads 37시 as a figure with a unit; the name's number is
 * part of the name.
 */
export function holdsNumberedName(text: TextTerms, word: Word): boolean {
  const [number, hangul] = word.parts;
  if (word.parts.length !== 2 || !/^\d+$/.test(number!) || !standsAlone(text.surface, number!)) return false;
  const [name] = analyzeWords(hangul!);
  return name !== undefined && name.kind === 'hangul' && (containsWord(text, name) || writesInLatin(text, name));
}

/** Runs of Latin words and numbers a question writes one after another (Origami Swift, t 440). */
const LATIN_RUN = /(?<![a-z0-9.])[a-z0-9][a-z0-9.]*(?:[ -]+[a-z0-9][a-z0-9.]*)+/g;

/** Most words of a question's Latin run read as one name: three (Open AI Codex) is about as long as names get. */
const MAX_NAME_WORDS = 3;

/**
 * True when the text writes the question's Latin word joined to its neighbours in the question
 * as one name (OrigamiSwift for Origami Swift, ChatGPT for Chat GPT, T440 for T 440): the word
 * alone is then glued inside the post's name, yet the post names the same thing.
 */
export function writesJoinedName(text: TextTerms, term: string, question: string): boolean {
  for (const run of normalize(question).matchAll(LATIN_RUN)) {
    const words = run[0].split(/[ -]+/);
    for (const [at, word] of words.entries()) {
      if (!word.startsWith(term)) continue;
      for (let first = Math.max(0, at - MAX_NAME_WORDS + 1); first <= at; first++) {
        for (let last = Math.max(at, first + 1); last < Math.min(words.length, first + MAX_NAME_WORDS); last++) {
          if (writesLatinApart(text, words.slice(first, last + 1).join(''))) return true;
        }
      }
    }
  }
  return false;
}

/** Shortest compound a text may write with spaces inside: two syllables (버마 뱀) are as often two words. */
const MIN_SPACED_COMPOUND = 3;

/** Each text's surface without the spaces between Hangul syllables, made when first asked. */
const joinedSurfaces = new WeakMap<TextTerms, string>();

/**
 * True when the text writes the Korean compound with spaces inside it (버마 비단뱀 for the
 * question's 버마비단뱀, 확인 창 for 확인창): Korean spacing of compounds is free, and a question
 * typed in a chat seldom spaces them as the post does.
 */
function writesSpaced(text: TextTerms, term: string): boolean {
  if (term.length < MIN_SPACED_COMPOUND) return false;
  let joined = joinedSurfaces.get(text);
  if (joined === undefined) joinedSurfaces.set(text, (joined = text.surface.replace(/(?<=[\uAC00-\uD7A3]) +(?=[\uAC00-\uD7A3])/g, '')));
  return joined.includes(term);
}

/**
 * Case particles a noun takes and a verb form never does (경찰이, 레스토랑을, 하원에서), not
 * followed by another syllable (나오도록 is no 도). Not 은/는: 받아오는 is a verb's adnominal form.
 */
const CASE_PARTICLE = '(이|가|을|를|의|에|와|과|로|으로|도|만|에서|에게|까지|부터|보다|처럼)(?![\uAC00-\uD7A3])';

/** Compiled {@link writesAsNoun} patterns by word: one question tests one word on many posts. */
const nounPatterns = new Map<string, RegExp>();

/**
 * True when the surface (a normalized text, see {@link postSurface}) writes the Korean word with
 * a case particle, as a noun: 위반을 is the noun 위반; 나온 never takes one, it is the verb 나오다
 * before the noun it describes.
 */
export function writesAsNoun(surface: string, word: Word): boolean {
  if (!surface.includes(word.term)) return false;
  let pattern = nounPatterns.get(word.term);
  if (!pattern) {
    pattern = new RegExp(`${escape(word.term)}${CASE_PARTICLE}`);
    if (nounPatterns.size > 1_000) nounPatterns.clear();
    nounPatterns.set(word.term, pattern);
  }
  return pattern.test(surface);
}

/** Posts' normalized text, kept beside them: cheaper than their terms, for checks of the letters only. */
const surfaceCache = new WeakMap<Post, string>();

/** A post's title, tags, summary and body normalized as the analyzer does: the surface of {@link postTerms}, without analysing it. */
export function postSurface(post: Post): string {
  let surface = postTermsCache.get(post)?.surface ?? surfaceCache.get(post);
  if (surface === undefined) surfaceCache.set(post, (surface = normalize(postText(post))));
  return surface;
}

/** Final consonants of a Korean adnominal verb form: ㄴ (이끈, 만든, 개발한) and ㄹ (할, 될). */
export const ADNOMINAL_FINALS: ReadonlySet<number> = new Set([FINALS.indexOf('ㄴ'), FINALS.indexOf('ㄹ')]);

/**
 * True when the text holds the Korean word as another form of the same verb: a question's
 * adnominal "이끈" (led) is the post's "이끄는", "만든" its "만드는": the word without the final
 * ㄴ/ㄹ of its last syllable, followed by another syllable. Only for words of at least two
 * syllables, so a noun's stem is never cut to one letter.
 */
export function holdsVerbForm(text: TextTerms, word: Word): boolean {
  if (word.kind !== 'hangul' || word.term.length < 2) return false;
  const last = decomposeSyllable(word.term.at(-1)!);
  if (!last || !ADNOMINAL_FINALS.has(last.final)) return false;
  const stem = word.term.slice(0, -1) + composeSyllable({ ...last, final: 0 });
  return new RegExp(`${stem}[\uAC00-\uD7A3]`).test(text.surface);
}

const LOANWORD_VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'ə', 'ɯ', 'y', 'w']);
const HANGUL_WORD = /^[\uAC00-\uD7A3]{2,}$/;

/**
 * True when the text writes a Latin name in Hangul (Florida as 플로리다), by how Korean writes
 * English sounds (the search layer's loanword reading): an English question's name is held by a
 * Korean post that transliterates it. Reads every Hangul word of the text: call it only for a
 * name the text lacks as written.
 */
export function holdsLoanword(text: TextTerms, word: Word): boolean {
  return loanwordSpellings(text, word, 1).length > 0;
}

/** The Hangul words of the text that read as the Latin word (폴더 for folder, 로컬 for local), at most `limit`. */
function loanwordSpellings(text: TextTerms, word: Word, limit = Infinity): string[] {
  if (word.term.length < SHORT_LATIN_LETTERS || readingsOf(word.term).length === 0) return [];
  const found: string[] = [];
  for (const term of text.terms) {
    if (!HANGUL_WORD.test(term)) continue;
    const hangul = hangulSounds(term);
    if (hangul && readsAs([hangul], word.term) && found.push(term) >= limit) break;
  }
  return found;
}

const LATIN_WORD = /^[a-z][a-z-]{2,}$/;

/** Fewest syllables of a Hangul word read without its final 스/즈 ({@link withoutPlural}): 소스 and 뉴스 are no plurals. */
const MIN_PLURAL_SYLLABLES = 3;

/**
 * The Latin words of the text that read as the Hangul word (Trust for 트러스트, wallet for 월렛),
 * as the search layer reads both: the Hangul word as said, or as letter names whole (엠씨피: mcp)
 * or beside a Hangul part (챗지피티: chat + gpt, ChatGPT), or without a plural 스 (쿠버네티스:
 * the stem kubernete, when the text writes kubernetes); each Latin word in every reading (Zscaler
 * also said 지스케일러, pipelock also as pipe + lock). A Korean question spells in Hangul what a
 * post writes in Latin letters.
 */
function latinSpellings(text: TextTerms, word: Word, limit = Infinity): string[] {
  if (word.kind !== 'hangul' || word.term.length < 2) return [];
  const said = hangulSounds(word.term);
  if (!said) return [];
  const found = wholeWordLetters(word.term).filter((letters) => text.terms.has(letters)).slice(0, limit);
  if (found.length >= limit) return found;
  const stem = word.term.length >= MIN_PLURAL_SYLLABLES ? withoutPlural(said) : undefined;
  const hangul = [said, ...letterSplitSounds(word.term)];
  for (const term of text.terms) {
    if (!LATIN_WORD.test(term) || found.includes(term)) continue;
    if ((readsAs(hangul, term) || (stem !== undefined && writesPlural(text, term) && readsAs([stem], term, PLURAL_COST))) && found.push(term) >= limit) break;
  }
  return found;
}

/** True when the text writes the Latin stem with the plural s it was cut from (kubernetes for kubernete, warriors). */
const writesPlural = (text: TextTerms, stem: string): boolean => standsAlone(text.surface, `${stem}s`) || standsAlone(text.surface, `${stem}es`);

/** {@link latinReadings} by word: the posts' Latin words are read for every Hangul word asked of them. */
const latinReadingsCache = new Map<string, string[][]>();

/** The readings of a Latin word ({@link latinReadings}), kept for the next question. */
function readingsOf(term: string): string[][] {
  let readings = latinReadingsCache.get(term);
  if (!readings) {
    if (latinReadingsCache.size > 50_000) latinReadingsCache.clear();
    latinReadingsCache.set(term, (readings = latinReadings(term)));
  }
  return readings;
}

/** Latin words shorter than this are matched only closely ({@link SHORT_LATIN_ALLOWED}). */
const SHORT_LATIN_LETTERS = 4;
/**
 * Most distance to a Latin word of three letters: they are mostly abbreviations (ceo, css, ufs)
 * that a loose reading finds in ordinary Korean words (써요, 소스, 오피스); a word said as written
 * (깃 git, 봇 bot, 비트 bit) comes this close.
 */
const SHORT_LATIN_ALLOWED = 0.3;

/** True when one of the Hangul readings, costing `cost` more, comes close enough to one of the readings of the Latin word. */
function readsAs(hangul: readonly (readonly string[])[], term: string, cost = 0): boolean {
  return readingsOf(term).some((reading) => {
    const consonants = reading.filter((sound) => !LOANWORD_VOWELS.has(sound)).length;
    const allowed = (term.length < SHORT_LATIN_LETTERS ? Math.min(SHORT_LATIN_ALLOWED, allowedDistance(consonants)) : allowedDistance(consonants)) - cost;
    return hangul.some((sounds) => soundDistance(sounds, reading, allowed) <= allowed);
  });
}

/** True when the text writes in Latin letters the word a Hangul word transliterates (trust for 트러스트). */
export function holdsLatinSpelling(text: TextTerms, word: Word): boolean {
  return latinSpellings(text, word, 1).length > 0;
}

/** Fewest syllables of each part of a Hangul compound read as two Latin words. */
const MIN_PART_SYLLABLES = 2;

/**
 * True when the text writes in Latin letters the words a Hangul word transliterates: one word
 * (trust for 트러스트), or two that Korean writes as one compound (Free Mobile for 프리모바일).
 */
export function writesInLatin(text: TextTerms, word: Word): boolean {
  let byWord = latinCache.get(text);
  if (!byWord) latinCache.set(text, (byWord = new Map()));
  let held = byWord.get(word.term);
  if (held === undefined) {
    held = holdsLatinSpelling(text, word) || (word.kind === 'hangul' && writesCompoundInLatin(text, word));
    if (byWord.size > 500) byWord.clear();
    byWord.set(word.term, held);
  }
  return held;
}

/** {@link writesInLatin} by text and word: each Latin term of a post is read for every word asked of it. */
const latinCache = new WeakMap<TextTerms, Map<string, boolean>>();

/** The Hangul word split in two, each part of a Latin word of the text (프리 + 모바일: free, mobile). */
function writesCompoundInLatin(text: TextTerms, word: Word): boolean {
  const part = (term: string): Word => ({ ...word, term, variants: [], parts: [], grams: [] });
  for (let at = MIN_PART_SYLLABLES; at <= word.term.length - MIN_PART_SYLLABLES; at++) {
    if (holdsLatinSpelling(text, part(word.term.slice(0, at))) && holdsLatinSpelling(text, part(word.term.slice(at)))) return true;
  }
  return false;
}

/** Korean spellings of English words found in each post, by word: a question asks the same posts again and again. */
const spellingsCache = new WeakMap<Post, Map<string, string[]>>();

/**
 * How a post writes a question's word otherwise: an English word's Hangul transliterations in the
 * post (폴더, 로컬, 홈), a Hangul word's Latin originals (트러스트 → trust, 월렛 → wallet), and the
 * translations and aliases the post holds (launch → 출시, 도커 → docker). For the score of a
 * sentence only: a question shares few words with a post that spells its names the other way.
 */
export function koreanSpellings(post: Post, word: Word, translations: (word: Word) => readonly string[]): string[] {
  let byWord = spellingsCache.get(post);
  if (!byWord) spellingsCache.set(post, (byWord = new Map()));
  let spellings = byWord.get(word.term);
  if (!spellings) {
    const terms = postTerms(post);
    const transliterations = word.kind === 'hangul' ? latinSpellings(terms, word) : loanwordSpellings(terms, word);
    spellings = [...new Set([...translations(word).filter((term) => terms.terms.has(term)), ...transliterations])];
    if (byWord.size > 500) byWord.clear();
    byWord.set(word.term, spellings);
  }
  return spellings;
}
