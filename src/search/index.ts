/**
 * The search index of the blog: posts for `/summary`, titles for autocomplete, passages for `/ask`.
 *
 * One term index over the posts (title, tags, categories, summary, description, body, and
 * Hangul bigrams of title/tags and of the rest). The slug is never indexed: in real blogs it often
 * belongs to another article. For a question, the passages of the best few posts are indexed on
 * the spot and ranked (see {@link SearchIndex.answer}).
 *
 * Ranking: BM25+ as MiniSearch scores it (see term-index.ts) with field boosts (title > tags > summary > description > body),
 * every query term searched with OR for recall, then each hit scaled by the square of the share of
 * the query's words it covers, and dropped below {@link requiredUnits} — so nonsense gets `[]`,
 * not a random post. Near-duplicate posts are both returned.
 *
 * Speed: the analysis is done once per post; the term index (term-index.ts) keeps postings in
 * typed arrays and weighs coverage once per distinct set of matched terms, keeping only the best
 * `limit` hits; typo tolerance looks words up in a tree of the index's Latin words only; very
 * common words are not searched when rarer ones are there. Measured at 10,000 synthetic posts on a
 * loaded 2-core machine: build about 4 s, 17 MB heap + 39 MB array buffers, query p50 0.2 ms.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { Post } from '../posts/types.ts';
import { analyzeWords } from './analyzer.ts';
import { AliasLookupBuilder, BUILTIN_ALIASES, mineAliasPairs, type AliasLookup, type AliasTable } from './aliases.ts';
import { passagesOf, type PassageSource } from './passages.ts';
import { compileQuery, coveredUnits, requiredUnits, type CompiledQuery } from './query.ts';
import { TermIndex, type MatchedTerms, type TermHit, type TermQuery, type TermSearchOptions } from './term-index.ts';

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
  /** Most build steps (one post, or a few alias groups) between two yields to the event loop (default 8). */
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

/** Relative weight of prefix matches (exact = 1). Typos are corrected before the index is searched. */
const MATCH_WEIGHTS = { prefix: 0.6 };
/** Time one build slice may take before yielding to the event loop. */
const SLICE_BUDGET_MS = 3;
/** Posts searched before the passages, for `answer`. */
const ANSWER_CANDIDATE_POSTS = 5;
/** Posts whose analyzed passages are kept for the next questions. */
const PASSAGE_CACHE_POSTS = 200;

const LATIN_WORD = /^[a-z]+$/;

/** A document as the term index takes it: the analyzed terms of each field, in the index's field order. */
type Prepared = string[][];

/**
 * BM25 saturates: a term's tenth occurrence in a field adds little over its third. Further repeats
 * are not counted (the term index caps them).
 */
const MAX_TERM_REPEATS = 3;

/** Index terms of a text: the word terms of each word, and the bigrams of its longer Hangul words. */
function termsOf(text: string): { words: string[]; grams: string[] } {
  const words: string[] = [];
  const grams: string[] = [];
  for (const word of analyzeWords(text)) {
    // The terms of `wordTerms(word)`, without an array per word: this loop runs for every token.
    words.push(word.term);
    for (const variant of word.variants) words.push(variant);
    for (const part of word.parts) words.push(part);
    // A two-syllable word is its own bigram and already a term of the word fields, which bigram
    // queries search too: only longer words need their bigrams stored.
    if (word.term.length > 2) for (const gram of word.grams) grams.push(gram);
  }
  return { words, grams };
}

const POST_FIELDS = [...POST_WORD_FIELDS, ...POST_GRAM_FIELDS];
const PASSAGE_FIELDS = [...PASSAGE_WORD_FIELDS, ...PASSAGE_GRAM_FIELDS];

/** The post's terms in the order of {@link POST_FIELDS}. */
function preparePost(post: Post): Prepared {
  const title = termsOf(post.title);
  const tags = termsOf(post.tags.join('\n'));
  const categories = termsOf(post.categories.join('\n'));
  const summary = termsOf(post.summary.join('\n'));
  const description = termsOf(post.description ?? '');
  const body = termsOf(post.text);
  return [
    title.words,
    tags.words,
    categories.words,
    summary.words,
    description.words,
    body.words,
    [...title.grams, ...tags.grams],
    [...summary.grams, ...description.grams, ...body.grams],
  ];
}

/** The passage's terms in the order of {@link PASSAGE_FIELDS}. */
function preparePassage(passage: PassageSource, titleTerms: string[]): Prepared {
  const heading = termsOf(passage.heading);
  const text = termsOf(passage.text);
  return [heading.words, text.words, titleTerms, [...heading.grams, ...text.grams]];
}

