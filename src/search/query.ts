/**
 * Turns a query into "units" (one per content word of the query) and each unit into the ways a
 * document may match it: the stem, a surface spelling, the parts of an identifier, most of the
 * Hangul bigrams, or an alias in the other language.
 *
 * Why units: MiniSearch scores terms, but whether a document is a good match is a question about
 * the query's words. A document must cover enough of them ({@link coverageAcceptor}); otherwise the
 * answer is "no good match" rather than the least bad post.
 *
 * A word the index does not hold gets guesses (expand.ts: typo corrections, loanword readings,
 * the word typed with the other keyboard layout), kept beside the word as typed. Vague words and
 * chat forms (근황, 후기, 생각함) are optional; a post matching only part of the query must match
 * a salient (rare) word as typed, and is a partial match the reply can name.
 */
import { readWordList } from '../data/load.ts';
import { analyzeQueryWords, analyzeWords, type Word } from './analyzer.ts';
import { MAX_ALIAS_WORDS, type AliasLookup } from './aliases.ts';
import { fixKeyboardLayout, guessesFor, isKnown, isOptionalWord } from './expand.ts';
import type { LoanwordMatcher } from './loanword.ts';

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
  /** A guess (a typo correction, a loanword reading), not the word as typed. */
  guess?: boolean;
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
  /**
   * Whether the index holds the word in any of its spellings (as typed, a variant, its parts,
   * an alias, a guess, most of its bigrams). A word it does not hold (근황, 후기, a chat
   * ending) cannot be matched by any post: it is left out of the coverage, and a post found
   * without it is a partial match.
   */
  known: boolean;
  /**
   * Rare in the index (few posts hold it): such a word says what the query is about. A query with
   * words the index does not hold is only answered by a post that covers a salient word.
   */
  salient: boolean;
  /** A vague word or chat form (근황, 후기, 생각함): a post need not match it. */
  optional: boolean;
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
  /**
   * The query asks for the latest on its topic (a word of glossary-vague-newest.txt: 근황, 소식):
   * the posts that match it about as well as the best come newest first ({@link orderBySense}).
   */
  newest: boolean;
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
  /** Latin words of the index within `distance` Levenshtein edits (typo tolerance; only asked for words the index does not hold). */
  nearLatin: (term: string, distance: number) => Iterable<string>;
  /** The index's loanword matcher, built on first use. */
  loanwords: () => LoanwordMatcher;
  /** Hangul words of the index one jamo away (optional speed-up, see expand.ts). */
  jamoNeighbours?: (word: string) => readonly string[];
  /** True when the index holds this term in any field (bigrams included). */
  hasTerm: (term: string) => boolean;
  /** Number of posts holding this exact term in a word field. */
  documentFrequency: (term: string) => number;
  /** Number of posts in the index. */
  documentCount: number;
}

/** Most words of a query guessed at (corrected or read across scripts). */
const MAX_GUESSED_WORDS = 4;
/** Weight of a guessed spelling against the word as typed. */
const GUESS_BOOST = 0.5;
/** A word is salient in at most this many posts, or this share of them. */
const SALIENT_POSTS = 3;
const SALIENT_SHARE = 0.03;
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

/** True when the index holds every word of a token as analyzed, or it has none (a stopword): for keyboard-layout fixes. */
function tokenKnown(token: string, options: CompileOptions): boolean {
  // Bare jamo (ㅜㅐㄴㅅㄱ) analyze to nothing, and jamo between syllables (ㅋㄴㅊ믿ㄱ: zscaler) to a
  // stray syllable the index may hold (믿): no word of the blog is written with bare jamo, so a
  // token holding any is not known as typed.
  if (/[\u3131-\u318E]/.test(token)) return false;
  const words = analyzeWords(token);
  return words.every((word) => isKnown(word, options));
}

/** True when the index holds enough of a Hangul word's bigrams ({@link GRAM_SHARE}) for the word to match by them. */
function gramsHeld(hangul: string, options: CompileOptions): boolean {
  const [word] = analyzeWords(hangul);
  if (!options.grams || !word || word.grams.length < 2) return false;
  return word.grams.filter((gram) => options.hasTerm(gram)).length >= Math.ceil(word.grams.length * GRAM_SHARE);
}

