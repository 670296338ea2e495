/**
 * Loanwords without a table: a Hangul spelling of an English word (쿠버네테스, 머메이드,
 * 파이어크래커) matched against the Latin words the index holds, and the reverse, by how Korean
 * writes English sounds — the standard loanword orthography read backwards.
 *
 * Both spellings are turned into one phonetic alphabet (below) and compared by an edit distance
 * whose costs follow the orthography: ㅍ is p or f, ㅂ is b or v, ㄹ is r or l, an inserted ㅡ
 * (스, 트, 크: consonant clusters) costs almost nothing, vowels are loose (ㅓ writes u, er, o),
 * a consonant that is not there costs a lot. A guess must come close on the consonants, start
 * with the same sound, and be the word's best reading: a native Korean word that merely shares a
 * few syllables with an English one does not come close enough.
 *
 * Pure functions, no I/O.
 */
import { DeferredWords } from './deferred-words.ts';
import { decomposeSyllable } from './hangul.ts';
import { letterSplits, namesOfLetter } from './letters.ts';

/**
 * The phonetic alphabet: consonants p b t d k g s x(sh) j c(ch) l(r, l) m n N(ng) h θ(th), semivowels
 * y w, vowels a e i o u, and ɯ for the ㅡ Korean inserts between consonants.
 */
type Sound = string;

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'ə', 'ɯ']);
const SEMIVOWELS = new Set(['y', 'w']);
const isVowel = (sound: Sound | undefined): boolean => sound !== undefined && VOWELS.has(sound);
const isConsonant = (sound: Sound | undefined): boolean => sound !== undefined && !VOWELS.has(sound) && !SEMIVOWELS.has(sound);

// ---------------------------------------------------------------------------------------------
// Hangul → sounds

const INITIAL_SOUNDS = ['g', 'k', 'n', 'd', 't', 'l', 'm', 'b', 'p', 's', 's', '', 'j', 'j', 'c', 'k', 't', 'p', 'h'];
/** ㅓ is its own vowel ə: it writes English u, er, o and a alike (버전 version, 터미널 terminal). */
const MEDIAL_SOUNDS = ['a', 'e', 'ya', 'ye', 'ə', 'e', 'yə', 'ye', 'o', 'wa', 'we', 'we', 'yo', 'u', 'wə', 'we', 'wi', 'yu', 'ɯ', 'i', 'i'];
/** Finals as the orthography uses them for English codas: ㅅ writes t (깃 = git is the exception that ㄱ covers), ㅇ writes ng. */
const FINAL_SOUNDS = ['', 'k', 'k', 'ks', 'n', 'nj', 'n', 't', 'l', 'lk', 'lm', 'lb', 'ls', 'lt', 'lp', 'l', 'm', 'p', 'ps', 't', 't', 'N', 't', 't', 'k', 't', 'p', 't'];

/** The sounds of a Hangul word, or undefined when it holds anything but syllables. */
export function hangulSounds(word: string): Sound[] | undefined {
  const sounds: Sound[] = [];
  for (let at = 0; at < word.length; at++) {
    const char = word[at]!;
    const syllable = decomposeSyllable(char);
    if (!syllable) return undefined;
    const initial = INITIAL_SOUNDS[syllable.initial]!;
    const medial = MEDIAL_SOUNDS[syllable.medial]!;
    // 시, 샤, 쇼, 슈: ㅅ before i or y writes sh.
    const sh = syllable.initial === 9 && (medial.startsWith('y') || medial.startsWith('w') || medial === 'i');
    // ㄹㄹ is one l (플러그 has one, 헬로 has ㄹ twice for one l).
    if (initial === 'l' && sounds[sounds.length - 1] === 'l') sounds.pop();
    if (initial) sounds.push(sh ? 'x' : initial);
    // A final 지 or 치 writes a final j or ch, its ㅣ only carrying the consonant as ㅡ does elsewhere (image 이미지, switch 스위치).
    const carrier = medial === 'i' && (initial === 'j' || initial === 'c') && syllable.final === 0 && at > 0 && at === word.length - 1;
    for (const sound of carrier ? 'ɯ' : sh && /^[yw]/.test(medial) ? medial.slice(1) : medial) sounds.push(sound);
    for (const sound of FINAL_SOUNDS[syllable.final]!) sounds.push(sound);
  }
  return sounds;
}

/**
 * The sounds of a Hangul word read as a Hangul part beside letter names ({@link letterSplits}:
 * 챗지피티 is 챗 + gpt, said c e t g p t), one reading per split; `[]` for a word without such names.
 */
export function letterSplitSounds(word: string): Sound[][] {
  return letterSplits(word).flatMap((split) => {
    const hangul = hangulSounds(split.hangul);
    const letters = latinSounds(split.letters);
    if (!hangul || !letters) return [];
    return [split.lettersFirst ? [...letters, ...hangul] : [...hangul, ...letters]];
  });
}

// ---------------------------------------------------------------------------------------------
// Latin → sounds

/** Letter groups read as one sound, longest first. */
const LATIN_GROUPS: readonly [string, string][] = [
  ['tion', 'xən'], ['tua', 'cuə'], ['sion', 'xən'], ['ture', 'cə'], ['ph', 'p'], ['th', 'θ'], ['sh', 'x'], ['ch', 'c'], ['ck', 'k'],
  ['qu', 'kw'], ['wh', 'w'], ['gh', ''], ['ee', 'i'], ['ea', 'i'], ['oo', 'u'], ['ou', 'au'], ['oa', 'o'], ['ai', 'ei'],
  ['ay', 'ei'], ['ey', 'i'], ['au', 'o'], ['ie', 'i'], ['ue', 'u'], ['ui', 'u'], ['ts', 'c'], ['x', 'ks'],
];
const LATIN_LETTERS: Record<string, string> = {
  a: 'a', b: 'b', c: 'k', d: 'd', e: 'e', f: 'p', g: 'g', h: 'h', i: 'i', j: 'j', k: 'k', l: 'l', m: 'm',
  n: 'n', o: 'o', p: 'p', q: 'k', r: 'l', s: 's', t: 't', u: 'u', v: 'b', w: 'w', y: 'i', z: 'j',
};
/** A vowel before one consonant and a silent e (game 게임, file 파일, code 코드, cube 큐브). */
const LONG_VOWELS: Record<string, string> = { a: 'ei', i: 'ai', o: 'o', u: 'u' };
/** A vowel before r and a silent e (care 케어, fire 파이어, core 코어, here 히어). */
const VOWELS_BEFORE_RE: Record<string, string> = { a: 'eə', i: 'aiə', o: 'oə', u: 'uə', e: 'iə' };

