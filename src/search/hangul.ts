/**
 * Hangul at the jamo level: syllables split into their letters and put back together, and the
 * Korean 2-set (dubeolsik) keyboard read both ways, so that a word typed with the wrong layout
 * on (`ㅜ퍄얌` for nvidia, `qleksqoa` for 비단뱀) can be read as what the member meant.
 *
 * Pure functions, no I/O.
 */

const SYLLABLE_BASE = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const VOWELS_PER_INITIAL = 21 * 28;

/** Initial consonants (초성), medial vowels (중성) and final consonants (종성) in Unicode order, as compatibility jamo. */
export const INITIALS = [...'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'];
export const MEDIALS = [...'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ'];
/** Index 0 is "no final consonant". */
export const FINALS = ['', ...'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'];

/** One syllable as the indexes of its three parts. */
export interface Syllable {
  initial: number;
  medial: number;
  /** 0 when the syllable has no final consonant. */
  final: number;
}

/** True for a precomposed Hangul syllable (가-힣). */
export function isSyllable(char: string): boolean {
  const code = char.charCodeAt(0);
  return char.length === 1 && code >= SYLLABLE_BASE && code <= SYLLABLE_LAST;
}

/** The parts of a syllable, or undefined for any other character. */
export function decomposeSyllable(char: string): Syllable | undefined {
  if (!isSyllable(char)) return undefined;
  const offset = char.charCodeAt(0) - SYLLABLE_BASE;
  return { initial: Math.floor(offset / VOWELS_PER_INITIAL), medial: Math.floor((offset % VOWELS_PER_INITIAL) / 28), final: offset % 28 };
}

/** The syllable made of these parts. */
export function composeSyllable({ initial, medial, final }: Syllable): string {
  return String.fromCharCode(SYLLABLE_BASE + initial * VOWELS_PER_INITIAL + medial * 28 + final);
}

// ---------------------------------------------------------------------------------------------
// Keystrokes: compound vowels and final clusters are typed as two keys.

/** Compound vowels → the two vowels typed for them. */
const VOWEL_PAIRS: Record<string, string> = { ㅘ: 'ㅗㅏ', ㅙ: 'ㅗㅐ', ㅚ: 'ㅗㅣ', ㅝ: 'ㅜㅓ', ㅞ: 'ㅜㅔ', ㅟ: 'ㅜㅣ', ㅢ: 'ㅡㅣ' };
/** Final clusters → the two consonants typed for them. */
const FINAL_PAIRS: Record<string, string> = { ㄳ: 'ㄱㅅ', ㄵ: 'ㄴㅈ', ㄶ: 'ㄴㅎ', ㄺ: 'ㄹㄱ', ㄻ: 'ㄹㅁ', ㄼ: 'ㄹㅂ', ㄽ: 'ㄹㅅ', ㄾ: 'ㄹㅌ', ㄿ: 'ㄹㅍ', ㅀ: 'ㄹㅎ', ㅄ: 'ㅂㅅ' };
const JOIN_VOWELS = new Map(Object.entries(VOWEL_PAIRS).map(([compound, pair]) => [pair, compound]));
const JOIN_FINALS = new Map(Object.entries(FINAL_PAIRS).map(([compound, pair]) => [pair, compound]));

/** The keystrokes (single jamo) of a text: syllables are split, other characters kept. */
export function toKeystrokes(text: string): string {
  let out = '';
  for (const char of text) {
    const syllable = decomposeSyllable(char);
    if (!syllable) {
      out += VOWEL_PAIRS[char] ?? FINAL_PAIRS[char] ?? char;
      continue;
    }
    out += INITIALS[syllable.initial]! + (VOWEL_PAIRS[MEDIALS[syllable.medial]!] ?? MEDIALS[syllable.medial]!);
    const final = FINALS[syllable.final]!;
    out += FINAL_PAIRS[final] ?? final;
  }
  return out;
}

const isVowel = (jamo: string | undefined): boolean => jamo !== undefined && MEDIALS.includes(jamo);
const isInitial = (jamo: string | undefined): boolean => jamo !== undefined && INITIALS.includes(jamo);

/**
 * Composes keystrokes into syllables the way a 2-set IME does: a consonant followed by a vowel
 * starts a syllable, a consonant after a vowel is a final unless the next key is a vowel.
 * Characters that are not jamo are kept as they are.
 */
