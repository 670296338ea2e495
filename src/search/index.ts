/**
 * The search index of the blog: posts for `/summary`, titles for autocomplete, passages for `/ask`.
 *
 * One MiniSearch index over the posts (title, tags, categories, summary, description, body, and
 * Hangul bigrams of title/tags and of the rest). The slug is never indexed: in real blogs it often
 * belongs to another article. For a question, the passages of the best few posts are indexed on
 * the spot, in a small MiniSearch index of their own, and ranked (see {@link SearchIndex.answer}).
 *
 * Ranking: MiniSearch's BM25+ with field boosts (title > tags > summary > description > body),
 * every query term searched with OR for recall, then each hit scaled by the square of the share of
 * the query's words it covers, and dropped when it covers too little ({@link acceptCoverage}:
 * enough of the words, or a salient one when some are vague or absent from the blog) — so
 * nonsense gets `[]`, not a random post. Near-duplicate posts are both returned. Words the
 * index does not hold are guessed at (typos, loanwords, keyboard layout: see query.ts).
 *
 * Speed: the analysis is done once per post; MiniSearch gets terms analyzed beforehand (it only
 * splits on spaces), each term's repeats capped, small integer ids and no stored fields, and never
 * matches fuzzily: typo tolerance looks words up in the index's own vocabulary maps
 * (vocabulary-index.ts). Very common words are not searched when rarer ones are there. A query is
 * scored by MiniSearch's own BM25+ read straight from its index (scorer.ts, the same numbers as
 * its `search` without its per-term allocations), weighs coverage once per distinct set of
 * matched terms and keeps only the best `limit` hits. Measured at 10,000 synthetic posts on a
 * loaded 2-core machine: build 15-16 s (three quarters of it in MiniSearch's `add`), 156 MB of
 * heap, `buildAsync` never holds the event loop more than about 25 ms; queries (issue 15,
 * bench/query-tails.ts, load average ~8) p50 0.8 ms, fastest-round p99 1.8 ms (wall p99 is the
 * scheduler's at that load), real blog p50 0.2-0.3 ms.
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { Post } from '../posts/types.ts';
import { SLICE_BUDGET_MS, yieldToEventLoop } from '../util/yield.ts';
import { analyzeWords } from './analyzer.ts';
import { AliasLookupBuilder, BUILTIN_ALIASES, GLOSSARY, type AliasLookup, type AliasTable } from './aliases.ts';
import { BilingualTermMap, chainLookups, minePostPairs } from './bilingual.ts';
import { passagesOf, type PassageSource } from './passages.ts';
import { IndexScorer, type ScoredResult, type Subquery } from './scorer.ts';
import { Vocabulary } from './vocabulary-index.ts';
import { LoanwordMatcher } from './loanword.ts';
import { acceptCoverage, compileQuery, coverageOf, coveredUnits, missingUnits, orderBySense, type CompiledQuery } from './query.ts';

export type { AliasTable } from './aliases.ts';

/** A post that matches a query. */
export interface SearchHit {
  post: Post;
  /** Higher is better; comparable within one result list only. */
  score: number;
  /** Query terms that matched, for debugging. */
  terms: string[];
  /**
   * Words of the query this post does not match (as analyzed), when it matches only part of
   * it: the reply may say so. Empty for a full match.
   */
  missing: string[];
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

/** Relative weight of prefix matches (exact = 1). Typos are corrected before MiniSearch is asked, so it never matches fuzzily. */
const MATCH_WEIGHTS = { fuzzy: 0, prefix: 0.6 };
/** Posts searched before the passages, for `answer`. */
const ANSWER_CANDIDATE_POSTS = 5;
/** Posts whose analyzed passages are kept for the next questions. */
const PASSAGE_CACHE_POSTS = 200;

/**
 * A document as MiniSearch takes it: a small integer id, and per field its analyzed terms joined
 * by spaces, in the index's field order (see {@link extractField}).
 */
interface Prepared {
  id: number;
  fields: string[];
}

/**
 * BM25 saturates: a term's tenth occurrence in a field adds little over its third, and each
 * occurrence costs MiniSearch a tree lookup. Further repeats are left out before MiniSearch sees
 * them (a field's length, its number of distinct terms, is unchanged).
 */
const MAX_TERM_REPEATS = 3;
/** Bigrams are a recall net: how often one occurs in a post says little, so each counts once. */
const MAX_GRAM_REPEATS = 1;

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

/** The post's terms in the order of {@link POST_FIELDS}, repeats not yet capped. */
function postTerms(post: Post): string[][] {
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

/** `terms` with each term's occurrences beyond `max` left out, joined for MiniSearch. */
function cappedText(terms: readonly string[], max: number): string {
  const seen = new Map<string, number>();
  const kept: string[] = [];
  for (const term of terms) {
    const count = (seen.get(term) ?? 0) + 1;
    seen.set(term, count);
    if (count <= max) kept.push(term);
  }
  return kept.join(' ');
}

/** The passage's fields in the order of {@link PASSAGE_FIELDS}. */
function preparePassage(passage: PassageSource, titleText: string): string[] {
  const heading = termsOf(passage.heading);
  const text = termsOf(passage.text);
  return [
    cappedText(heading.words, MAX_TERM_REPEATS),
    cappedText(text.words, MAX_TERM_REPEATS),
    titleText,
    cappedText([...heading.grams, ...text.grams], MAX_GRAM_REPEATS),
  ];
}

/** Terms are analyzed (and capped) before MiniSearch sees them; its own tokenizer only splits on spaces. */
const splitTerms = (text: string): string[] => (text ? text.split(' ') : []);
const keepTerm = (term: string): string => term;

/** Reads a {@link Prepared} document: `id`, or a field by its position. */
function fieldReader(fields: readonly string[]): (document: Prepared, field: string) => string | number | undefined {
  const positions = new Map(fields.map((field, i) => [field, i]));
  return (document, field) => (field === 'id' ? document.id : document.fields[positions.get(field)!]);
}

function newIndex(fields: readonly string[]): MiniSearch<Prepared> {
  return new MiniSearch<Prepared>({
    fields: [...fields],
    storeFields: [],
    extractField: fieldReader(fields),
    tokenize: splitTerms,
    processTerm: keepTerm,
    // Nothing is ever removed: the bot rebuilds on reindex.
    autoVacuum: false,
    searchOptions: { combineWith: 'OR', fuzzy: false, prefix: false, weights: MATCH_WEIGHTS },
  });
}

const newPostIndex = (): MiniSearch<Prepared> => newIndex(POST_FIELDS);
const newPassageIndex = (): MiniSearch<Prepared> => newIndex(PASSAGE_FIELDS);

/**
 * What the build learns of each term on the way to MiniSearch, one Map lookup per token: the
 * posts holding it in a word field (the query's cost guards reason about words), and its
 * repeats in the field being added (to cap them). Numbers live in typed arrays, so a term costs
 * no object of its own.
 */
class TermTable {
  /** Term → its row in the arrays below. */
  readonly rows = new Map<string, number>();
  /** Posts holding the term in a word field. */
  posts = new Int32Array(1024);
  private lastCountedPost = new Int32Array(1024);
  /** The field of a post (`post * fieldCount + field`) the term was last seen in, and how often. */
  private lastSlot = new Int32Array(1024);
  private repeats = new Int32Array(1024);

  constructor(
    private readonly onNewTerm: (term: string) => void,
    /** Called once per term, when a post first holds it in a word field. */
    private readonly onNewWord: (term: string) => void = () => {},
  ) {}

  /**
   * The field's terms as MiniSearch should see them: repeats beyond `max` left out. Counts the
   * post for the terms' document frequencies when `counted`.
   */
  admit(terms: readonly string[], post: number, slot: number, max: number, counted: boolean): string {
    const kept: string[] = [];
    for (const term of terms) {
      let row = this.rows.get(term);
      if (row === undefined) {
        row = this.rows.size;
        if (row === this.posts.length) this.grow();
        this.rows.set(term, row);
        this.lastCountedPost[row] = -1;
        this.lastSlot[row] = -1;
        this.onNewTerm(term);
      }
      if (this.lastSlot[row] !== slot) {
        this.lastSlot[row] = slot;
        this.repeats[row] = 0;
      }
      if (this.repeats[row]! < max) {
        this.repeats[row]!++;
        kept.push(term);
      }
      if (counted && this.lastCountedPost[row] !== post) {
        this.lastCountedPost[row] = post;
        if (this.posts[row]!++ === 0) this.onNewWord(term);
      }
    }
    return kept.join(' ');
  }

  /** True when some post holds the term in some field (bigrams included). */
  has(term: string): boolean {
    return this.rows.has(term);
  }

  documentFrequency(term: string): number {
    const row = this.rows.get(term);
    return row === undefined ? 0 : this.posts[row]!;
  }

  private grow(): void {
    const grown = (array: Int32Array) => {
      const bigger = new Int32Array(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.posts = grown(this.posts);
    this.lastCountedPost = grown(this.lastCountedPost);
    this.lastSlot = grown(this.lastSlot);
    this.repeats = grown(this.repeats);
  }
}

/** Alias groups compiled in one build step (about the cost of a post). */
const ALIAS_GROUPS_PER_STEP = 16;

/** Collects posts into the indexes; shared by the synchronous and the asynchronous build. */
class IndexBuilder {
  readonly postIndex = newPostIndex();
  /** The index's words for typo lookups: Latin ones by edit distance, Hangul ones by jamo (vocabulary-index.ts). */
  readonly vocabulary = new Vocabulary();
  /** Loanword readings across scripts, fed each word of the index as the build meets it (no pause at the end). */
  readonly loanwords = new LoanwordMatcher([], []);
  readonly terms = new TermTable(
    () => {},
    (term) => {
      this.loanwords.add(term);
      this.vocabulary.add(term);
    },
  );
  /** The blog's own aliases and the built-in table. */
  private readonly aliases = new AliasLookupBuilder();
  /** Pairs of spellings mined from each post as it is added; follows the posts (addPost / removePost). */
  readonly bilingual = new BilingualTermMap();
  /** Alias groups still to compile: the blog's own, then the built-in table (in steps, see {@link step}). */
  private readonly aliasGroups: AliasTable;
  private nextGroup = 0;
  private nextPost = 0;

  constructor(
    readonly posts: readonly Post[],
    readonly options: SearchOptions,
  ) {
    this.aliasGroups = [...(options.aliases ?? []), ...BUILTIN_ALIASES, ...GLOSSARY];
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
    const id = this.nextPost++;
    const post = this.posts[id]!;
    const wordFieldCount = POST_WORD_FIELDS.length;
    const terms = postTerms(post);
    const fields = terms.map((terms, field) => {
      const isWordField = field < wordFieldCount;
      return this.terms.admit(terms, id, id * POST_FIELDS.length + field, isWordField ? MAX_TERM_REPEATS : MAX_GRAM_REPEATS, isWordField);
    });
    // Once its words are in the loanword matcher: the Latin words of its title and tags (fields 0,
    // 1) against the words of every word field but the body (the body's many words cost 5× more
    // and add few pairs).
    this.bilingual.addPost(post.id, minePostPairs(post, [...terms[0]!, ...terms[1]!], terms.slice(0, wordFieldCount - 1).flat(), this.loanwords));
    this.postIndex.add({ id, fields });
  }

  finish(): SearchIndex {
    return new SearchIndex(this.posts, this.postIndex, chainLookups(this.aliases, this.bilingual), this.vocabulary, this.terms, this.loanwords);
  }
}

/** `limit` as a count of results (a missing one is the default; a negative one is 0). */
const resultLimit = (limit: number | undefined, fallback: number): number => Math.max(0, Math.floor(limit ?? fallback));


/** A post that made the cut, with its score before and after weighing by coverage. */
interface Ranked {
  id: number;
  /** BM25 summed over the matched terms, times the square of the share of query words covered. */
  score: number;
  /** The same before the coverage factor (a tie-breaker). */
  raw: number;
  terms: string[];
  /** Labels of the query units not covered. */
  missing: string[];
}

/** Best first: score, then score before weighing, then the earlier post. */
const isBetter = (a: Ranked, b: Ranked): boolean => a.score > b.score || (a.score === b.score && (a.raw > b.raw || (a.raw === b.raw && a.id < b.id)));

/**
 * MiniSearch multiplies a document's summed score by the number of query terms it matched; the
 * coverage of the query's words is the better measure, so that factor is taken out again.
 */
const summedScore = (result: Pick<SearchResult, 'score' | 'queryTerms'>): number => result.score / Math.max(1, result.queryTerms.length);

/** The search index over a fixed list of posts. Rebuild it to reindex. */
export class SearchIndex {
  /** Builds the index in one go (blocks the event loop meanwhile; see the module comment for its speed). */
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
    private readonly postIndex: MiniSearch<Prepared>,
    private readonly aliases: AliasLookup,
    private readonly vocabulary: Vocabulary,
    private readonly terms: TermTable,
    private readonly loanwordMatcher: LoanwordMatcher,
  ) {
    this.scorer = new IndexScorer(this.postIndex);
  }

  private readonly documentFrequency = (term: string): number => this.terms.documentFrequency(term);

  private readonly hasTerm = (term: string): boolean => this.terms.has(term);

  private readonly nearLatin = (term: string, distance: number): Iterable<string> => this.vocabulary.latin.near(term, distance);

  private readonly jamoNeighbours = (word: string): readonly string[] => this.vocabulary.hangul.neighbours(word);

  private readonly loanwords = (): LoanwordMatcher => this.loanwordMatcher;

  /** Scores queries over the post index as MiniSearch would, with less garbage (see scorer.ts). */
  private readonly scorer: IndexScorer;

  /** Analyzed passages of posts that candidates for an answer lately; bounded, oldest dropped first. */
  private readonly passageCache = new Map<number, { sources: PassageSource[]; fields: string[][] }>();

  private termStatistics() {
    return {
      nearLatin: this.nearLatin,
      loanwords: this.loanwords,
      jamoNeighbours: this.jamoNeighbours,
      hasTerm: this.hasTerm,
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
    const ranked = this.rankPosts(compiled, POST_WORD_FIELDS, POST_GRAM_FIELDS, options.filter, resultLimit(options.limit, 10));
    // 근황, 소식: the latest of the posts about the topic first (query.ts).
    return orderBySense(compiled, ranked, (hit) => this.posts[hit.id]!.date.getTime(), (hit) => this.headTerms(hit.id)).map((ranked) => ({ post: this.posts[ranked.id]!, score: ranked.score, terms: ranked.terms, missing: ranked.missing }));
  }

  /** The terms and bigrams of a post's title (for {@link orderBySense}: a few hits per query). */
  private headTerms(id: number): Set<string> {
    const { words, grams } = termsOf(this.posts[id]!.title);
    return new Set([...words, ...grams]);
  }

  /** Posts whose title matches what a member has typed so far (the last word may be unfinished). */
  suggest(partial: string, options: QueryOptions = {}): SearchHit[] {
    // A syllable still being composed (엔빋 → ㄷ typed last) ends in a bare jamo; drop it.
    const cleaned = partial.replace(/[\u3131-\u318E]+$/, '');
    const compiled = compileQuery(cleaned, this.aliases, { prefixLast: true, minLatinPrefix: 2, grams: false, ...this.termStatistics() });
    return this.rankPosts(compiled, ['title'], [], options.filter, resultLimit(options.limit, 8), true).map((ranked) => ({ post: this.posts[ranked.id]!, score: ranked.score, terms: ranked.terms, missing: ranked.missing }));
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
      const { sources: postSources, fields } = this.passagesOfPost(candidate.id);
      postSources.forEach((source, i) => {
        passageIndex.add({ id: sources.length, fields: fields[i]! });
        sources.push({ source, postWeight: candidate.score / bestPostScore });
      });
    }
    const unitCount = compiled.units.length;
    const required = Math.max(1, Math.ceil(unitCount * 0.5));
    const ranked = this.execute(passageIndex, compiled, PASSAGE_WORD_FIELDS, PASSAGE_GRAM_FIELDS, PASSAGE_BOOSTS)
      .map((result) => {
        const covered = coveredUnits(compiled, new Set(result.queryTerms));
        const { source, postWeight } = sources[result.id as number]!;
        return { source, covered, score: summedScore(result) * (covered / unitCount) ** 2 * postWeight };
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

  private passagesOfPost(postIndex: number): { sources: PassageSource[]; fields: string[][] } {
    const cached = this.passageCache.get(postIndex);
    if (cached) return cached;
    const post = this.posts[postIndex]!;
    const titleText = cappedText(termsOf(post.title).words, MAX_TERM_REPEATS);
    const sources = passagesOf(post, postIndex);
    const entry = { sources, fields: sources.map((source) => preparePassage(source, titleText)) };
    if (this.passageCache.size >= PASSAGE_CACHE_POSTS) this.passageCache.delete(this.passageCache.keys().next().value!);
    this.passageCache.set(postIndex, entry);
    return entry;
  }

  /**
   * Runs a compiled query over the posts and keeps the best `limit` hits that cover enough of it
   * ({@link acceptCoverage}; with `all`, every unit, as title autocomplete wants).
   */
  private rankPosts(
    compiled: CompiledQuery,
    wordFields: readonly string[],
    gramFields: readonly string[],
    filter: ((post: Post) => boolean) | undefined,
    limit: number,
    all = false,
  ): Ranked[] {
    const unitCount = compiled.units.length;
    if (unitCount === 0 || limit === 0) return [];
    const allFree = compiled.units.every((unit) => unit.free);
    // A hit's score is scaled by the square of the share of the query's words it covers; below
    // what {@link acceptCoverage} asks it is dropped. Posts that matched the same query terms get
    // the same factor, and thousands of posts share a few sets: the factor is weighed once per
    // set, keyed on the set (a bit per query term; the sorted terms when there are too many).
    const termBits = new Map<string, number>();
    for (const term of [...compiled.wordTerms.keys(), ...compiled.gramTerms.keys()]) if (!termBits.has(term)) termBits.set(term, termBits.size);
    const useBits = termBits.size <= 30;
    const factors = new Map<number | string, { factor: number; missing: string[] } | undefined>();
    const factorOf = (queryTerms: string[]) => {
      let key: number | string = 0;
      if (useBits) for (const term of queryTerms) key |= 1 << termBits.get(term)!;
      else key = [...queryTerms].sort().join(' ');
      if (factors.has(key)) return factors.get(key);
      const matched = new Set(queryTerms);
      const coverage = allFree ? { covered: unitCount, coveredContent: unitCount, salientCovered: unitCount, missingRare: 0, coveredExact: unitCount } : coverageOf(compiled, matched);
      const factor = all ? (coverage.covered < unitCount ? undefined : 1) : acceptCoverage(compiled, coverage);
      const entry = factor === undefined ? undefined : { factor, missing: coverage.covered === unitCount ? [] : missingUnits(compiled, matched) };
      factors.set(key, entry);
      return entry;
    };
    // The best `limit` hits, best first, kept as MiniSearch reports them. Its own order is by its
    // score, not ours, so its filter is where hits are taken, and it is left nothing to sort.
    const best: Ranked[] = [];
    const take = (result: ScoredResult): void => {
      const id = result.id;
      if (filter && !filter(this.posts[id]!)) return;
      const weighed = factorOf(result.queryTerms);
      if (weighed === undefined) return;
      const raw = summedScore(result);
      const hit: Ranked = { id, score: raw * weighed.factor, raw, terms: result.queryTerms, missing: weighed.missing };
      if (best.length >= limit && !isBetter(hit, best[best.length - 1]!)) return;
      let at = best.length;
      while (at > 0 && isBetter(hit, best[at - 1]!)) at--;
      best.splice(at, 0, hit);
      if (best.length > limit) best.pop();
    };
    // The scores MiniSearch's search would give, without its per-term allocations (scorer.ts).
    this.scorer.search(subqueries(compiled, wordFields, gramFields, SMALL_FIELDS), POST_BOOSTS, take);
    return best;
  }

  private execute(
    index: MiniSearch<Prepared>,
    compiled: CompiledQuery,
    wordFields: readonly string[],
    gramFields: readonly string[],
    boosts: Record<string, number>,
  ): SearchResult[] {
    const queries = subqueries(compiled, wordFields, gramFields);
    if (queries.length === 0) return [];
    return index.search({ combineWith: 'OR', queries }, { boost: boosts });
  }
}

/**
 * The subqueries of a compiled query, as MiniSearch's `Query` objects: one per group of terms
 * searched in the same fields; its terms, joined by spaces, are split again by the index's
 * tokenizer. `smallFields`: where the words of free units are searched; all word fields when
 * absent (small indexes). Exported for scorer.test.ts only.
 *
 * @internal
 */
export function subqueries(compiled: CompiledQuery, wordFields: readonly string[], gramFields: readonly string[], smallFields?: ReadonlySet<string>): (Subquery & Query)[] {
  const queries: (Subquery & Query)[] = [];
  const { wordTerms, gramTerms } = compiled;
  const wordQuery = (terms: string[], fields: readonly string[]): Subquery & Query => ({
    queries: [terms.join(' ')],
    fields: [...fields],
    prefix: (term: string) => wordTerms.get(term)?.prefix ?? false,
    boostTerm: (term: string) => wordTerms.get(term)?.boost ?? 1,
  });
  const scoped = (spec: { scope: 'all' | 'small' }) => (smallFields ? spec.scope : 'all');
  const everywhere = [...wordTerms].filter(([, spec]) => scoped(spec) === 'all').map(([term]) => term);
  const smallOnly = [...wordTerms].filter(([, spec]) => scoped(spec) === 'small').map(([term]) => term);
  const small = wordFields.filter((field) => smallFields?.has(field));
  if (everywhere.length > 0 && wordFields.length > 0) queries.push(wordQuery(everywhere, wordFields));
  if (smallOnly.length > 0 && small.length > 0) queries.push(wordQuery(smallOnly, small));
  if (gramTerms.size > 0 && gramFields.length > 0) {
    queries.push({
      queries: [[...gramTerms.keys()].join(' ')],
      // Bigrams of two-syllable words are those words themselves, in the word fields.
      fields: [...gramFields, ...wordFields],
      boostTerm: (term: string) => gramTerms.get(term)?.boost ?? 1,
    });
  }
  return queries;
}
