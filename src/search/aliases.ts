/**
 * Cross-language aliases: 엔비디아 ⇄ Nvidia, 데이터센터 ⇄ data center, 보안 ⇄ security.
 *
 * An alias table is a list of groups; every member of a group finds the others. Groups are not
 * merged with each other (no transitive closure), so one loose mined pair cannot chain two
 * unrelated groups together.
 *
 * Text format (used by {@link parseAliasText}, the built-in table `src/data/aliases.txt` and
 * `loadAliasFile` of `src/data/load.ts`): one group per line, `term = alias, alias, ...`; `#`
 * starts a comment; blank lines are ignored.
 * Multi-word terms are fine (`data center = 데이터센터, 데이터 센터`).
 *
 * @example
 * ```text
 * # my-aliases.txt
 * 엔비디아 = nvidia, 앤비디아
 * 라즈베리파이 = raspberry pi, rpi
 * ```
 */
import type { Post } from '../posts/types.ts';
import { dataFilePath, readBuiltinAliases, readDataFile, readWordList } from '../data/load.ts';
import { parseAliasText, type AliasGroup, type AliasTable } from '../data/formats.ts';
import { analyzeWords, normalize, wordTerms, type Word } from './analyzer.ts';

export { AliasSyntaxError, parseAliasText, type AliasGroup, type AliasTable } from '../data/formats.ts';

