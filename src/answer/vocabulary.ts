/**
 * The answer-only vocabulary (src/data/vocabulary.txt): compiled for the answerer (English →
 * Korean, Korean → English → Korean, any form of a word), and kept current: the Korean words of
 * a blog's posts that it has no line for, so that a new post's words can be translated and added
 * (`npm run -s cli -- vocabulary --missing`). Pure functions over the posts and the table.
 */
import type { AliasTable } from '../data/formats.ts';
import type { Post } from '../posts/types.ts';
import { compileOneWay, type AliasLookup } from '../search/aliases.ts';
import { PARTICLES_KEPT_AFTER_ONE_SYLLABLE, analyzeWords, normalize, stripKorean, wordTerms, type Word } from '../search/analyzer.ts';

/** The vocabulary compiled for the answerer. */
export interface Vocabulary {
  /** English → Korean, one way (quit → 사임); a line written for a form (팀이 = team) stands for the word (팀). Compiled when first asked. */
  english(): AliasLookup;
  /**
   * The forms a Korean word of the vocabulary is written in that the analyzer does not stem to
   * it: a one-syllable word keeps 이, 의, 도, 과 … (팀이, 줄의), so 팀 is also 팀이 and 팀의.
   */
  formsOf(sense: string): readonly string[];
  /**
   * Other Korean words of the vocabulary that one of the word's English words translates (랜덤 →
   * random → 무작위; 직원 → employee → 근로자, 사원): candidates for the same thing, through an
   * English word on at most {@link MAX_PIVOT_LINES} lines (one on many, like "use", joins
   * unrelated words); none when they are more than {@link MAX_PIVOT_SENSES}. A one-syllable word
   * finds longer ones (앱 → 애플리케이션), never the reverse. Compiled when a Korean word is first
   * looked up.
   */
  pivotsOf(word: Word): readonly string[];
  /** Compiles the pivots now instead of on the first Korean word (see {@link prepareAnswerTables} in answer.ts). */
  preparePivots(): void;
}

/** An English word on more lines than this is too general to say two Korean words are one thing. */
export const MAX_PIVOT_LINES = 3;
/** A Korean word with more pivots than this has too many senses to tell sentences apart. */
export const MAX_PIVOT_SENSES = 6;

const ONE_SYLLABLE = /^[\uAC00-\uD7A3]$/;

/** The English words of a line, to compare lines by (the data test keeps them in lower case, so they need no normalizing). */
const englishOf = (members: readonly string[]): Set<string> => new Set(members);
const sharesAny = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((member) => b.has(member));

/**
 * Compiles the vocabulary: a line whose Korean is a one-syllable word with a particle the
 * stemmer leaves on (팀이 = team) stands for the word when the word's own line shares an English
 * word with it (팀 = team); 속도 = speed is no form of 속 = inside. The English side and the
 * Korean pivots are each compiled when first used: a Korean question needs only the pivots.
 */
export function compileVocabulary(table: AliasTable): Vocabulary {
  const particles = new Set(PARTICLES_KEPT_AFTER_ONE_SYLLABLE);
  const oneSyllable = new Map<string, Set<string>>();
  /** Lines whose Korean is one syllable and such a particle (팀이), by that Korean. */
  const particleForms = new Map<string, readonly string[]>();
  for (const [head, ...members] of table) {
    if (ONE_SYLLABLE.test(head!)) oneSyllable.set(head!, englishOf(members));
    else if (head!.length === 2 && particles.has(head![1]!)) particleForms.set(head!, members);
  }
  const isForm = (form: string, members: readonly string[]): boolean => {
    const own = oneSyllable.get(form[0]!);
    return own !== undefined && sharesAny(own, englishOf(members));
  };
  const lines = table.map((line) => {
    const [head, ...members] = line;
    return particleForms.has(head!) && isForm(head!, members) ? [head![0]!, ...members] : line;
  });
  const forms = new Map<string, string[]>();
  for (const word of oneSyllable.keys()) {
    // 속도 = speed has a line of its own that says nothing of 속 = inside: it is not a form of 속.
    const written = [...particles].map((particle) => word + particle).filter((form) => {
      const members = particleForms.get(form);
      return !members || isForm(form, members);
    });
    forms.set(word, [word, ...written]);
  }
  let english: AliasLookup | undefined;
  let pivots: ((word: Word) => readonly string[]) | undefined;
  const compiledPivots = () => (pivots ??= compilePivots(lines));
  return {
    english: () => (english ??= compileOneWay(lines)),
    formsOf: (sense) => forms.get(sense) ?? [sense],
    pivotsOf: (word) => compiledPivots()(word),
    preparePivots: () => void compiledPivots(),
  };
}