/** Bigrams are a recall net: how often one occurs in a post says little, so each counts once. */
const frequencyCaps = (wordFields: readonly string[], gramFields: readonly string[]): Record<string, number> =>
  Object.fromEntries([...wordFields.map((field) => [field, MAX_TERM_REPEATS]), ...gramFields.map((field) => [field, 1])]);

function newPostIndex(onNewTerm?: (term: string) => void): TermIndex {
  // Document frequencies count the word fields only: the query's cost guards reason about words.
  return new TermIndex(POST_FIELDS, {
    countedFields: POST_WORD_FIELDS,
    maxFrequency: frequencyCaps(POST_WORD_FIELDS, POST_GRAM_FIELDS),
    onNewTerm,
  });
}

function newPassageIndex(): TermIndex {
  return new TermIndex(PASSAGE_FIELDS, { maxFrequency: frequencyCaps(PASSAGE_WORD_FIELDS, PASSAGE_GRAM_FIELDS) });
}

/** Alias groups compiled in one build step (about the cost of a post). */
const ALIAS_GROUPS_PER_STEP = 16;

/** Collects posts into the indexes; shared by the synchronous and the asynchronous build. */
class IndexBuilder {
  /** Latin words of the index: a small tree of its own makes typo lookups cheap (no Hangul branches to walk). */
  readonly latinWords = new SearchableMap<true>();
  // Bigram fields hold Hangul only, so every new Latin term comes from a word field.
  readonly postIndex = newPostIndex((term) => {
    if (LATIN_WORD.test(term)) this.latinWords.set(term, true);
  });
  /** The blog's own aliases, the built-in table, then the pairs mined from each post as it is added. */
  private readonly aliases = new AliasLookupBuilder();
  /** Alias groups still to compile: the blog's own, then the built-in table (in steps, see {@link step}). */
  private readonly aliasGroups: AliasTable;
  private nextGroup = 0;
  private nextPost = 0;

  constructor(
    readonly posts: readonly Post[],
    readonly options: SearchOptions,
  ) {
    this.aliasGroups = [...(options.aliases ?? []), ...BUILTIN_ALIASES];
  }

  get done(): boolean {
    return this.nextGroup >= this.aliasGroups.length && this.nextPost >= this.posts.length;
  }

  /**
   * One small unit of work: a few alias groups, or one post. Compiling the built-in table takes
   * 20-50 ms on a cold process; in steps, `buildAsync` can yield in between.
   */
  step(): void {
    if (this.nextGroup < this.aliasGroups.length) {
      this.aliases.add(this.aliasGroups.slice(this.nextGroup, this.nextGroup + ALIAS_GROUPS_PER_STEP));
      this.nextGroup += ALIAS_GROUPS_PER_STEP;
      return;
    }
    const post = this.posts[this.nextPost++]!;
    this.aliases.add(mineAliasPairs([post]));
    this.postIndex.add(preparePost(post));
  }

  finish(): SearchIndex {
    return new SearchIndex(this.posts, this.postIndex, this.aliases, this.latinWords);
  }
}

/** `limit` as a count of results (a missing one is the default; a negative one is 0). */
const resultLimit = (limit: number | undefined, fallback: number): number => Math.max(0, Math.floor(limit ?? fallback));

const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** A ranked result with its coverage of the query. */
interface Ranked {
  id: number;
  score: number;
  terms: string[];
}