const vowelLetter = (char: string | undefined): boolean => char !== undefined && 'aeiouy'.includes(char);
const consonantLetter = (char: string | undefined): boolean => char !== undefined && !vowelLetter(char);
/** True when a silent e stands at `at`: the word ends there, or a consonant follows. */
const silentE = (text: string, at: number): boolean => text[at] === 'e' && (at === text.length - 1 || (at === text.length - 2 && 'sd'.includes(text[at + 1]!)));

/** The sound of the letters at `i` read with what follows, and how many letters it took. */
function latinStep(text: string, i: number): [string, number] {
  const char = text[i]!;
  const next = text[i + 1];
  if (char in VOWELS_BEFORE_RE && next === 'r' && silentE(text, i + 2) && i + 2 < text.length) return [VOWELS_BEFORE_RE[char]!, 3];
  // An unstressed final -age is ij (package 패키지, image 이미지), before the long-vowel rule reads it as in page.
  if (char === 'a' && i >= 2 && i === text.length - 3 && text.endsWith('ge')) return ['ij', 3];
  if (char in LONG_VOWELS && consonantLetter(next) && next !== 'r' && next !== 'w' && next !== 'x' && silentE(text, i + 2) && i > 0) {
    const consonant = next === 'c' ? 's' : next === 'g' ? 'j' : LATIN_LETTERS[next!]!;
    return [LONG_VOWELS[char]! + consonant, 3];
  }
  // -er, -ir, -ur before a consonant or at the end are ə (docker 도커, server 서버, first 퍼스트).
  if ('eiu'.includes(char) && next === 'r' && !vowelLetter(text[i + 2]) && i > 0) return ['ə', 2];
  const group = LATIN_GROUPS.find(([letters]) => text.startsWith(letters, i));
  if (group) return [group[1], group[0].length];
  // y between consonants is ai before one consonant and a vowel (python 파이썬, byte), i before two (system 시스템).
  if (char === 'y' && i > 0 && consonantLetter(text[i - 1]) && /^(?:th|ph|sh|ch|[b-df-hj-np-tv-z])[aeiou]/.test(text.slice(i + 1))) return ['ai', 1];
  // nk is ng + k (think 씽크, link 링크).
  if (char === 'n' && next === 'k') return ['N', 1];
  // ow: au before a consonant (browser 브라우저, download), o at the end (window 윈도우).
  if (char === 'o' && next === 'w') return [i + 2 < text.length && consonantLetter(text[i + 2]) ? 'au' : 'ou', 2];
  // ng before e, i, y is n + j (engine 엔진, change); otherwise ng (single 싱글).
  if (char === 'n' && next === 'g') return [text[i + 2] !== undefined && 'eiy'.includes(text[i + 2]!) ? 'nj' : 'N', 2];
  if (char === 'c' && next !== undefined && 'eiy'.includes(next)) return ['s', 1];
  if (char === 'g' && i > 0 && next !== undefined && 'eiy'.includes(next)) return ['j', 1];
  if (char === 'y' && i === 0 && vowelLetter(next)) return ['y', 1];
  if (char === 'r') {
    // Post-vocalic r is not written (docker 도커, server 서버) unless a vowel follows; a final r
    // after a consonant is the letter's ə (nostr 노스터).
    if (i > 0 && vowelLetter(text[i - 1]) && !vowelLetter(next)) return ['', 1];
    if (i === text.length - 1 && i > 0) return ['ə', 1];
  }
  if (char === 'e' && i === text.length - 1 && i >= 2 && consonantLetter(text[i - 1])) return ['', 1];
  return [LATIN_LETTERS[char]!, 1];
}

/** The sounds of a lower-case Latin word as Korean would hear them, or undefined for anything but letters. */
export function latinSounds(word: string, lettersApart = false): Sound[] | undefined {
  if (!/^[a-z]+$/.test(word)) return undefined;
  // Doubled consonants are one sound (mm, ll, ss).
  const text = word.replace(/([b-df-hj-np-tv-z])\1+/g, '$1');
  const sounds: Sound[] = [];
  for (let i = 0; i < text.length; ) {
    // Read letter by letter, th and ph are t + h and p + h (기트허브 for github).
    const apart = lettersApart && text[i + 1] === 'h' && (text[i] === 't' || text[i] === 'p');
    const [sound, length] = apart ? [LATIN_LETTERS[text[i]!]!, 1] : latinStep(text, i);
    for (const part of sound) sounds.push(part);
    i += length;
  }
  return sounds;
}

/**
 * The readings of a Latin word: as it sounds, and for a word with th or ph also with those
 * letters read apart, as Korean sometimes spells them letter by letter (깃허브 and 기트허브); a
 * word that opens with two consonants English does not say together also with its first letter
 * said by name (엔비디아, 지스케일러); a compound whose first word ends in a silent e also read as
 * two words (pipe + lock, 파이프락);
 * a word ending in -ie(d/s) after a consonant also with that ie said ai (어플라이드).
 */
export function latinReadings(word: string): Sound[][] {
  const sounds = latinSounds(word);
  if (!sounds) return [];
  const readings = /[tp]h/.test(word) ? [sounds, latinSounds(word, true)!] : [sounds];
  readings.push(...letterNameOpenings(word));
  const compound = compoundReading(word);
  if (compound) readings.push(compound);
  // A final -ie, -ied, -ies after a consonant is i in some words (movie 무비) and ai in others
  // (applied 어플라이드, lies 라이즈): the letters cannot tell which.
  const inflected = /^([a-z]*[b-df-hj-np-tv-z])ie([ds]?)$/.exec(word);
  if (inflected) readings.push([...(latinSounds(inflected[1]!) ?? []), 'a', 'i', ...(inflected[2] ? [LATIN_LETTERS[inflected[2]]!] : [])]);
  return readings;
}

