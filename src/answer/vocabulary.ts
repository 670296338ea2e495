/**
 * Keeping the answer-only vocabulary (src/data/vocabulary.txt) current: the Korean words of a
 * blog's posts that it has no line for, so that a new post's words can be translated and added
 * (`npm run -s cli -- vocabulary --missing`). Pure functions over the posts and the table.
 */
import type { AliasTable } from '../data/formats.ts';
import type { Post } from '../posts/types.ts';
import { analyzeWords, normalize, wordTerms } from '../search/analyzer.ts';

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
