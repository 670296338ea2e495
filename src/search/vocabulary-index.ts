/**
 * The Latin words of the index, for typo tolerance: which of them lie within a few Levenshtein
 * edits of a word the index does not hold.
 *
 * One edit (the common question: every transposition candidate of typo.ts asks it once per
 * letter pair) is answered from a deletion map, SymSpell's idea: each word is filed under itself
 * and under each spelling with one letter left out, so the words one edit from a query are among
 * those filed under the query or one of its own one-letter deletions — a dozen map lookups and a
 * cheap check, where MiniSearch's radix-tree walk (`SearchableMap.fuzzyGet`) visited thousands of
 * nodes. Two edits (asked only for words of nine letters and more; a two-edit deletion map would
 * hold about forty keys a word) scan the words of nearly the same length, skipping those whose
 * set of letters differs too much, which is about ten times cheaper than the tree walk was.
 *
 * Built word by word as the index meets them, and a word can be taken out again
 * ({@link LatinVocabulary.delete}), so it follows an index that changes post by post; both cost
 * about one map operation per letter of the word.
 */
import { DeferredWords } from './deferred-words.ts';

/** The spellings of `word` with one letter left out, each once (both letters of `oo` give `o`). */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (i > 0 && word[i] === word[i - 1]) continue;
    out.push(word.slice(0, i) + word.slice(i + 1));
  }
  return out;
}

/** True when `a` and `b` are at most one Levenshtein edit apart. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  // Equal lengths: the rest after one substitution; `a` one longer: the rest after skipping its
  // letter (compared in place: no slices, a lookup compares many candidates).
  const skip = a.length === b.length ? 1 : 0;
  for (let j = i + 1; j < a.length; j++) if (a.charCodeAt(j) !== b.charCodeAt(j - 1 + skip)) return false;
  return true;
}

/** Levenshtein distance of `a` and `b` when at most `max`, else `max + 1` (stops as soon as a row exceeds it). */
function boundedLevenshtein(a: string, b: string, max: number, rowBuffer: Int32Array, nextBuffer: Int32Array): number {
  // The two rows swap places (no copy, no view object per row).
  let row = rowBuffer;
  let next = nextBuffer;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    let rowMin = i;
    const letter = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      let value = row[j - 1]! + (letter === b.charCodeAt(j - 1) ? 0 : 1);
      if (row[j]! + 1 < value) value = row[j]! + 1;
      if (next[j - 1]! + 1 < value) value = next[j - 1]! + 1;
      next[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const swap = row;
    row = next;
    next = swap;
  }
  return Math.min(row[b.length]!, max + 1);
}

/**
 * The letters a word holds, as bits (a = 1, b = 2, ...; anything else shares the top bit), and in
 * `twice` the letters it holds at least twice.
 */
function letterMasks(word: string): { once: number; twice: number } {
  let once = 0;
  let twice = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) - 97;
    const bit = 1 << (code >= 0 && code < 26 ? code : 26);
    twice |= once & bit;
    once |= bit;
  }
  return { once, twice };
}

/** Set bits of a 32-bit value (the usual SWAR count: no loop per bit). */
function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Words of one length with their letter masks, for scans at two edits and more. The masks sit in
 * typed arrays (a scan reads thousands of them and measures few words).
 */
class LengthBucket {
  readonly words: string[] = [];
  once = new Int32Array(16);
  twice = new Int32Array(16);

  push(word: string): void {
    const at = this.words.length;
    if (at === this.once.length) {
      const once = new Int32Array(at * 2);
      const twice = new Int32Array(at * 2);
      once.set(this.once);
      twice.set(this.twice);
      [this.once, this.twice] = [once, twice];
    }
    const masks = letterMasks(word);
    this.words.push(word);
    this.once[at] = masks.once;
    this.twice[at] = masks.twice;
  }

  /** Moves the last word to `at` and drops the last place. */
  removeAt(at: number): void {
    const last = this.words.length - 1;
    this.words[at] = this.words[last]!;
    this.once[at] = this.once[last]!;
    this.twice[at] = this.twice[last]!;
    this.words.pop();
  }
}