/**
 * Two consonants English may open a word with (bl, str, th, kn…): a word opening with any other
 * pair (Nvidia, Zscaler, Xcode, FFmpeg) says its first letter by name (엔비디아, 지스케일러, 엑스코드).
 */
const SAYABLE_ONSET = /^(?:s[chklmnpqtw]|[bcfgkp][lr]|[dt]r|[dgkst]w|[cgkpstw]h|[gkp]n|wr|ps)/;

/** Fewest letters of a word {@link letterNameOpenings} reads: a shorter one (css, cve, ngo) is an abbreviation said letter by letter. */
const MIN_NAMED_OPENING = 5;

/** Readings of a word opening with a pair of consonants English does not say together: its first letter by its Hangul name, the rest as a word. */
function letterNameOpenings(word: string): Sound[][] {
  if (word.length < MIN_NAMED_OPENING || !/^[b-df-hj-np-tv-z]{2}/.test(word) || SAYABLE_ONSET.test(word)) return [];
  const rest = latinSounds(word.slice(1));
  if (!rest) return [];
  return namesOfLetter(word[0]!).flatMap((name) => {
    const said = hangulSounds(name);
    return said ? [[...said, ...rest]] : [];
  });
}

/** Fewest letters of each word of a compound {@link compoundReading} reads apart (pipe, lock). */
const MIN_COMPOUND_PART = 4;

/**
 * A word read as two written together (pipelock, codebase, timeline) when a silent e ends the
 * first: pipe + lock is 파이프락, where read as one word the e between p and l would be said.
 * Undefined when no e stands so, between a vowel and consonant before it and a consonant and vowel after.
 */
