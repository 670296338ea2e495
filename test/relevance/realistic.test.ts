/**
 * Relevance of the search on the real corpus over the realistic set (realistic.json): queries
 * written blind from the posts as community members type them (vague words, names in Hangul,
 * keyboard slips, chatty questions, nonsense, near-misses...), in three batches (r001–r300 for
 * issue 10; r301–r378, `"batch": 2`, written before the s10c changes; r379–r413, `"batch": 3`,
 * cross-language only, written before the s10d changes; r414–r483, `"batch": 4`, written before
 * the s10e changes), each split once at random (split.ts)
 * into a dev part and a held-out part.
 *
 * The floors are what the search reached on the whole set, rounded down to 0.05 (see FLOORS).
 * The targets are held-out success@1 ≥ 0.90, every kind ≥ 0.80, nonsense/near-miss
 * rejected ≥ 0.85; on the whole held-out part (four batches) it reached 0.90 overall (219/242),
 * 0.92 rejected and at least 0.84 in every kind (s10e). Tune on dev, never on held-out; the held-out figure is
 * the one that counts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { loadLibrary } from '../../src/posts/load.ts';
import { REAL_CORPUS, describeRealCorpus, hasRealCorpus } from '../helpers/corpus.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { evaluate, formatEvaluation, type Evaluation, type LabelledQuery, type Part, type QueryKind } from './metrics.ts';

const CORPUS = REAL_CORPUS;
const QUERIES: (LabelledQuery & { id: string })[] = JSON.parse(readFileSync(new URL('./realistic.json', import.meta.url), 'utf8'));

const PARTS: readonly Part[] = ['dev', 'heldout'];
const KINDS: readonly QueryKind[] = [
  'vague', 'hangul-name', 'typo', 'korean-particle', 'question', 'nonsense', 'near-miss',
  'english', 'korean', 'cross-language', 'identifier',
];
const SUBKINDS: Partial<Record<QueryKind, readonly string[]>> = {
  typo: ['transposition', 'ko-layout', 'en-layout', 'jamo', 'mixed', 'edit'],
  question: ['ko-chatty', 'ko', 'en-about-ko', 'rare-term'],
};
const MIN_QUERIES = 480;
const MIN_PER_KIND_AND_PART = 6;
const MIN_PER_SUBKIND_AND_PART = 3;

/**
 * Success@1 floors per part: what the search reached on 2026-12-02 (s10c-search) on the whole
 * set (both batches), rounded down to 0.05. Before s10c (main at ba00ed7), whole set, dev /
 * held-out: vague 1.00 / 0.71, hangul-name 0.75 / 0.89, typo 1.00 / 0.84, korean-particle 1.00 /
 * 1.00, question 1.00 / 0.94, nonsense 0.94 / 0.78, near-miss 0.81 / 1.00, cross-language 0.85 /
 * 0.60, rejected 0.88 / 0.88, overall 0.93 / 0.85. After: vague 1.00 / 0.89, hangul-name 0.89 /
 * 0.89, typo 1.00 / 0.84, korean-particle 1.00 / 0.92 (one held-out query lost, not read),
 * question 1.00 / 1.00, nonsense 0.94 / 0.83, near-miss 0.81 / 1.00, cross-language 1.00 / 0.70,
 * rejected 0.88 / 0.91, overall 0.96 / 0.89 (docs/relevance-baseline.md has the tables).
 * s10d (batch 3 added, 35 cross-language queries): cross-language 0.97 / 0.76 before, 1.00 /
 * 0.79 after (floor 0.70 → 0.75); every other kind unchanged on both parts.
 * s10e (batch 4 added: 70 queries of six kinds, written before the changes), whole set, dev /
 * held-out, before → after: cross-language 0.98 / 0.76 → 1.00 / 0.84, typo 0.97 / 0.88 → 1.00 /
 * 0.94, hangul-name 0.88 / 0.85 → 0.91 / 0.85 (28/33: held-out floor 0.85 → 0.80 with batch 4), near-miss 0.79 / 1.00 → 0.84 / 1.00, rejected
 * 0.88 / 0.92 → 0.90 / 0.92, overall 0.95 / 0.88 → 0.97 / 0.90 (219/242); the others unchanged.
 */
