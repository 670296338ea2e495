/**
 * The text analyzer for mixed Korean and English posts.
 *
 * Goals: a Korean word with a particle or a verb ending (엔비디아가, 출시했습니다) meets its bare
 * noun (엔비디아, 출시); compounds and spacing variants (데이터센터 / 데이터 센터) meet through
 * Hangul bigrams; identifiers (CVE-2026-25253, GPT-5.2, C++, .NET, Node.js, v1.2.3) stay whole
 * and are also findable by their parts; case, full-width forms, emoji and punctuation do not matter.
 *
 * Non-goals: a real morphological analyzer. The stemmer strips a curated list of suffixes and
 * stays conservative: where a suffix could also be the end of a noun (디스플레이, 마이크로), the
 * surface form is indexed next to the stem so that neither reading is lost.
 *
 * Pure functions; the word lists (stopwords, particles, endings, question words) are data files
 * in src/data/, read once when this module loads.
 */
import { readWordList } from '../data/load.ts';

/** A query is cut to this many characters before analysis, so a pasted 10 kB text stays fast. */
export const MAX_QUERY_CHARS = 1000;
/** At most this many words of a query are searched (after stopwords and question words). */
export const MAX_QUERY_TERMS = 24;
/** Longer tokens are cut: nobody searches a 200-character token, and the index stays small. */
const MAX_TOKEN_CHARS = 64;

/** One analyzed word: what gets indexed, and how a query word may be matched. */
export interface Word {
  /** The main term: the stem of a Korean word, a lower-cased English word, a whole identifier. */
  term: string;
  /** Other spellings indexed for the same word (the surface form beside an uncertain stem, `nodejs` for `node.js`). Any of them matches. */
  variants: string[];
  /** Parts of an identifier or of a mixed-script token (`cve`, `2026`, `25253`). All of them together match. */
  parts: string[];
  /** Hangul bigrams of the Korean stem (and of the Korean runs of a mixed token). Most of them together match. */
  grams: string[];
  /** `latin`: letters/digits only, fuzzy matching makes sense. `hangul`: Korean only. `mixed`: identifiers and mixed tokens. */
  kind: 'latin' | 'hangul' | 'mixed';
}

// ---------------------------------------------------------------------------------------------
// Stopwords

const ENGLISH_STOPWORDS = new Set(readWordList('stopwords-en.txt'));

/** Korean function words, checked on the surface form and on the stem. */
const KOREAN_STOPWORDS = new Set(readWordList('stopwords-ko.txt'));

/** Words that make a question a question; dropped from queries only (never from the index). */
const QUESTION_WORDS = new Set(readWordList('question-words.txt'));

// ---------------------------------------------------------------------------------------------
// Korean suffixes

/** Particles (조사), longest first after sorting. The stem left must keep at least `min` syllables. */
const PARTICLES_BASE = readWordList('particles.txt');
/** Plural 들 before a particle: 개발자들이 → 개발자. */
const PARTICLES = [...PARTICLES_BASE, '들', ...PARTICLES_BASE.map((p) => '들' + p)];

/** Verb and adjective endings after a noun of action (출시했습니다 → 출시). */
const ENDINGS = readWordList('endings.txt');

interface Suffix { text: string; minStem: number; uncertain: boolean }

/**
 * Single syllables that also end many nouns (디스플레이, 전문가, 마이크로, 무제한): stripping them
 * is a guess, so the surface form is kept beside the stem. The other one-syllable particles are a
 * guess only after a one-syllable stem (마을, 가을).
 */
const UNCERTAIN = new Set(readWordList('uncertain-suffixes.txt'));

/** Question endings may follow a single syllable (말했나요, 뭐였나요): the stem is usually a stopword then. */
const QUESTION_ENDINGS = new Set(readWordList('question-endings.txt'));

/** One-syllable particles that may follow a one-syllable stem. */
const SHORT_STEM_PARTICLES = new Set(readWordList('short-stem-particles.txt'));

/**
 * The one-syllable particles the analyzer leaves on after a one-syllable stem (팀이, 앱도: 속도,
 * 결과 and 정의 are nouns), unlike those of short-stem-particles.txt (앱을, 웹에).
 */
export const PARTICLES_KEPT_AFTER_ONE_SYLLABLE: readonly string[] = PARTICLES_BASE.filter((particle) => particle.length === 1 && !SHORT_STEM_PARTICLES.has(particle));

const SUFFIXES: Suffix[] = [
  ...PARTICLES.map((text) => ({
    text,
    // 을/를/은/는/에 after one syllable (앱을, 웹에) are safe enough; 이/가/도/로/과/의 after one syllable are usually a noun (속도, 결과, 정의).
    minStem: text.length > 1 || SHORT_STEM_PARTICLES.has(text) ? 1 : 2,
    uncertain: UNCERTAIN.has(text),
  })),
  ...ENDINGS.map((text) => ({ text, minStem: QUESTION_ENDINGS.has(text) ? 1 : 2, uncertain: text.length === 1 })),
].sort((a, b) => b.text.length - a.text.length);

