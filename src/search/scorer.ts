/**
 * MiniSearch's own search over its own index, without its allocations: the same BM25+ scores,
 * summed in the same order, for the same subqueries, read from the index MiniSearch built.
 *
 * Why: `MiniSearch.search` builds, for every query term, a boost object by spreading one field
 * at a time, and for every matching (post, term) a result object with a `match` record, then
 * merges those maps term by term. On the real blog that was most of a query's time and of its
 * garbage (measured in bench/query-tails.ts, see docs/architecture.md). Here the scores go into
 * typed arrays reused across queries, and one small object is made per matching post.
 *
 * Exactness: the scores are the very floating-point numbers MiniSearch computes (same formula,
 * same additions in the same order: derived term, field, post; then term by term; then subquery
 * by subquery), and posts are reported in the order MiniSearch reports them; scorer.test.ts
 * compares the two on the relevance sets. It reads MiniSearch's internal fields (`_index`,
 * `_fieldIds`, `_fieldLength`, `_avgFieldLength`, `_documentCount`, `_documentIds`), which
 * minisearch 7.2 has, pinned in package.json; {@link IndexScorer} checks them when it is made and
 * throws if an upgrade moved them, rather than scoring wrongly.
 *
 * It follows the index as it changes (added posts grow the buffers on the next query; a
 * discarded post is skipped and its postings cleaned as MiniSearch does), so nothing here needs
 * rebuilding on a reindex.
 */
import type MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/** One subquery: terms searched in the same fields, as MiniSearch's `Query` object holds it. */
export interface Subquery {
  /** Terms joined by spaces (MiniSearch splits them again with the index's tokenizer, which splits on spaces). */
  queries: [string];
  fields: string[];
  prefix?: (term: string) => boolean;
  boostTerm?: (term: string) => number;
}

/** A matching post as MiniSearch's `search` would report it (the fields the index uses). */
export interface ScoredResult {
  id: number;
  /** The summed score times the number of query terms matched, as MiniSearch reports it. */
  score: number;
  /** The query terms that matched, in the order MiniSearch lists them. */
  queryTerms: string[];
  /** The `termBit`s of those terms or'ed together (0 when the search was given none). */
  termBits: number;
}

type Postings = Map<number, number>;
type TermData = Map<number, Postings>;
/** A node of MiniSearch's radix tree: edge label → child, and `''` → the term's data. */
type TreeNode = Map<string, TreeNode | TermData>;
const LEAF = '';

/** The internal state of a MiniSearch 7.2 index this module reads. */
interface Internals {
  _index: { _tree: TreeNode; get(term: string): TermData | undefined; atPrefix(prefix: string): Iterable<[string, TermData]> };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _nextId: number;
  _options: { searchOptions: { weights?: { prefix?: number }; bm25?: { k: number; b: number; d: number } } };
  removeTerm(fieldId: number, documentId: number, term: string): void;
}

/** MiniSearch's defaults where its options leave them out. */
const DEFAULT_PREFIX_WEIGHT = 0.375;
const DEFAULT_BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Per-post sums of one level (a term, a subquery, the query), reset by epoch rather than cleared. */
class Level {
  sums = new Float64Array(0);
  stamps = new Int32Array(0);
  touched: number[] = [];
  epoch = 0;

  reset(size: number): void {
    if (this.sums.length < size) {
      this.sums = new Float64Array(size * 2);
      this.stamps = new Int32Array(size * 2);
      this.epoch = 0;
    }
    this.epoch++;
    this.touched.length = 0;
  }

  add(doc: number, value: number): void {
    if (this.stamps[doc] === this.epoch) this.sums[doc]! += value;
    else {
      this.stamps[doc] = this.epoch;
      this.sums[doc] = value;
      this.touched.push(doc);
    }
  }

  /** Adds this level's sums into `into`, in the order posts first appeared here. */
  addInto(into: Level): void {
    for (const doc of this.touched) into.add(doc, this.sums[doc]!);
  }
}

/** Nodes with more children than this get a first-character index (the root holds one child per first syllable). */
const WIDE_NODE = 16;

/**
 * Finds terms in MiniSearch's radix tree as `SearchableMap.get` and `atPrefix` do, without their
 * scan over a node's children: the root of a Korean index has a child per first syllable (some
 * 2,000), and every lookup compared the term with them one by one. The children of a node start
 * with distinct characters, so wide nodes get a map from first character to child. Such a map
 * is rebuilt when its node changed size, or when the child it names is gone (an edge split).
 */
