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
 * the query's words it covers, and dropped when it covers too little ({@link coverageAcceptor}:
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
 *
 * Change: a reindex that adds or removes a few posts updates the serving index in place
 * ({@link SearchIndex.update}: MiniSearch `remove`, exact at once, and every structure derived
 * from the posts follows: term counts, the typo vocabulary, the loanword sound index, the bilingual
 * term map), one synchronous step of a few ms per post, after one turn of the event loop; the
 * changed posts are found by walking the new list beside the last one (list-changes.ts), so a
 * change at 10,000 posts costs what the changed posts cost; more changes, other
 * aliases or `/reindex full` build anew in slices ({@link SearchIndex.reindex}). A restart
 * restores the index saved in the state folder ({@link SearchIndex.snapshot},
 * {@link SearchIndex.restore}) instead of building it: 3-10 times less CPU (bench/restart.ts).
 */
import { createHash } from 'node:crypto';
import MiniSearch, { type Options, type Query, type SearchResult } from 'minisearch';
import type { Post } from '../posts/types.ts';
import { SLICE_BUDGET_MS, yieldToEventLoop } from '../util/yield.ts';
import { analyzeWords } from './analyzer.ts';
import { AliasLookupBuilder, BUILTIN_ALIASES, GLOSSARY, type AliasLookup, type AliasTable, type SavedAliasLookup } from './aliases.ts';
import { BilingualTermMap, chainLookups, minePostPairs } from './bilingual.ts';
import { PassageTable, rankPassages } from './passage-scorer.ts';
import { passagesOf, type PassageSource } from './passages.ts';
import { IndexScorer, type ScoredResult, type Subquery } from './scorer.ts';
import { Vocabulary } from './vocabulary-index.ts';
import { diffInOrder, type RankedItems } from './list-changes.ts';
import { treeFromShape, treeShape, type TreeNode, type TreeShape } from './tree-shape.ts';
import { LoanwordFeed, LoanwordMatcher } from './loanword.ts';
import { compileQuery, coverageAcceptor, coverageOf, coverageOfBits, coveredUnits, missingUnits, orderBySense, type CompiledQuery, type Coverage } from './query.ts';

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

/** Options of {@link SearchIndex.reindex}. */
export interface ReindexIndexOptions extends AsyncBuildOptions {
  /** Build anew even when an update would do (`/reindex full`). */
  full?: boolean;
  /** Most posts added plus removed that are applied in place (default {@link UPDATE_MAX_CHANGES}). */
  maxChanges?: number;
}

/**
 * Most posts added plus removed (a changed post counts twice) that a reindex applies to the
 * serving index in one synchronous step. Each costs about 1-4 ms at 10,000 posts on a loaded
 * 2-core machine; more than this are rebuilt in slices instead, so the event loop is never held
 * long (a git pull of a few dozen posts takes the slower, non-blocking road).
 */
export const UPDATE_MAX_CHANGES = 12;

/** What an update applies: posts to index, slots to take out, and ranks for the new posts when the others keep theirs. */
interface IndexChanges {
  added: Post[];
  removed: number[];
  /** Tie-break ranks of `added` (see {@link diffInOrder}); undefined: every post is ranked again. */
  addedRanks: number[] | undefined;
}

/** What {@link SearchIndex.update} did. */
export interface IndexUpdate {
  added: number;
  removed: number;
  /** Time the synchronous step took. */
  ms: number;
}

/** Options of {@link SearchIndex.restore}. */
export interface RestoreOptions extends SearchOptions {
  /** What the snapshot was taken with besides the posts (the same string as given to `snapshot`). */
  context: string;
  /** Posts the snapshot may hold in an older version (the post cache before this load). */
  previousPosts?: Iterable<Post>;
}

/**
 * Version of the snapshot's records: bump when they, the analysis or the fields change. 2: a post's
 * pairs are all it feeds the bilingual term map (written together and sound-confirmed), not the
 * written-together ones alone. 3: records in chunks, numbers in `Int32Array`s (see {@link SnapshotRecord}).
 * 4: MiniSearch's radix tree saved by its shape (tree-shape.ts), not put back a term at a time.
 */
export const SNAPSHOT_FORMAT = 4;

/** First part of a snapshot. */
export interface SnapshotHeader {
  format: number;
  context: string;
  /** {@link optionsKey} of the options the index was built with. */
  options: string;
  counters: { documentCount: number; nextId: number; averageFieldLength: number[] };
}

/** A post of a snapshot: slot, MiniSearch short id, {@link postKey}, the pairs mined from it for the bilingual term map. */
export type SnapshotPost = [slot: number, shortId: number, key: string, pairs: AliasTable];

/**
 * A record of a snapshot. They come in pairs, a named chunk and its numbers, so that the numbers
 * (millions at 10,000 posts) are stored as they are and never parsed:
 * - `['posts', SnapshotPost[]]`, then each post's field lengths ({@link POST_FIELDS} of them);
 * - `['terms', term[]]`, then per term: posts holding it in a word field, in any field, the
 *   number of fields, and per field its id, the number of posts, and (short id, frequency) per post;
 * - `['aliases', SnapshotAliases]` (first), then no numbers;
 * - `['tree', edge[]]` (last), then the shape of MiniSearch's radix tree ({@link TreeShape}), its
 *   rows the terms in the order the `terms` records list them.
 */
export type SnapshotRecord = ['aliases', SnapshotAliases] | ['posts', SnapshotPost[]] | ['terms', string[]] | ['tree', string[]] | Int32Array;

/** The curated aliases as compiled (see {@link AliasLookupBuilder.saved}), with the key of the table they were compiled from. */
export interface SnapshotAliases {
  table: string;
  lookup: SavedAliasLookup;
}

/** An index as plain data, to write out a record at a time (see {@link SearchIndex.snapshot}). */
export interface IndexSnapshot {
  header: SnapshotHeader;
  records: Iterable<SnapshotRecord>;
  /** False once the index changed after the snapshot was taken. */
  current(): boolean;
}

/** Deferred words filed per step of {@link SearchIndex.prepareDeferred} (a fraction of a millisecond). */
const DEFERRED_WORDS_PER_STEP = 64;

/** Posts and terms per record of a snapshot: the writer yields between records. */
const SNAPSHOT_POSTS_PER_RECORD = 512;
const SNAPSHOT_TERMS_PER_RECORD = 2048;

/**
 * A post's identity in a snapshot: its file and the hash of its bytes, and for a file repaired
 * from mojibake a hash of the repaired text as well (the repair depends on the other posts).
 */
