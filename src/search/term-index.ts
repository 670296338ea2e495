/**
 * A compact inverted index over terms analyzed beforehand, scored like MiniSearch.
 *
 * Why not MiniSearch itself: it keeps a term's postings as a Map of fields to Maps of documents,
 * in a radix tree it walks for every token added, and a search allocates an object per matching
 * document and term. At 10,000 posts that made the build take 20 s and 150 MB of heap (57 % of
 * the build time was MiniSearch's `add`), and a query on a common word spend its time allocating.
 * Here a term's postings are one typed array of numbers; the dictionary is a hash map; a search adds
 * scores into typed arrays it reuses.
 *
 * Scoring is MiniSearch's (7.x): BM25+ with k 1.2, b 0.7, d 0.5 per field; a field's length is its
 * number of distinct terms; a document's score is the sum over query terms, fields and prefix
 * expansions of weight · term boost · field boost · BM25+; a prefix expansion `term + n letters`
 * weighs `prefixWeight · length / (length + 0.3 n)`. So rankings are the ones MiniSearch gave.
 *
 * Non-goals: removing or replacing documents (the bot rebuilds on reindex), fuzzy matching (typos
 * are corrected before the query reaches the index), stored fields.
 */

/** BM25+ parameters, MiniSearch's defaults. */
const BM25_K = 1.2;
const BM25_B = 0.7;
const BM25_D = 0.5;

/** Low bits of a posting's key hold the field; the rest the document. */
const FIELD_BITS = 4;
const FIELD_MASK = (1 << FIELD_BITS) - 1;
/** Keys stay small integers (fast, compact arrays) up to this many documents. */
const MAX_DOCUMENTS = 2 ** (31 - FIELD_BITS) - 1;

/** One term of the dictionary. */
class TermEntry {
  /**
   * Pairs (document << FIELD_BITS | field, occurrences), in the order documents were added; the
   * first `length` numbers are used. A typed array: 4 bytes a number instead of 8, and memory the
   * garbage collector neither scans nor copies (at 10,000 posts there are 7 million numbers).
   */
  postings = new Int32Array(2);
  length = 0;
  /** Documents holding the term in one of the counted fields (see {@link TermIndexOptions.countedFields}). */
  countedDocuments = 0;
  lastCountedDocument = -1;
}

/** Options of a {@link TermIndex}. */
export interface TermIndexOptions {
  /** Fields whose documents {@link TermIndex.documentFrequency} counts (default: all). */
  countedFields?: readonly string[];
  /**
   * Per field, occurrences of a term beyond this many are not counted (default: all). BM25
   * saturates, so later repeats change little; 1 makes a field a set of terms. A field's length
   * (its number of distinct terms) is unaffected.
   */
  maxFrequency?: Readonly<Record<string, number>>;
  /** Called when a term is added for the first time (to build side indexes without a lookup per token). */
  onNewTerm?: (term: string) => void;
}

/** One group of query terms searched in the same fields. */
export interface TermQuery {
  terms: readonly string[];
  fields: readonly string[];
  /** Also match the index's terms that start with this term. */
  prefix?: (term: string) => boolean;
  /** Weight of the term (default 1). */
  boostTerm?: (term: string) => number;
}

/** The query terms a document matched, as {@link TermSearchOptions.weigh} sees them. */
export interface MatchedTerms {
  has(term: string): boolean;
}

/** Options of {@link TermIndex.search}. */
export interface TermSearchOptions {
  /** Weight per field name (default 1; 0 counts as 1, as in MiniSearch). */
  boost?: Readonly<Record<string, number>>;
  /** Weight of a prefix expansion against the exact term (MiniSearch's default 0.375). */
  prefixWeight?: number;
  /** Only documents for which this returns true. */
  filter?: (document: number) => boolean;
  /**
   * A factor for the score of the documents that matched these query terms, or `undefined` to
   * drop them (e.g. too few of the query's words). Called once per distinct set of matched terms,
   * not per document, so it may be costly; `matched` is only valid during the call.
   */
  weigh?: (matched: MatchedTerms) => number | undefined;
  /** Most hits to return (default: all). */
  limit?: number;
}