class TreeWalker {
  private readonly firsts = new WeakMap<TreeNode, { size: number; edges: Map<string, string> }>();

  constructor(private readonly root: () => TreeNode) {}

  /** The term's data, or undefined (as `SearchableMap.get`). */
  get(term: string): TermData | undefined {
    let node = this.root();
    for (let at = 0; at < term.length; ) {
      const edge = this.edgeAt(node, term, at);
      if (edge === undefined || !term.startsWith(edge, at)) return undefined;
      node = node.get(edge) as TreeNode;
      at += edge.length;
    }
    return node.get(LEAF) as TermData | undefined;
  }

  /** The terms starting with `prefix` and their data, in `SearchableMap.atPrefix` order. */
  atPrefix(prefix: string): Iterable<[string, TermData]> {
    let node = this.root();
    for (let at = 0; at < prefix.length; ) {
      const edge = this.edgeAt(node, prefix, at);
      if (edge === undefined) return [];
      if (!prefix.startsWith(edge, at)) {
        // The prefix ends inside this edge: its subtree, under the rest of the edge.
        const rest = prefix.slice(at);
        return edge.startsWith(rest) ? new SearchableMap<TermData>(new Map([[edge.slice(rest.length), node.get(edge)]]) as never, prefix) : [];
      }
      node = node.get(edge) as TreeNode;
      at += edge.length;
    }
    return new SearchableMap<TermData>(node as never, prefix);
  }

  /** The child edge of `node` starting with `text[at]`, if any. */
  private edgeAt(node: TreeNode, text: string, at: number): string | undefined {
    const first = text[at]!;
    if (node.size <= WIDE_NODE) {
      for (const key of node.keys()) if (key !== LEAF && key[0] === first) return key;
      return undefined;
    }
    let known = this.firsts.get(node);
    if (known === undefined || known.size !== node.size) known = this.index(node);
    let edge = known.edges.get(first);
    if (edge !== undefined && !node.has(edge)) edge = this.index(node).edges.get(first);
    return edge;
  }

  private index(node: TreeNode): { size: number; edges: Map<string, string> } {
    const edges = new Map<string, string>();
    for (const key of node.keys()) if (key !== LEAF) edges.set(key[0]!, key);
    const known = { size: node.size, edges };
    this.firsts.set(node, known);
    return known;
  }
}

/** Scores subqueries against one MiniSearch index the way its `search` does (see the module comment). */
export class IndexScorer {
  private readonly index: Internals;
  private readonly term = new Level();
  private readonly sub = new Level();
  private readonly total = new Level();
  /** Query terms matched per post (indexed by MiniSearch's short id), valid for posts of `total`. */
  private terms: string[][] = [];
  /** Their bits per post (see {@link ScoredResult.termBits}), valid alike. */
  private bits = new Int32Array(0);
  private readonly tree: TreeWalker;
  /** Field lengths by field id and short id ({@link lengthsOf}). */
  private readonly knownLengths: Int32Array[] = [];
  private lengthsFrom: Map<number, number[]> | undefined;

  constructor(index: MiniSearch<never> | MiniSearch<any>) {
    const internals = index as unknown as Internals;
    const shaped =
      internals._index?._tree instanceof Map &&
      internals._fieldLength instanceof Map &&
      internals._documentIds instanceof Map &&
      Array.isArray(internals._avgFieldLength) &&
      typeof internals._documentCount === 'number' &&
      typeof internals.removeTerm === 'function';
    if (!shaped) throw new Error('IndexScorer: this MiniSearch version keeps its index elsewhere (written for minisearch 7.2)');
    this.index = internals;
    this.tree = new TreeWalker(() => internals._index._tree);
  }

  /**
   * Runs the subqueries (OR-combined, as `search({ combineWith: 'OR', queries }, { boost })`)
   * and calls `take` for every matching post, in MiniSearch's order. `termBit`: a bit per query
   * term, or'ed per post into {@link ScoredResult.termBits} (the caller keys on the set of terms a
   * post matched; a bit per term once per term is cheaper than a lookup per term per post).
   */
  search(subqueries: readonly Subquery[], boost: Readonly<Record<string, number>>, take: (result: ScoredResult) => void, termBit?: (term: string) => number): void {
    const size = this.index._nextId;
    this.total.reset(size);
    if (this.bits.length < size) this.bits = new Int32Array(size * 2);
    for (const subquery of subqueries) this.runSubquery(subquery, boost, size, termBit);
    for (const doc of this.total.touched) {
      const queryTerms = this.terms[doc]!;
      take({ id: this.index._documentIds.get(doc) as number, score: this.total.sums[doc]! * (queryTerms.length || 1), queryTerms, termBits: this.bits[doc]! });
    }
  }

