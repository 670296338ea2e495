/**
 * The search index of the blog: posts for `/summary`, titles for autocomplete, passages for `/ask`.
 *
 * One MiniSearch index over the posts (title, tags, categories, summary, description, body, and
 * Hangul bigrams of title/tags and of the rest). The slug is never indexed: in real blogs it often
 * belongs to another article. For a question, the passages of the best few posts are indexed on
 * the spot and ranked (see {@link SearchIndex.answer}).
 *
 * Ranking: MiniSearch's BM25 with field boosts (title > tags > summary > description > body),
 * every query term searched with OR for recall, then each hit scaled by the square of the share of
 * the query's words it covers, and dropped below {@link requiredUnits} — so nonsense gets `[]`,
 * not a random post. Near-duplicate posts are both returned.
 *
 * Speed: the analysis is done once per post; typo tolerance looks words up in a tree of the
 * index's Latin words only; very common words are not searched when rarer ones are there.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import type { Post } from '../posts/types.ts';
import { analyzeWords, wordTerms } from './analyzer.ts';
import { AliasLookupBuilder, BUILTIN_ALIASES, mineAliasPairs, type AliasLookup, type AliasTable } from './aliases.ts';
import { passagesOf, type PassageSource } from './passages.ts';
import { compileQuery, coveredUnits, requiredUnits, type CompiledQuery } from './query.ts';

export type { AliasTable } from './aliases.ts';

/** A post that matches a query. */
export interface SearchHit {
  post: Post;
  /** Higher is better; comparable within one result list only. */
  score: number;
  /** Query terms that matched, for debugging. */
  terms: string[];
}

/** A passage of a post that answers a question. */
export interface Passage {
  post: Post;
  /** Heading of the section the passage comes from. */
  heading: string;
  /** A few sentences of plain text. */
  text: string;
  score: number;
}

/** How to build an index. */
export interface SearchOptions {
  /** Extra aliases, used beside the built-in table and the pairs mined from the posts. */
  aliases?: AliasTable;
}

/** Options of one query. */
export interface QueryOptions {
  /** Most results to return (search 10, suggest 8, answer 3 by default). */
  limit?: number;
  /** Only posts for which this returns true (e.g. published ones). */
  filter?: (post: Post) => boolean;
}

/** Options of {@link SearchIndex.buildAsync}. */
export interface AsyncBuildOptions extends SearchOptions {
  /** Most posts indexed between two yields to the event loop (default 8). */
  chunkSize?: number;
}

const POST_WORD_FIELDS = ['title', 'tags', 'categories', 'summary', 'description', 'body'] as const;
const POST_GRAM_FIELDS = ['titleGrams', 'bodyGrams'] as const;
const POST_BOOSTS: Record<string, number> = {
  title: 4,
  tags: 3,
  summary: 2,
  description: 1.5,
  categories: 1,
  body: 1,
  titleGrams: 1.5,
  bodyGrams: 0.4,
};
/** Fields searched for very common words (see `QueryUnit.free`): few postings, strong signal. */
const SMALL_FIELDS = new Set(['title', 'tags']);
const PASSAGE_WORD_FIELDS = ['heading', 'text', 'title'] as const;
const PASSAGE_GRAM_FIELDS = ['grams'] as const;
const PASSAGE_BOOSTS: Record<string, number> = { heading: 1.5, text: 1, title: 0.7, grams: 0.4 };

/** Relative weight of prefix matches (exact = 1). Typos are corrected before MiniSearch, so its fuzzy weight is unused. */
const MATCH_WEIGHTS = { fuzzy: 0.5, prefix: 0.6 };
/** Time one build slice may take before yielding to the event loop. */
const SLICE_BUDGET_MS = 3;
/** Posts searched before the passages, for `answer`. */
const ANSWER_CANDIDATE_POSTS = 5;
/** Posts whose analyzed passages are kept for the next questions. */
const PASSAGE_CACHE_POSTS = 200;

const LATIN_WORD = /^[a-z]+$/;

/** A document as MiniSearch sees it: each field is its analyzed terms joined by spaces. */
type Prepared = { id: number } & Record<string, string | number>;

/**
 * BM25 saturates: a term's tenth occurrence in a field adds little over its third, but every
 * occurrence costs MiniSearch a tree lookup at build time. Further repeats are left out.
 */
const MAX_TERM_REPEATS = 3;

function capRepeats(terms: string[]): string[] {
  const seen = new Map<string, number>();
  return terms.filter((term) => {
    const count = (seen.get(term) ?? 0) + 1;
    seen.set(term, count);
    return count <= MAX_TERM_REPEATS;
  });
}