function compoundReading(word: string): Sound[] | undefined {
  for (let at = MIN_COMPOUND_PART - 1; at <= word.length - MIN_COMPOUND_PART; at++) {
    if (word[at] !== 'e' || !/[aiou][b-df-hj-np-tv-z]e[b-df-hj-np-tv-z]/.test(word.slice(at - 2, at + 2))) continue;
    const tail = word.slice(at + 1);
    if (!/[aeiouy]/.test(tail)) continue;
    const head = latinSounds(word.slice(0, at + 1));
    const rest = latinSounds(tail);
    if (head && rest) return [...head, ...rest];
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Distance

/** Substitution costs of sounds the orthography writes alike (symmetric). */
const NEAR: Record<string, number> = {
  'g k': 0.3, 'd t': 0.3, 'b p': 0.4, 's t': 0.45, 's x': 0.25, 'c x': 0.35, 'c t': 0.45, 'c k': 0.45,
  'g j': 0.4, 'j s': 0.35, 's c': 0.4, 'c j': 0.35, 'j x': 0.4, 'n N': 0.35, 'N g': 0.6, 'l n': 0.8, 'k s': 0.9,
  // th: ㅅ/ㅆ (파이썬, 스레드) as often as ㅌ, sometimes ㄷ or ㅎ (깃허브); before ㅣ that ㅅ reads as sh (아메시스트, 씽크).
  'θ s': 0.15, 'θ t': 0.2, 'θ d': 0.35, 'θ h': 0.4, 'θ x': 0.3,
};
const nearCost = (a: Sound, b: Sound): number | undefined => NEAR[`${a} ${b}`] ?? NEAR[`${b} ${a}`];

/** Every sound of the alphabet, by code: distances run on small integers and a cost table. */
const ALPHABET: readonly Sound[] = ['a', 'e', 'i', 'o', 'u', 'ə', 'ɯ', 'y', 'w', 'p', 'b', 't', 'd', 'k', 'g', 's', 'x', 'j', 'c', 'l', 'm', 'n', 'N', 'h', 'θ'];
const CODE = new Map(ALPHABET.map((sound, code) => [sound, code]));

function substitution(a: Sound, b: Sound): number {
  if (a === b) return 0;
  if (isVowel(a) && isVowel(b)) return a === 'ɯ' || b === 'ɯ' ? 0.3 : a === 'ə' || b === 'ə' ? 0.2 : 0.35;
  // w writes u or o, y writes i (window 윈도우).
  if ((SEMIVOWELS.has(a) && isVowel(b)) || (isVowel(a) && SEMIVOWELS.has(b))) return 0.2;
  return nearCost(a, b) ?? 1.2;
}

/**
 * Cost of a sound only one spelling has. English writes silent vowels, Korean adds none but ㅡ
 * (and the ə of -er, -ire): a full vowel only the Hangul has costs more than one only the Latin has.
 */
function indel(sound: Sound, side: 'hangul' | 'latin'): number {
  if (sound === 'ɯ') return 0.1;
  if (isVowel(sound)) return side === 'hangul' && sound !== 'ə' ? 0.5 : 0.3;
  if (SEMIVOWELS.has(sound)) return 0.25;
  if (sound === 'h') return 0.5;
  return 0.9;
}

const SIZE = ALPHABET.length;
const SUBSTITUTION = new Float64Array(SIZE * SIZE);
const INDEL_HANGUL = new Float64Array(SIZE);
const INDEL_LATIN = new Float64Array(SIZE);
ALPHABET.forEach((a, i) => {
  INDEL_HANGUL[i] = indel(a, 'hangul');
  INDEL_LATIN[i] = indel(a, 'latin');
  ALPHABET.forEach((b, j) => (SUBSTITUTION[i * SIZE + j] = substitution(a, b)));
});

/** Sounds as codes of {@link ALPHABET}. */
const encode = (sounds: readonly Sound[]): Uint8Array => Uint8Array.from(sounds, (sound) => CODE.get(sound)!);

/** Rows of the distance table, reused (the matcher is synchronous). */
let rowA = new Float64Array(64);
let rowB = new Float64Array(64);

/**
 * Weighted edit distance between an encoded Hangul spelling `a` and a Latin one `b` (or the
 * reverse when `latinFirst`), or Infinity once it must exceed `max`.
 */
function codeDistance(a: Uint8Array, b: Uint8Array, max: number, latinFirst = false): number {
  return codeDistanceIn(a, b, 0, b.length, max, latinFirst);
}

/**
 * {@link codeDistance} with `b` read from `codes[start..end)`: the entries of a bucket are packed
 * end to end in one array ({@link Bucket}), so a match reads one small block of memory.
 */
function codeDistanceIn(a: Uint8Array, codes: Uint8Array, start: number, end: number, max: number, latinFirst: boolean, gaps?: Int8Array): number {
  const dropA = latinFirst ? INDEL_LATIN : INDEL_HANGUL;
  const dropB = latinFirst ? INDEL_HANGUL : INDEL_LATIN;
  const length = end - start;
  if (rowA.length <= length) {
    rowA = new Float64Array(length * 2 + 1);
    rowB = new Float64Array(length * 2 + 1);
  }
  // With `gaps` (a's class counts minus b's): what a's consonants not yet read must add at least
  // ({@link classBound}'s reasoning for the rest of a against all of b), so a row can stop sooner.
  let rest = 0;
  if (gaps) for (let c = 0; c < CLASSES; c++) if (gaps[c]! > 0) rest += gaps[c]! * CLASS_COSTS[c]!;
  let previous = rowA;
  let current = rowB;
  previous[0] = 0;
  for (let j = 1; j <= length; j++) previous[j] = previous[j - 1]! + dropB[codes[start + j - 1]!]!;
  for (let i = 1; i <= a.length; i++) {
    const soundA = a[i - 1]!;
    const costA = dropA[soundA]!;
    const substitutions = soundA * SIZE;
    current[0] = previous[0]! + costA;
    let rowMin = current[0]!;
    for (let j = 1; j <= length; j++) {
      const soundB = codes[start + j - 1]!;
      let value = previous[j - 1]! + SUBSTITUTION[substitutions + soundB]!;
      const drop = previous[j]! + costA;
      if (drop < value) value = drop;
      const insert = current[j - 1]! + dropB[soundB]!;
      if (insert < value) value = insert;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (gaps) {
      const coarse = CLASS_OF_CODE[soundA]!;
      if (coarse >= 0 && gaps[coarse]!-- > 0) rest -= CLASS_COSTS[coarse]!;
    }
    if (rowMin > max || rowMin + rest > max + ROUNDING) return Infinity;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[length]!;
}

/** Weighted edit distance between the sounds of a Hangul and of a Latin spelling, or Infinity once it must exceed `max`. */
export function soundDistance(hangul: readonly Sound[], latin: readonly Sound[], max: number): number {
  return codeDistance(encode(hangul), encode(latin), max);
}

const consonants = (sounds: readonly Sound[]): Sound[] => sounds.filter(isConsonant);

/** The first consonant, or `''` when the word starts with a vowel (or h, which Korean often drops). */
function onset(sounds: readonly Sound[]): Sound {
  const first = sounds.find((sound) => !SEMIVOWELS.has(sound));
  return first === undefined || isVowel(first) || first === 'h' ? '' : first;
}

const onsetsAgree = (a: Sound, b: Sound): boolean => a === b || (a !== '' && b !== '' && (nearCost(a, b) ?? 1) <= 0.45);

/**
 * Most distance allowed per consonant of the query word, with a floor and a ceiling: a word of
 * two consonants may be about one near sound off, a long word a few.
 */
const COST_PER_CONSONANT = 0.25;
/** Words of this many consonants or fewer sound like many others: they get less slack. */
const SHORT_CONSONANTS = 3;
const SHORT_COST_PER_CONSONANT = 0.2;
const MIN_ALLOWED = 0.45;
const MAX_ALLOWED = 1.8;
/** Most consonants the two spellings may differ by in number. */
const MAX_CONSONANT_GAP = 1;
/** Words shorter than these are not guessed: two-syllable native words sound like too many short English words. */
const MIN_HANGUL_SYLLABLES = 2;
const MIN_LATIN_LETTERS = 4;
const MIN_CONSONANTS = 2;
/** A guess only counts when it is the best reading or nearly: a far second guess is noise. */
const NEAR_BEST = 0.3;
/** Most distance of a Hangul reading of a Latin query word. */
const MAX_REVERSE_DISTANCE = 0.25;
/** Cost of reading a final 스/즈 as the plural s of a stem. */
export const PLURAL_COST = 0.2;

/**
 * The sounds of a Hangul spelling without its final 스/즈, when it has one: the index holds
 * English stems, and that 스/즈 may be the plural s the stem dropped (쿠버네티스: kubernete,
 * 레일즈: rail); undefined otherwise.
 */
export function withoutPlural(sounds: readonly Sound[]): Sound[] | undefined {
  const last = sounds.slice(-2).join('');
  return last === 'sɯ' || last === 'jɯ' ? sounds.slice(0, -2) : undefined;
}

/** Distance allowed for a query word of `consonantCount` consonants. */
export const allowedDistance = (consonantCount: number): number =>
  Math.min(MAX_ALLOWED, Math.max(MIN_ALLOWED, (consonantCount <= SHORT_CONSONANTS ? SHORT_COST_PER_CONSONANT : COST_PER_CONSONANT) * consonantCount));

/** One word of the other script and how far it sounds from the query word (0 = the same). */
export interface LoanwordMatch {
  word: string;
  distance: number;
}

interface Entry {
  word: string;
  codes: Uint8Array;
  consonantCount: number;
  onset: Sound;
  /** Its {@link coarseKeys}: a match scanning a second key skips entries the first key held. */
  coarse: string[];
  /** Its {@link skeleton} key, so a removal finds its bucket. */
  skeleton: string;
}

/**
 * Coarse classes of consonants: sounds within a class are near (cheap to substitute), sounds of
 * two classes are not. h is left out (Korean often drops it).
 */
const COARSE: Record<string, string> = { p: 'P', b: 'P', t: 'T', d: 'T', θ: 'T', s: 'T', x: 'T', j: 'T', c: 'T', k: 'K', g: 'K', l: 'L', n: 'N', N: 'N', m: 'M' };

/**
 * Keys of a spelling: its first coarse consonant class with the second, and with the third.
 * Two spellings one consonant apart in their first three share a key: a word is only compared
 * with the few whose keys it shares, not with the whole vocabulary.
 */
function coarseKeys(sounds: readonly Sound[]): string[] {
  let classes = sounds.map((sound) => COARSE[sound]).filter((coarse): coarse is string => coarse !== undefined);
  // A word of one consonant besides h (hacker 해커) is keyed with its h, or it could never be found.
  if (classes.length < 2) classes = sounds.map((sound) => (sound === 'h' ? 'H' : COARSE[sound])).filter((coarse): coarse is string => coarse !== undefined);
  if (classes.length < 2) return [];
  const keys = [classes[0]! + classes[1]!];
  if (classes.length >= 3 && classes[2] !== classes[1]) keys.push(classes[0]! + classes[2]!);
  return keys;
}

/** Onsets a word may start with ({@link onset}): the consonants but h, and none. */
const ONSETS: readonly Sound[] = ['', ...ALPHABET.filter((sound) => isConsonant(sound) && sound !== 'h')];
/** For each onset, the onsets that agree with it ({@link onsetsAgree}), computed once. */
const AGREEING_ONSETS = new Map(ONSETS.map((a) => [a, ONSETS.filter((b) => onsetsAgree(a, b))]));

/** The consonant skeleton of a spelling: the coarse class of each consonant, h as its own. */
const skeleton = (sounds: readonly Sound[]): string => sounds.filter(isConsonant).map((sound) => COARSE[sound] ?? sound).join('');

/**
 * Below this distance two spellings have the same {@link skeleton}: it is the cheapest edit that
 * changes one (a consonant left out or added, or replaced by a sound of another class), computed
 * from the cost tables so it follows them.
 */
const SKELETON_BOUND = (() => {
  let bound = Infinity;
  const classOf = (sound: Sound) => (isConsonant(sound) ? (COARSE[sound] ?? sound) : '');
  ALPHABET.forEach((a, i) => {
    if (isConsonant(a)) bound = Math.min(bound, INDEL_HANGUL[i]!, INDEL_LATIN[i]!);
    ALPHABET.forEach((b, j) => {
      if (classOf(a) !== classOf(b)) bound = Math.min(bound, SUBSTITUTION[i * SIZE + j]!);
    });
  });
  return bound;
})();


/** Each sound's {@link skeleton} class as a small number (h its own), -1 for a vowel or semivowel. */
const CLASS_OF_CODE = Int8Array.from(ALPHABET, (sound) => (isConsonant(sound) ? 'PTKLNMh'.indexOf(COARSE[sound] ?? sound) : -1));
const CLASSES = 7;

/** How many consonants of each skeleton class `codes` holds, into `out[at..at + CLASSES)`. */
function countClasses(codes: Uint8Array, out: Uint8Array, at: number): void {
  for (let i = 0; i < codes.length; i++) {
    const coarse = CLASS_OF_CODE[codes[i]!]!;
    if (coarse >= 0) out[at + coarse]!++;
  }
}

/**
 * What a consonant of each skeleton class costs at least when no consonant of its class in the
 * other spelling takes it: it is dropped, or replaced by a sound of another class (computed from
 * the cost tables, like {@link SKELETON_BOUND}, the least of these).
 */
const CLASS_COSTS = Float64Array.from({ length: CLASSES }, (_, coarse) => {
  let cost = Infinity;
  ALPHABET.forEach((a, i) => {
    if (CLASS_OF_CODE[i] !== coarse) return;
    cost = Math.min(cost, INDEL_HANGUL[i]!, INDEL_LATIN[i]!);
    ALPHABET.forEach((_b, j) => {
      if (CLASS_OF_CODE[j] !== coarse) cost = Math.min(cost, SUBSTITUTION[i * SIZE + j]!);
    });
  });
  return cost;
});

/**
 * A lower bound of the distance between two spellings from their class counts: a consonant of one
 * that no consonant of its class in the other can take costs at least its {@link CLASS_COSTS},
 * and one edit takes at most one consonant of each side, so either side's such consonants add
 * up to a bound.
 */
function classBound(a: Uint8Array, b: Uint8Array, at: number): number {
  let extraA = 0;
  let extraB = 0;
  for (let c = 0; c < CLASSES; c++) {
    const gap = a[c]! - b[at + c]!;
    CLASS_GAPS[c] = gap;
    if (gap > 0) extraA += gap * CLASS_COSTS[c]!;
    else if (gap < 0) extraB -= gap * CLASS_COSTS[c]!;
  }
  return extraA > extraB ? extraA : extraB;
}

/**
 * The last {@link classBound}'s query count minus entry count per class: the distance table reads
 * it to bound what the rest of the query still costs (reused: the matcher is synchronous).
 */
const CLASS_GAPS = new Int8Array(CLASSES);

/** {@link classBound} of two spellings, for tests (it must never exceed {@link soundDistance}). @internal */
export function soundClassBound(hangul: readonly Sound[], latin: readonly Sound[]): number {
  const counts = (sounds: readonly Sound[]) => {
    const out = new Uint8Array(CLASSES);
    countClasses(encode(sounds), out, 0);
    return out;
  };
  return classBound(counts(hangul), counts(latin), 0);
}

/** Small numbers for coarse keys and onsets, so a packed bucket can hold them in typed arrays. */
const KEY_IDS = new Map<string, number>();
const keyId = (key: string): number => {
  let id = KEY_IDS.get(key);
  if (id === undefined) KEY_IDS.set(key, (id = KEY_IDS.size + 1));
  return id;
};
/** {@link AGREEING_ONSETS} by id. */
const AGREEING_ONSET_IDS = new Map([...AGREEING_ONSETS].map(([a, agreeing]) => [a, new Set(agreeing.map(keyId))]));

/** The packed form of a bucket: every entry's codes end to end, and the little a match filters on. */
interface Packed {
  codes: Uint8Array;
  /** Entry i's codes are `codes[starts[i]..starts[i + 1])`. */
  starts: Uint32Array;
  consonantCounts: Int32Array;
  onsets: Uint16Array;
  /** Id of each entry's coarse keys (0 when it has fewer), to skip one measured under another key. */
  firstKeys: Uint16Array;
  secondKeys: Uint16Array;
  /** Entry i's consonants per skeleton class: `classCounts[i * CLASSES..(i + 1) * CLASSES)`. */
  classCounts: Uint8Array;
}

/**
 * Entries filed together. A match reads them packed ({@link Packed}: one block of memory instead
 * of an object and an array per entry, which under a busy machine's cache misses cost more than
 * the distances); the packed form is made on the first match after a change.
 */
class Bucket {
  readonly entries: Entry[] = [];
  private packedForm: Packed | undefined;

  get length(): number {
    return this.entries.length;
  }

  push(entry: Entry): void {
    this.entries.push(entry);
    this.packedForm = undefined;
  }

  /** Takes `entry` out by identity; false when it was not there. */
  unfile(entry: Entry): boolean {
    const at = this.entries.indexOf(entry);
    if (at < 0) return false;
    this.entries.splice(at, 1);
    this.packedForm = undefined;
    return true;
  }

  packed(): Packed {
    if (this.packedForm) return this.packedForm;
    const n = this.entries.length;
    const starts = new Uint32Array(n + 1);
    this.entries.forEach((entry, i) => (starts[i + 1] = starts[i]! + entry.codes.length));
    const packed: Packed = { codes: new Uint8Array(starts[n]!), starts, consonantCounts: new Int32Array(n), onsets: new Uint16Array(n), firstKeys: new Uint16Array(n), secondKeys: new Uint16Array(n), classCounts: new Uint8Array(n * CLASSES) };
    this.entries.forEach((entry, i) => {
      packed.codes.set(entry.codes, starts[i]);
      packed.consonantCounts[i] = entry.consonantCount;
      packed.onsets[i] = keyId(entry.onset);
      packed.firstKeys[i] = entry.coarse[0] === undefined ? 0 : keyId(entry.coarse[0]);
      packed.secondKeys[i] = entry.coarse[1] === undefined ? 0 : keyId(entry.coarse[1]);
      countClasses(entry.codes, packed.classCounts, i * CLASSES);
    });
    return (this.packedForm = packed);
  }
}

/** Slack when a bound is compared with a cutoff: the table sums its costs in another order, so a bound equal to a distance may come out a rounding above it. */
const ROUNDING = 1e-9;

/** What a match carries while it measures buckets. */
interface Measuring {
  codes: Uint8Array;
  /** The query's consonants per skeleton class. */
  classCounts: Uint8Array;
  /** The distance a word must come within. */
  measured: number;
  /** The vocabulary is Latin (the query Hangul). */
  latin: boolean;
  /** Each word measured within `cutoff`, at its closest reading. */
  closest: Map<string, number>;
  /** Words kept ({@link SoundIndex.match}'s `limit`). */
  limit: number;
  /**
   * What a word may still be from the query and matter: `measured` at first, then no farther
   * than {@link NEAR_BEST} past the best so far (the match drops those), nor past the `limit`-th
   * closest word so far (ranked after it). Lower, the distances stop sooner; the words kept are
   * the same.
   */
  cutoff: number;
}

/** Measures entry `i` of a packed bucket and keeps its word when it comes close enough. */
function measureAt(bucket: Bucket, packed: Packed, i: number, m: Measuring): void {
  // Most entries of a bucket are rejected; the bound rejects half or more of those without the table.
  if (classBound(m.classCounts, packed.classCounts, i * CLASSES) > m.cutoff + ROUNDING) return;
  const distance = codeDistanceIn(m.codes, packed.codes, packed.starts[i]!, packed.starts[i + 1]!, m.cutoff, !m.latin, CLASS_GAPS);
  if (distance > m.cutoff) return;
  const word = bucket.entries[i]!.word;
  if (distance >= (m.closest.get(word) ?? Infinity)) return;
  m.closest.set(word, distance);
  if (distance + NEAR_BEST < m.cutoff) m.cutoff = distance + NEAR_BEST;
  if (m.closest.size >= m.limit) {
    const kept = [...m.closest.values()].sort((a, b) => a - b)[m.limit - 1]!;
    if (kept < m.cutoff) m.cutoff = kept;
  }
}

/**
 * The words of one script of an index, ready to be matched: built once from the vocabulary,
 * bucketed by {@link coarseKeys}, onset and consonant count, so that a match measures only the
 * words that can pass its cheap filters (a coarse key alone held up to 2,100 Hangul words of the
 * real blog, most of them rejected after a look).
 */
export class SoundIndex {
  /** Coarse key → onset → consonant count → entries (the filters a match applies before measuring). */
  private readonly byKey = new Map<string, Map<Sound, Bucket[]>>();
  /** The same entries by {@link skeleton}, for matches held below {@link SKELETON_BOUND}. */
  private readonly bySkeleton = new Map<string, Bucket>();
  /** Each word's entries (one per reading), to compare two known words without a search. */
  private readonly byWord = new Map<string, Entry[]>();

  /** `latin`: the vocabulary is Latin, queries are Hangul (else the reverse). `toReadings`: a word's readings (one or more). */
  constructor(
    private readonly toReadings: (word: string) => Sound[][],
    private readonly latin: boolean,
  ) {}

  /** Adds a word of the vocabulary (the caller has checked its script and length). */
  add(word: string): void {
    for (const sounds of this.toReadings(word)) this.addReading(word, sounds);
  }

  /**
   * Takes a word of the vocabulary out again (the index no longer holds it): every reading's
   * entry leaves its nested buckets, its skeleton bucket and {@link byWord}; a word never added is ignored.
   */
  remove(word: string): void {
    const entries = this.byWord.get(word);
    if (!entries) return;
    this.byWord.delete(word);
    for (const entry of entries) {
      for (const coarse of entry.coarse) {
        const byOnset = this.byKey.get(coarse);
        const byCount = byOnset?.get(entry.onset);
        const bucket = byCount?.[entry.consonantCount];
        if (!bucket || !bucket.unfile(entry)) continue;
        // Empty buckets go too, so a removed word leaves nothing behind.
        if (bucket.length > 0) continue;
        delete byCount![entry.consonantCount];
        if (byCount!.some((held) => held !== undefined)) continue;
        byOnset!.delete(entry.onset);
        if (byOnset!.size === 0) this.byKey.delete(coarse);
      }
      if (entry.coarse.length === 0) continue;
      const bucket = this.bySkeleton.get(entry.skeleton);
      if (bucket && bucket.unfile(entry) && bucket.length === 0) this.bySkeleton.delete(entry.skeleton);
    }
  }

  /**
   * What it holds, as plain data a test compares with a fresh build's: each word with its count
   * of entries, and how many entries and non-empty buckets the nested and skeleton maps hold (an
   * entry a removal left behind shows there). @internal
   */
  describe(): { words: string[]; nestedEntries: number; nestedBuckets: number; skeletonEntries: number; skeletonBuckets: number } {
    const words = [...this.byWord].map(([word, entries]) => `${word}:${entries.length}`).sort();
    let nestedEntries = 0;
    let nestedBuckets = 0;
    for (const byOnset of this.byKey.values()) {
      for (const byCount of byOnset.values()) {
        for (const bucket of byCount) {
          if (bucket === undefined) continue;
          nestedEntries += bucket.length;
          nestedBuckets++;
        }
      }
    }
    let skeletonEntries = 0;
    for (const bucket of this.bySkeleton.values()) skeletonEntries += bucket.length;
    return { words, nestedEntries, nestedBuckets, skeletonEntries, skeletonBuckets: this.bySkeleton.size };
  }

  /** The entries of a word added before (none for a word too short or not added). */
  entriesOf(word: string): readonly Entry[] {
    return this.byWord.get(word) ?? [];
  }

  /**
   * Words whose sounds come close enough to `sounds`, closest first; a word of two readings is
   * found once, by its closer one. `ceiling`: the caller keeps no match farther than this
   * (distances beyond it are not measured to the end).
   */
  match(sounds: readonly Sound[], limit: number, ceiling = Infinity): LoanwordMatch[] {
    const count = consonants(sounds).length;
    if (count < MIN_CONSONANTS) return [];
    const key = onset(sounds);
    const measured = Math.min(allowedDistance(count), ceiling);
    const codes = encode(sounds);
    const classCounts = new Uint8Array(CLASSES);
    countClasses(codes, classCounts, 0);
    const m: Measuring = { codes, classCounts, measured, latin: this.latin, closest: new Map(), limit: Math.max(1, limit), cutoff: measured };
    const queryKeys = coarseKeys(sounds);
    if (m.measured < SKELETON_BOUND && queryKeys.length > 0) {
      // Only words of the same skeleton can come this close; the filters below hold for them or not, as ever.
      const bucket = this.bySkeleton.get(skeleton(sounds));
      if (bucket) this.measureSkeleton(bucket, key, count, m);
    } else queryKeys.forEach((coarse, i) => this.measureBucket(coarse, key, count, i > 0 ? queryKeys[0] : undefined, m));
    const found = [...m.closest].map(([word, distance]) => ({ word, distance }));
    found.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1));
    const best = found[0]?.distance ?? 0;
    return found.filter((match) => match.distance <= best + NEAR_BEST).slice(0, limit);
  }

  /** Measures the entries of a skeleton bucket whose consonant count and onset can pass. */
  private measureSkeleton(bucket: Bucket, key: Sound, count: number, m: Measuring): void {
    const packed = bucket.packed();
    const agreeing = AGREEING_ONSET_IDS.get(key);
    for (let i = 0; i < bucket.length; i++) {
      if (Math.abs(packed.consonantCounts[i]! - count) <= MAX_CONSONANT_GAP && agreeing?.has(packed.onsets[i]!)) measureAt(bucket, packed, i, m);
    }
  }

  /** Measures the entries under `coarse` whose onset and consonant count can pass; `skip`: a key scanned already. */
  private measureBucket(coarse: string, key: Sound, count: number, skip: string | undefined, m: Measuring): void {
    const byOnset = this.byKey.get(coarse);
    if (!byOnset) return;
    const skipId = skip === undefined ? -1 : keyId(skip);
    for (const entryOnset of AGREEING_ONSETS.get(key) ?? []) {
      const byCount = byOnset.get(entryOnset);
      if (!byCount) continue;
      for (let entryCount = count - MAX_CONSONANT_GAP; entryCount <= count + MAX_CONSONANT_GAP; entryCount++) {
        const bucket = byCount[entryCount];
        if (!bucket) continue;
        const packed = bucket.packed();
        for (let i = 0; i < bucket.length; i++) {
          // Held under an earlier key of the query too: measured there already.
          if (packed.firstKeys[i] !== skipId && packed.secondKeys[i] !== skipId) measureAt(bucket, packed, i, m);
        }
      }
    }
  }

  private addReading(word: string, sounds: Sound[]): void {
    const consonantCount = consonants(sounds).length;
    if (consonantCount < MIN_CONSONANTS) return;
    const entry: Entry = { word, codes: encode(sounds), consonantCount, onset: onset(sounds), coarse: coarseKeys(sounds), skeleton: skeleton(sounds) };
    file(this.byWord, word, entry);
    if (entry.coarse.length === 0) return;
    for (const coarse of entry.coarse) {
      let byOnset = this.byKey.get(coarse);
      if (!byOnset) this.byKey.set(coarse, (byOnset = new Map()));
      let byCount = byOnset.get(entry.onset);
      if (!byCount) byOnset.set(entry.onset, (byCount = []));
      (byCount[consonantCount] ??= new Bucket()).push(entry);
    }
    let bucket = this.bySkeleton.get(entry.skeleton);
    if (!bucket) this.bySkeleton.set(entry.skeleton, (bucket = new Bucket()));
    bucket.push(entry);
  }
}

function file<T>(map: Map<string, T[]>, key: string, value: T): void {
  const bucket = map.get(key);
  if (bucket) bucket.push(value);
  else map.set(key, [value]);
}

const HANGUL_ONLY = /^[\uAC00-\uD7A3]+$/;
const LATIN_ONLY = /^[a-z]+$/;

/** Matches words across scripts against an index's own vocabulary, both ways. */
export class LoanwordMatcher {
  private readonly latin: SoundIndex;
  private readonly hangul: SoundIndex;

  /** `latinWords` and `hangulWords`: words of the index (more can be added; see {@link add}). */
  constructor(latinWords: Iterable<string> = [], hangulWords: Iterable<string> = []) {
    this.latin = new SoundIndex(latinReadings, true);
    this.hangul = new SoundIndex((word) => {
      const sounds = hangulSounds(word);
      return sounds ? [sounds] : [];
    }, false);
    for (const word of latinWords) this.add(word);
    for (const word of hangulWords) this.add(word);
  }

  /** Adds a word of the index: Latin letters or Hangul syllables only, others (and short ones) are ignored. */
  add(word: string): void {
    if (LATIN_ONLY.test(word)) {
      if (word.length >= MIN_LATIN_LETTERS) this.latin.add(word);
    } else if (HANGUL_ONLY.test(word) && word.length >= MIN_HANGUL_SYLLABLES) this.hangul.add(word);
  }

  /** Takes a word out (an update removed the last post holding it); a word never added is ignored. */
  remove(word: string): void {
    if (LATIN_ONLY.test(word)) this.latin.remove(word);
    else if (HANGUL_ONLY.test(word)) this.hangul.remove(word);
  }

  /** Both sound indexes as plain data ({@link SoundIndex.describe}), for tests. @internal */
  describe(): { latin: ReturnType<SoundIndex['describe']>; hangul: ReturnType<SoundIndex['describe']> } {
    return { latin: this.latin.describe(), hangul: this.hangul.describe() };
  }

  /** Latin words of the index a Hangul word may be the spelling of (머메이드 → mermaid), closest first. */
  latinFor(hangul: string, limit = 2): LoanwordMatch[] {
    if (hangul.length < MIN_HANGUL_SYLLABLES) return [];
    const sounds = hangulSounds(hangul);
    return sounds ? this.latinForSounds(sounds, limit) : [];
  }

  /**
   * Latin words of the index that sound like `sounds`, closest first: {@link latinFor} for a
   * reading made otherwise (a Hangul part and letters, 챗 + gpt).
   */
  latinForSounds(sounds: readonly Sound[], limit = 2): LoanwordMatch[] {
    const found = this.latin.match(sounds, limit);
    const stem = withoutPlural(sounds);
    if (stem) {
      for (const match of this.latin.match(stem, limit)) {
        const distance = match.distance + PLURAL_COST;
        const known = found.find((other) => other.word === match.word);
        if (known) known.distance = Math.min(known.distance, distance);
        else found.push({ word: match.word, distance });
      }
      found.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1));
    }
    return found.slice(0, limit);
  }

  /**
   * Pairs of a Hangul and a Latin word, both added before, that sound alike: for each Hangul word
   * its closest Latin word, when within `limitFor(hangul)` (and the reader's own limit). Compares
   * the known words only, without a search of the vocabulary: a post's words against each other.
   */
  closestPairs(hangulWords: Iterable<string>, latinWords: Iterable<string>, limitFor: (hangul: string) => number): [string, string][] {
    const latin = [...latinWords].flatMap((word) => this.latin.entriesOf(word));
    const pairs: [string, string][] = [];
    if (latin.length === 0) return pairs;
    for (const hangul of hangulWords) {
      let best: string | undefined;
      let bestDistance = Infinity;
      for (const a of this.hangul.entriesOf(hangul)) {
        const allowed = Math.min(allowedDistance(a.consonantCount), limitFor(hangul));
        for (const b of latin) {
          if (Math.abs(a.consonantCount - b.consonantCount) > MAX_CONSONANT_GAP || !onsetsAgree(a.onset, b.onset)) continue;
          const distance = codeDistance(a.codes, b.codes, allowed);
          if (distance <= allowed && distance < bestDistance) [best, bestDistance] = [b.word, distance];
        }
      }
      if (best !== undefined) pairs.push([hangul, best]);
    }
    return pairs;
  }

  /**
   * Hangul words of the index that may spell a Latin word (kubernetes → 쿠버네티스), closest
   * first. Stricter than {@link latinFor}: an English word the Korean posts do not contain is
   * usually an ordinary word (fined, pizza), and a loose reading lands on a native word (피차).
   */
  hangulFor(latin: string, limit = 1): LoanwordMatch[] {
    if (latin.length < MIN_LATIN_LETTERS) return [];
    const found: LoanwordMatch[] = [];
    for (const sounds of latinReadings(latin)) {
      for (const match of this.hangul.match(sounds, limit, MAX_REVERSE_DISTANCE)) {
        if (match.distance > MAX_REVERSE_DISTANCE) continue;
        const known = found.find((other) => other.word === match.word);
        if (!known) found.push(match);
        else known.distance = Math.min(known.distance, match.distance);
      }
    }
    return found.sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1)).slice(0, limit);
  }
}

/**
 * A {@link LoanwordMatcher} of a restored index, fed its words a slice at a time after the
 * index starts serving (filing 20,000 words is 100-400 ms, too long for one turn of the event
 * loop and needless before the first reply). Changes to the index meanwhile are applied as they
 * come: a word still waiting that goes is simply never fed.
 */
export class LoanwordFeed {
  private readonly matcher = new LoanwordMatcher();
  private readonly waiting = new DeferredWords((word) => this.matcher.add(word));

  constructor(words: Iterable<string>) {
    this.waiting.defer(words);
  }

  /** A word the index now holds. */
  add(word: string): void {
    this.waiting.forget(word);
    this.matcher.add(word);
  }

  /** A word no post holds any more. */
  remove(word: string): void {
    if (!this.waiting.forget(word)) this.matcher.remove(word);
  }

  /** Feeds up to `count` waiting words; true when none is left. */
  feed(count: number): boolean {
    return this.waiting.fileSome(count);
  }

  /** The matcher, every waiting word fed first. */
  finish(): LoanwordMatcher {
    this.feed(Infinity);
    return this.matcher;
  }
}