export function postKey(post: Post): string {
  const key = `${post.file}\u0000${post.contentHash}`;
  if (!post.repair) return key;
  const hash = createHash('sha256');
  for (const part of [post.title, ...post.tags, ...post.categories, ...post.summary, post.description ?? '', post.text]) hash.update(`${part}\u0000`);
  for (const section of post.sections) hash.update(`${section.heading}\u0000${section.text}\u0000`);
  return `${key}\u0000${hash.digest('hex')}`;
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

/** A post's passages and their table (see passage-scorer.ts), made when it is first a candidate for an answer. */
interface PostPassages {
  sources: PassageSource[];
  table: PassageTable;
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

function indexOptions(fields: readonly string[]): Options<Prepared> {
  return {
    fields: [...fields],
    storeFields: [],
    extractField: fieldReader(fields),
    tokenize: splitTerms,
    processTerm: keepTerm,
    // A post is taken out with `remove`, which is exact at once; `discard` would leave it counted
    // in the scores until a vacuum walks the whole index.
    autoVacuum: false,
    searchOptions: { combineWith: 'OR', fuzzy: false, prefix: false, weights: MATCH_WEIGHTS },
  };
}

/** A term's postings as MiniSearch keeps them: field id → short id → frequency. */
type TermPostings = Map<number, Map<number, number>>;

/** MiniSearch's own counters, as a snapshot keeps them (see {@link PostMiniSearch.counters}). */
interface SavedCounters {
  documentCount: number;
  nextId: number;
  averageFieldLength: number[];
}

/**
 * MiniSearch with what a snapshot needs of its protected state (its own `toJSON` turns the whole
 * index into one object at once, holding the event loop for seconds at 10,000 posts, and
 * `loadJSON` then parses it all again): the postings term by term, and a restore from them.
 */
class PostMiniSearch extends MiniSearch<Prepared> {
  counters(): SavedCounters {
    return { documentCount: this._documentCount, nextId: this._nextId, averageFieldLength: [...this._avgFieldLength] };
  }

  /** The internal short id and field lengths of a document, by its id. */
  documentEntry(id: number): { shortId: number; fieldLength: number[] } | undefined {
    const shortId = this._idToShortId.get(id);
    return shortId === undefined ? undefined : { shortId, fieldLength: [...(this._fieldLength.get(shortId) ?? [])] };
  }

  /**
   * Appends a term's postings to `out`: the number of fields, then per field its id, the number
   * of posts, and (short id, frequency) per post. Returns the map they came from (what the tree
   * holds for the term), or undefined when the index lacks the term.
   */
  appendPostings(term: string, out: number[]): TermPostings | undefined {
    const fields = this._index.get(term);
    out.push(fields?.size ?? 0);
    for (const [fieldId, frequencies] of fields ?? []) {
      out.push(fieldId, frequencies.size);
      for (const [shortId, frequency] of frequencies) out.push(shortId, frequency);
    }
    return fields;
  }

  /** The shape of the radix tree, each term's data named by `rowOf` (see tree-shape.ts). */
  treeShape(rowOf: (data: TermPostings) => number | undefined): TreeShape | undefined {
    return treeShape((this._index as unknown as { _tree: TreeNode<TermPostings> })._tree, rowOf);
  }

  /** Puts a plain map in place of a term's {@link SavedTermPostings}, when the index still holds that one. */
  settlePostings(term: string, saved: SavedTermPostings): void {
    if (this._index.get(term) === saved) this._index.set(term, saved.plain());
  }

  /** The index of a snapshot: counters, documents and the radix tree of postings as {@link counters}, {@link documentEntry} and {@link treeShape} gave them. */
  static restore(
    options: Options<Prepared>,
    counters: SavedCounters,
    documents: Iterable<{ id: number; shortId: number; fieldLength: number[] }>,
    tree: TreeNode<TermPostings>,
  ): PostMiniSearch {
    const index = new PostMiniSearch(options);
    index._documentCount = counters.documentCount;
    index._nextId = counters.nextId;
    index._avgFieldLength = [...counters.averageFieldLength];
    for (const { id, shortId, fieldLength } of documents) {
      index._documentIds.set(shortId, id);
      index._idToShortId.set(id, shortId);
      index._fieldLength.set(shortId, fieldLength);
    }
    // The tree in place of the fresh index's empty one (scorer.ts reads `_tree` as well).
    (index._index as unknown as { _tree: TreeNode<TermPostings> })._tree = tree;
    return index;
  }
}

/**
 * Where the postings {@link PostMiniSearch.appendPostings} wrote at `numbers[at]` end (the next
 * term's begin), reading their counts only; undefined when they run past the end or do not fit
 * `fieldCount` fields.
 */
function postingsEnd(numbers: Int32Array, at: number, fieldCount: number): number | undefined {
  const fields = numbers[at++]!;
  if (!(fields >= 0 && fields <= fieldCount)) return undefined;
  for (let f = 0; f < fields; f++) {
    const fieldId = numbers[at]!;
    const count = numbers[at + 1]!;
    at += 2;
    if (!(fieldId >= 0 && fieldId < fieldCount && count >= 0 && at + 2 * count <= numbers.length)) return undefined;
    at += 2 * count;
  }
  return at;
}

/** Fills `data` with the postings at `numbers[at]` (as checked by {@link postingsEnd}). */
function fillPostings(data: TermPostings, numbers: Int32Array, at: number): void {
  const fields = numbers[at++]!;
  for (let f = 0; f < fields; f++) {
    const fieldId = numbers[at]!;
    const count = numbers[at + 1]!;
    at += 2;
    const frequencies = new Map<number, number>();
    for (const end = at + 2 * count; at < end; at += 2) frequencies.set(numbers[at]!, numbers[at + 1]!);
    data.set(fieldId, frequencies);
  }
}

/**
 * A term's postings as a restore read them, made into MiniSearch's maps on first use: putting
 * back the 1.75 million postings of 10,000 posts (and the garbage collection it brought) was the
 * largest part of a restart, where the first query needs a few terms. Every method of Map fills
 * it first, so MiniSearch, the scorer and updates see an ordinary map;
 * {@link SearchIndex.prepareDeferred} replaces each with a plain one once the index serves.
 */
class SavedTermPostings extends Map<number, Map<number, number>> {
  private saved: Int32Array | undefined;
  private at = 0;

  static of(numbers: Int32Array, at: number): SavedTermPostings {
    const postings = new SavedTermPostings();
    [postings.saved, postings.at] = [numbers, at];
    return postings;
  }

  /** How often the document with this short id holds the term in the field (undefined: not at all), read without filling the map. */
  frequency(fieldId: number, shortId: number): number | undefined {
    if (!this.saved) return super.get(fieldId)?.get(shortId);
    const numbers = this.saved;
    let at = this.at;
    const fields = numbers[at++]!;
    for (let f = 0; f < fields; f++) {
      const [id, count] = [numbers[at]!, numbers[at + 1]!];
      at += 2;
      if (id === fieldId) {
        for (const end = at + 2 * count; at < end; at += 2) if (numbers[at] === shortId) return numbers[at + 1];
        return undefined;
      }
      at += 2 * count;
    }
    return undefined;
  }

  /** The same postings in a plain map. */
  plain(): TermPostings {
    if (!this.saved) return new Map(super.entries());
    const data: TermPostings = new Map();
    fillPostings(data, this.saved, this.at);
    return data;
  }

  private fill(): void {
    const numbers = this.saved;
    if (!numbers) return;
    this.saved = undefined;
    fillPostings(this, numbers, this.at);
  }

  override get size(): number {
    this.fill();
    return super.size;
  }
  override get(key: number): Map<number, number> | undefined {
    this.fill();
    return super.get(key);
  }
  override has(key: number): boolean {
    this.fill();
    return super.has(key);
  }
  override set(key: number, value: Map<number, number>): this {
    this.fill();
    return super.set(key, value);
  }
  override delete(key: number): boolean {
    this.fill();
    return super.delete(key);
  }
  override clear(): void {
    this.saved = undefined;
    super.clear();
  }
  override forEach(callback: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
    this.fill();
    super.forEach(callback, thisArg);
  }
  override keys(): MapIterator<number> {
    this.fill();
    return super.keys();
  }
  override values(): MapIterator<Map<number, number>> {
    this.fill();
    return super.values();
  }
  override entries(): MapIterator<[number, Map<number, number>]> {
    this.fill();
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    this.fill();
    return super[Symbol.iterator]();
  }
}

const newPostIndex = (): PostMiniSearch => new PostMiniSearch(indexOptions(POST_FIELDS));

/**
 * What the build learns of each term on the way to MiniSearch, one Map lookup per token: the
 * posts holding it in a word field (the query's cost guards reason about words), the posts
 * holding it in any field (whether the index holds it at all), and its repeats in the field
 * being added (to cap them). Numbers live in typed arrays, so a term costs no object of its own.
 * A term whose last post goes keeps its row, with zero counts.
 */
class TermTable {
  /** Term → its row in the arrays below. */
  readonly rows = new Map<string, number>();
  /** Posts holding the term in a word field. */
  posts = new Int32Array(1024);
  /** Posts holding the term in any field (bigrams included). */
  anyPosts = new Int32Array(1024);
  private lastCountedPost = new Int32Array(1024);
  private lastHeldPost = new Int32Array(1024);
  /** The field of a post (`post * fieldCount + field`) the term was last seen in, and how often. */
  private lastSlot = new Int32Array(1024);
  private repeats = new Int32Array(1024);

  constructor(
    /** Called when a term is first held by some post again (any field). */
    private readonly onNewTerm: (term: string) => void,
    /** Called when a post first holds the term in a word field (the count goes from 0 to 1). */
    private readonly onNewWord: (term: string) => void = () => {},
    /** Called when the last post holding the term in any field goes. */
    private readonly onGoneTerm: (term: string) => void = () => {},
    /** Called when the last post holding the term in a word field goes. */
    private readonly onGoneWord: (term: string) => void = () => {},
  ) {}

  /**
   * The field's terms as MiniSearch should see them: repeats beyond `max` left out. Counts the
   * post for the terms' document frequencies when `counted`. `post` is a slot never used before
   * (the marks below tell one post from the next by it).
   */
  admit(terms: readonly string[], post: number, slot: number, max: number, counted: boolean): string {
    const kept: string[] = [];
    for (const term of terms) {
      const row = this.rowOf(term);
      if (this.lastSlot[row] !== slot) {
        this.lastSlot[row] = slot;
        this.repeats[row] = 0;
      }
      if (this.repeats[row]! < max) {
        this.repeats[row]!++;
        kept.push(term);
      }
      if (this.lastHeldPost[row] !== post) {
        this.lastHeldPost[row] = post;
        if (this.anyPosts[row]!++ === 0) this.onNewTerm(term);
      }
      if (counted && this.lastCountedPost[row] !== post) {
        this.lastCountedPost[row] = post;
        if (this.posts[row]!++ === 0) this.onNewWord(term);
      }
    }
    return kept.join(' ');
  }

  /** Uncounts a post that goes: `fields` are its terms as {@link admit} was given them, the first `wordFields` counted. */
  release(fields: readonly (readonly string[])[], wordFields: number): void {
    const held = new Set<string>();
    const counted = new Set<string>();
    fields.forEach((terms, field) => {
      for (const term of terms) {
        held.add(term);
        if (field < wordFields) counted.add(term);
      }
    });
    for (const term of counted) {
      const row = this.rows.get(term)!;
      if (--this.posts[row]! === 0) this.onGoneWord(term);
    }
    for (const term of held) {
      const row = this.rows.get(term)!;
      if (--this.anyPosts[row]! === 0) this.onGoneTerm(term);
    }
  }

  /** Sets a term's counts as a snapshot saved them (a fresh table, before any post is admitted). */
  restore(term: string, posts: number, anyPosts: number): void {
    const row = this.rowOf(term);
    this.posts[row] = posts;
    this.anyPosts[row] = anyPosts;
  }

  /** True when some post holds the term in some field (bigrams included). */
  has(term: string): boolean {
    const row = this.rows.get(term);
    return row !== undefined && this.anyPosts[row]! > 0;
  }

  documentFrequency(term: string): number {
    const row = this.rows.get(term);
    return row === undefined ? 0 : this.posts[row]!;
  }

  /** Terms some post holds, with their counts. */
  *held(): Generator<[term: string, posts: number, anyPosts: number]> {
    for (const [term, row] of this.rows) if (this.anyPosts[row]! > 0) yield [term, this.posts[row]!, this.anyPosts[row]!];
  }

  private rowOf(term: string): number {
    let row = this.rows.get(term);
    if (row === undefined) {
      row = this.rows.size;
      if (row === this.posts.length) this.grow();
      this.rows.set(term, row);
      this.lastCountedPost[row] = -1;
      this.lastHeldPost[row] = -1;
      this.lastSlot[row] = -1;
    }
    return row;
  }

  private grow(): void {
    const grown = (array: Int32Array) => {
      const bigger = new Int32Array(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.posts = grown(this.posts);
    this.anyPosts = grown(this.anyPosts);
    this.lastCountedPost = grown(this.lastCountedPost);
    this.lastHeldPost = grown(this.lastHeldPost);
    this.lastSlot = grown(this.lastSlot);
    this.repeats = grown(this.repeats);
  }
}

/** Alias groups compiled in one build step (about the cost of a post). */
const ALIAS_GROUPS_PER_STEP = 16;

/** What makes two builds comparable: the blog's own aliases (an update needs the same). */
const optionsKey = (options: SearchOptions): string => JSON.stringify(options.aliases ?? []);

/** A post's fields as MiniSearch takes them: analyzed, repeats capped (what {@link TermTable.admit} keeps). */
function cappedFields(terms: readonly (readonly string[])[]): string[] {
  return terms.map((fieldTerms, field) => cappedText(fieldTerms, field < POST_WORD_FIELDS.length ? MAX_TERM_REPEATS : MAX_GRAM_REPEATS));
}

/**
 * The pairs a post carries ({@link minePostPairs}): the Latin words of its title and tags (fields
 * 0, 1) against the words of every word field but the body (the body's many words cost 5× more
 * and add few pairs). The pairs compare the post's own words with each other, so any matcher
 * holding them gives the same: the index's own, or (a restored index whose matcher is not built
 * yet) one of this post's words only, so an update after a restart need not build the whole one.
 */
function postPairs(post: Post, terms: readonly string[][], matcher: LoanwordMatcher | undefined): AliasTable {
  const head = [...terms[0]!, ...terms[1]!];
  const words = terms.slice(0, POST_WORD_FIELDS.length - 1).flat();
  return minePostPairs(post, head, words, matcher ?? new LoanwordMatcher(head, words));
}

/**
 * The index's mutable core: MiniSearch, every structure derived from the posts (term counts, the
 * typo vocabulary, the loanword sound index, the bilingual term map), and the posts by slot.
 * Every change goes through {@link addPost} and {@link removePost}, which keep all of them in step.
 */
class IndexState {
  /** The index's words for typo lookups: Latin ones by edit distance, Hangul ones by jamo (vocabulary-index.ts). */
  readonly vocabulary = new Vocabulary();
  /**
   * Loanword readings across scripts. A build feeds it each word as it meets it (no pause at the
   * end); a restore leaves it to {@link loanwordFeed}, which a restart need not wait for.
   */
  private loanwordMatcher: LoanwordMatcher | undefined;
  /** A restored index's matcher while it is fed in slices ({@link fileDeferred}), or at once on first use ({@link loanwords}). */
  private loanwordFeed: LoanwordFeed | undefined;
  /** Word-field terms come and go with their first and last post: the vocabulary and the loanword matcher follow. */
  readonly terms = new TermTable(
    () => {},
    (term) => {
      this.loanwordMatcher?.add(term);
      this.loanwordFeed?.add(term);
      this.vocabulary.add(term);
    },
    () => {},
    (term) => {
      this.loanwordMatcher?.remove(term);
      this.loanwordFeed?.remove(term);
      this.vocabulary.delete(term);
    },
  );
  /** The blog's own aliases and the built-in table. */
  readonly aliases = new AliasLookupBuilder();
  /** Pairs of spellings mined from each post (by slot); follows the posts (addPost / removePost). */
  readonly bilingual = new BilingualTermMap();
  /** The curated aliases, then the mined pairs: what queries look words up in. */
  readonly lookup: AliasLookup = chainLookups(this.aliases, this.bilingual);
  /**
   * Posts by slot, the id MiniSearch knows them by. A removed post leaves a hole: slots are never
   * used twice (the term table tells posts apart by slot), and a full rebuild packs them again.
   */
  readonly slots: (Post | undefined)[] = [];
  readonly slotOf = new Map<Post, number>();
  readonly postIndex: PostMiniSearch;
  /** Slot → rank of its post: ties rank by it, in the order of the list last given, as in a full build. */
  order: number[] = [];
  /**
   * The list last given, when its posts are distinct: the next update walks it beside the new
   * list ({@link diffInOrder}) instead of comparing the two as sets. Undefined after a restore.
   */
  served: readonly Post[] | undefined;
  /** Posts indexed (slots that are not holes). */
  live = 0;
  /** Pairs mined from each post (when it has any), for a snapshot. */
  readonly mined = new Map<number, AliasTable>();

  /** `postIndex`: a restored one (its words reach the vocabulary and the loanword matcher later, see {@link defer}); else an empty one to build into. */
  constructor(
    readonly options: SearchOptions,
    postIndex?: PostMiniSearch,
  ) {
    if (!postIndex) this.loanwordMatcher = new LoanwordMatcher();
    this.postIndex = postIndex ?? newPostIndex();
  }

  /** The loanword matcher, fed every word some post holds in a word field. */
  get loanwords(): LoanwordMatcher {
    if (this.loanwordFeed) [this.loanwordMatcher, this.loanwordFeed] = [this.loanwordFeed.finish(), undefined];
    if (!this.loanwordMatcher) {
      const matcher = new LoanwordMatcher();
      for (const [term, posts] of this.terms.held()) if (posts > 0) matcher.add(term);
      this.loanwordMatcher = matcher;
    }
    return this.loanwordMatcher;
  }

  /**
   * Leaves the words some post holds in a word field (a restore) to be filed later: the typo
   * vocabulary and the loanword matcher take them in slices ({@link fileDeferred}), or all at
   * once on their first use. Until the matcher is complete, posts added mine their pairs with one
   * of their own words (see {@link postPairs}).
   */
  defer(words: readonly string[], terms: readonly string[], postings: readonly SavedTermPostings[]): void {
    this.vocabulary.defer(words);
    this.loanwordFeed = new LoanwordFeed(words);
    this.savedPostings = { terms, postings, next: 0 };
  }

  /** The postings a restore left as read ({@link SavedTermPostings}, by the row of `terms`), and how far {@link fileDeferred} made them plain. */
  private savedPostings: { terms: readonly string[]; postings: readonly SavedTermPostings[]; next: number } | undefined;

  /** Files up to `count` deferred words (the vocabulary's, then the loanword matcher's), then makes postings plain; true when nothing is left. */
  fileDeferred(count: number): boolean {
    if (!this.vocabulary.fileSome(count)) return false;
    if (this.loanwordFeed && !this.loanwordFeed.feed(count)) return false;
    if (this.loanwordFeed) [this.loanwordMatcher, this.loanwordFeed] = [this.loanwordFeed.finish(), undefined];
    const saved = this.savedPostings;
    if (!saved) return true;
    for (const end = Math.min(saved.postings.length, saved.next + count); saved.next < end; saved.next++) this.postIndex.settlePostings(saved.terms[saved.next]!, saved.postings[saved.next]!);
    if (saved.next < saved.postings.length) return false;
    this.savedPostings = undefined;
    return true;
  }

  /** Indexes a post in a new slot. */
  addPost(post: Post): number {
    const slot = this.slots.length;
    this.slots.push(post);
    this.slotOf.set(post, slot);
    this.live++;
    const wordFieldCount = POST_WORD_FIELDS.length;
    const terms = postTerms(post);
    const fields = terms.map((fieldTerms, field) => {
      const isWordField = field < wordFieldCount;
      return this.terms.admit(fieldTerms, slot, slot * POST_FIELDS.length + field, isWordField ? MAX_TERM_REPEATS : MAX_GRAM_REPEATS, isWordField);
    });
    // Once its words are in the loanword matcher (admit fed them).
    this.minedFrom(slot, postPairs(post, terms, this.loanwordMatcher));
    this.postIndex.add({ id: slot, fields });
    return slot;
  }

  /**
   * Takes a post out of MiniSearch (`remove`: exact, unlike `discard`) and out of every derived
   * structure. Its terms are analyzed again: the analysis is a pure function of the post.
   */
  removePost(slot: number): void {
    const post = this.slots[slot]!;
    const terms = postTerms(post);
    this.postIndex.remove({ id: slot, fields: cappedFields(terms) });
    this.terms.release(terms, POST_WORD_FIELDS.length);
    this.bilingual.removePost(String(slot));
    this.mined.delete(slot);
    this.slots[slot] = undefined;
    this.slotOf.delete(post);
    this.live--;
  }

  /**
   * Records (and adds to the bilingual map) the pairs mined from the post in `slot`. Keyed by
   * slot, not post id: a slot is one post version, so removing it never touches another's pairs.
   */
  minedFrom(slot: number, pairs: AliasTable): void {
    if (pairs.length === 0) return;
    this.bilingual.addPost(String(slot), pairs);
    this.mined.set(slot, pairs);
  }

  /** Ranks ties by the posts' positions in `posts`, the list the index now serves. */
  reorder(posts: readonly Post[]): void {
    const unranked = Number.MAX_SAFE_INTEGER;
    const order = new Array<number>(this.slots.length).fill(unranked);
    let distinct = true;
    posts.forEach((post, position) => {
      const slot = this.slotOf.get(post);
      if (slot === undefined || order[slot] !== unranked) distinct = false;
      else order[slot] = position;
    });
    this.order = order;
    this.served = distinct ? [...posts] : undefined;
  }

  /** Ranks the posts just added (in their slots) between their neighbours: `posts` is now served, every other post keeps its rank. */
  rankAdded(posts: readonly Post[], added: readonly Post[], ranks: readonly number[]): void {
    added.forEach((post, i) => {
      this.order[this.slotOf.get(post)!] = ranks[i]!;
    });
    this.served = [...posts];
  }

  /** What {@link diffInOrder} asks of the index. */
  readonly held: RankedItems<Post> = {
    has: (post) => this.slotOf.has(post),
    rankOf: (post) => this.order[this.slotOf.get(post)!]!,
  };
}

/** Collects posts into the indexes; shared by the synchronous and the asynchronous build. */
class IndexBuilder {
  readonly state: IndexState;
  /** Alias groups still to compile: the blog's own, then the built-in table (in steps, see {@link step}). */
  private readonly aliasGroups: AliasTable;
  private nextGroup = 0;
  private nextPost = 0;

  constructor(
    readonly posts: readonly Post[],
    readonly options: SearchOptions,
  ) {
    this.state = new IndexState(options);
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
      this.state.aliases.add(this.aliasGroups.slice(this.nextGroup, this.nextGroup + ALIAS_GROUPS_PER_STEP));
      this.nextGroup += ALIAS_GROUPS_PER_STEP;
      return;
    }
    this.state.addPost(this.posts[this.nextPost++]!);
  }

  finish(): SearchIndex {
    this.state.reorder(this.posts);
    return new SearchIndex(this.state);
  }
}

/** Posts whose analysis a restore checks against the snapshot (first, last and a few between). */
const VERIFIED_POSTS = 3;

const isNumbers = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => typeof n === 'number');

/** What the records of a snapshot hold, gathered before the state is made from them. */
interface SnapshotContent {
  documents: { id: number; shortId: number; fieldLength: number[] }[];
  /** The terms in their saved order; by the same row, their postings and (two per term) how many posts hold them in a word field and in any. */
  terms: string[];
  postings: SavedTermPostings[];
  counts: number[];
  slots: (Post | undefined)[];
  mined: Map<number, AliasTable>;
  aliases?: SnapshotAliases;
  tree?: TreeShape;
}

/** The curated aliases an index with these options compiles: the blog's own, the built-in table, the glossary. */
const curatedAliases = (options: SearchOptions): AliasTable => [...(options.aliases ?? []), ...BUILTIN_ALIASES, ...GLOSSARY];

/** Identifies an alias table's content: compiled aliases are restored only for the same (the built-in files change between versions). */
const aliasTableKey = (table: AliasTable): string => createHash('sha1').update(JSON.stringify(table)).digest('hex');

/** Takes a chunk of posts and their field lengths into `content`; false when they do not fit (a post not known by its key, a slot twice, wrong shapes). */
function readSnapshotPosts(chunk: SnapshotPost[], lengths: Int32Array, byKey: ReadonlyMap<string, Post>, content: SnapshotContent): boolean {
  const fieldCount = POST_FIELDS.length;
  if (!Array.isArray(chunk) || lengths.length !== chunk.length * fieldCount) return false;
  for (const [i, line] of chunk.entries()) {
    const [slot, shortId, key, pairs] = Array.isArray(line) ? line : [];
    const post = typeof key === 'string' ? byKey.get(key) : undefined;
    if (!post || !Number.isInteger(slot) || slot! < 0 || content.slots[slot!] || typeof shortId !== 'number' || !Array.isArray(pairs)) return false;
    content.slots[slot!] = post;
    content.documents.push({ id: slot!, shortId, fieldLength: Array.from(lengths.subarray(i * fieldCount, (i + 1) * fieldCount)) });
    if (pairs.length > 0) content.mined.set(slot!, pairs);
  }
  return true;
}

/** Takes a chunk of terms and their numbers into `content`; false when the numbers do not describe exactly these terms. */
function readSnapshotTerms(terms: string[], numbers: Int32Array, content: SnapshotContent): boolean {
  let at = 0;
  if (!Array.isArray(terms)) return false;
  for (const term of terms) {
    if (typeof term !== 'string' || at + 3 > numbers.length) return false;
    // Postings are not checked against the posts number by number (millions at 10,000 posts):
    // the file's checksum caught damage, and the sampled posts below catch postings that do not fit.
    const end = postingsEnd(numbers, at + 2, POST_FIELDS.length);
    if (end === undefined) return false;
    content.terms.push(term);
    content.counts.push(numbers[at]!, numbers[at + 1]!);
    content.postings.push(SavedTermPostings.of(numbers, at + 2));
    at = end;
  }
  return at === numbers.length;
}

/** The records of a snapshot as {@link SnapshotContent}, or undefined when they are not what {@link SearchIndex.snapshot} writes or name a post not known. */
function readSnapshot(records: readonly unknown[], byKey: ReadonlyMap<string, Post>): SnapshotContent | undefined {
  const content: SnapshotContent = { documents: [], terms: [], postings: [], counts: [], slots: [], mined: new Map() };
  if (records.length % 2 !== 0) return undefined;
  for (let i = 0; i < records.length; i += 2) {
    const named = records[i];
    const numbers = records[i + 1];
    if (!Array.isArray(named) || typeof named[1] !== 'object' || named[1] === null || !(numbers instanceof Int32Array)) return undefined;
    if (named[0] === 'aliases') content.aliases = named[1] as SnapshotAliases;
    else if (named[0] === 'tree') content.tree = { edges: named[1] as string[], shape: numbers };
    else if (named[0] === 'posts' ? !readSnapshotPosts(named[1] as SnapshotPost[], numbers, byKey, content) : named[0] !== 'terms' || !readSnapshotTerms(named[1] as string[], numbers, content)) return undefined;
  }
  return content;
}

/** The state a snapshot describes, serving its posts (some possibly in an old version); see {@link SearchIndex.restore}. */
function restoreState(snapshot: { header: unknown; records: readonly unknown[] }, posts: readonly Post[], options: RestoreOptions): IndexState | undefined {
  const header = snapshot.header as SnapshotHeader | undefined;
  if (header?.format !== SNAPSHOT_FORMAT || header.context !== options.context || header.options !== optionsKey(options)) return undefined;
  const { documentCount, nextId, averageFieldLength } = header.counters ?? {};
  if (typeof documentCount !== 'number' || typeof nextId !== 'number' || !isNumbers(averageFieldLength)) return undefined;
  const byKey = new Map<string, Post>();
  for (const post of options.previousPosts ?? []) byKey.set(postKey(post), post);
  for (const post of posts) byKey.set(postKey(post), post);
  const content = readSnapshot(snapshot.records, byKey);
  if (!content || content.documents.length !== documentCount) return undefined;
  const { documents, terms, postings, counts, slots, mined } = content;
  const tree = content.tree && treeFromShape(content.tree, terms, postings);
  if (!tree) return undefined;
  const state = new IndexState(options, PostMiniSearch.restore(indexOptions(POST_FIELDS), { documentCount, nextId, averageFieldLength }, documents, tree));
  const aliases = curatedAliases(options);
  if (content.aliases?.table !== aliasTableKey(aliases) || !state.aliases.load(content.aliases.lookup)) state.aliases.add(aliases);
  // The typo vocabulary and the loanword sound index are not saved: they follow from the counts
  // (every word some post holds in a word field), filed after the index starts serving. The
  // bilingual term map is fed the pairs saved per post below.
  const words: string[] = [];
  for (const [row, term] of terms.entries()) {
    const wordPosts = counts[2 * row]!;
    state.terms.restore(term, wordPosts, counts[2 * row + 1]!);
    if (wordPosts > 0) words.push(term);
  }
  state.defer(words, terms, postings);
  for (let slot = 0; slot < slots.length; slot++) {
    state.slots.push(slots[slot]);
    const post = slots[slot];
    if (!post) continue;
    state.slotOf.set(post, slot);
    state.live++;
    const pairs = mined.get(slot);
    if (pairs) state.minedFrom(slot, pairs);
  }
  return sampleMatches(state, (term) => postings[state.terms.rows.get(term) ?? -1]) ? state : undefined;
}

/**
 * True when a few posts analyze today exactly as the snapshot holds them (field lengths and term
 * frequencies, read where they lie in `postings`: the sampled posts hold the commonest terms,
 * whose maps are the largest to fill).
 */
function sampleMatches(state: IndexState, postingsOf: (term: string) => SavedTermPostings | undefined): boolean {
  const filled = [...state.slotOf.values()].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(filled.length / (VERIFIED_POSTS - 1)));
  const sample = new Set([...filled.filter((_, i) => i % step === 0).slice(0, VERIFIED_POSTS - 1), ...filled.slice(-1)]);
  for (const slot of sample) {
    const entry = state.postIndex.documentEntry(slot);
    if (!entry) return false;
    const fields = cappedFields(postTerms(state.slots[slot]!));
    for (let field = 0; field < fields.length; field++) {
      const frequencies = new Map<string, number>();
      for (const term of splitTerms(fields[field]!)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      if (entry.fieldLength[field] !== frequencies.size) return false;
      for (const [term, frequency] of frequencies) if (postingsOf(term)?.frequency(field, entry.shortId) !== frequency) return false;
    }
  }
  return true;
}

/** `limit` as a count of results (a missing one is the default; a negative one is 0). */
const resultLimit = (limit: number | undefined, fallback: number): number => Math.max(0, Math.floor(limit ?? fallback));


/**
 * The query terms a hit matched, read from its bits ({@link coverageFactors}): a class, so that a
 * hit asked of costs one small object and no closure.
 */
class MatchedBits {
  constructor(
    private readonly termBits: ReadonlyMap<string, number>,
    private readonly bits: number,
  ) {}

  has(term: string): boolean {
    const bit = this.termBits.get(term);
    return bit !== undefined && (this.bits & (1 << bit)) !== 0;
  }
}

/**
 * The coverage factor of a hit by the query terms it matched ({@link coverageAcceptor}; with `all`,
 * every unit must be covered), or undefined when it is dropped, with the units it misses.
 */
function coverageFactors(compiled: CompiledQuery, all: boolean): { factorOf: (result: ScoredResult) => { factor: number; missing: string[] } | undefined; termBit: ((term: string) => number) | undefined } {
  const unitCount = compiled.units.length;
  const allFree = compiled.units.every((unit) => unit.free);
  // A hit's score is scaled by the square of the share of the query's words it covers; below
  // what {@link coverageAcceptor} asks it is dropped. Posts that matched the same query terms get
  // the same factor, and thousands of posts share a few sets: the factor is weighed once per
  // set, keyed on the set (a bit per query term; the sorted terms when there are too many).
  const termBits = new Map<string, number>();
  for (const term of [...compiled.wordTerms.keys(), ...compiled.gramTerms.keys()]) if (!termBits.has(term)) termBits.set(term, termBits.size);
  const useBits = termBits.size <= 30;
  const factors = new Map<number | string, { factor: number; missing: string[] } | undefined>();
  // What the acceptor works out of the query alone is worked out once, on the first hit; per
  // coverage it only compares counts (cheaper than keying a memo on the coverage was).
  let accept: ((coverage: Coverage) => number | undefined) | undefined;
  // With bits, the scorer or's each matched term's bit into the hit (see IndexScorer.search).
  const bitOf = (term: string): number => {
    const bit = termBits.get(term);
    return bit === undefined ? 0 : 1 << bit;
  };
  const termBit = useBits ? bitOf : undefined;
  const coverageOfHit = useBits ? coverageOfBits(compiled, bitOf) : undefined;
  const factorOf = ({ queryTerms, termBits: matchedBits }: ScoredResult) => {
    const key: number | string = useBits ? matchedBits : [...queryTerms].sort().join(' ');
    if (factors.has(key)) return factors.get(key);
    const bits = key as number;
    const matched = useBits ? undefined : new Set(queryTerms);
    const coverage = allFree ? { covered: unitCount, coveredContent: unitCount, salientCovered: unitCount, missingRare: 0, coveredExact: unitCount } : coverageOfHit ? coverageOfHit(bits) : coverageOf(compiled, matched!);
    const factor = all ? (coverage.covered < unitCount ? undefined : 1) : (accept ??= coverageAcceptor(compiled))(coverage);
    // With bits the key is the set of matched terms already: asked of it, not of a new Set (and only when a unit is missing).
    const entry = factor === undefined ? undefined : { factor, missing: coverage.covered === unitCount ? [] : missingUnits(compiled, matched ?? new MatchedBits(termBits, bits)) };
    factors.set(key, entry);
    return entry;
  };
  return { factorOf, termBit };
}

/** A post that made the cut, with its score before and after weighing by coverage. */
interface Ranked {
  id: number;
  /** Position of the post in the list the index serves (the last tie-breaker). */
  rank: number;
  /** BM25 summed over the matched terms, times the square of the share of query words covered. */
  score: number;
  /** The same before the coverage factor (a tie-breaker). */
  raw: number;
  terms: string[];
  /** Labels of the query units not covered. */
  missing: string[];
}

/** Best first: score, then score before weighing, then the earlier post. */
const isBetter = (a: Ranked, b: Ranked): boolean => beats(a.score, a.raw, a.rank, b);

/** {@link isBetter} for a hit not made into an object yet. */
const beats = (score: number, raw: number, rank: number, b: Ranked): boolean => score > b.score || (score === b.score && (raw > b.raw || (raw === b.raw && rank < b.rank)));

/**
 * MiniSearch multiplies a document's summed score by the number of query terms it matched; the
 * coverage of the query's words is the better measure, so that factor is taken out again.
 */
const summedScore = (result: Pick<SearchResult, 'score' | 'queryTerms'>): number => result.score / Math.max(1, result.queryTerms.length);

/**
 * The search index over a list of posts. Build it, then either {@link update} it in place with
 * the posts that changed (one synchronous step: a query never sees half a change) or build a new
 * one; {@link reindex} picks. {@link snapshot} and {@link restore} carry it across a restart.
 */
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

  /**
   * The index for `posts` after a reload: `previous` updated in place when it was built with the
   * same options and at most `maxChanges` posts are added or removed (a changed post is both),
   * else a new index built in slices (`full` always builds). An update is synchronous from the
   * first change to the last: call this where the new catalog is swapped in, with nothing but
   * microtasks between its end and the swap, so no query sees the new index beside the old posts.
   * Before it, one turn of the event loop passes (the old index still serves the old posts).
   */
  static async reindex(previous: SearchIndex | undefined, posts: readonly Post[], options: ReindexIndexOptions = {}): Promise<{ index: SearchIndex; update?: IndexUpdate }> {
    if (previous && !options.full && previous.accepts(options)) {
      // The reload before this ran without a pause (a named change is a few ms of stat, read and
      // parse): a whole turn of the event loop in between lets waiting queries and timers run,
      // against the old posts and the old index still, instead of holding the loop for both in
      // one go. One setImmediate from an I/O callback resumes before the loop polls again.
      await yieldToEventLoop();
      await yieldToEventLoop();
      const changes = previous.changesFor(posts);
      if (changes.added.length + changes.removed.length <= (options.maxChanges ?? UPDATE_MAX_CHANGES)) return { index: previous, update: previous.apply(posts, changes) };
    }
    return { index: await SearchIndex.buildAsync(posts, options) };
  }

  /**
   * An index saved by {@link snapshot}, made to serve `posts`: slots whose post is unchanged are
   * kept, the others updated as {@link update} does (a post that changed since is removed as
   * it was, found by its key among `previousPosts`: the posts the snapshot was taken with, say
   * from the post cache). Undefined when the snapshot cannot give exactly what a build would:
   * another format, context or options, a changed post whose old version is not known, data of
   * the wrong shape, or sampled posts whose analysis no longer matches (a changed analyzer).
   */
  static restore(snapshot: { header: unknown; records: readonly unknown[] }, posts: readonly Post[], options: RestoreOptions): SearchIndex | undefined {
    try {
      const state = restoreState(snapshot, posts, options);
      if (!state) return undefined;
      const index = new SearchIndex(state);
      const changes = index.update(posts);
      if (changes.added + changes.removed === 0) index.restoredGeneration = index.generation;
      return index;
    } catch {
      return undefined;
    }
  }

  private readonly posts: readonly (Post | undefined)[];
  private readonly postIndex: PostMiniSearch;
  private readonly aliases: AliasLookup;
  private readonly vocabulary: Vocabulary;
  private readonly terms: TermTable;
  /** Scores queries over the post index as MiniSearch would, with less garbage (see scorer.ts); it follows the index's changes itself. */
  private readonly scorer: IndexScorer;
  /** Counts updates: a snapshot being written stops when the index changed under it. */
  private generation = 0;
  /** The generation in which {@link restore} made it exactly the snapshot it read (no post to add or remove). */
  private restoredGeneration: number | undefined;

  /** True while the index is exactly the snapshot it was restored from: saving it again would write the same. */
  get asSaved(): boolean {
    return this.restoredGeneration === this.generation;
  }

  /** @internal Use {@link SearchIndex.build}, {@link SearchIndex.buildAsync} or {@link SearchIndex.restore}. */
  constructor(private readonly state: IndexState) {
    this.posts = state.slots;
    this.postIndex = state.postIndex;
    this.aliases = state.lookup;
    this.vocabulary = state.vocabulary;
    this.terms = state.terms;
    this.scorer = new IndexScorer(this.postIndex);
  }

  /**
   * Makes the index serve `posts`: posts not indexed yet (by identity: a reload keeps the
   * objects of unchanged posts) are added, posts no longer in the list removed, ties ranked by
   * the new positions. Synchronous; afterwards it answers as a fresh build over `posts` does
   * (scores may differ in the last bits: MiniSearch keeps running averages of field lengths).
   */
  update(posts: readonly Post[]): IndexUpdate {
    return this.apply(posts, this.changesFor(posts));
  }

  /** Whether {@link update} can serve these options (else build anew). */
  accepts(options: SearchOptions): boolean {
    return optionsKey(options) === optionsKey(this.state.options);
  }

  /**
   * The posts to add and the slots to remove for `posts`. A reload changes a few posts and keeps
   * the others (the same objects, in the same order): walked beside the list last served, only
   * the differences are looked up. Otherwise (a restored index, a reordered list) the lists are
   * compared as sets, a lookup per post.
   */
  private changesFor(posts: readonly Post[]): IndexChanges {
    const { state } = this;
    const walked = state.served && diffInOrder(state.served, posts, state.held);
    if (walked) return { added: walked.added, removed: walked.removed.map((post) => state.slotOf.get(post)!), addedRanks: walked.addedRanks };
    const next = new Set(posts);
    const removed: number[] = [];
    for (const [post, slot] of state.slotOf) if (!next.has(post)) removed.push(slot);
    const added = [...next].filter((post) => !state.slotOf.has(post));
    return { added, removed, addedRanks: undefined };
  }

  private apply(posts: readonly Post[], changes: IndexChanges): IndexUpdate {
    const started = performance.now();
    for (const slot of changes.removed) {
      this.state.removePost(slot);
      this.passageCache.delete(slot);
    }
    for (const post of changes.added) this.state.addPost(post);
    // Kept posts keep their ranks when the walk could rank the new ones between them.
    if (changes.addedRanks) this.state.rankAdded(posts, changes.added, changes.addedRanks);
    else this.state.reorder(posts);
    if (changes.added.length + changes.removed.length > 0) this.generation++;
    return { added: changes.added.length, removed: changes.removed.length, ms: performance.now() - started };
  }

  /**
   * Files in slices what a restore left for later (the typo vocabulary, the loanword matcher),
   * yielding to the event loop between slices, so that the first query that guesses at a word
   * does not wait for them; one that comes before the end files the rest at once. Start-up calls
   * it once the restored index serves; a built index has nothing to file. The first slice waits
   * a turn too: called as the restore returns, it held the restart 8 ms before the index served.
   */
  async prepareDeferred(): Promise<void> {
    await yieldToEventLoop();
    for (;;) {
      const started = performance.now();
      while (performance.now() - started < SLICE_BUDGET_MS) if (this.state.fileDeferred(DEFERRED_WORDS_PER_STEP)) return;
      await yieldToEventLoop();
    }
  }

  /**
   * What {@link restore} needs, as plain data: a header, then one line per post and per term
   * (written out a few at a time, see `src/state/index-cache.ts`). `context` says what else the
   * posts depend on (the post cache's version, the site): restore takes only the same. `current`
   * turns false once the index changed after the snapshot was taken; a writer then stops.
   */
  snapshot(context: string): IndexSnapshot {
    const { state, postIndex } = this;
    const generation = this.generation;
    const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, context, options: optionsKey(state.options), counters: postIndex.counters() };
    function* records(): Generator<SnapshotRecord> {
      yield* [['aliases', { table: aliasTableKey(curatedAliases(state.options)), lookup: state.aliases.saved() }] as SnapshotRecord, new Int32Array(0)];
      let chunk: SnapshotPost[] = [];
      let numbers: number[] = [];
      for (const [slot, post] of state.slots.entries()) {
        if (!post) continue;
        const entry = postIndex.documentEntry(slot)!;
        chunk.push([slot, entry.shortId, postKey(post), state.mined.get(slot) ?? []]);
        numbers.push(...entry.fieldLength);
        if (chunk.length === SNAPSHOT_POSTS_PER_RECORD) {
          yield ['posts', chunk];
          yield Int32Array.from(numbers);
          [chunk, numbers] = [[], []];
        }
      }
      if (chunk.length > 0) yield* [['posts', chunk] as SnapshotRecord, Int32Array.from(numbers)];
      let terms: string[] = [];
      numbers = [];
      // Each term's row, by the map the tree holds for it: the tree's shape names terms by row.
      const rows = new Map<TermPostings, number>();
      for (const [term, posts, anyPosts] of state.terms.held()) {
        terms.push(term);
        numbers.push(posts, anyPosts);
        const data = postIndex.appendPostings(term, numbers);
        if (data) rows.set(data, rows.size);
        else rows.set(new Map(), rows.size); // keeps the rows counting terms; the tree then lacks the row, and a restore builds anew
        if (terms.length === SNAPSHOT_TERMS_PER_RECORD) {
          yield ['terms', terms];
          yield Int32Array.from(numbers);
          [terms, numbers] = [[], []];
        }
      }
      if (terms.length > 0) yield* [['terms', terms] as SnapshotRecord, Int32Array.from(numbers)];
      // Undefined when the tree holds a term the counts do not: without its tree a snapshot is not restored (built anew).
      const tree = postIndex.treeShape((data) => rows.get(data));
      if (tree) yield* [['tree', tree.edges] as SnapshotRecord, tree.shape];
    }
    return { header, records: records(), current: () => this.generation === generation };
  }

  private readonly documentFrequency = (term: string): number => this.terms.documentFrequency(term);

  private readonly hasTerm = (term: string): boolean => this.terms.has(term);

  private readonly nearLatin = (term: string, distance: number): Iterable<string> => this.vocabulary.latin.near(term, distance);

  private readonly jamoNeighbours = (word: string): readonly string[] => this.vocabulary.hangul.neighbours(word);

  private readonly loanwords = (): LoanwordMatcher => this.state.loanwords;

  /** Analyzed passages of posts that candidates for an answer lately; bounded, oldest dropped first. */
  private readonly passageCache = new Map<number, PostPassages>();

  private termStatistics() {
    return {
      nearLatin: this.nearLatin,
      loanwords: this.loanwords,
      jamoNeighbours: this.jamoNeighbours,
      hasTerm: this.hasTerm,
      documentFrequency: this.documentFrequency,
      documentCount: this.state.live,
    };
  }

  /**
   * Every structure derived from the posts, as plain data: the property test compares an updated
   * or restored index with a fresh build by it, so a structure an update forgot to follow shows
   * even where no query of the test set happens to reach it. Builds the loanword matcher of a
   * restored index. @internal
   */
  describeDerived(): Record<string, unknown> {
    return {
      terms: [...this.terms.held()].map(([term, posts, anyPosts]) => `${term} ${posts} ${anyPosts}`).sort(),
      latinVocabulary: this.vocabulary.latin.describe(),
      hangulVocabulary: this.vocabulary.hangul.describe(),
      loanwords: this.state.loanwords.describe(),
      bilingual: this.state.bilingual.describe(),
      live: this.state.live,
    };
  }

  /** Number of posts indexed. */
  get size(): number {
    return this.state.live;
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
    // Passages are ranked among the candidate posts only, which keeps the main build fast and
    // makes term weights local to the posts that matter (passage-scorer.ts: as an index over them would).
    const bestPostScore = candidates[0]!.score;
    const sources: { source: PassageSource; postWeight: number }[] = [];
    const tables = candidates.map((candidate) => {
      const { sources: postSources, table } = this.passagesOfPost(candidate.id);
      for (const source of postSources) sources.push({ source, postWeight: candidate.score / bestPostScore });
      return table;
    });
    const unitCount = compiled.units.length;
    const required = Math.max(1, Math.ceil(unitCount * 0.5));
    const ranked = rankPassages(tables, PASSAGE_FIELDS, subqueries(compiled, PASSAGE_WORD_FIELDS, PASSAGE_GRAM_FIELDS), PASSAGE_BOOSTS)
      .map((result) => {
        const covered = coveredUnits(compiled, new Set(result.queryTerms));
        const { source, postWeight } = sources[result.id]!;
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

  private passagesOfPost(postIndex: number): PostPassages {
    const cached = this.passageCache.get(postIndex);
    if (cached) return cached;
    const post = this.posts[postIndex]!;
    const titleText = cappedText(termsOf(post.title).words, MAX_TERM_REPEATS);
    const sources = passagesOf(post, postIndex);
    const entry = { sources, table: PassageTable.of(sources.map((source) => preparePassage(source, titleText)), PASSAGE_FIELDS.length) };
    if (this.passageCache.size >= PASSAGE_CACHE_POSTS) this.passageCache.delete(this.passageCache.keys().next().value!);
    this.passageCache.set(postIndex, entry);
    return entry;
  }

  /**
   * Runs a compiled query over the posts and keeps the best `limit` hits that cover enough of it
   * ({@link coverageAcceptor}; with `all`, every unit, as title autocomplete wants).
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
    const { factorOf, termBit } = coverageFactors(compiled, all);
    // The best `limit` hits, best first, kept as MiniSearch reports them. Its own order is by its
    // score, not ours, so its filter is where hits are taken, and it is left nothing to sort.
    const best: Ranked[] = [];
    const take = (result: ScoredResult): void => {
      const id = result.id;
      if (filter && !filter(this.posts[id]!)) return;
      const weighed = factorOf(result);
      if (weighed === undefined) return;
      const raw = summedScore(result);
      const score = raw * weighed.factor;
      const rank = this.state.order[id]!;
      // Most hits do not make the cut once it is full: no object for those.
      if (best.length >= limit && !beats(score, raw, rank, best[best.length - 1]!)) return;
      const hit: Ranked = { id, rank, score, raw, terms: result.queryTerms, missing: weighed.missing };
      let at = best.length;
      while (at > 0 && isBetter(hit, best[at - 1]!)) at--;
      best.splice(at, 0, hit);
      if (best.length > limit) best.pop();
    };
    // The scores MiniSearch's search would give, without its per-term allocations (scorer.ts).
    this.scorer.search(subqueries(compiled, wordFields, gramFields, SMALL_FIELDS), POST_BOOSTS, take, termBit);
    return best;
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