/** The Latin words of an index, searchable by edit distance (see the module comment). */
export class LatinVocabulary {
  /** A word and each of its one-letter deletions → the words filed there. */
  private readonly filed = new Map<string, string[]>();
  /** Words by length, and where each sits in its bucket (for deletion). */
  private readonly byLength = new Map<number, LengthBucket>();
  private readonly position = new Map<string, number>();
  private row = new Int32Array(64);
  private next = new Int32Array(64);

  get size(): number {
    return this.position.size;
  }

  has(word: string): boolean {
    return this.position.has(word);
  }

  add(word: string): void {
    if (this.position.has(word)) return;
    let bucket = this.byLength.get(word.length);
    if (!bucket) this.byLength.set(word.length, (bucket = new LengthBucket()));
    this.position.set(word, bucket.words.length);
    bucket.push(word);
    for (const key of [word, ...deletions(word)]) {
      const words = this.filed.get(key);
      if (words) words.push(word);
      else this.filed.set(key, [word]);
    }
  }

  delete(word: string): void {
    const at = this.position.get(word);
    if (at === undefined) return;
    this.position.delete(word);
    const bucket = this.byLength.get(word.length)!;
    bucket.removeAt(at);
    if (at < bucket.words.length) this.position.set(bucket.words[at]!, at);
    for (const key of [word, ...deletions(word)]) {
      const words = this.filed.get(key)!;
      if (words.length === 1) this.filed.delete(key);
      else words.splice(words.indexOf(word), 1);
    }
  }

  /** The words held, sorted, and how many deletion keys file them (a test compares both with a fresh build's). @internal */
  describe(): { words: string[]; filedKeys: number; filedWords: number } {
    let filedWords = 0;
    for (const words of this.filed.values()) filedWords += words.length;
    return { words: [...this.position.keys()].sort(), filedKeys: this.filed.size, filedWords };
  }

  /** Words of the vocabulary within `distance` Levenshtein edits of `term` (itself included when held), in no particular order. */
  near(term: string, distance: number): Iterable<string> {
    if (distance >= 2) return this.scan(term, distance);
    if (distance < 1) return this.position.has(term) ? [term] : [];
    const found = new Set<string>();
    for (const key of [term, ...deletions(term)]) {
      for (const word of this.filed.get(key) ?? []) if (!found.has(word) && withinOneEdit(term, word)) found.add(word);
    }
    return found;
  }

  /**
   * Two edits and more: the words of nearly the same length whose letters differ from the term's
   * in few enough letters, measured. An edit changes the count of two letters by one at most,
   * and each such change flips at most one bit of the masks of letters held once and twice: the
   * flipped bits of both bound the edits from below.
   */
  private scan(term: string, distance: number): string[] {
    const found: string[] = [];
    const { once, twice } = letterMasks(term);
    const most = 2 * distance;
    const longest = term.length + distance + 1;
    if (this.row.length < longest) {
      this.row = new Int32Array(longest * 2);
      this.next = new Int32Array(longest * 2);
    }
    for (let length = Math.max(0, term.length - distance); length <= term.length + distance; length++) {
      const bucket = this.byLength.get(length);
      if (!bucket) continue;
      const [onceOf, twiceOf] = [bucket.once, bucket.twice];
      for (let i = 0; i < bucket.words.length; i++) {
        if (bitCount(once ^ onceOf[i]!) + bitCount(twice ^ twiceOf[i]!) > most) continue;
        const word = bucket.words[i]!;
        if (boundedLevenshtein(term, word, distance, this.row, this.next) <= distance) found.push(word);
      }
    }
    return found;
  }
}

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
/** Hangul words shorter than this are never corrected (typo.ts), so they are not filed. */
const JAMO_FROM = 3;
/** Stands for the syllable left open in a key. */
const OPEN = '\u0000';

const SYLLABLE_BASE = 0xac00;
/** A syllable's initial, medial and final as one number each: `code - 0xAC00` = (initial × 21 + medial) × 28 + final. */
const partsOf = (code: number): [number, number, number] => {
  const offset = code - SYLLABLE_BASE;
  return [Math.floor(offset / (21 * 28)), Math.floor((offset % (21 * 28)) / 28), offset % 28];
};