function termsOf(text: string): { words: string[]; grams: string[] } {
  const words = analyzeWords(text);
  // A two-syllable word is its own bigram and already a term of the word fields, which bigram
  // queries search too: only longer words need their bigrams stored.
  const grams = words.flatMap((word) => (word.term.length > 2 ? word.grams : []));
  return { words: capRepeats(words.flatMap(wordTerms)), grams };
}

function preparePost(post: Post, index: number): Prepared {
  const title = termsOf(post.title);
  const tags = termsOf(post.tags.join('\n'));
  const categories = termsOf(post.categories.join('\n'));
  const summary = termsOf(post.summary.join('\n'));
  const description = termsOf(post.description ?? '');
  const body = termsOf(post.text);
  return {
    id: index,
    title: title.words.join(' '),
    tags: tags.words.join(' '),
    categories: categories.words.join(' '),
    summary: summary.words.join(' '),
    description: description.words.join(' '),
    body: body.words.join(' '),
    // Bigrams are a recall net: how often one occurs says little, and unique ones index much faster.
    titleGrams: [...new Set([...title.grams, ...tags.grams])].join(' '),
    bodyGrams: [...new Set([...summary.grams, ...description.grams, ...body.grams])].join(' '),
  };
}

function preparePassage(passage: PassageSource, id: number, titleTerms: string): Prepared {
  const heading = termsOf(passage.heading);
  const text = termsOf(passage.text);
  return {
    id,
    heading: heading.words.join(' '),
    text: text.words.join(' '),
    title: titleTerms,
    grams: [...new Set([...heading.grams, ...text.grams])].join(' '),
  };
}

/** Terms are analyzed before MiniSearch sees them; its own tokenizer only splits on spaces. */
const splitTerms = (text: string): string[] => (text ? text.split(' ') : []);
const keepTerm = (term: string): string => term;

function newPostIndex(): MiniSearch<Prepared> {
  return new MiniSearch<Prepared>({
    fields: [...POST_WORD_FIELDS, ...POST_GRAM_FIELDS],
    tokenize: splitTerms,
    processTerm: keepTerm,
  });
}

function newPassageIndex(): MiniSearch<Prepared> {
  return new MiniSearch<Prepared>({
    fields: [...PASSAGE_WORD_FIELDS, ...PASSAGE_GRAM_FIELDS],
    tokenize: splitTerms,
    processTerm: keepTerm,
  });
}

/** Collects posts into the indexes; shared by the synchronous and the asynchronous build. */
class IndexBuilder {
  readonly postIndex = newPostIndex();
  /** Latin words of the index: a small tree of its own makes typo lookups cheap (no Hangul branches to walk). */
  readonly latinWords = new SearchableMap<true>();
  /** Posts per word-field term, for the query cost guards (bigrams only for rare words, very common words not searched). */
  readonly documentFrequency = new Map<string, number>();
  /** The blog's own aliases, the built-in table, then the pairs mined from each post as it is added. */
  private readonly aliases: AliasLookupBuilder;
  next = 0;

  constructor(
    readonly posts: readonly Post[],
    readonly options: SearchOptions,
  ) {
    this.aliases = new AliasLookupBuilder().add(options.aliases ?? []).add(BUILTIN_ALIASES);
  }

  get done(): boolean {
    return this.next >= this.posts.length;
  }

  addNext(): void {
    const index = this.next++;
    const post = this.posts[index]!;
    this.aliases.add(mineAliasPairs([post]));
    const prepared = preparePost(post, index);
    const terms = new Set<string>();
    for (const field of POST_WORD_FIELDS) for (const term of splitTerms(String(prepared[field]))) terms.add(term);
    for (const term of terms) {
      this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      if (LATIN_WORD.test(term) && !this.latinWords.has(term)) this.latinWords.set(term, true);
    }
    this.postIndex.add(prepared);
  }

  finish(): SearchIndex {
    return new SearchIndex(this.posts, this.postIndex, this.aliases, this.latinWords, this.documentFrequency);
  }
}

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** A ranked MiniSearch result with its coverage of the query. */
interface Ranked {
  id: number;
  score: number;
  terms: string[];
}

/** The search index over a fixed list of posts. Rebuild it to reindex. */
export class SearchIndex {
  /** Builds the index in one go (about a second per thousand posts; blocks the event loop meanwhile). */
  static build(posts: readonly Post[], options: SearchOptions = {}): SearchIndex {
    const builder = new IndexBuilder(posts, options);
    while (!builder.done) builder.addNext();
    return builder.finish();
  }