/** Suffixes that may trail an English word or identifier: `Claude가`, `GPT-5와`, `LLM들의`. */
const TRAILING_PARTICLES = new Set([...PARTICLES, ...readWordList('trailing-suffixes.txt')]);

/** Suffixes by their last syllable, longest first: a word is only compared with the few that can match. */
const SUFFIXES_BY_LAST = new Map<string, Suffix[]>();
for (const suffix of SUFFIXES) {
  const last = suffix.text[suffix.text.length - 1]!;
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), suffix]);
}
const BARE_SUFFIXES = new Set([...ENDINGS, ...PARTICLES]);

/** Strips one particle or ending; returns the stem and whether the cut was a guess. */
export function stripKorean(word: string): { stem: string; uncertain: boolean } {
  for (const suffix of SUFFIXES_BY_LAST.get(word[word.length - 1] ?? '') ?? []) {
    if (word.length - suffix.text.length >= suffix.minStem && word.endsWith(suffix.text)) {
      const stem = word.slice(0, word.length - suffix.text.length);
      return { stem, uncertain: suffix.uncertain || (suffix.text.length === 1 && stem.length === 1) };
    }
  }
  // A bare ending (하는, 했습니다) is not a word of its own.
  if (BARE_SUFFIXES.has(word)) return { stem: '', uncertain: false };
  return { stem: word, uncertain: false };
}

// ---------------------------------------------------------------------------------------------
// Tokens

const HANGUL_SYLLABLE = /[\uAC00-\uD7A3]/;
const JAMO = /[\u1100-\u11FF\u3130-\u318F]+/g;
const ONLY_HANGUL = /^[\uAC00-\uD7A3]+$/;
/** Splits a mixed token into runs of Hangul and of everything else. */
const SCRIPT_RUNS = /[\uAC00-\uD7A3]+|[^\uAC00-\uD7A3]+/g;

/**
 * A token: letters/digits, optionally joined by `. - _ / : '` (Node.js, CVE-2026-25253, Ruby::Box),
 * optionally ending in `+` or `#` (C++, C#), optionally starting with `.` (.NET).
 */
const TOKEN = /\.?[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:(?:[.\-_/'’]|::?)[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*[+#]*/gu;

/** NFKC (full-width forms, ligatures), lower case. */
export function normalize(text: string): string {
  // 10,001 is one number.
  return text.normalize('NFKC').toLowerCase().replace(/(?<=\d),(?=\d{3}(?!\d))/g, '');
}

function englishStem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < 4) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(xes|shes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|os|as)$/.test(word)) return word.slice(0, -1);
  return word;
}

function hangulGrams(stem: string): string[] {
  if (stem.length < 2 || !ONLY_HANGUL.test(stem)) return [];
  const grams: string[] = [];
  for (let i = 0; i + 2 <= stem.length; i++) grams.push(stem.slice(i, i + 2));
  return grams;
}

function koreanWord(surface: string): Word | undefined {
  if (KOREAN_STOPWORDS.has(surface)) return undefined;
  const { stem, uncertain } = stripKorean(surface);
  if (!stem || KOREAN_STOPWORDS.has(stem)) return undefined;
  return {
    term: stem,
    variants: uncertain && stem !== surface ? [surface] : [],
    parts: [],
    grams: hangulGrams(stem),
    kind: 'hangul',
  };
}