  private runSubquery(subquery: Subquery, boost: Readonly<Record<string, number>>, size: number, termBit: ((term: string) => number) | undefined): void {
    // As MiniSearch: a field's boost, 1 when absent (or 0).
    const fields = subquery.fields.map((field) => ({ id: this.index._fieldIds[field]!, boost: (Object.hasOwn(boost, field) ? boost[field] : undefined) || 1 }));
    const prefixWeight = this.index._options.searchOptions.weights?.prefix ?? DEFAULT_PREFIX_WEIGHT;
    this.sub.reset(size);
    for (const term of subquery.queries[0].split(' ')) {
      if (!term) continue;
      const termBoost = subquery.boostTerm ? subquery.boostTerm(term) : 1;
      const source = { term, bit: termBit ? termBit(term) : 0 };
      this.term.reset(size);
      this.scoreTerm(source, term, 1, termBoost, fields);
      if (subquery.prefix?.(term)) {
        for (const [derived, data] of this.tree.atPrefix(term)) {
          const distance = derived.length - term.length;
          if (!distance) continue;
          this.scoreTerm(source, derived, (prefixWeight * derived.length) / (derived.length + 0.3 * distance), termBoost, fields, data);
        }
      }
      this.term.addInto(this.sub);
    }
    this.sub.addInto(this.total);
  }

  /** One derived term's postings into the term level (MiniSearch's `termResults`). */
  private scoreTerm(source: { term: string; bit: number }, derived: string, weight: number, termBoost: number, fields: readonly { id: number; boost: number }[], data = this.tree.get(derived)): void {
    if (data === undefined) return;
    const { k, b, d } = this.index._options.searchOptions.bm25 ?? DEFAULT_BM25;
    const { _documentIds: live, _fieldLength: lengths, _avgFieldLength: averages, _documentCount: count } = this.index;
    for (const field of fields) {
      const postings = data.get(field.id);
      if (postings === undefined) continue;
      const known = this.lengthsOf(field.id);
      let matching = postings.size;
      let idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
      const average = averages[field.id]!;
      // MiniSearch's weight times its document boost (1), in its order of multiplication.
      const scale = weight * termBoost * field.boost;
      // forEach, not for-of: no [doc, frequency] pair per posting.
      postings.forEach((frequency, doc) => {
        if (!live.has(doc)) {
          // A discarded post: cleaned and no longer counted, from here on, exactly as MiniSearch does.
          this.index.removeTerm(field.id, doc, derived);
          matching -= 1;
          idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
          return;
        }
        let length = known[doc]!;
        if (length === 0) known[doc] = length = lengths.get(doc)![field.id]!;
        const raw = idf * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / average)));
        this.noteTerm(doc, source);
        this.term.add(doc, scale * raw);
      });
    }
  }

  /**
   * The field's length of each post by short id, 0 until first read (a post in a field's postings
   * has at least one term there). MiniSearch sets a post's lengths when it adds it and never
   * changes them (an update gives a new short id), so a length once read stays right; this
   * saves a map lookup per posting.
   */
  private lengthsOf(fieldId: number): Int32Array {
    // removeAll starts short ids again from 0 with a new map: what was read no longer holds.
    if (this.lengthsFrom !== this.index._fieldLength) {
      this.knownLengths.length = 0;
      this.lengthsFrom = this.index._fieldLength;
    }
    const size = this.index._nextId;
    let known = this.knownLengths[fieldId];
    if (known === undefined || known.length < size) {
      const grown = new Int32Array(Math.max(64, size * 2));
      if (known) grown.set(known);
      this.knownLengths[fieldId] = known = grown;
    }
    return known;
  }

  /** Records that the source term matched `doc`, once, in the order MiniSearch would list it. */
  private noteTerm(doc: number, { term, bit }: { term: string; bit: number }): void {
    if (this.total.stamps[doc] !== this.total.epoch && this.sub.stamps[doc] !== this.sub.epoch && this.term.stamps[doc] !== this.term.epoch) {
      // Not seen yet in this query: the list from an earlier query is stale.
      this.terms[doc] = [term];
      this.bits[doc] = bit;
      return;
    }
    const list = this.terms[doc]!;
    if (!list.includes(term)) list.push(term);
    this.bits[doc]! |= bit;
  }
}