/** A matching document. */
export interface TermHit {
  /** The number {@link TermIndex.add} returned for the document. */
  id: number;
  /** BM25+ summed over the query's terms, times the factor {@link TermSearchOptions.weigh} gave. */
  score: number;
  /** The query terms (not their prefix expansions) the document matched. */
  queryTerms: string[];
}

/** An inverted index of documents made of fields of analyzed terms. Documents are only added. */
export class TermIndex {
  private readonly fieldIds = new Map<string, number>();
  private readonly countedFieldMask: number;
  private readonly maxFrequency: number[];
  private readonly onNewTerm: ((term: string) => void) | undefined;
  private readonly dictionary = new Map<string, TermEntry>();
  /** Terms by their first one and first two characters, for prefix expansion. */
  private readonly prefixBuckets = new Map<string, string[]>();
  /** Distinct terms per document and field, `document * fieldCount + field`. */
  private readonly fieldLengths: number[] = [];
  private readonly totalFieldLengths: number[];
  private documents = 0;

  // Scratch space of `search`, kept between calls so that a query allocates little.
  private scores = new Float64Array(0);
  private weighted = new Float64Array(0);
  private matchedBits = new Uint32Array(0);
  private touched = new Int32Array(0);

  constructor(
    readonly fields: readonly string[],
    options: TermIndexOptions = {},
  ) {
    if (fields.length > FIELD_MASK + 1) throw new Error(`TermIndex: at most ${FIELD_MASK + 1} fields`);
    fields.forEach((field, id) => this.fieldIds.set(field, id));
    this.totalFieldLengths = fields.map(() => 0);
    let mask = 0;
    for (const field of options.countedFields ?? fields) {
      const id = this.fieldIds.get(field);
      if (id === undefined) throw new Error(`TermIndex: unknown counted field "${field}"`);
      mask |= 1 << id;
    }
    this.countedFieldMask = mask;
    this.maxFrequency = fields.map((field) => options.maxFrequency?.[field] ?? Infinity);
    this.onNewTerm = options.onNewTerm;
  }

  /** Number of documents added. */
  get documentCount(): number {
    return this.documents;
  }

  /** Number of distinct terms. */
  get termCount(): number {
    return this.dictionary.size;
  }

  /**
   * Adds a document: its terms per field, in the order of {@link fields} (a missing field is
   * empty). Returns its id: 0 for the first document, then 1, 2, ...
   */
  add(fieldTerms: readonly (readonly string[] | undefined)[]): number {
    const document = this.documents;
    if (document >= MAX_DOCUMENTS) throw new Error(`TermIndex: at most ${MAX_DOCUMENTS} documents`);
    const fieldCount = this.fields.length;
    for (let field = 0; field < fieldCount; field++) {
      const terms = fieldTerms[field] ?? [];
      const key = (document << FIELD_BITS) | field;
      const counted = (this.countedFieldMask >> field) & 1;
      const maxFrequency = this.maxFrequency[field]!;
      let distinct = 0;
      for (const term of terms) {
        let entry = this.dictionary.get(term);
        if (entry === undefined) {
          entry = new TermEntry();
          this.dictionary.set(term, entry);
          this.addToPrefixBuckets(term);
          this.onNewTerm?.(term);
        }
        const length = entry.length;
        // Fields are added one after the other, so this document's entry for this field, if
        // any, is the last one.
        if (length > 0 && entry.postings[length - 2] === key) {
          if (entry.postings[length - 1]! < maxFrequency) entry.postings[length - 1]!++;
        } else {
          if (length === entry.postings.length) {
            const grown = new Int32Array(length * 2);
            grown.set(entry.postings);
            entry.postings = grown;
          }
          entry.postings[length] = key;
          entry.postings[length + 1] = 1;
          entry.length = length + 2;
          distinct++;
        }
        if (counted && entry.lastCountedDocument !== document) {
          entry.lastCountedDocument = document;
          entry.countedDocuments++;
        }
      }
      this.fieldLengths.push(distinct);
      this.totalFieldLengths[field]! += distinct;
    }
    this.documents++;
    return document;
  }