/** Identifier parts: split on - _ / : ' everywhere, and on `.` unless it sits between digits (5.2). */
function identifierParts(token: string): string[] {
  return token
    .split(/[-_/:'’]+|(?<!\d)\.|\.(?!\d)/)
    .filter((part) => part.length >= 2 || /^\d{2,}$/.test(part));
}

function latinWord(token: string): Word | undefined {
  const plain = /^[\p{L}\p{N}\p{M}]+$/u.test(token);
  if (plain) {
    if (ENGLISH_STOPWORDS.has(token)) return undefined;
    if (token.length < 2) return undefined;
    return { term: englishStem(token), variants: [], parts: [], grams: [], kind: 'latin' };
  }
  // Identifiers: keep whole, add parts and a compact spelling.
  const whole = token;
  const variants: string[] = [];
  const compact = whole.replace(/[.\-_/:'’]/g, '');
  if (compact !== whole && compact.length >= 2) variants.push(compact);
  const version = /^v(\d+(?:\.\d+)+)$/.exec(whole);
  if (version) variants.push(version[1]!);
  if (/[+#]$/.test(whole)) {
    // c++ and c# are whole words; nothing to split.
    return { term: whole, variants, parts: [], grams: [], kind: 'mixed' };
  }
  const parts = identifierParts(whole).map(englishStem).filter((p) => !ENGLISH_STOPWORDS.has(p));
  if (parts.length === 1 && parts[0] === whole.replace(/^\./, '')) {
    return { term: whole, variants: [...variants, parts[0]], parts: [], grams: [], kind: 'mixed' };
  }
  return { term: whole, variants, parts: parts.length > 1 ? parts : [], grams: [], kind: 'mixed' };
}

/** Last characters that {@link cleanToken} may remove (a possessive 's, trailing connectors). */
const CLEANED_ENDINGS = new Set(['s', '.', '-', '_', '/', ':', "'", '’']);

/** Cleans a raw token: connectors at the ends, a possessive 's, a leading dot not at a word start. */
function cleanToken(raw: string, previousChar: string): string {
  let token = raw.length > MAX_TOKEN_CHARS ? raw.slice(0, MAX_TOKEN_CHARS) : raw;
  if (token.startsWith('.') && previousChar !== '' && !/[\s(\["'“‘]/.test(previousChar)) token = token.slice(1);
  // Most tokens end in a letter or a digit: the end-anchored regexes below would scan them whole.
  if (!CLEANED_ENDINGS.has(token[token.length - 1] ?? '')) return token;
  return token.replace(/['’]s$/, '').replace(/[.\-_/:'’]+$/, '');
}

/**
 * Tokens repeat a lot (a post says 엔비디아 twenty times), so analyses are remembered. The words
 * returned are shared: callers must not change them.
 */
const tokenCache = new Map<string, readonly Word[]>();
const TOKEN_CACHE_LIMIT = 200_000;

function analyzeTokenCached(token: string): readonly Word[] {
  let words = tokenCache.get(token);
  if (words === undefined) {
    words = analyzeToken(token);
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(token, words);
  }
  return words;
}

function analyzeToken(rawToken: string): Word[] {
  // Bare jamo (ㅋㅋㅋ, a syllable still being typed) are not words.
  const token = rawToken.replace(JAMO, '');
  if (!token) return [];
  if (!HANGUL_SYLLABLE.test(token)) {
    const word = latinWord(token);
    return word ? [word] : [];
  }
  if (ONLY_HANGUL.test(token)) {
    const word = koreanWord(token);
    return word ? [word] : [];
  }
  // Mixed script: a trailing Korean particle goes (Claude가 → claude); other runs become parts.
  let runs: string[] = token.match(SCRIPT_RUNS) ?? [];
  const last = runs[runs.length - 1];
  if (runs.length > 1 && last !== undefined && HANGUL_SYLLABLE.test(last) && TRAILING_PARTICLES.has(last)) {
    runs = runs.slice(0, -1);
  }
  const cleaned = runs.map((run) => run.replace(/^[.\-_/:'’]+|[.\-_/:'’]+$/g, '')).filter(Boolean);
  if (cleaned.length === 0) return [];
  if (cleaned.length === 1) return cleaned[0] === token ? [] : analyzeToken(cleaned[0]!);
  const inner = cleaned.flatMap((run) => analyzeToken(run));
  const whole = cleaned.join('');
  return [
    {
      term: whole,
      variants: [],
      parts: inner.map((w) => w.term),
      grams: inner.flatMap((w) => w.grams),
      kind: 'mixed',
    },
  ];
}

/**
 * Splits text into analyzed words, in order. `limit` bounds the number of words produced
 * (used for queries).
 */
export function analyzeWords(text: string, limit = Infinity): Word[] {
  const normalized = normalize(text);
  const words: Word[] = [];
  TOKEN.lastIndex = 0;
  for (const match of normalized.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    const token = cleanToken(match[0], index > 0 ? normalized[index - 1]! : '');
    if (!token) continue;
    for (const word of analyzeTokenCached(token)) {
      words.push(word);
      if (words.length >= limit) return words;
    }
  }
  return words;
}

/** The terms a word puts in the word fields of the index. */
export function wordTerms(word: Word): string[] {
  return [word.term, ...word.variants, ...word.parts];
}

/**
 * Index-time terms of a text: stems, identifiers with their parts and variants, and the Hangul
 * bigrams of Korean stems (the index keeps bigrams in separate fields; this flat list is for
 * inspection and tests).
 */
export function analyze(text: string): string[] {
  return analyzeWords(text).flatMap((word) => [...wordTerms(word), ...word.grams]);
}

/** True for words that only make a question a question (무엇, 어떻게, how, 알려줘 ...). */
export function isQuestionWord(word: Word): boolean {
  return QUESTION_WORDS.has(word.term) || word.variants.some((variant) => QUESTION_WORDS.has(variant));
}

/**
 * The words of a query: cut to {@link MAX_QUERY_CHARS}, question words dropped, duplicates
 * dropped, at most {@link MAX_QUERY_TERMS} words.
 */
export function analyzeQueryWords(text: string): Word[] {
  const words = analyzeWords(text.slice(0, MAX_QUERY_CHARS), MAX_QUERY_TERMS * 4);
  const seen = new Set<string>();
  const kept: Word[] = [];
  for (const word of words) {
    if (isQuestionWord(word) || seen.has(word.term)) continue;
    seen.add(word.term);
    kept.push(word);
    if (kept.length >= MAX_QUERY_TERMS) break;
  }
  return kept;
}

/** The main terms of a query (one per word), as {@link analyzeQueryWords} keeps them. */
export function analyzeQuery(text: string): string[] {
  return analyzeQueryWords(text).map((word) => word.term);
}