export function composeKeystrokes(keys: string): string {
  const chars = [...keys];
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const char = chars[i]!;
    if (!isInitial(char) || !isVowel(chars[i + 1])) {
      // A lone vowel or consonant (or another character) stays as typed.
      let lone = char;
      if (isVowel(char) && JOIN_VOWELS.has(char + (chars[i + 1] ?? ''))) lone = JOIN_VOWELS.get(char + chars[++i]!)!;
      out += lone;
      i++;
      continue;
    }
    let medial = chars[i + 1]!;
    i += 2;
    const joined = JOIN_VOWELS.get(medial + (chars[i] ?? ''));
    if (joined) {
      medial = joined;
      i++;
    }
    let final = '';
    const next = chars[i];
    if (next !== undefined && FINALS.includes(next) && !isVowel(chars[i + 1])) {
      final = next;
      i++;
      const cluster = JOIN_FINALS.get(final + (chars[i] ?? ''));
      if (cluster && !isVowel(chars[i + 1])) {
        final = cluster;
        i++;
      }
    }
    out += composeSyllable({ initial: INITIALS.indexOf(char), medial: MEDIALS.indexOf(medial), final: FINALS.indexOf(final) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The 2-set keyboard

/** Latin key → jamo on the 2-set layout; upper case is the shifted key (only five consonants and two vowels differ). */
const KEY_TO_JAMO: Record<string, string> = {
  q: 'ㅂ', w: 'ㅈ', e: 'ㄷ', r: 'ㄱ', t: 'ㅅ', y: 'ㅛ', u: 'ㅕ', i: 'ㅑ', o: 'ㅐ', p: 'ㅔ',
  a: 'ㅁ', s: 'ㄴ', d: 'ㅇ', f: 'ㄹ', g: 'ㅎ', h: 'ㅗ', j: 'ㅓ', k: 'ㅏ', l: 'ㅣ',
  z: 'ㅋ', x: 'ㅌ', c: 'ㅊ', v: 'ㅍ', b: 'ㅠ', n: 'ㅜ', m: 'ㅡ',
  Q: 'ㅃ', W: 'ㅉ', E: 'ㄸ', R: 'ㄲ', T: 'ㅆ', O: 'ㅒ', P: 'ㅖ',
};
const JAMO_TO_KEY = new Map(Object.entries(KEY_TO_JAMO).map(([key, jamo]) => [jamo, key]));

/**
 * What a member meant who typed Latin letters with the Korean layout in mind (`qleksqoa` → 비단뱀).
 * Undefined when the text has characters that are not keys of the layout, or composes into bare jamo.
 */
export function latinKeysToHangul(text: string): string | undefined {
  if (!/^[a-zA-Z]+$/.test(text)) return undefined;
  // Lower-case keys are meant unless the shifted key is a jamo of its own (ㅃ ㅉ ㄸ ㄲ ㅆ ㅒ ㅖ).
  const jamo = [...text].map((key) => KEY_TO_JAMO[key] ?? KEY_TO_JAMO[key.toLowerCase()]!).join('');
  const hangul = composeKeystrokes(jamo);
  return /^[\uAC00-\uD7A3]+$/.test(hangul) ? hangul : undefined;
}

/**
 * What a member meant who typed with the Korean layout on while writing Latin (`ㅜ퍄얌` →
 * nvidia). Undefined when the text holds anything but Hangul.
 */
export function hangulToLatinKeys(text: string): string | undefined {
  if (!/^[\uAC00-\uD7A3\u3131-\u318E]+$/.test(text)) return undefined;
  let out = '';
  for (const jamo of toKeystrokes(text)) {
    const key = JAMO_TO_KEY.get(jamo);
    if (key === undefined) return undefined;
    out += key.toLowerCase();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Jamo-level edits

/**
 * Words one jamo away from `word` (one initial, vowel or final of one syllable replaced, a final
 * added or removed), in order of the syllables. Non-syllables are left alone.
 */
export function jamoNeighbours(word: string): string[] {
  const chars = [...word];
  const out: string[] = [];
  chars.forEach((char, at) => {
    const syllable = decomposeSyllable(char);
    if (!syllable) return;
    const put = (changed: Syllable) => out.push(chars.slice(0, at).join('') + composeSyllable(changed) + chars.slice(at + 1).join(''));
    for (let initial = 0; initial < INITIALS.length; initial++) if (initial !== syllable.initial) put({ ...syllable, initial });
    for (let medial = 0; medial < MEDIALS.length; medial++) if (medial !== syllable.medial) put({ ...syllable, medial });
    for (let final = 0; final < FINALS.length; final++) if (final !== syllable.final) put({ ...syllable, final });
  });
  return out;
}
