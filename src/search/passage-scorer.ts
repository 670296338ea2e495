/**
 * Ranks the passages of a few posts as a MiniSearch index over just those passages would, from
 * tables made once per post instead of an index built per question.
 *
 * Why: `answer` ranks passages among its candidate posts only, so that term weights are local to
 * the posts that matter. It built a fresh MiniSearch over their passages for every call, and one
 * question calls it many times (rewordings, retries, translations, names): adding the passages
 * was most of what /ask cost. The BM25+ statistics of such an index are sums over its posts (the
 * number of passages, and per term and field the passages holding it), and a post's passages
 * are the same whatever posts come with it, so each post's postings are counted once and only
 * the query's terms are merged per call.
 *
 * Exactness: the scores are the very floating-point numbers MiniSearch 7.2 computes for an index
 * whose documents are the tables' passages in order (ids 0, 1, ...; each field's text split on
 * spaces, as the passage index's tokenizer does): same formula and parameters, field lengths as
 * distinct tokens, average field lengths as the running averages its `add` keeps, additions in
 * its order (field, passage; term by term; subquery by subquery), results in its order (its
 * stable sort by score). passage-scorer.test.ts compares the two. Exact terms only: a subquery
 * asking for prefix matches throws (`answer` compiles its questions without them).
 */
import type { Subquery } from './scorer.ts';

/** MiniSearch's default BM25+ parameters, which the passage index keeps. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** One post's passages, counted once: field lengths and per term where it occurs how often. */
export class PassageTable {
  private constructor(
    /** Number of passages. */
    readonly count: number,
    /** Distinct tokens per passage and field, at `passage * fieldCount + field`. */
    readonly lengths: Int32Array,
    /** Term → per field id, (passage, frequency) pairs by passage. */
    readonly postings: Map<string, number[][]>,
  ) {}

  /** The table of passages given as their fields' texts (terms joined by spaces), fields in the index's order. */
  static of(passages: readonly (readonly string[])[], fieldCount: number): PassageTable {
    const lengths = new Int32Array(passages.length * fieldCount);
    const postings = new Map<string, number[][]>();
    passages.forEach((fields, passage) => {
      for (let field = 0; field < fieldCount; field++) {
        const text = fields[field]!;
        const tokens = text ? text.split(' ') : [];
        lengths[passage * fieldCount + field] = new Set(tokens).size;
        const counts = new Map<string, number>();
        // MiniSearch skips empty terms but counts them in the field's length, as above.
        for (const token of tokens) if (token) counts.set(token, (counts.get(token) ?? 0) + 1);
        for (const [term, frequency] of counts) {
          let byField = postings.get(term);
          if (!byField) postings.set(term, (byField = Array.from({ length: fieldCount }, () => [])));
          byField[field]!.push(passage, frequency);
        }
      }
    });
    return new PassageTable(passages.length, lengths, postings);
  }
}

/** A ranked passage as MiniSearch's `search` reports it (the fields `answer` reads). */
export interface PassageResult {
  /** The passage's position among all the tables' passages, in order. */
  id: number;
  /** The summed score times the number of query terms matched. */
  score: number;
  /** The query terms that matched, in MiniSearch's order. */
  queryTerms: string[];
}

interface Match {
  score: number;
  terms: string[];
}

/**
 * The passages of `tables` matching the subqueries (OR-combined), best first, as
 * `search({ combineWith: 'OR', queries }, { boost })` on a MiniSearch index of those passages
 * whose fields are `fields`.
 */
