/**
 * Turns a query into "units" (one per content word of the query) and each unit into the ways a
 * document may match it: the stem, a surface spelling, the parts of an identifier, most of the
 * Hangul bigrams, or an alias in the other language.
 *
 * Why units: MiniSearch scores terms, but whether a document is a good match is a question about
 * the query's words. A document must cover enough of them ({@link requiredUnits}); otherwise the
 * answer is "no good match" rather than the least bad post.
 */
import { analyzeQueryWords, type Word } from './analyzer.ts';
import { MAX_ALIAS_WORDS, type AliasLookup } from './aliases.ts';

/** One way a document can match a unit: at least `need` of `terms` must match. */
export interface Alternative {
  terms: readonly string[];
  need: number;
}

/** One content word of the query (or an alias phrase spanning it). */
export interface QueryUnit {
  /** The word as analyzed, for debugging. */
  label: string;
  alternatives: Alternative[];
}

/** How one term is searched. */
export interface TermSpec {
  prefix: boolean;
  /** Term weight: a unit's alternatives share about one word's weight. */
  boost: number;
}

/** A query ready to run against the index. */
export interface CompiledQuery {
  units: QueryUnit[];
  /** Terms searched in the word fields. */
  wordTerms: Map<string, TermSpec>;
  /** Hangul bigrams, searched in the bigram fields. */
  gramTerms: Map<string, TermSpec>;
}

export interface CompileOptions {
  /** Prefix-match the last word (the member may still be typing it). */
  prefixLast: boolean;
  /** Shortest last Latin word that is prefix-matched (shorter ones match too much). */
  minLatinPrefix: number;
  /** Use Hangul bigrams (off for title autocomplete). */
  grams: boolean;
  /**
   * Latin words of the index within `maxDistance` edits of an unknown word, closest first (typo
   * tolerance). Only called for words the index does not hold.
   */
  corrections: (term: string, maxDistance: number) => string[];
  /** True when the index holds this exact Latin word. */
  isKnownWord: (term: string) => boolean;
}

/** Shortest Latin word matched with one typo, and with two. Shorter words have too many neighbours. */
const FUZZY_ONE_FROM = 5;
const FUZZY_TWO_FROM = 9;
/** Most corrections tried per misspelt word, and most misspelt words corrected per query. */
const MAX_CORRECTIONS = 3;
const MAX_CORRECTED_WORDS = 4;
/** Weight of a corrected spelling against the word as typed. */
const CORRECTION_BOOST = 0.5;
/** Share of a word's Hangul bigrams that must match when the word itself does not. */
const GRAM_SHARE = 0.7;

function addTerm(map: Map<string, TermSpec>, term: string, spec: TermSpec): void {
  const existing = map.get(term);
  if (!existing) {
    map.set(term, spec);
    return;
  }
  map.set(term, {
    prefix: existing.prefix || spec.prefix,
    boost: Math.max(existing.boost, spec.boost),
  });
}

function typoDistance(word: Word, options: CompileOptions): number {
  if (word.kind !== 'latin' || !/^[a-z]+$/.test(word.term) || options.isKnownWord(word.term)) return 0;
  if (word.term.length >= FUZZY_TWO_FROM) return 2;
  if (word.term.length >= FUZZY_ONE_FROM) return 1;
  return 0;
}

function prefixFor(word: Word, isLast: boolean, options: CompileOptions): boolean {
  if (!options.prefixLast || !isLast) return false;
  return word.kind === 'hangul' || word.term.length >= options.minLatinPrefix;
}

/** Compiles a query. An empty `units` list means there is nothing worth searching for. */
export function compileQuery(text: string, aliases: AliasLookup, options: CompileOptions): CompiledQuery {
  const words = analyzeQueryWords(text);
  const wordTerms = new Map<string, TermSpec>();
  const gramTerms = new Map<string, TermSpec>();

  let correctedWords = 0;
  const units: QueryUnit[] = words.map((word, index) => {
    const isLast = index === words.length - 1;
    const alternatives: Alternative[] = [];
    const prefix = prefixFor(word, isLast, options);
    alternatives.push({ terms: [word.term], need: 1 });
    addTerm(wordTerms, word.term, { prefix, boost: 1 });
    const distance = typoDistance(word, options);
    if (distance > 0 && correctedWords < MAX_CORRECTED_WORDS) {
      correctedWords++;
      for (const correction of options.corrections(word.term, distance).slice(0, MAX_CORRECTIONS)) {
        alternatives.push({ terms: [correction], need: 1 });
        addTerm(wordTerms, correction, { prefix: false, boost: CORRECTION_BOOST });
      }
    }
    for (const variant of word.variants) {
      alternatives.push({ terms: [variant], need: 1 });
      addTerm(wordTerms, variant, { prefix, boost: 0.5 });
    }
    if (word.parts.length > 1) {
      alternatives.push({ terms: word.parts, need: word.parts.length });
      for (const part of word.parts) addTerm(wordTerms, part, { prefix: false, boost: 1 / word.parts.length });
    }
    if (options.grams && word.grams.length > 0) {
      const need = Math.max(1, Math.ceil(word.grams.length * GRAM_SHARE));
      alternatives.push({ terms: word.grams, need });
      for (const gram of word.grams) addTerm(gramTerms, gram, { prefix: false, boost: 1 / word.grams.length });
    }
    return { label: word.term, alternatives };
  });

  // Aliases: a phrase of one to three query words may have spellings in the other language.
  for (let start = 0; start < words.length; start++) {
    for (let length = 1; length <= MAX_ALIAS_WORDS && start + length <= words.length; length++) {
      const found = aliases.find(words.slice(start, start + length));
      if (!found) continue;
      for (const terms of found) {
        for (let i = start; i < start + length; i++) units[i]!.alternatives.push({ terms, need: terms.length });
        for (const term of terms) addTerm(wordTerms, term, { prefix: false, boost: 1 / terms.length });
      }
    }
  }
  return { units, wordTerms, gramTerms };
}

/**
 * How many of `unitCount` units a document must cover to count as a match: all of one or two
 * words, two of three, half of longer queries (long queries are sentences, with words the posts
 * phrase differently).
 */
export function requiredUnits(unitCount: number): number {
  if (unitCount <= 2) return unitCount;
  if (unitCount === 3) return 2;
  return Math.ceil(unitCount / 2);
}

/** The number of units a document covers, given the query terms it matched. */
export function coveredUnits(query: CompiledQuery, matched: ReadonlySet<string>): number {
  let covered = 0;
  for (const unit of query.units) {
    const isCovered = unit.alternatives.some((alternative) => {
      let hits = 0;
      for (const term of alternative.terms) if (matched.has(term)) hits++;
      return hits >= alternative.need;
    });
    if (isCovered) covered++;
  }
  return covered;
}