/**
 * Hangul words of the index one jamo away from a word (typo.ts `hangulCorrections`): each word
 * is filed under itself with one syllable left open, so a lookup takes one key per syllable,
 * where trying every jamo in every syllable made some 65 strings and lookups per syllable.
 */
export class HangulNeighbours {
  private readonly filed = new Map<string, string[]>();
  private readonly held = new Set<string>();

  add(word: string): void {
    if (word.length < JAMO_FROM || !HANGUL_WORD.test(word) || this.held.has(word)) return;
    this.held.add(word);
    for (let at = 0; at < word.length; at++) {
      const key = word.slice(0, at) + OPEN + word.slice(at + 1);
      const words = this.filed.get(key);
      if (words) words.push(word);
      else this.filed.set(key, [word]);
    }
  }

  delete(word: string): void {
    if (!this.held.delete(word)) return;
    for (let at = 0; at < word.length; at++) {
      const key = word.slice(0, at) + OPEN + word.slice(at + 1);
      const words = this.filed.get(key)!;
      if (words.length === 1) this.filed.delete(key);
      else words.splice(words.indexOf(word), 1);
    }
  }

  /** The words held, sorted, and how many keys file them (a test compares both with a fresh build's). @internal */
  describe(): { words: string[]; filedKeys: number; filedWords: number } {
    let filedWords = 0;
    for (const words of this.filed.values()) filedWords += words.length;
    return { words: [...this.held].sort(), filedKeys: this.filed.size, filedWords };
  }

  /**
   * The filed words one jamo away from `word` (one initial, vowel or final of one syllable
   * changed), in the order `jamoNeighbours` of hangul.ts lists them: by syllable, then initials,
   * vowels and finals, each in Unicode order.
   */
  neighbours(word: string): string[] {
    if (!HANGUL_WORD.test(word)) return [];
    const found: { word: string; rank: number }[] = [];
    for (let at = 0; at < word.length; at++) {
      const own = partsOf(word.charCodeAt(at));
      for (const other of this.filed.get(word.slice(0, at) + OPEN + word.slice(at + 1)) ?? []) {
        const parts = partsOf(other.charCodeAt(at));
        const changed = [0, 1, 2].filter((part) => parts[part] !== own[part]);
        if (changed.length !== 1) continue;
        const part = changed[0]!;
        found.push({ word: other, rank: (at * 3 + part) * 32 + parts[part]! });
      }
    }
    return found.sort((a, b) => a.rank - b.rank).map((entry) => entry.word);
  }
}

/** What typo tolerance looks up in an index's words: Latin words by edit distance, Hangul words by jamo. */
export class Vocabulary {
  private readonly latinWords = new LatinVocabulary();
  private readonly hangulWords = new HangulNeighbours();
  /** Words held but not filed yet ({@link defer}). */
  private readonly deferred = new DeferredWords((word) => this.file(word));
  private static readonly LATIN = /^[a-z]+$/;

  /** The Latin words, every deferred word filed first. */
  get latin(): LatinVocabulary {
    this.fileSome(Infinity);
    return this.latinWords;
  }

  /** The Hangul words, every deferred word filed first. */
  get hangul(): HangulNeighbours {
    this.fileSome(Infinity);
    return this.hangulWords;
  }

  /** A word the index now holds (in a word field of some post). */
  add(word: string): void {
    this.deferred.forget(word);
    this.file(word);
  }

  /** A word no post holds any more. */
  delete(word: string): void {
    if (this.deferred.forget(word)) return;
    this.latinWords.delete(word);
    this.hangulWords.delete(word);
  }

  /**
   * Words the index holds, to file later (a restored index: filing 20,000 words took 50-110 ms
   * of a restart): by {@link fileSome} in slices, or all at once by the first look-up.
   */
  defer(words: Iterable<string>): void {
    this.deferred.defer(words);
  }

  /** Files up to `count` deferred words; true when none is left. */
  fileSome(count: number): boolean {
    return this.deferred.fileSome(count);
  }

  private file(word: string): void {
    if (Vocabulary.LATIN.test(word)) this.latinWords.add(word);
    else this.hangulWords.add(word);
  }
}