export function rankPassages(tables: readonly PassageTable[], fields: readonly string[], subqueries: readonly Subquery[], boost: Readonly<Record<string, number>>): PassageResult[] {
  const corpus = corpusOf(tables, fields.length);
  const fieldIds = new Map(fields.map((field, id) => [field, id]));
  let combined: Map<number, Match> | undefined;
  for (const subquery of subqueries) {
    const subqueryFields = subquery.fields.map((field) => ({ id: fieldIds.get(field)!, boost: (Object.hasOwn(boost, field) ? boost[field] : undefined) || 1 }));
    let results: Map<number, Match> | undefined;
    for (const term of subquery.queries[0].split(' ')) {
      if (!term) continue;
      if (subquery.prefix?.(term)) throw new Error('rankPassages: prefix terms are not supported');
      const matches = termMatches(corpus, term, subquery.boostTerm ? subquery.boostTerm(term) : 1, subqueryFields);
      results = results ? orInto(results, matches) : matches;
    }
    const subqueryResults = results ?? new Map<number, Match>();
    combined = combined ? orInto(combined, subqueryResults) : subqueryResults;
  }
  const ranked: PassageResult[] = [];
  for (const [id, { score, terms }] of combined ?? []) ranked.push({ id, score: score * (terms.length || 1), queryTerms: terms });
  return ranked.sort((a, b) => b.score - a.score);
}

/** The tables as one index: their passages numbered in order, and the running average field lengths. */
interface Corpus {
  tables: readonly PassageTable[];
  offsets: number[];
  documentCount: number;
  averageLength: number[];
  fieldCount: number;
}

function corpusOf(tables: readonly PassageTable[], fieldCount: number): Corpus {
  const offsets: number[] = [];
  const averageLength: number[] = Array.from({ length: fieldCount }, () => 0);
  let documentCount = 0;
  for (const table of tables) {
    offsets.push(documentCount);
    for (let passage = 0; passage < table.count; passage++) {
      // MiniSearch's `addFieldLength`, passage by passage: its rounding is part of the scores.
      for (let field = 0; field < fieldCount; field++) {
        averageLength[field] = (averageLength[field]! * documentCount + table.lengths[passage * fieldCount + field]!) / (documentCount + 1);
      }
      documentCount++;
    }
  }
  return { tables, offsets, documentCount, averageLength, fieldCount };
}

/** One query term's matches (MiniSearch's `termResults` for an exact term). */
function termMatches(corpus: Corpus, term: string, termBoost: number, fields: readonly { id: number; boost: number }[]): Map<number, Match> {
  const matches = new Map<number, Match>();
  const holding = corpus.tables.map((table) => table.postings.get(term));
  if (holding.every((byField) => byField === undefined)) return matches;
  const { k, b, d } = BM25;
  for (const field of fields) {
    let matching = 0;
    for (const byField of holding) matching += (byField?.[field.id]?.length ?? 0) / 2;
    if (matching === 0) continue;
    const idf = Math.log(1 + (corpus.documentCount - matching + 0.5) / (matching + 0.5));
    const average = corpus.averageLength[field.id]!;
    holding.forEach((byField, t) => {
      const pairs = byField?.[field.id];
      if (!pairs) return;
      const { lengths } = corpus.tables[t]!;
      for (let at = 0; at < pairs.length; at += 2) {
        const passage = pairs[at]!;
        const frequency = pairs[at + 1]!;
        const length = lengths[passage * corpus.fieldCount + field.id]!;
        const raw = idf * (d + (frequency * (k + 1)) / (frequency + k * (1 - b + (b * length) / average)));
        const weighted = 1 * termBoost * field.boost * 1 * raw;
        const id = corpus.offsets[t]! + passage;
        const match = matches.get(id);
        if (match) {
          match.score += weighted;
          if (!match.terms.includes(term)) match.terms.push(term);
        } else matches.set(id, { score: weighted, terms: [term] });
      }
    });
  }
  return matches;
}

/** MiniSearch's OR combinator: `b`'s matches added into `a`, new ones after a's. */
function orInto(a: Map<number, Match>, b: Map<number, Match>): Map<number, Match> {
  for (const [id, match] of b) {
    const existing = a.get(id);
    if (!existing) a.set(id, match);
    else {
      existing.score = existing.score + match.score;
      for (const term of match.terms) if (!existing.terms.includes(term)) existing.terms.push(term);
    }
  }
  return a;
}