  /**
   * Builds the index in slices of a few milliseconds, yielding to the event loop between them, so
   * the bot keeps answering while it reindexes.
   */
  static async buildAsync(posts: readonly Post[], options: AsyncBuildOptions = {}): Promise<SearchIndex> {
    const chunkSize = Math.max(1, options.chunkSize ?? 8);
    const builder = new IndexBuilder(posts, options);
    while (!builder.done) {
      const started = performance.now();
      for (let count = 0; count < chunkSize && !builder.done && performance.now() - started < SLICE_BUDGET_MS; count++) {
        builder.addNext();
      }
      await yieldToEventLoop();
    }
    return builder.finish();
  }

  /** @internal Use {@link SearchIndex.build} or {@link SearchIndex.buildAsync}. */
  constructor(
    private readonly posts: readonly Post[],
    private readonly postIndex: MiniSearch<Prepared>,
    private readonly aliases: AliasLookup,
    private readonly latinWords: SearchableMap<true>,
    private readonly termPosts: ReadonlyMap<string, number>,
  ) {}

  private readonly documentFrequency = (term: string): number => this.termPosts.get(term) ?? 0;

  private readonly isKnownWord = (term: string): boolean => this.latinWords.has(term);

  private readonly corrections = (term: string, maxDistance: number): string[] =>
    [...this.latinWords.fuzzyGet(term, maxDistance)].sort((a, b) => a[1][1] - b[1][1]).map(([word]) => word);

  /** Analyzed passages of posts that candidates for an answer lately; bounded, oldest dropped first. */
  private readonly passageCache = new Map<number, { sources: PassageSource[]; prepared: Prepared[] }>();

  private termStatistics() {
    return {
      isKnownWord: this.isKnownWord,
      corrections: this.corrections,
      documentFrequency: this.documentFrequency,
      documentCount: this.posts.length,
    };
  }

  /** Number of posts indexed. */
  get size(): number {
    return this.posts.length;
  }

  /** Posts matching the query, best first. `[]` means "no good match". */
  search(query: string, options: QueryOptions = {}): SearchHit[] {
    const compiled = compileQuery(query, this.aliases, { prefixLast: true, minLatinPrefix: 4, grams: true, ...this.termStatistics() });
    return this.rankPosts(compiled, POST_WORD_FIELDS, POST_GRAM_FIELDS, options.filter)
      .slice(0, options.limit ?? 10)
      .map((ranked) => ({ post: this.posts[ranked.id]!, score: ranked.score, terms: ranked.terms }));
  }

  /** Posts whose title matches what a member has typed so far (the last word may be unfinished). */
  suggest(partial: string, options: QueryOptions = {}): SearchHit[] {
    // A syllable still being composed (엔빋 → ㄷ typed last) ends in a bare jamo; drop it.
    const cleaned = partial.replace(/[\u3131-\u318E]+$/, '');
    const compiled = compileQuery(cleaned, this.aliases, { prefixLast: true, minLatinPrefix: 2, grams: false, ...this.termStatistics() });
    return this.rankPosts(compiled, ['title'], [], options.filter, compiled.units.length)
      .slice(0, options.limit ?? 8)
      .map((ranked) => ({ post: this.posts[ranked.id]!, score: ranked.score, terms: ranked.terms }));
  }

  /**
   * Passages that answer a question, best first, each with its post. Question words (무엇,
   * 어떻게, why ...) are ignored. `[]` means the posts do not answer it.
   */
  answer(question: string, options: QueryOptions = {}): Passage[] {
    const compiled = compileQuery(question, this.aliases, { prefixLast: false, minLatinPrefix: 4, grams: true, ...this.termStatistics() });
    const candidates = this.rankPosts(compiled, POST_WORD_FIELDS, POST_GRAM_FIELDS, options.filter).slice(0, ANSWER_CANDIDATE_POSTS);
    if (candidates.length === 0) return [];
    // Passages are ranked among the candidate posts only: a small index built per question keeps
    // the main build fast and makes term weights local to the posts that matter.
    const bestPostScore = candidates[0]!.score;
    const passageIndex = newPassageIndex();
    const sources: { source: PassageSource; postWeight: number }[] = [];
    for (const candidate of candidates) {
      const { sources: postSources, prepared } = this.passagesOfPost(candidate.id);
      postSources.forEach((source, i) => {
        passageIndex.add({ ...prepared[i]!, id: sources.length });
        sources.push({ source, postWeight: candidate.score / bestPostScore });
      });
    }
    const unitCount = compiled.units.length;
    const required = Math.max(1, Math.ceil(unitCount * 0.5));
    const ranked = this.execute(passageIndex, compiled, PASSAGE_WORD_FIELDS, PASSAGE_GRAM_FIELDS, PASSAGE_BOOSTS, undefined)
      .map((result) => {
        const covered = coveredUnits(compiled, new Set(result.queryTerms));
        const { source, postWeight } = sources[result.id as number]!;
        const raw = result.score / Math.max(1, result.queryTerms.length);
        return { source, covered, score: raw * (covered / unitCount) ** 2 * postWeight };
      })
      .filter((entry) => entry.covered >= required)
      .sort((a, b) => b.score - a.score);
    return ranked.slice(0, options.limit ?? 3).map(({ source, score }) => ({
      post: this.posts[source.postIndex]!,
      heading: source.heading,
      text: source.text,
      score,
    }));
  }