/** The alternatives of one query word: as typed, its guesses, variants, parts and bigrams. */
function wordAlternatives(word: Word, prefix: boolean, guess: boolean, options: CompileOptions): Alternative[] {
  const { documentFrequency, documentCount } = options;
  const alternatives: Alternative[] = [single(word.term, 1, prefix)];
  if (guess) {
    for (const { term, kind } of guessesFor(word, options)) {
      // Letter names spell one thing (지피티 is gpt): as good as the word as typed.
      alternatives.push(kind === 'letters' ? single(term, 1) : { ...single(term, GUESS_BOOST), guess: true });
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
  return alternatives;
}

/** Whether any post could match the alternative: the index holds its terms (enough of them). */
function alternativeKnown(alternative: Alternative, options: CompileOptions): boolean {
  let held = 0;
  for (const term of alternative.terms) if (alternative.field === 'gram' || alternative.prefix ? options.hasTerm(term) : options.documentFrequency(term) > 0) held++;
  return held >= alternative.need;
}

/** Compiles a query. An empty `units` list means there is nothing worth searching for. */
export function compileQuery(text: string, aliases: AliasLookup, options: CompileOptions): CompiledQuery {
  const words = analyzeQueryWords(fixKeyboardLayout(text, (token) => tokenKnown(token, options), (hangul) => gramsHeld(hangul, options)).text);
  const guesses = { left: MAX_GUESSED_WORDS };
  const units = words.map((word, index) => wordUnit(word, index === words.length - 1, options, guesses));
  addAliases(units, words, aliases);
  addJoinedGuesses(units, words, options);
  addJoinedNames(units, words, options);
  addSplitNames(units, words, options);
  const { skipped, unitPosts } = applyCostGuards(units, options);
  markUnits(units, words, unitPosts, options);
  const newest = units.some((unit) => !unit.optional) && words.some((word) => NEWEST_WORDS.has(word.term) || word.variants.some((variant) => NEWEST_WORDS.has(variant)));
  return { units, newest, ...termsOf(units, skipped) };
}

/** Vague words that ask for the latest on a topic (src/data/glossary-vague-newest.txt). */
const NEWEST_WORDS = new Set(readWordList('glossary-vague-newest.txt'));
/**
 * Hits in the order the query's sense asks for: best first, or, when it asks for the latest
 * (`newest`), the hits about the topic newest first, then the others as they were. A hit is about
 * the topic when its title (`headTerms`: its terms and bigrams) matches every word of the query
 * that is not optional (tags are too loose: a post tagged Claude Code may be about Docker):
 * "Claude Code 근황" wants the newest post on Claude Code, not the newest that mentions it in
 * passing, nor the one that says it most often.
 */
export function orderBySense<T>(query: CompiledQuery, hits: readonly T[], timeOf: (hit: T) => number, headTerms: (hit: T) => ReadonlySet<string>): T[] {
  if (!query.newest || hits.length < 2) return [...hits];
  const content = query.units.filter((unit) => !unit.optional);
  const about = (hit: T) => {
    const terms = headTerms(hit);
    return content.every((unit) => unit.alternatives.some((alternative) => alternativeMatched(alternative, terms)));
  };
  const topical = hits.filter(about);
  if (topical.length < 2) return [...hits];
  return [...[...topical].sort((a, b) => timeOf(b) - timeOf(a)), ...hits.filter((hit) => !topical.includes(hit))];
}

/** One query word's unit: the word, its guesses (while `guesses.left` lasts), variants, parts and bigrams. */
function wordUnit(word: Word, isLast: boolean, options: CompileOptions, guesses: { left: number }): QueryUnit {
  const prefix = prefixFor(word, isLast, options);
  const guess = guesses.left > 0 && !isKnown(word, options);
  if (guess) guesses.left--;
  return { label: word.term, alternatives: wordAlternatives(word, prefix, guess, options), free: false, known: true, salient: false, optional: false };
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

/**
 * Two Hangul words the index does not hold may spell one Latin name the posts write as one word
 * (아도니스 제이에스 → adonisjs, 캐시 오에스 → cachyos): the guesses for the words joined cover both.
 */
function addJoinedGuesses(units: readonly QueryUnit[], words: readonly Word[], options: CompileOptions): void {
  for (let i = 0; i + 1 < words.length; i++) {
    const [first, second] = [words[i]!, words[i + 1]!];
    if (first.kind !== 'hangul' || second.kind !== 'hangul' || isKnown(first, options) || isKnown(second, options)) continue;
    const [joined] = analyzeWords(first.term + second.term);
    if (!joined) continue;
    for (const { term, kind } of guessesFor(joined, options)) {
      const alternative: Alternative = kind === 'letters' ? single(term, 1) : { ...single(term, GUESS_BOOST), guess: true };
      units[i]!.alternatives.push(alternative);
      units[i + 1]!.alternatives.push(alternative);
    }
  }
}

/** A Latin name compared without its spaces and hyphens (Free Mobile, free-mobile, FreeMobile are one name). */
const compactName = (term: string): string => term.replace(/[-_]/g, '');

/**
 * Two Latin words of the question the posts write as one name (Nano Claw → nanoclaw, T 440 →
 * t440, Chat GPT → chatgpt): the joined name is a spelling of both words.
 */
function addJoinedNames(units: readonly QueryUnit[], words: readonly Word[], options: CompileOptions): void {
  for (let i = 0; i + 1 < words.length; i++) {
    const [first, second] = [words[i]!, words[i + 1]!];
    if (first.kind === 'hangul' || second.kind === 'hangul') continue;
    const joined = compactName(first.term + second.term);
    if (options.documentFrequency(joined) === 0) continue;
    units[i]!.alternatives.push(single(joined, 1));
    units[i + 1]!.alternatives.push(single(joined, 1));
  }
}

/** Shortest Latin name {@link addSplitNames} splits: a short unknown word is more often a typo than two names. */
const MIN_SPLIT_NAME = 5;
/** Most words a name typed as one is split into (CommandBookApp: command book app). */
const MAX_SPLIT_WORDS = 3;

/**
 * A Latin name the index does not hold that the posts write as two or three words (FreeMobile →
 * free mobile, CommandBookApp → command book app, 37signals → 37 signals, mini7 → mini 7): the
 * words are a spelling of it. A one-digit word is no index term (the analyzer drops
 * one-character tokens), so the other words stand for it alone.
 */
function addSplitNames(units: readonly QueryUnit[], words: readonly Word[], options: CompileOptions): void {
  words.forEach((word, i) => {
    const compact = compactName(word.term);
    if (word.kind === 'hangul' || compact.length < MIN_SPLIT_NAME || !/^[a-z0-9.]+$/.test(compact) || units[i]!.alternatives.some((alternative) => alternativeKnown(alternative, options))) return;
    const held = heldSplit(compact, MAX_SPLIT_WORDS, options);
    if (held && held.length > 0) units[i]!.alternatives.push({ terms: held, need: held.length, field: 'word', boost: 1 / held.length, prefix: false });
  });
}

/** The index terms `text` splits into, at most `words` of them, the first split found; a one-digit piece counts as held and adds no term. */
function heldSplit(text: string, words: number, options: CompileOptions): string[] | undefined {
  const whole = analyzeWords(text)[0]?.term ?? text;
  if (/^\d$/.test(text)) return [];
  if (whole.length >= 2 && options.documentFrequency(whole) > 0) return [whole];
  if (words < 2) return undefined;
  for (let at = 2; at < text.length; at++) {
    const first = heldSplit(text.slice(0, at), 1, options);
    const rest = first && heldSplit(text.slice(at), words - 1, options);
    if (first && rest && first.length + rest.length > 0) return [...first, ...rest];
  }
  return undefined;
}

/**
 * Cost guards for large indexes (they never apply below 200 posts): marks free units, returns the
 * skipped ones and each unit's posts (the most of any of its one-term spellings).
 */
function applyCostGuards(units: readonly QueryUnit[], options: CompileOptions): { skipped: Set<QueryUnit>; unitPosts: number[] } {
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
  return { skipped, unitPosts };
}

const BARE_NUMBER = /^[\d.,]+$/;

/** Marks which units the index holds, which are salient, and which are optional (see {@link QueryUnit}). */
function markUnits(units: readonly QueryUnit[], words: readonly Word[], unitPosts: readonly number[], options: CompileOptions): void {
  const salientBelow = Math.max(SALIENT_POSTS, options.documentCount * SALIENT_SHARE);
  units.forEach((unit, i) => {
    unit.known = unit.alternatives.some((alternative) => alternativeKnown(alternative, options));
    // A bare number (3.16, 2025) is rare but says little on its own: a version the blog has not
    // covered must not make a post that happens to hold the number an answer.
    unit.salient = unit.known && unitPosts[i]! <= salientBelow && !BARE_NUMBER.test(unit.label);
    // Known as typed or by an alias (엔비디아 → nvidia): not a chat form, whatever it ends in.
    const spelled = unit.alternatives.some((alternative) => alternative.field === 'word' && !alternative.guess && alternativeKnown(alternative, options));
    unit.optional = isOptionalWord(words[i]!, spelled);
  });
  // A query of vague words only is searched for them.
  if (units.every((unit) => unit.optional)) for (const unit of units) unit.optional = false;
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

/** How a document covers a query: what {@link coverageAcceptor} decides on. */
export interface Coverage {
  /** Units covered (free units always count). */
  covered: number;
  /** Units that are not optional covered. */
  coveredContent: number;
  /** Salient units covered by the word as typed or one of its exact spellings (not by a guess). */
  salientCovered: number;
  /** Content units not covered that are salient or that the index does not hold. */
  missingRare: number;
  /** Content units covered by the word as typed or an exact spelling (not by a guess alone). */
  coveredExact: number;
  /** Content units written in Latin letters (names, in a Korean query) covered; left out where every unit is free. */
  namesCovered?: number;
}

const alternativeMatched = (alternative: Alternative, matched: { has(term: string): boolean }): boolean => {
  let hits = 0;
  for (const term of alternative.terms) if (matched.has(term)) hits++;
  return hits >= alternative.need;
};

/** How a document covers the query, given the query terms it matched. */
export function coverageOf(query: CompiledQuery, matched: { has(term: string): boolean }): Coverage {
  return coverageBy(query, (alternative) => alternativeMatched(alternative, matched));
}

/**
 * {@link coverageOf} for documents whose matched terms come as bits (`bitOf` gives each term's
 * bit, 0 for a term without one): each alternative's terms are turned into bits once per query,
 * and a document's coverage then tests bits, not terms by name.
 */
export function coverageOfBits(query: CompiledQuery, bitOf: (term: string) => number): (bits: number) => Coverage {
  const termBits = query.units.map((unit) => unit.alternatives.map((alternative) => Int32Array.from(alternative.terms, bitOf)));
  return (bits) =>
    coverageBy(query, (alternative, unit, index) => {
      let hits = 0;
      for (const bit of termBits[unit]![index]!) if ((bits & bit) !== 0) hits++;
      return hits >= alternative.need;
    });
}

/** The coverage, `matches` telling which alternatives (of the unit at that position, at that position) the document matched. */
function coverageBy(query: CompiledQuery, matches: (alternative: Alternative, unit: number, index: number) => boolean): Coverage {
  const coverage: Coverage = { covered: 0, coveredContent: 0, salientCovered: 0, missingRare: 0, coveredExact: 0, namesCovered: 0 };
  for (let position = 0; position < query.units.length; position++) {
    const unit = query.units[position]!;
    let isCovered = unit.free;
    let exactly = false;
    for (let index = 0; index < unit.alternatives.length; index++) {
      const alternative = unit.alternatives[index]!;
      if (!matches(alternative, position, index)) continue;
      isCovered = true;
      if (!alternative.guess) exactly = true;
    }
    if (!isCovered) {
      if (!unit.optional && (unit.salient || !unit.known)) coverage.missingRare++;
      continue;
    }
    coverage.covered++;
    if (!unit.optional) coverage.coveredContent++;
    if (!unit.optional && (exactly || unit.free)) coverage.coveredExact++;
    if (!unit.optional && isName(unit)) coverage.namesCovered = (coverage.namesCovered ?? 0) + 1;
    if (unit.salient && exactly) coverage.salientCovered++;
  }
  return coverage;
}

/** Weight of an optional word in the score, against 1 for the others. */
const OPTIONAL_WEIGHT = 0.5;

const HANGUL_LABEL = /^[\uAC00-\uD7A3]+$/;
/** A long query may leave one content word out when it covers at least this many. */
const LONG_QUERY_COVERED = 3;

/**
 * For one query: the factor a document's score is scaled by, given how it covers the query, or
 * undefined when it is not a good enough match.
 * Vague words and chat forms are optional; a document covering all the other words is a match.
 * When the index holds every word of the query and none is vague, enough of them
 * ({@link requiredUnits}) is a match, as before. Otherwise a document covering only part must cover a salient word exactly (not by a guess), more of
 * them than the query has topic words the index does not hold (점심 in "오늘 점심 뭐 먹지"),
 * and then either enough of the words ({@link requiredUnits}) or all but common ones. A long
 * query may also leave out one word of four or more. A common word alone is no answer.
 * What depends on the query alone is worked out once: a ranking asks the returned function of
 * every distinct coverage among the hits.
 */
export function coverageAcceptor(query: CompiledQuery): (coverage: Coverage) => number | undefined {
  const content = query.units.filter((unit) => !unit.optional);
  const knownContent = content.filter((unit) => unit.known).length;
  if (knownContent === 0) return () => undefined;
  // A Korean word the Korean blog never uses is a topic it lacks; an unknown English word is
  // usually an ordinary word the Korean posts put otherwise.
  const unknownTopics = content.filter((unit) => !unit.known && HANGUL_LABEL.test(unit.label)).length;
  // No Korean topic word missing from the index: enough of the words, as typed, is enough, as
  // always, unless the query has a salient word the posts can hold in Korean and the post has no
  // salient word (quantum internet test canada: internet and test alone are no answer). A rare
  // English word without a Korean spelling (survey) is often one the post writes otherwise (설문).
  const hasSalient = content.some((unit) => unit.salient && spelledInHangul(unit));
  const needsName = namesNeeded(content);
  const required = requiredUnits(content.length);
  const requiredKnownTopics = requiredUnits(content.length - unknownTopics);
  const optional = query.units.length - content.length;
  return (coverage) => {
    const { coveredContent, salientCovered, missingRare } = coverage;
    const complete = coveredContent === content.length;
    const salient = salientCovered > 0 && salientCovered > unknownTopics;
    const long = coveredContent >= LONG_QUERY_COVERED && coveredContent >= content.length - 1;
    const plain = unknownTopics === 0 && coverage.coveredExact >= required && (!hasSalient || salientCovered > 0);
    if (!complete && needsName && coverage.namesCovered === 0) return undefined;
    if (!complete && !long && !plain && !(salient && (coveredContent >= requiredKnownTopics || missingRare === 0))) return undefined;
    const coveredOptional = coverage.covered - coveredContent;
    return ((coveredContent + OPTIONAL_WEIGHT * coveredOptional) / (content.length + OPTIONAL_WEIGHT * optional)) ** 2;
  };
}

const HANGUL_TERM = /[\uAC00-\uD7A3]/;
const LATIN_NAME = /^[a-z][a-z0-9.+#-]*$/;

/** A content word written in Latin letters: in a Korean query, a name (Ruby, Mistral, iOS). */
const isName = (unit: QueryUnit): boolean => LATIN_NAME.test(unit.label);

/**
 * A Korean query that names something in Latin letters ("Ruby 4.1 릴리즈 노트", "Mistral Large 3
 * 벤치마크") is about that thing: a post matching only its Korean words (릴리즈, 벤치마크) is
 * about something else, however rare those words are. Members write English words in a Korean
 * query for names; ordinary words they write in Korean. True when a post must cover a name.
 */
function namesNeeded(content: readonly QueryUnit[]): boolean {
  if (!content.some((unit) => HANGUL_LABEL.test(unit.label))) return false;
  return content.some((unit) => unit.known && isName(unit));
}

/** True when a unit is Korean or has a Korean spelling (an alias, a glossary word, a loanword reading). */
const spelledInHangul = (unit: QueryUnit): boolean => unit.alternatives.some((alternative) => alternative.terms.some((term) => HANGUL_TERM.test(term)));

/** Labels of the units a document does not cover, given the query terms it matched. */
export function missingUnits(query: CompiledQuery, matched: { has(term: string): boolean }): string[] {
  return query.units.filter((unit) => !unit.free && !unit.alternatives.some((alternative) => alternativeMatched(alternative, matched))).map((unit) => unit.label);
}
