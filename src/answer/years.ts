/**
 * Relative years (올해, 작년, 내년) read against a post's own date: a member asks from now, a post
 * writes the year itself ("2026년 말까지 20%를 넘어설 것으로" answers "올해 말쯤 몇 퍼").
 */
import type { Post } from '../posts/types.ts';
import { analyzeQueryWords, type Word } from '../search/analyzer.ts';
import cues from './cues.json' with { type: 'json' };
import { containsWord, type TextTerms } from './terms.ts';

const OFFSETS = new Map(Object.entries(cues.relativeYears as Record<string, number>));

/** The year a relative-year word names for a post (작년 in a post of 2026: 2025), if it is one. */
export function yearNamed(word: Word, post: Pick<Post, 'dateIso'>): number | undefined {
  const offset = [word.term, ...word.variants].map((form) => OFFSETS.get(form)).find((found) => found !== undefined);
  return offset === undefined ? undefined : Number(post.dateIso.slice(0, 4)) + offset;
}

/** The post (its terms) writes the year a relative-year word names for it, as 2026년 or 2026. */
export function holdsYearNamed(word: Word, post: Pick<Post, 'dateIso'>, terms: TextTerms): boolean {
  const year = yearNamed(word, post);
  if (year === undefined) return false;
  return analyzeQueryWords(`${year}년`).some((written) => containsWord(terms, written));
}