/** The search index over a fixed list of posts. Rebuild it to reindex. */
export class SearchIndex {
  /** Builds the index in one go (about 0.4 s per thousand posts on a 2-core machine; blocks the event loop meanwhile). */
  static build(posts: readonly Post[], options: SearchOptions = {}): SearchIndex {
    const builder = new IndexBuilder(posts, options);
    while (!builder.done) builder.step();
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
        builder.step();
      }
      await yieldToEventLoop();
    }
    return builder.finish();
  }

  /** @internal Use {@link SearchIndex.build} or {@link SearchIndex.buildAsync}. */
  constructor(
    private readonly posts: readonly Post[],
    private readonly postIndex: TermIndex,
    private readonly aliases: AliasLookup,
    private readonly latinWords: SearchableMap<true>,
  ) {}

  private readonly documentFrequency = (term: string): number => this.postIndex.documentFrequency(term);

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
    return this.rankPosts(compiled, POST_WORD_FIELDS, POST_GRAM_FIELDS, options.filter, resultLimit(options.limit, 10)).map((ranked) => ({ post: this.posts[ranked.id]!, score: ranked.score, terms: ranked.terms }));
  }

  /** Posts whose title matches what a member has typed so far (the last word may be unfinished). */
  suggest(partial: string, options: QueryOptions = {}): SearchHit[] {
    // A syllable still being composed (엔빋 → ㄷ typed last) ends in a bare jamo; drop it.
    const cleaned = partial.replace(/[\u3131-\u318E]+$/, '');
    const compiled = compileQuery(cleaned, this.aliases, { prefixLast: true, minLatinPrefix: 2, grams: false, ...this.termStatistics() });
    return this.rankPosts(compiled, ['title'], [], options.filter, resultLimit(options.limit, 8), compiled.units.length).map((ranked) => ({ post: this.posts[ranked.id]!, score: ranked.score, terms: ranked.terms }));
  }

  /**
   * Passages that answer a question, best first, each with its post. Question words (무엇,
   * 어떻게, why ...) are ignored. `[]` means the posts do not answer it.
   */
  answer(question: string, options: QueryOptions = {}): Passage[] {
    const compiled = compileQuery(question, this.aliases, { prefixLast: false, minLatinPrefix: 4, grams: true, ...this.termStatistics() });
    const candidates = this.rankPosts(compiled, POST_WORD_FIELDS, POST_GRAM_FIELDS, options.filter, ANSWER_CANDIDATE_POSTS);
    if (candidates.length === 0) return [];
    // Passages are ranked among the candidate posts only: a small index built per question keeps
    // the main build fast and makes term weights local to the posts that matter.
    const bestPostScore = candidates[0]!.score;
    const passageIndex = newPassageIndex();
    const sources: { source: PassageSource; postWeight: number }[] = [];
    for (const candidate of candidates) {
      const { sources: postSources, prepared } = this.passagesOfPost(candidate.id);
      postSources.forEach((source, i) => {
        passageIndex.add(prepared[i]!);
        sources.push({ source, postWeight: candidate.score / bestPostScore });
      });
    }
    const unitCount = compiled.units.length;
    const required = Math.max(1, Math.ceil(unitCount * 0.5));
    const ranked = this.execute(passageIndex, compiled, PASSAGE_WORD_FIELDS, PASSAGE_GRAM_FIELDS, PASSAGE_BOOSTS)
      .map((result) => {
        const covered = coveredUnits(compiled, new Set(result.queryTerms));
        const { source, postWeight } = sources[result.id]!;
        return { source, covered, score: result.score * (covered / unitCount) ** 2 * postWeight };
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
    const titleTerms = termsOf(post.title).words;
    const sources = passagesOf(post, postIndex);
    const entry = { sources, prepared: sources.map((source) => preparePassage(source, titleTerms)) };
    if (this.passageCache.size >= PASSAGE_CACHE_POSTS) this.passageCache.delete(this.passageCache.keys().next().value!);
    this.passageCache.set(postIndex, entry);
    return entry;
  }

  /** Runs a compiled query over the posts and keeps the best `limit` hits that cover enough of it. */
  private rankPosts(
    compiled: CompiledQuery,
    wordFields: readonly string[],
    gramFields: readonly string[],
    filter: ((post: Post) => boolean) | undefined,
    limit: number,
    required = requiredUnits(compiled.units.length),
  ): Ranked[] {
    const unitCount = compiled.units.length;
    if (unitCount === 0) return [];
    const allFree = compiled.units.every((unit) => unit.free);
    // A hit's score is scaled by the square of the share of the query's words it covers; below
    // `required` it is dropped. The index asks once per distinct set of matched terms.
    const weigh = (matched: MatchedTerms): number | undefined => {
      const covered = allFree ? unitCount : coveredUnits(compiled, matched);
      return covered < required ? undefined : (covered / unitCount) ** 2;
    };
    return this.execute(this.postIndex, compiled, wordFields, gramFields, POST_BOOSTS, {
      filter: filter && ((id) => filter(this.posts[id]!)),
      weigh,
      limit,
      smallFields: SMALL_FIELDS,
    }).map((hit) => ({ id: hit.id, score: hit.score, terms: hit.queryTerms }));
  }

  private execute(
    index: TermIndex,
    compiled: CompiledQuery,
    wordFields: readonly string[],
    gramFields: readonly string[],
    boosts: Record<string, number>,
    options: Pick<TermSearchOptions, 'filter' | 'weigh' | 'limit'> & {
      /** Where the words of free units are searched; all word fields when absent (small indexes). */
      smallFields?: ReadonlySet<string>;
    } = {},
  ): TermHit[] {
    const { smallFields } = options;
    const queries: TermQuery[] = [];
    const { wordTerms, gramTerms } = compiled;
    const wordQuery = (terms: string[], fields: readonly string[]): TermQuery => ({
      terms,
      fields,
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
        terms: [...gramTerms.keys()],
        // Bigrams of two-syllable words are those words themselves, in the word fields.
        fields: [...gramFields, ...wordFields],
        boostTerm: (term) => gramTerms.get(term)?.boost ?? 1,
      });
    }
    if (queries.length === 0) return [];
    return index.search(queries, { boost: boosts, prefixWeight: MATCH_WEIGHTS.prefix, filter: options.filter, weigh: options.weigh, limit: options.limit });
  }
}
