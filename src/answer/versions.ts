/**
 * Versions and model numbers written after a name (Ruby 4.1, 루비 4.1, Realme P5, Claude Opus 5,
 * ollama 0.14-rc2, RubyKaigi 2026): a question asking about one is not answered by a sentence
 * about another of the same name, which a post about the neighbouring release often holds
 * (Ruby 4.0's release date for "루비 4.1은 언제 나와?"). Pure functions; the particles and
 * stopwords are the analyzer's data files.
 */
import { analyzeQueryWords } from '../search/analyzer.ts';
import { builtinAliasLookup } from '../search/aliases.ts';
import { readWordList } from '../data/load.ts';
import { holdsLatinSpelling, holdsLoanword, textTerms } from './terms.ts';

/** A version or model number and the name written just before it. */
export interface NamedVersion {
  /** The name as written (Ruby, 루비, Realme, Opus). */
  name: string;
  /** The version as written (4.1, P5, 0.14-rc2, 2026). */
  version: string;
  /** The Latin word before the name, if any (Delta of Delta Forge 1, Claude of Claude Opus 5). */
  before?: string;
}

/**
 * A name (a word of letters), a space and a version: a number, dotted or not, with a hyphenated
 * tag (0.14-rc2, 4.1, 26), or a few letters glued to a number (P5, M5, Gen2, v3). Not a number
 * with a unit glued to it (80W, 512GB), nor one that goes on as a larger number (10,001, 4.1.2) or a %.
 */
const NAMED_VERSION =
  /(?<![\p{L}\p{N}.\-_])(\p{L}[\p{L}+#]*)\s+((?:v?\d+(?:\.\d+)*(?:-[a-z]+\d*)?)|[a-z]{1,4}\d+)(?![\p{N}%a-z]|[.,]\d)([\uAC00-\uD7A3]*)/giu;

/** What may follow a version in Korean prose (4.1은, 2026에서): a particle, never a counter (4일, 10개). */
const PARTICLES: ReadonlySet<string> = new Set(['', ...readWordList('particles.txt')]);
/** Words that name nothing (the, in, 약): a number after them is no version of them. */
const STOPWORDS: ReadonlySet<string> = new Set([...readWordList('stopwords-en.txt'), ...readWordList('stopwords-ko.txt')]);
const YEAR = /^(19|20)\d\d$/;
const HANGUL = /[\uAC00-\uD7A3]/;

/** A Latin word just before a name (Delta Forge, Claude Opus), at the end of the text before it. */
const LATIN_BEFORE = /(?<![\p{L}\p{N}])(\p{Script=Latin}+)\s+$/u;

/** The versions the text writes after a name, in order (see {@link NAMED_VERSION}). */
export function namedVersionsOf(text: string): NamedVersion[] {
  const normalized = text.normalize('NFKC');
  return [...normalized.matchAll(NAMED_VERSION)].flatMap(({ 1: name, 2: version, 3: rest, index }) => {
    if (!PARTICLES.has(rest!) || name!.length < 2 || STOPWORDS.has(name!.toLowerCase())) return [];
    const before = LATIN_BEFORE.exec(normalized.slice(Math.max(0, index - 40), index))?.[1];
    return [before && !STOPWORDS.has(before.toLowerCase()) ? { name: name!, version: version!, before } : { name: name!, version: version! }];
  });
}

/** The version with its name as the question writes it (Delta Forge 2, 루비 4.1): what a reply says is missing. */
export const writtenVersion = (version: NamedVersion): string => [version.before, version.name, version.version].filter(Boolean).join(' ');

/**
 * True when two versions may name the same release: equal, or one a tag or part of the other
 * (0.14 and 0.14-rc2, Opus 4 and 4.5).
 */
export function compatibleVersions(a: string, b: string): boolean {
  const [shorter, longer] = (a.length <= b.length ? [a, b] : [b, a]).map((version) => version.toLowerCase()) as [string, string];
  return longer.startsWith(shorter) && !/\d/.test(longer.charAt(shorter.length));
}

/**
 * True when the written name is the asked one: the same letters, an alias (루비 = ruby), or the
 * Hangul spelling of the Latin name either way (리얼미 for Realme).
 */
export function sameName(written: string, asked: string): boolean {
  if (written.toLowerCase() === asked.toLowerCase()) return true;
  const [word] = analyzeQueryWords(asked);
  if (!word) return false;
  const terms = textTerms(written);
  const alternatives = builtinAliasLookup().find([word]) ?? [];
  if (alternatives.some((alternative) => alternative.length === 1 && terms.terms.has(alternative[0]!))) return true;
  if (HANGUL.test(asked) === HANGUL.test(written)) return false;
  return HANGUL.test(asked) ? holdsLatinSpelling(terms, word) : holdsLoanword(terms, word);
}

/**
 * The first version the question asks about that a text names only in others: it writes the
 * same name with versions (its {@link namedVersionsOf}) none of which is the asked one (Ruby 4.0
 * and 3.4 for 루비 4.1). Undefined when it names no other version of the name.
 */
export function otherVersionNamed(asked: readonly NamedVersion[], written: readonly NamedVersion[]): NamedVersion | undefined {
  return asked.find((question) => {
    // A year beside a name is an edition (RubyKaigi 2026), compared only with a year.
    const same = written.filter(
      (version) => YEAR.test(version.version) === YEAR.test(question.version) && sameName(version.name, question.name) && sameLine(version, question),
    );
    return same.length > 0 && !same.some((version) => compatibleVersions(version.version, question.version));
  });
}

/**
 * False when both write a Latin word before the name and the words differ: Delta Forge 1 and
 * Polaris Forge 2 are two products, while Opus 4.5 may be the Claude Opus the question asks of.
 */
const sameLine = (a: NamedVersion, b: NamedVersion): boolean =>
  a.before === undefined || b.before === undefined || a.before.toLowerCase() === b.before.toLowerCase();