  /** True when some document holds this exact term. */
  has(term: string): boolean {
    return this.dictionary.has(term);
  }

  /** Number of documents holding this exact term in a counted field. */
  documentFrequency(term: string): number {
    return this.dictionary.get(term)?.countedDocuments ?? 0;
  }

  /** The index's terms that start with `prefix` (the prefix itself included when it is a term). */
  withPrefix(prefix: string): string[] {
    if (prefix.length === 0) return [];
    const bucket = this.prefixBuckets.get(prefix.slice(0, 2));
    if (!bucket) return [];
    return prefix.length <= 2 ? bucket.slice() : bucket.filter((term) => term.startsWith(prefix));
  }

  /**
   * Documents matching any of the queries' terms, best first (ties: higher score before the
   * weighing, then lower id). Scores of all queries add up, as in MiniSearch's `combineWith: 'OR'`.
   */
  search(queries: readonly TermQuery[], options: TermSearchOptions = {}): TermHit[] {
    const queryTerms: string[] = [];
    const termNumbers = new Map<string, number>();
    for (const query of queries) {
      for (const term of query.terms) {
        if (!termNumbers.has(term)) {
          termNumbers.set(term, queryTerms.length);
          queryTerms.push(term);
        }
      }
    }
    if (queryTerms.length === 0 || this.documents === 0) return [];
    const words = Math.ceil(queryTerms.length / 32);
    this.prepareScratch(words);
    const { scores, matchedBits, touched } = this;
    let touchedCount = 0;

    const fieldCount = this.fields.length;
    const averageLengths = this.totalFieldLengths.map((total) => total / this.documents);
    const fieldBoosts = new Float64Array(fieldCount);
    const fieldDocuments = new Int32Array(fieldCount);
    const prefixWeight = options.prefixWeight ?? 0.375;
    const documentCount = this.documents;

    const addTerm = (entry: TermEntry | undefined, number: number, weight: number): void => {
      if (entry === undefined) return;
      const { postings, length } = entry;
      // BM25's document frequency is per field: count first, then score.
      fieldDocuments.fill(0);
      for (let i = 0; i < length; i += 2) fieldDocuments[postings[i]! & FIELD_MASK]!++;
      const word = number >>> 5;
      const bit = 1 << (number & 31);
      for (let i = 0; i < length; i += 2) {
        const key = postings[i]!;
        const field = key & FIELD_MASK;
        const fieldBoost = fieldBoosts[field]!;
        if (fieldBoost === 0) continue;
        const document = key >>> FIELD_BITS;
        const frequency = postings[i + 1]!;
        const matching = fieldDocuments[field]!;
        const inverseDocumentFrequency = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
        const lengthRatio = this.fieldLengths[document * fieldCount + field]! / averageLengths[field]!;
        const raw = inverseDocumentFrequency * (BM25_D + (frequency * (BM25_K + 1)) / (frequency + BM25_K * (1 - BM25_B + BM25_B * lengthRatio)));
        const bitsAt = document * words + word;
        if (scores[document] === 0 && !this.isTouched(document, words)) touched[touchedCount++] = document;
        scores[document]! += weight * fieldBoost * raw;
        matchedBits[bitsAt]! |= bit;
      }
    };

    for (const query of queries) {
      fieldBoosts.fill(0);
      for (const field of query.fields) {
        const id = this.fieldIds.get(field);
        if (id !== undefined) fieldBoosts[id] = options.boost?.[field] || 1;
      }
      for (const term of query.terms) {
        const number = termNumbers.get(term)!;
        const termBoost = query.boostTerm?.(term) ?? 1;
        addTerm(this.dictionary.get(term), number, termBoost);
        if (query.prefix?.(term)) {
          for (const longer of this.withPrefix(term)) {
            const extra = longer.length - term.length;
            if (extra === 0) continue;
            addTerm(this.dictionary.get(longer), number, ((prefixWeight * longer.length) / (longer.length + 0.3 * extra)) * termBoost);
          }
        }
      }
    }

    const { weighted } = this;
    const limit = options.limit ?? Infinity;
    /** Best documents so far, best first; at most `limit` of them. */
    const best: number[] = [];
    const isBetter = (a: number, b: number): boolean =>
      weighted[a]! > weighted[b]! || (weighted[a] === weighted[b] && (scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b)));
    // Documents that matched the same terms get the same factor: many documents, few distinct sets.
    const factors = new Map<number | string, number | undefined>();
    let current = 0;
    const matched: MatchedTerms = {
      has: (term) => {
        const number = termNumbers.get(term);
        return number !== undefined && (matchedBits[current * words + (number >>> 5)]! & (1 << (number & 31))) !== 0;
      },
    };
    const factorOf = (document: number): number | undefined => {
      if (!options.weigh) return 1;
      const key = words === 1 ? matchedBits[document]! : matchedBits.subarray(document * words, document * words + words).join(',');
      if (factors.has(key)) return factors.get(key);
      current = document;
      const factor = options.weigh(matched);
      factors.set(key, factor);
      return factor;
    };
    try {
      for (let t = 0; t < touchedCount; t++) {
        const document = touched[t]!;
        if (options.filter && !options.filter(document)) continue;
        const factor = factorOf(document);
        if (factor === undefined) continue;
        weighted[document] = scores[document]! * factor;
        if (limit === Infinity) {
          best.push(document);
          continue;
        }
        if (best.length >= limit && !isBetter(document, best[best.length - 1]!)) continue;
        let at = best.length;
        while (at > 0 && isBetter(document, best[at - 1]!)) at--;
        best.splice(at, 0, document);
        if (best.length > limit) best.pop();
      }
      if (limit === Infinity) best.sort((a, b) => (isBetter(a, b) ? -1 : isBetter(b, a) ? 1 : 0));
      return best.map((document) => {
        const terms: string[] = [];
        for (let number = 0; number < queryTerms.length; number++) {
          if (matchedBits[document * words + (number >>> 5)]! & (1 << (number & 31))) terms.push(queryTerms[number]!);
        }
        return { id: document, score: weighted[document]!, queryTerms: terms };
      });
    } finally {
      // The scratch space must be clean for the next search, even when a callback threw.
      for (let t = 0; t < touchedCount; t++) {
        const document = touched[t]!;
        scores[document] = 0;
        weighted[document] = 0;
        matchedBits.fill(0, document * words, document * words + words);
      }
    }
  }

  /** A document with a zero score so far may still have been touched (a zero weight). */
  private isTouched(document: number, words: number): boolean {
    for (let w = 0; w < words; w++) if (this.matchedBits[document * words + w] !== 0) return true;
    return false;
  }

  private prepareScratch(words: number): void {
    if (this.scores.length < this.documents) {
      this.scores = new Float64Array(this.documents);
      this.weighted = new Float64Array(this.documents);
      this.touched = new Int32Array(this.documents);
    }
    if (this.matchedBits.length < this.documents * words) this.matchedBits = new Uint32Array(this.documents * words);
  }

  private addToPrefixBuckets(term: string): void {
    const first = term.slice(0, 1);
    const bucketOne = this.prefixBuckets.get(first);
    if (bucketOne) bucketOne.push(term);
    else this.prefixBuckets.set(first, [term]);
    if (term.length >= 2) {
      const firstTwo = term.slice(0, 2);
      const bucketTwo = this.prefixBuckets.get(firstTwo);
      if (bucketTwo) bucketTwo.push(term);
      else this.prefixBuckets.set(firstTwo, [term]);
    }
  }
}