const HANGUL_WORD = /^[\uAC00-\uD7A3]+$/;

/**
 * A one-word Korean head as the analyzer indexes it (사용했다 → 사용; 가을 as written, its cut a
 * guess), by the stemmer alone: analyzing all six thousand heads in full cost 130 ms.
 */
function stemOf(head: string): string | undefined {
  if (!HANGUL_WORD.test(head)) return undefined;
  const { stem, uncertain } = stripKorean(head);
  return uncertain || !stem ? head : stem;
}

/** The Korean → English → Korean lookup of {@link Vocabulary.pivotsOf}, over lines whose forms are read as their words. */
function compilePivots(lines: AliasTable): (word: Word) => readonly string[] {
  const englishByHead = new Map<string, Set<string>>();
  const headsByEnglish = new Map<string, Set<string>>();
  for (const [head, ...members] of lines) {
    const key = stemOf(head!);
    if (key === undefined) continue;
    const english = englishByHead.get(key) ?? new Set<string>();
    englishByHead.set(key, english);
    for (const member of englishOf(members)) {
      english.add(member);
      headsByEnglish.set(member, (headsByEnglish.get(member) ?? new Set<string>()).add(key));
    }
  }
  const found = new Map<string, readonly string[]>();
  return (word) => {
    const key = [word.term, ...word.variants].join(' ');
    let pivots = found.get(key);
    if (pivots) return pivots;
    const own = [word.term, ...word.variants].filter((term) => englishByHead.has(term));
    const others = new Set<string>();
    for (const head of own) {
      for (const english of englishByHead.get(head)!) {
        const heads = headsByEnglish.get(english)!;
        if (heads.size > MAX_PIVOT_LINES) continue;
        // One syllable is too often a piece of another word to be found as a pivot: 달 and 월 are "month", but 1월 is a date.
        for (const other of heads) if (!own.includes(other) && other.length > 1) others.add(other);
      }
    }
    pivots = others.size > MAX_PIVOT_SENSES ? [] : [...others];
    if (found.size > 5_000) found.clear();
    found.set(key, pivots);
    return pivots;
  };
}

/** A Korean word of the posts the vocabulary lacks. */
export interface MissingWord {
  /** The word as the analyzer indexes it (the stem of 사임했습니다 is 사임). */
  word: string;
  /** How many posts hold it. */
  posts: number;
  /** A stretch of post text around its first occurrence, to tell its sense. */
  snippet: string;
}

/** Words of one syllable are mostly particles and fragments, too short to translate alone. */
const MIN_WORD_LENGTH = 2;
/** Characters of text kept on each side of a word in its snippet. */
const SNIPPET_SIDE = 30;

/** Every word a vocabulary line stands for: its head as written and as the analyzer stems it. */
function coveredWords(table: AliasTable): Set<string> {
  const covered = new Set<string>();
  for (const [head] of table) {
    covered.add(normalize(head!));
    for (const word of analyzeWords(head!)) for (const term of wordTerms(word)) covered.add(term);
  }
  return covered;
}

/**
 * The Korean words of the posts (as the analyzer cuts them out of title, summary and text) that
 * no line of the vocabulary stands for, the words most posts hold first, each with a snippet:
 * the `word<TAB>posts<TAB>snippet` list a translator turns into new lines.
 */
export function missingVocabulary(posts: readonly Post[], table: AliasTable): MissingWord[] {
  const covered = coveredWords(table);
  const found = new Map<string, MissingWord>();
  for (const post of posts) {
    const text = [post.title, ...post.summary, post.text].join('\n');
    const seen = new Set<string>();
    for (const word of analyzeWords(text)) {
      if (word.kind !== 'hangul' || word.term.length < MIN_WORD_LENGTH || seen.has(word.term)) continue;
      seen.add(word.term);
      if (wordTerms(word).some((term) => covered.has(term))) continue;
      const entry = found.get(word.term);
      if (entry) entry.posts++;
      else found.set(word.term, { word: word.term, posts: 1, snippet: snippetOf(text, word.term) });
    }
  }
  return [...found.values()].sort((a, b) => b.posts - a.posts || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/** The text around the first occurrence of the word, on one line. */
function snippetOf(text: string, word: string): string {
  const at = text.indexOf(word);
  if (at < 0) return '';
  return text
    .slice(Math.max(0, at - SNIPPET_SIDE), at + word.length + SNIPPET_SIDE)
    .replace(/\s+/g, ' ')
    .trim();
}