/** Joins tables, dropping groups that repeat an earlier one. */
export function mergeAliases(...tables: readonly (AliasTable | undefined)[]): AliasTable {
  const seen = new Set<string>();
  const merged: AliasGroup[] = [];
  for (const table of tables) {
    for (const group of table ?? []) {
      const key = group.map((member) => normalize(member)).sort().join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      merged.push(group);
    }
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Compiled lookup

/** An alternative spelling of a query phrase: all of these terms must match. */
export type AliasAlternative = readonly string[];

/** Alias groups compiled for lookup by the analyzed form of a phrase. */
export interface AliasLookup {
  /** Alternatives for the phrase made of these words (one to three words), or undefined. */
  find(words: readonly Word[]): readonly AliasAlternative[] | undefined;
}

/** Keys of a phrase: its terms joined without spaces, and the same with the last word's surface. */
export function phraseKeys(words: readonly Word[]): string[] {
  if (words.length === 0) return [];
  const head = words.slice(0, -1).map((word) => word.term).join('');
  const last = words[words.length - 1]!;
  return [head + last.term, ...last.variants.slice(0, 1).map((variant) => head + variant)];
}

const ENGLISH_WORD = /^[a-z]{4,}$/;

/**
 * Base forms an English word may have before -ed, -ing, -ly or -es (announced → announce,
 * detected → detect, folding → fold, running → run, officially → official, reaches → reach): the
 * analyzer folds plurals only, and a glossary lists base forms. Guesses, tried only as lookup
 * keys: a wrong one finds nothing.
 */
export function englishBaseForms(term: string): string[] {
  // Plurals the analyzer leaves (it folds -s from four letters up, and not after o): ads → ad, photos → photo.
  if (SHORT_OR_O_PLURAL.test(term)) return [term.slice(0, -1)];
  if (!ENGLISH_WORD.test(term)) return [];
  // A superlative: the glossary lists the adjective (cheapest → cheap, largest → large, biggest → big, easiest → easy).
  if (SUPERLATIVE.test(term)) return superlativeBases(term.slice(0, -3));
  // An adverb: the glossary lists the adjective (officially → official, easily → easy).
  // -ically is the adverb of an adjective in -ic as often as of one in -ical (automatically → automatic, typically → typical).
  if (term.endsWith('ically')) return [term.slice(0, -4), term.slice(0, -2)];
  if (term.endsWith('ly') && term.length >= 6) return term.endsWith('ily') ? [term.slice(0, -3) + 'y', term.slice(0, -2)] : [term.slice(0, -2)];
  // The analyzer folds a plural -s only, so -es after a sibilant stays half (reaches → reache).
  if (/(?:ch|sh|ss|x|z)e$/.test(term)) return [term.slice(0, -1)];
  const forms: string[] = [];
  const stem = term.endsWith('ied') ? term.slice(0, -3) + 'y' : term.endsWith('ed') ? term.slice(0, -2) : term.endsWith('ing') ? term.slice(0, -3) : undefined;
  if (stem === undefined || stem.length < 3) return forms;
  forms.push(stem);
  if (!stem.endsWith('y')) forms.push(stem + 'e');
  // A doubled consonant before the ending: stopped, running.
  if (/([b-df-hj-np-tv-z])\1$/.test(stem)) forms.push(stem.slice(0, -1));
  return forms;
}

/** A three-letter plural (ads, ups) or a plural in -os (photos, videos, demos). */
const SHORT_OR_O_PLURAL = /^(?:[a-z]{2}|[a-z]{2,}o)s$/;
/** -est after at least three letters, not a word of its own in -est (interest, request, forest, contest, latest, honest, manifest, digest). */
const SUPERLATIVE = /^(?!(?:inter|requ|for|cont|lat|hon|manif|dig|sugg|prot|inv|arr|t|b|w|n|r|p|g|qu|ch|cr|gu|v|z)est$)[a-z]{3,}est$/;

function superlativeBases(stem: string): string[] {
  if (stem.endsWith('i')) return [stem.slice(0, -1) + 'y'];
  const forms = [stem, stem + 'e'];
  if (/([b-df-hj-np-tv-z])\1$/.test(stem)) forms.push(stem.slice(0, -1));
  return forms;
}

/** Keys to look a phrase up by: its own, then those with the last word's English base forms. */
function lookupKeys(words: readonly Word[]): string[] {
  const keys = phraseKeys(words);
  const last = words[words.length - 1];
  if (!last) return keys;
  const head = words.slice(0, -1).map((word) => word.term).join('');
  return [...keys, ...englishBaseForms(last.term).map((form) => head + form)];
}

/** The longest phrase (in words) the lookup tries. */
export const MAX_ALIAS_WORDS = 3;

/**
 * Collects alias groups into a lookup, group by group (so that a build can add the pairs mined
 * from each post as it goes, without one long pause at the end), and takes them out again (an
 * incremental reindex removes the pairs mined from a post that changed or went). Groups and
 * the alternatives they give a key are counted: a group added twice, or an alternative two
 * groups give, stays until the last of them is removed.
 */
export class AliasLookupBuilder implements AliasLookup {
  private readonly byKey = new Map<string, AliasAlternative[]>();
  /** How often each group (by its normalized members) was added. */
  private readonly groupCounts = new Map<string, number>();
  /** Per key, how many groups give each alternative (joined by spaces). */
  private readonly alternativeCounts = new Map<string, Map<string, number>>();

  /** Adds every group of a table; a group already added is counted, not compiled again. */
  add(table: AliasTable): this {
    for (const group of table) this.addGroup(group);
    return this;
  }

  /** Removes groups added before (each once); what another group still gives stays. */
  remove(table: AliasTable): this {
    for (const group of table) {
      const groupKey = keyOfGroup(group);
      const count = this.groupCounts.get(groupKey) ?? 0;
      if (count === 0) continue;
      if (count > 1) {
        this.groupCounts.set(groupKey, count - 1);
        continue;
      }
      this.groupCounts.delete(groupKey);
      this.contribute(group, -1);
    }
    return this;
  }

  find(words: readonly Word[]): readonly AliasAlternative[] | undefined {
    for (const key of lookupKeys(words)) {
      const found = this.byKey.get(key);
      if (found && found.length > 0) return found;
    }
    return undefined;
  }

  /**
   * The compiled groups as plain data, for a snapshot of the index ({@link load} takes them
   * back): compiling the built-in table analyzes every member of every group, which was a third
   * of a restart on the real blog.
   */
  saved(): SavedAliasLookup {
    return {
      byKey: [...this.byKey].map(([key, alternatives]) => [key, [...alternatives]]),
      groups: [...this.groupCounts],
      alternatives: [...this.alternativeCounts].map(([key, counts]) => [key, [...counts]]),
    };
  }

  /** Takes back what {@link saved} gave, into a builder nothing was added to yet; false (and nothing taken) when it is not of that shape. */
  load(saved: SavedAliasLookup): boolean {
    const isPairs = (value: unknown): value is [string, unknown][] => Array.isArray(value) && value.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string');
    if (this.groupCounts.size > 0 || !isPairs(saved?.byKey) || !isPairs(saved.groups) || !isPairs(saved.alternatives)) return false;
    if (!saved.alternatives.every(([, counts]) => isPairs(counts))) return false;
    for (const [key, alternatives] of saved.byKey) this.byKey.set(key, alternatives);
    for (const [group, count] of saved.groups) this.groupCounts.set(group, count);
    for (const [key, counts] of saved.alternatives) this.alternativeCounts.set(key, new Map(counts));
    return true;
  }

  private addGroup(group: AliasGroup): void {
    const groupKey = keyOfGroup(group);
    const count = this.groupCounts.get(groupKey) ?? 0;
    this.groupCounts.set(groupKey, count + 1);
    if (count === 0) this.contribute(group, 1);
  }

  /** Adds (`+1`) or withdraws (`-1`) what a group gives each of its members' keys. */
  private contribute(group: AliasGroup, delta: 1 | -1): void {
    const members = group.map((member) => analyzeWords(member)).filter((words) => words.length > 0 && words.length <= MAX_ALIAS_WORDS);
    for (const member of members) {
      const alternatives = members.filter((other) => other !== member).map((other) => other.map((word) => word.term));
      for (const key of phraseKeys(member)) {
        const list = this.byKey.get(key) ?? [];
        const counts = this.alternativeCounts.get(key) ?? new Map<string, number>();
        for (const alternative of alternatives) {
          const joined = alternative.join(' ');
          const count = (counts.get(joined) ?? 0) + delta;
          if (count > 0) counts.set(joined, count);
          else counts.delete(joined);
          if (delta > 0 && count === 1) list.push(alternative);
          if (delta < 0 && count === 0) list.splice(list.findIndex((existing) => existing.join(' ') === joined), 1);
        }
        this.byKey.set(key, list);
        this.alternativeCounts.set(key, counts);
      }
    }
  }
}

/** An {@link AliasLookupBuilder}'s compiled state as plain data (see {@link AliasLookupBuilder.saved}). */
export interface SavedAliasLookup {
  /** Lookup key → the alternatives it gives. */
  byKey: [key: string, alternatives: AliasAlternative[]][];
  /** Group identity → how often it was added. */
  groups: [group: string, count: number][];
  /** Lookup key → per alternative (joined by spaces), how many groups give it. */
  alternatives: [key: string, counts: [alternative: string, count: number][]][];
}

/** A group's identity: its members normalized, in sorted order. */
const keyOfGroup = (group: AliasGroup): string => group.map((member) => normalize(member)).sort().join('\u0000');

/** Compiles a table for lookup. */
export function compileAliases(table: AliasTable): AliasLookup {
  return new AliasLookupBuilder().add(table);
}

/**
 * Compiles a table one way: the other members of each group find its first one (a vocabulary
 * line `사임 = resign, quit` makes "quit" find 사임), never the reverse, and they do not find each
 * other (quit is no spelling of resign, nor "article" of "news" because both are 기사). A member
 * may stand on many lines and finds the first member of each. The first member is kept as written
 * when the analyzer indexes that form (가을, not its stem 가), else as its stem (각도에서 → 각도);
 * it is analyzed when first found, so compiling a long vocabulary analyzes only the other members.
 */
export function compileOneWay(table: AliasTable): AliasLookup {
  const headsByKey = new Map<string, Set<string>>();
  for (const [head, ...members] of table) {
    for (const member of members) {
      const words = analyzeWords(member);
      if (words.length === 0 || words.length > MAX_ALIAS_WORDS || losesStopwords(member, words)) continue;
      for (const key of phraseKeys(words)) {
        const heads = headsByKey.get(key) ?? new Set<string>();
        headsByKey.set(key, heads.add(head!));
      }
    }
  }
  const found = new Map<string, AliasAlternative[]>();
  const alternativesOf = (key: string): AliasAlternative[] | undefined => {
    const heads = headsByKey.get(key);
    if (!heads) return undefined;
    let alternatives = found.get(key);
    if (!alternatives) found.set(key, (alternatives = uniqueAlternatives([...heads].map(asIndexed).filter((terms) => terms.length > 0))));
    return alternatives;
  };
  return { find: (words) => lookupKeys(words).map(alternativesOf).find((alternatives) => alternatives !== undefined && alternatives.length > 0) };
}

/**
 * A phrase the analyzer reads as one word ("up to" as "up", "over time" as "time"): its stopword
 * carried the sense, so the word left is no key for it (up to = 최대 made every "end up" and
 * "bring up" a maximum). A phrase keeping two words ("code of conduct") is still that phrase.
 */
function losesStopwords(phrase: string, words: readonly Word[]): boolean {
  return words.length === 1 && phrase.trim().split(/\s+/).length > 1;
}

/** A phrase as the index holds it: one word as written when the analyzer indexes that form (가을), else the stems (각도에서 → 각도). */
function asIndexed(phrase: string): string[] {
  const words = analyzeWords(phrase);
  if (words.length > MAX_ALIAS_WORDS) return [];
  const written = normalize(phrase);
  return words.length === 1 && wordTerms(words[0]!).includes(written) ? [written] : words.map((word) => word.term);
}

/** The alternatives without repeats (사용해 and 사용하는 both stand for 사용). */
function uniqueAlternatives(alternatives: readonly AliasAlternative[]): AliasAlternative[] {
  return [...new Map(alternatives.map((alternative) => [alternative.join(' '), alternative])).values()];
}

// ---------------------------------------------------------------------------------------------
// Mining `한글(English)` and `English(한글)` pairs from posts

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;
/** `가상 스레드(Virtual Threads)`: up to three Korean words, then English in parentheses. */
const KOREAN_THEN_ENGLISH = /((?:[\uAC00-\uD7A3]+ ){0,2}[\uAC00-\uD7A3]+)\s?\(([A-Za-z][A-Za-z0-9.+#\- ]{1,40})\)/g;
/** `Project Loom(프로젝트 룸)`: up to three English words, then Korean in parentheses. */
const ENGLISH_THEN_KOREAN = /((?:[A-Za-z][A-Za-z0-9.+#\-]* ){0,2}[A-Za-z][A-Za-z0-9.+#\-]*)\s?\(([\uAC00-\uD7A3]+(?: [\uAC00-\uD7A3]+){0,2})\)/g;

/** Characters that may stand between a pair's first half and its `(`: Hangul words, or English ones. */
const KOREAN_RUN = /[\uAC00-\uD7A3 ]/;
const ENGLISH_RUN = /[A-Za-z0-9.+#\- ]/;
const WHITESPACE = /\s/;

/**
 * The matches of a pair pattern (global, ending in `(...)`), found by running it only on the
 * stretch of text before and inside each parenthesis. Same matches as `text.matchAll(pattern)`:
 * a match is words made of `run` characters, one optional space, `(`, then no `(` or `)` up to
 * the first `)`. Scanning the whole text instead tried the pattern at every character and cost
 * more than the rest of the analysis of a post.
 */
function* pairMatches(text: string, pattern: RegExp, run: RegExp): Generator<RegExpMatchArray> {
  let open = text.indexOf('(');
  while (open >= 0) {
    const close = text.indexOf(')', open);
    if (close < 0) return;
    let start = open;
    if (start > 0 && WHITESPACE.test(text[start - 1]!)) start--;
    while (start > 0 && run.test(text[start - 1]!)) start--;
    yield* text.slice(start, close + 1).matchAll(pattern);
    // Every `(` up to `close` was inside this stretch.
    open = text.indexOf('(', close + 1);
  }
}

/** Ends of verbs that the stemmer keeps but that never end a term (되었고, 있으며, 바뀌었다). */
const VERB_ENDING = new RegExp(`(${readWordList('verb-endings.txt').join('|')})$`);

/**
 * Keeps the Korean words that belong to the term: reading right to left from the parenthesis,
 * stop at a word that carries a particle or an ending (`이 기능은 가상 스레드` → `가상 스레드`).
 */
function termWords(koreanPhrase: string): string[] {
  const words = koreanPhrase.split(' ');
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const analyzed = analyzeWords(words[i]!);
    const word = analyzed[0];
    if (analyzed.length !== 1 || !word || word.term !== words[i] || VERB_ENDING.test(words[i]!)) break;
    kept.unshift(words[i]!);
  }
  return kept;
}

function plausiblePair(korean: string, english: string): boolean {
  const englishWords = english.trim().split(/\s+/);
  if (englishWords.length > 4 || english.length < 2) return false;
  // An abbreviation explains a phrase of several words, not the last one: 대규모 언어 모델(LLM) is fine, 모델(LLM) is not.
  const koreanWords = korean.split(' ');
  const isAbbreviation = /^[A-Z0-9]{2,6}s?$/.test(english.trim());
  if (isAbbreviation && koreanWords.length === 1 && korean.length < 4) return false;
  if (!isAbbreviation && Math.abs(englishWords.length - koreanWords.length) > 1) return false;
  return analyzeWords(english).length > 0 && analyzeWords(korean).length > 0;
}

/**
 * Mines `한글(English)` and `English(한글)` pairs from the posts' text (e.g. `가상 스레드(Virtual
 * Threads)`), filtered so that sentence fragments and explanations in parentheses stay out.
 * A pair must appear in at least `minPosts` posts, or be mined from a title, summary or tag.
 */
export function mineAliasPairs(posts: readonly Post[], minPosts = 1): AliasTable {
  const counts = new Map<string, { pair: [string, string]; posts: Set<string> }>();
  const record = (korean: string, english: string, postId: string) => {
    const cleanKorean = korean.trim();
    const cleanEnglish = english.trim().replace(/[.\-]+$/, '');
    if (!cleanKorean || !cleanEnglish || !plausiblePair(cleanKorean, cleanEnglish)) return;
    const key = `${normalize(cleanKorean)}\u0000${normalize(cleanEnglish)}`;
    const entry = counts.get(key) ?? { pair: [cleanKorean, cleanEnglish], posts: new Set<string>() };
    entry.posts.add(postId);
    counts.set(key, entry);
  };
  for (const post of posts) {
    const texts = [post.title, ...post.summary, post.description ?? '', ...post.sections.map((section) => `${section.heading}\n${section.text}`)];
    for (const text of texts) {
      for (const match of pairMatches(text, KOREAN_THEN_ENGLISH, KOREAN_RUN)) {
        const korean = termWords(match[1]!).join(' ');
        if (korean && korean.split(' ').every((word) => HANGUL_WORD.test(word))) record(korean, match[2]!, post.id);
      }
      for (const match of pairMatches(text, ENGLISH_THEN_KOREAN, ENGLISH_RUN)) {
        const korean = match[2]!;
        const englishWords = match[1]!.split(' ');
        // As many English words as there are Korean words: `Project Loom(프로젝트 룸)`.
        const english = englishWords.slice(-korean.split(' ').length).join(' ');
        if (termWords(korean).join(' ') === korean) record(korean, english, post.id);
      }
    }
  }
  return [...counts.values()].filter((entry) => entry.posts.size >= minPosts).map((entry) => entry.pair);
}

// ---------------------------------------------------------------------------------------------
// The built-in table: src/data/aliases.txt

/** The curated table that ships with briefbot (a few hundred terms). */
export const BUILTIN_ALIASES: AliasTable = readBuiltinAliases();

let builtinLookup: AliasLookup | undefined;

/** {@link BUILTIN_ALIASES} compiled, once for every caller that looks words up in it alone (the answer checks). */
export const builtinAliasLookup = (): AliasLookup => (builtinLookup ??= compileAliases(BUILTIN_ALIASES));

/**
 * The English ⇄ Korean glossary of ordinary tech-news words (announce/발표, price/가격,
 * vulnerability/취약점: src/data/glossary.txt), used like the built-in aliases after them.
 */
export const GLOSSARY: AliasTable = parseAliasText(readDataFile('glossary.txt'), dataFilePath('glossary.txt'));
