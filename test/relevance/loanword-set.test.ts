/**
 * The labelled loanword set (test/search/loanwords.json) for a Hangul ↔ Latin matcher is sound:
 * its positives pair a Hangul spelling with a Latin word that really occurs in the corpus, its
 * negatives are Korean words of the corpus that must match no Latin word, and both are split
 * into dev and held-out halves (split.ts, once).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { loadLibrary } from '../../src/posts/load.ts';
import { REAL_CORPUS, describeRealCorpus, hasRealCorpus } from '../helpers/corpus.ts';

interface LoanwordPair {
  hangul: string;
  latin: string | null;
  part: 'dev' | 'heldout';
}

const CORPUS = REAL_CORPUS;
const PAIRS: LoanwordPair[] = JSON.parse(readFileSync(new URL('../search/loanwords.json', import.meta.url), 'utf8'));
const POSITIVES = PAIRS.filter((pair) => pair.latin !== null);
const NEGATIVES = PAIRS.filter((pair) => pair.latin === null);
const MIN_EACH = 120;
const MIN_EACH_PER_PART = 50;

let latinWords: Set<string>;
let koreanText: string;

beforeAll(async () => {
  if (!hasRealCorpus) return;
  const { library } = await loadLibrary({ postsDir: CORPUS });
  const text = library
    .all()
    .map((post) => [post.title, post.description ?? '', post.tags.join(' '), post.summary.join(' '), post.text].join('\n'))
    .join('\n');
  latinWords = new Set(text.toLowerCase().match(/[a-z]+/g) ?? []);
  koreanText = text;
}, 60_000);

describeRealCorpus('the loanword set', () => {
  it('has enough positives and negatives, in both parts', () => {
    expect(POSITIVES.length).toBeGreaterThanOrEqual(MIN_EACH);
    expect(NEGATIVES.length).toBeGreaterThanOrEqual(MIN_EACH);
    for (const part of ['dev', 'heldout'] as const) {
      expect(POSITIVES.filter((pair) => pair.part === part).length, `${part} positives`).toBeGreaterThanOrEqual(MIN_EACH_PER_PART);
      expect(NEGATIVES.filter((pair) => pair.part === part).length, `${part} negatives`).toBeGreaterThanOrEqual(MIN_EACH_PER_PART);
    }
    expect(PAIRS.every((pair) => pair.part === 'dev' || pair.part === 'heldout')).toBe(true);
  });

  it('pairs Hangul words with Latin words that occur in the corpus text', () => {
    for (const { hangul, latin } of POSITIVES) {
      expect(hangul, hangul).toMatch(/^[가-힣]+$/);
      expect(latinWords.has(latin!), `${hangul} → ${latin}`).toBe(true);
    }
  });

  it('takes its negatives from the Korean of the corpus', () => {
    for (const { hangul } of NEGATIVES) {
      expect(hangul, hangul).toMatch(/^[가-힣]+$/);
      expect(koreanText.includes(hangul), hangul).toBe(true);
    }
  });

  it('labels no word twice, nor one word both ways', () => {
    const pairs = PAIRS.map((pair) => `${pair.hangul}→${pair.latin}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const positiveHangul = new Set(POSITIVES.map((pair) => pair.hangul));
    expect(NEGATIVES.filter((pair) => positiveHangul.has(pair.hangul)).map((pair) => pair.hangul)).toEqual([]);
  });
});