  private passagesOfPost(postIndex: number): { sources: PassageSource[]; prepared: Prepared[] } {
    const cached = this.passageCache.get(postIndex);
    if (cached) return cached;
    const post = this.posts[postIndex]!;
    const titleTerms = termsOf(post.title).words.join(' ');
    const sources = passagesOf(post, postIndex);
    const entry = { sources, prepared: sources.map((source, i) => preparePassage(source, i, titleTerms)) };
    if (this.passageCache.size >= PASSAGE_CACHE_POSTS) this.passageCache.delete(this.passageCache.keys().next().value!);
    this.passageCache.set(postIndex, entry);
    return entry;
  }

  /** Runs a compiled query over the posts and keeps the hits that cover enough of it. */
  private rankPosts(
    compiled: CompiledQuery,
    wordFields: readonly string[],
    gramFields: readonly string[],
    filter: ((post: Post) => boolean) | undefined,
    required = requiredUnits(compiled.units.length),
  ): Ranked[] {
    const unitCount = compiled.units.length;
    if (unitCount === 0) return [];
    // Coverage is checked inside MiniSearch's filter, so hits below it are dropped before MiniSearch sorts.
    const coverage = new Map<number, number>();
    const allFree = compiled.units.every((unit) => unit.free);
    const keep = (result: SearchResult): boolean => {
      const id = result.id as number;
      if (filter && !filter(this.posts[id]!)) return false;
      const covered = allFree ? unitCount : coveredUnits(compiled, new Set(result.queryTerms));
      if (covered < required) return false;
      coverage.set(id, covered);
      return true;
    };
    const ranked: Ranked[] = [];
    for (const result of this.execute(this.postIndex, compiled, wordFields, gramFields, POST_BOOSTS, keep, SMALL_FIELDS)) {
      const covered = coverage.get(result.id as number)!;
      // MiniSearch multiplies by the number of matched terms; coverage of words is the better measure.
      const raw = result.score / Math.max(1, result.queryTerms.length);
      ranked.push({ id: result.id as number, score: raw * (covered / unitCount) ** 2, terms: result.queryTerms });
    }
    return ranked.sort((a, b) => b.score - a.score);
  }

  private execute(
    index: MiniSearch<Prepared>,
    compiled: CompiledQuery,
    wordFields: readonly string[],
    gramFields: readonly string[],
    boosts: Record<string, number>,
    filter: ((result: SearchResult) => boolean) | undefined,
    /** Where the words of free units are searched; all word fields when absent (small indexes). */
    smallFields?: ReadonlySet<string>,
  ): SearchResult[] {
    const queries: Query[] = [];
    const { wordTerms, gramTerms } = compiled;
    const wordQuery = (terms: string[], fields: readonly string[]): Query => ({
      queries: terms,
      fields: [...fields],
      prefix: (term) => wordTerms.get(term)?.prefix ?? false,
      boostTerm: (term) => wordTerms.get(term)?.boost ?? 1,
    });
    const scoped = (spec: { scope: 'all' | 'small' }) => (smallFields ? spec.scope : 'all');
    const everywhere = [...wordTerms].filter(([, spec]) => scoped(spec) === 'all').map(([term]) => term);
    const smallOnly = [...wordTerms].filter(([, spec]) => scoped(spec) === 'small').map(([term]) => term);
    const small = wordFields.filter((field) => smallFields?.has(field));
    if (everywhere.length > 0 && wordFields.length > 0) queries.push(wordQuery(everywhere, wordFields));
    if (smallOnly.length > 0 && small.length > 0) queries.push(wordQuery(smallOnly, small));
    if (gramTerms.size > 0 && gramFields.length > 0) {
      queries.push({
        queries: [...gramTerms.keys()],
        // Bigrams of two-syllable words are those words themselves, in the word fields.
        fields: [...gramFields, ...wordFields],
        boostTerm: (term) => gramTerms.get(term)?.boost ?? 1,
      });
    }
    if (queries.length === 0) return [];
    return index.search(
      { combineWith: 'OR', queries },
      { tokenize: (text) => [text], processTerm: keepTerm, boost: boosts, weights: MATCH_WEIGHTS, filter },
    );
  }
}
