/**
 * Lists the Hangul words of the real posts that no glossary or alias line covers, with how many
 * posts use them: the count the glossary was grown by in s10d (docs/relevance-baseline.md). Two
 * lists: words of titles, three-line summaries, descriptions and tags used by at least 3 posts,
 * and every word of a title; and (s10e) every word of the three-line summaries used by at least 2
 * posts, and every word of the tags. A person then picks the content words and writes their English;
 * the count only says where to look, so it is not informed by any query's result.
 *
 * Run: `npx tsx test/relevance/glossary-gaps.ts`
 */
import { loadCorpus } from '../../bench/posts-source.ts';
import { analyze, analyzeWords } from '../../src/search/analyzer.ts';
import { readDataFile } from '../../src/data/load.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';

const HANGUL_WORD = /^[\uAC00-\uD7A3]{2,}$/;

/** Every analyzed term of every member of the glossary's and aliases' lines. */
function coveredTerms(): Set<string> {
  const covered = new Set<string>();
  for (const file of ['glossary.txt', 'aliases.txt']) {
    for (const line of readDataFile(file).split('\n')) {
      if (line.startsWith('#') || !line.includes('=')) continue;
      for (const member of line.split(/[=,]/)) for (const term of analyze(member)) covered.add(term);
    }
  }
  return covered;
}

/** Uncovered Hangul terms by the number of posts whose `text` holds them, most used first. */
function gaps(texts: readonly string[], termsOf: (text: string) => string[], minPosts: number, covered: Set<string>): string {
  const posts = new Map<string, number>();
  for (const text of texts) for (const term of new Set(termsOf(text))) if (HANGUL_WORD.test(term)) posts.set(term, (posts.get(term) ?? 0) + 1);
  return [...posts].filter(([term, n]) => n >= minPosts && !covered.has(term)).sort((a, b) => b[1] - a[1]).map(([term, n]) => `${term}:${n}`).join(' ');
}

const { posts } = await loadCorpus(REAL_CORPUS);
const covered = coveredTerms();
const described = posts.map((post) => [post.title, ...post.summary, post.description ?? '', ...post.tags].join(' '));
console.log('# title, summary, description, tags; at least 3 posts\n' + gaps(described, analyze, 3, covered));
console.log('\n# three-line summaries, every word; at least 2 posts\n' + gaps(posts.map((post) => post.summary.join(' ')), (text) => analyzeWords(text).map((word) => word.term), 2, covered));
console.log('\n# tags, every word\n' + gaps(posts.map((post) => post.tags.join(' ')), (text) => analyzeWords(text).map((word) => word.term), 1, covered));
console.log('\n# titles, every word\n' + gaps(posts.map((post) => post.title), (text) => analyzeWords(text).map((word) => word.term), 1, covered));
