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
  /** `word`: searched in the word fields; `gram`: Hangul bigrams, searched in the bigram fields and the word fields (a two-syllable word is its own bigram). */
  field: 'word' | 'gram';
  /** Weight of each term (a unit's alternatives share about one word's weight). */
  boost: number;
  /** Prefix-match the terms (the last word of a query being typed). */
  prefix: boolean;
}

/** One content word of the query (or an alias phrase spanning it). */
export interface QueryUnit {
  /** The word as analyzed, for debugging. */
  label: string;
  alternatives: Alternative[];
  /**
   * A word in so many posts of a large index that it says little about a post (`ai` in an AI
   * blog of thousands of posts): counted as covered by every post, and searched in the small
   * fields only (or not at all, see {@link CompiledQuery}), because its postings are what a query
   * spends its time on.
   */
  free: boolean;
}

/** How one term is searched. */
export interface TermSpec {
  prefix: boolean;
  boost: number;
  /** `all` fields, or only the small ones (title, tags, summary) for the words of a free unit. */
  scope: 'all' | 'small';
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
  /** Number of posts holding this exact term in a word field. */
  documentFrequency: (term: string) => number;
  /** Number of posts in the index. */
  documentCount: number;
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
/**
 * Bigrams are a net for compounds and spacing variants of rare words; a word already found in
 * this many posts does not need them (and its common bigrams would cost the most).
 */
const GRAMS_BELOW_POSTS = 5;
const GRAMS_BELOW_SHARE = 0.01;
/** A word is "free" (see {@link QueryUnit.free}) in more posts than both of these. */
const FREE_ABOVE_POSTS = 200;
const FREE_ABOVE_SHARE = 0.05;
/** A free word in more posts than both of these is not searched at all, unless every word of the query is. */
const SKIP_ABOVE_POSTS = 500;
const SKIP_ABOVE_SHARE = 0.2;

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

function addTerm(map: Map<string, TermSpec>, term: string, spec: TermSpec): void {
  const existing = map.get(term);
  if (!existing) {
    map.set(term, spec);
    return;
  }
  map.set(term, {
    prefix: existing.prefix || spec.prefix,
    boost: Math.max(existing.boost, spec.boost),
    scope: existing.scope === 'all' || spec.scope === 'all' ? 'all' : 'small',
  });
}

function single(term: string, boost: number, prefix = false): Alternative {
  return { terms: [term], need: 1, field: 'word', boost, prefix };
}

/** Compiles a query. An empty `units` list means there is nothing worth searching for. */
export function compileQuery(text: string, aliases: AliasLookup, options: CompileOptions): CompiledQuery {
  const words = analyzeQueryWords(text);
  const corrections = { left: MAX_CORRECTED_WORDS };
  const units = words.map((word, index) => wordUnit(word, index === words.length - 1, options, corrections));
  addAliases(units, words, aliases);
  const skipped = applyCostGuards(units, options);
  return { units, ...termsOf(units, skipped) };
}

/** One query word's unit: the word, its corrections (while `corrections.left` lasts), variants, parts and bigrams. */
function wordUnit(word: Word, isLast: boolean, options: CompileOptions, corrections: { left: number }): QueryUnit {
  const { documentFrequency, documentCount } = options;
  const prefix = prefixFor(word, isLast, options);
  const alternatives: Alternative[] = [single(word.term, 1, prefix)];
  const distance = typoDistance(word, options);
  if (distance > 0 && corrections.left > 0) {
    corrections.left--;
    for (const correction of options.corrections(word.term, distance).slice(0, MAX_CORRECTIONS)) {
      alternatives.push(single(correction, CORRECTION_BOOST));
    }
  }
  for (const variant of word.variants) alternatives.push(single(variant, 0.5, prefix));
  if (word.parts.length > 1) {
    alternatives.push({ terms: word.parts, need: word.parts.length, field: 'word', boost: 1 / word.parts.length, prefix: false });
  }
  const rare = documentFrequency(word.term) < Math.max(GRAMS_BELOW_POSTS, documentCount * GRAMS_BELOW_SHARE);
  if (options.grams && word.grams.length > 0 && rare) {
    const need = Math.max(1, Math.ceil(word.grams.length * GRAM_SHARE));
    alternatives.push({ terms: word.grams, need, field: 'gram', boost: 1 / word.grams.length, prefix: false });
  }
  return { label: word.term, alternatives, free: false };
}

/** Aliases: a phrase of one to three query words may have spellings in the other language. */
function addAliases(units: readonly QueryUnit[], words: readonly Word[], aliases: AliasLookup): void {
  for (let start = 0; start < words.length; start++) {
    for (let length = 1; length <= MAX_ALIAS_WORDS && start + length <= words.length; length++) {
      const found = aliases.find(words.slice(start, start + length));
      if (!found) continue;
      for (const terms of found) {
        const alternative: Alternative = { terms, need: terms.length, field: 'word', boost: 1 / terms.length, prefix: false };
        for (let i = start; i < start + length; i++) units[i]!.alternatives.push(alternative);
      }
    }
  }
}

/** Cost guards for large indexes (they never apply below 200 posts): marks free units, returns the skipped ones. */
function applyCostGuards(units: readonly QueryUnit[], options: CompileOptions): Set<QueryUnit> {
  const { documentFrequency, documentCount } = options;
  const postsOfUnit = (unit: QueryUnit) =>
    Math.max(0, ...unit.alternatives.filter((alternative) => alternative.terms.length === 1).map((alternative) => documentFrequency(alternative.terms[0]!)));
  const unitPosts = units.map(postsOfUnit);
  const freeAbove = Math.max(FREE_ABOVE_POSTS, documentCount * FREE_ABOVE_SHARE);
  const skipAbove = Math.max(SKIP_ABOVE_POSTS, documentCount * SKIP_ABOVE_SHARE);
  const skipAny = unitPosts.some((posts) => posts <= skipAbove);
  const skipped = new Set<QueryUnit>();
  units.forEach((unit, i) => {
    unit.free = unitPosts[i]! > freeAbove;
    if (skipAny && unitPosts[i]! > skipAbove) skipped.add(unit);
    // A phrase alternative (데이터 센터, the parts of CVE-2026-1234) made of very common words
    // costs the most and adds little beside the unit's other spellings.
    unit.alternatives = unit.alternatives.filter(
      (alternative, index) => index === 0 || alternative.terms.length === 1 || alternative.terms.every((term) => documentFrequency(term) <= skipAbove),
    );
  });
  return skipped;
}

/** The terms to look up, by field, with their boosts and scopes. */
function termsOf(units: readonly QueryUnit[], skipped: ReadonlySet<QueryUnit>): Pick<CompiledQuery, 'wordTerms' | 'gramTerms'> {
  const wordTerms = new Map<string, TermSpec>();
  const gramTerms = new Map<string, TermSpec>();
  for (const unit of units) {
    if (skipped.has(unit)) continue;
    const scope = unit.free ? 'small' : 'all';
    for (const alternative of unit.alternatives) {
      if (unit.free && alternative.field === 'gram') continue;
      const map = alternative.field === 'gram' ? gramTerms : wordTerms;
      for (const term of alternative.terms) addTerm(map, term, { prefix: alternative.prefix, boost: alternative.boost, scope });
    }
  }
  return { wordTerms, gramTerms };
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

/** The number of units a document covers, given the query terms it matched (free units always count). */
export function coveredUnits(query: CompiledQuery, matched: { has(term: string): boolean }): number {
  let covered = 0;
  for (const unit of query.units) {
    const isCovered =
      unit.free ||
      unit.alternatives.some((alternative) => {
        let hits = 0;
        for (const term of alternative.terms) if (matched.has(term)) hits++;
        return hits >= alternative.need;
      });
    if (isCovered) covered++;
  }
  return covered;
}