const FLOORS: Record<QueryKind | 'overall' | 'rejection', Record<Part, number>> = {
  vague: { dev: 1, heldout: 0.85 },
  'hangul-name': { dev: 0.9, heldout: 0.8 },
  typo: { dev: 1, heldout: 0.9 },
  'korean-particle': { dev: 1, heldout: 0.9 },
  question: { dev: 1, heldout: 1 },
  nonsense: { dev: 0.95, heldout: 0.85 },
  'near-miss': { dev: 0.8, heldout: 1 },
  english: { dev: 1, heldout: 1 },
  korean: { dev: 1, heldout: 1 },
  'cross-language': { dev: 1, heldout: 0.8 },
  identifier: { dev: 1, heldout: 1 },
  rejection: { dev: 0.9, heldout: 0.9 },
  overall: { dev: 0.95, heldout: 0.9 },
};

const normalized = (query: string) => query.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const inPart = (part: Part) => QUERIES.filter((q) => q.part === part);

const evaluations = {} as Record<Part, Evaluation>;

beforeAll(async () => {
  if (!hasRealCorpus) return;
  const { library } = await loadLibrary({ postsDir: CORPUS });
  const index = SearchIndex.build(library.all());
  for (const part of PARTS) {
    evaluations[part] = evaluate(inPart(part), (query) => index.search(query).map((hit) => hit.post.id));
    console.log(`realistic set, ${part} part:\n${formatEvaluation(evaluations[part])}`);
  }
  // Query by query for dev only: reading held-out failures one by one is how a set gets tuned to.
  for (const wrong of evaluations.dev.wrongFirst) {
    const kind = wrong.query.subkind ? `${wrong.query.kind}/${wrong.query.subkind}` : wrong.query.kind;
    console.log(`dev wrong first [${kind}] ${wrong.query.query} → ${wrong.got.join(', ') || 'nothing'}`);
  }
}, 60_000);

describeRealCorpus('the realistic query set', () => {
  it('names only real posts, and every query has a unique id and a part', async () => {
    const { library } = await loadLibrary({ postsDir: CORPUS });
    const known = new Set(library.all().map((post) => post.id));
    for (const query of QUERIES) for (const id of query.expect) expect(known.has(id), `${query.id} ${query.query} → ${id}`).toBe(true);
    expect(new Set(QUERIES.map((q) => q.id)).size).toBe(QUERIES.length);
    expect(QUERIES.every((q) => q.part === 'dev' || q.part === 'heldout')).toBe(true);
  });

  it('has enough queries of every kind and subkind in both parts', () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(MIN_QUERIES);
    for (const part of PARTS) {
      for (const kind of KINDS) expect(inPart(part).filter((q) => q.kind === kind).length, `${part} ${kind}`).toBeGreaterThanOrEqual(MIN_PER_KIND_AND_PART);
      for (const [kind, subkinds] of Object.entries(SUBKINDS)) {
        for (const subkind of subkinds) {
          const count = inPart(part).filter((q) => q.kind === kind && q.subkind === subkind).length;
          expect(count, `${part} ${kind}/${subkind}`).toBeGreaterThanOrEqual(MIN_PER_SUBKIND_AND_PART);
        }
      }
    }
    expect(QUERIES.every((q) => KINDS.includes(q.kind))).toBe(true);
  });

  it('labels nonsense with no post, near-misses with their neighbour and empty allowed, the rest with a post', () => {
    for (const query of QUERIES) {
      const label = `${query.id} ${query.query}`;
      if (query.kind === 'nonsense') expect(query.expect, label).toEqual([]);
      else expect(query.expect.length, label).toBeGreaterThan(0);
      expect(query.emptyOk === true, label).toBe(query.kind === 'near-miss');
    }
  });

  it('holds no query twice, even typed with other case or spacing', () => {
    const seen = new Map<string, string>();
    for (const query of QUERIES) {
      expect(seen.get(normalized(query.query)), `${query.id} repeats`).toBeUndefined();
      seen.set(normalized(query.query), query.id);
    }
  });
});

for (const part of PARTS) describeRealCorpus(`relevance on the realistic set, ${part} part`, () => {
  it.each(KINDS)('puts an acceptable post first for %s queries at least as often as the baseline', (kind) => {
    expect(evaluations[part].byKind[kind]!.successAt1, `${part} ${kind} success@1`).toBeGreaterThanOrEqual(FLOORS[kind][part]);
  });

  it('answers nonsense and near-miss queries honestly at least as often as the baseline', () => {
    expect(evaluations[part].rejection!.successAt1).toBeGreaterThanOrEqual(FLOORS.rejection[part]);
  });

  it('puts an acceptable post first overall at least as often as the baseline', () => {
    expect(evaluations[part].overall.successAt1).toBeGreaterThanOrEqual(FLOORS.overall[part]);
  });
});
