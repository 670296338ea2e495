/**
 * Typo tolerance: Damerau edits (a transposition counts as one) on Latin words, budgeted by the
 * word's length and by how common the corrected word is, and one-jamo edits on Hangul words.
 * Corrections are always words of the index: this module only measures and ranks, the caller
 * supplies the vocabulary.
 *
 * Pure functions, no I/O.
 */
import { jamoNeighbours } from './hangul.ts';

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), or `max + 1` as
 * soon as it must exceed `max`.
 */
export function damerauDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** Plain Levenshtein distance (no transpositions), capped like {@link damerauDistance}. */
function levenshtein(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** Shortest Latin word corrected at all (a transposition only), by one edit of any kind, and by two. */
const TRANSPOSE_FROM = 4;
const ONE_EDIT_FROM = 5;
const TWO_EDITS_FROM = 9;
/**
 * From this length a second edit is allowed when the corrected word is common in the index (in
 * at least {@link COMMON_POSTS} posts) and one of the two edits is a transposition (shotuct →
 * shortcut): a frequent word is the likelier intent, a rare one two edits away (or two plain
 * substitutions: concert → content) is more often a different word.
 */
const SECOND_EDIT_COMMON_FROM = 7;
const COMMON_POSTS = 3;

/** Most edits a Latin word of this length may be corrected by (before the commonness bonus). */
export function editBudget(length: number): number {
  if (length >= TWO_EDITS_FROM) return 2;
  if (length >= TRANSPOSE_FROM) return 1;
  return 0;
}

/** What typo correction needs of the index. */
export interface Vocabulary {
  /** Latin words of the index within `distance` Levenshtein edits of `term` (any order). */
  near(term: string, distance: number): Iterable<string>;
  /** Posts holding the term (0 when the index does not). */
  documentFrequency(term: string): number;
}

/** One correction and its distance. */
export interface Correction {
  word: string;
  distance: number;
}

const isTransposition = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
};

/** The word with the letters at `i` and `i + 1` swapped. */
const swapped = (term: string, i: number): string => term.slice(0, i) + term[i + 1]! + term[i]! + term.slice(i + 2);

/**
 * Index words within `plainEdits` Levenshtein edits of `term`, or within `edits` Damerau edits with
 * a transposition among them: the neighbours of each transposition with one edit fewer. (Asking the
 * tree for one Levenshtein edit more, which also covers a transposition, costs ten times as
 * much on short words.)
 */
function candidates(term: string, plainEdits: number, edits: number, vocabulary: Vocabulary): Set<string> {
  const found = new Set<string>(vocabulary.near(term, plainEdits));
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    const swap = swapped(term, i);
    if (edits === 1) {
      if (vocabulary.documentFrequency(swap) > 0) found.add(swap);
    } else for (const word of vocabulary.near(swap, edits - 1)) found.add(word);
  }
  return found;
}

/**
 * Index words a misspelt Latin word may stand for, best first (fewest edits, then the most
 * common). `[]` for short words and for words without a plausible neighbour.
 */
export function latinCorrections(term: string, vocabulary: Vocabulary, limit = 3): Correction[] {
  const budget = editBudget(term.length);
  if (budget === 0) return [];
  const extra = term.length >= SECOND_EDIT_COMMON_FROM && budget < 2 ? 1 : 0;
  const found: (Correction & { posts: number })[] = [];
  for (const word of candidates(term, budget, budget + extra, vocabulary)) {
    if (word === term) continue;
    const distance = damerauDistance(term, word, budget + extra);
    if (distance > budget + extra) continue;
    if (term.length < ONE_EDIT_FROM && !isTransposition(term, word)) continue;
    const posts = vocabulary.documentFrequency(word);
    // The second edit: only towards a common word, and only when a transposition is one of the two.
    if (distance > budget && (posts < COMMON_POSTS || !(distance < levenshtein(term, word, distance + 1)))) continue;
    found.push({ word, distance, posts });
  }
  found.sort((a, b) => a.distance - b.distance || b.posts - a.posts || (a.word < b.word ? -1 : 1));
  return found.slice(0, limit).map(({ word, distance }) => ({ word, distance }));
}

/** Shortest Hangul word (in syllables) corrected by one jamo: shorter ones have too many neighbours. */
const JAMO_EDIT_FROM = 3;

/**
 * Index words one jamo away from a Hangul word the index does not hold (딥패이크 → 딥페이크),
 * the most common first. `neighbours`: the words one jamo away in `jamoNeighbours` order; by
 * default every such spelling, an index may pass only those it holds (vocabulary-index.ts).
 */
export function hangulCorrections(word: string, documentFrequency: (term: string) => number, limit = 2, neighbours: (word: string) => readonly string[] = jamoNeighbours): string[] {
  if (word.length < JAMO_EDIT_FROM || !/^[\uAC00-\uD7A3]+$/.test(word)) return [];
  return neighbours(word)
    .map((candidate) => ({ candidate, posts: documentFrequency(candidate) }))
    .filter((entry) => entry.posts > 0)
    .sort((a, b) => b.posts - a.posts)
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
