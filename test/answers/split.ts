/**
 * Splits test/answers/questions.json ONCE into development and held-out halves, stratified by
 * kind and focus, with the seeded PRNG of the benchmarks (bench/prng.ts), and writes the parts
 * back into the file. Each batch of questions (see `batch` in set.ts) is split on its own, with
 * its own seed, so a new batch never changes the parts of an earlier one.
 *
 * Run once per batch: `npx tsx test/answers/split.ts`. It splits only a batch none of whose
 * questions has a part yet, and refuses a batch that is partly split, so nobody re-rolls a split
 * until the held-out half happens to look good.
 */
import { writeFileSync } from 'node:fs';
import { createRandom } from '../../bench/prng.ts';
import { type AnswerQuestion, type Part, QUESTIONS_FILE, loadQuestions } from './set.ts';

/** Drawn once from a random source; fixed so the split can be reproduced and checked. */
const SEED = 1506138736;

/**
 * The seed of each batch (`''` is the first batch, which has no `batch` field), each drawn once
 * (`od -An -N4 -tu4 /dev/urandom`) before its batch was split.
 */
export const BATCH_SEEDS: Readonly<Record<string, number>> = { '': SEED, a11c: 1077368129, a11d: 3246414523, a11e: 4229397991, a11f: 1162942396, a11f2: 2289473939, a11h: 2774071490, a11h2: 3181415408, a11i: 2629511838, a11i2: 1362391216, a11j: 1226089171, a11j2: 3083693562, a11k: 2700894019, a11k2: 3890759895, a11l: 2113746194, a11l2: 1160715249, a11m: 1113436411, a11m2: 522912562, a11n: 2749360112, a11n2: 4136817388, a11o: 2905591172, a11o2: 1530074345, a11p: 1896368421, a11p2: 1483539524 };

const batchOf = (q: AnswerQuestion): string => q.batch ?? '';

/** The parts of every question: each batch split by {@link splitQuestions} with its own seed. */
export function splitBatches(questions: AnswerQuestion[]): Map<string, Part> {
  const parts = new Map<string, Part>();
  for (const batch of new Set(questions.map(batchOf))) {
    const seed = BATCH_SEEDS[batch];
    if (seed === undefined) throw new Error(`no seed for batch "${batch}": draw one and add it to BATCH_SEEDS`);
    for (const [id, part] of splitQuestions(questions.filter((q) => batchOf(q) === batch), seed)) parts.set(id, part);
  }
  return parts;
}

/**
 * Assigns parts: each kind/focus stratum is shuffled and halved; a stratum's odd question goes
 * to whichever part is smaller so far, so both halves stay the same size overall.
 */
export function splitQuestions(questions: AnswerQuestion[], seed = SEED): Map<string, Part> {
  const random = createRandom(seed);
  const strata = new Map<string, AnswerQuestion[]>();
  for (const q of questions) {
    const key = `${q.kind}/${q.focus}`;
    strata.set(key, [...(strata.get(key) ?? []), q]);
  }
  const parts = new Map<string, Part>();
  const size: Record<Part, number> = { dev: 0, heldout: 0 };
  for (const key of [...strata.keys()].sort()) {
    const stratum = strata.get(key)!;
    const shuffled = random.sample(stratum, stratum.length);
    const half = Math.floor(shuffled.length / 2);
    shuffled.forEach((q, i) => {
      let part: Part;
      if (i < half) part = 'dev';
      else if (i < 2 * half) part = 'heldout';
      else part = size.dev <= size.heldout ? 'dev' : 'heldout';
      parts.set(q.id, part);
      size[part]++;
    });
  }
  return parts;
}

/** Where a development question serves while tuning: looked at ("tune") or only counted ("check"). */
export type TuningPart = 'tune' | 'check';

/**
 * Seed of the a11f split of the development questions into "tune" and "check", drawn once
 * (`od -An -N4 -tu4 /dev/urandom`) before any a11f code change.
 */
export const TUNING_SEED = 1260516331;
/** Share of each kind/focus stratum of a batch's development questions held back as "check". */
const CHECK_SHARE = 0.3;

/**
 * Splits the development questions into "tune" (read while tuning) and "check" (a held-out part
 * inside dev: only its totals are printed), each batch on its own and each kind/focus stratum
 * shuffled with {@link TUNING_SEED}, its first round(30%) going to "check". A change is kept only
 * if it does not lower "check": that measures whether a rule generalizes without looking at the
 * real held-out half.
 */
export function splitDevForTuning(questions: readonly AnswerQuestion[], seed = TUNING_SEED): Map<string, TuningPart> {
  const parts = new Map<string, TuningPart>();
  const dev = questions.filter((q) => q.part === 'dev');
  for (const batch of [...new Set(dev.map(batchOf))].sort()) {
    const random = createRandom(seed);
    const strata = new Map<string, AnswerQuestion[]>();
    for (const q of dev.filter((question) => batchOf(question) === batch)) {
      const key = `${q.kind}/${q.focus}`;
      strata.set(key, [...(strata.get(key) ?? []), q]);
    }
    for (const key of [...strata.keys()].sort()) {
      const stratum = strata.get(key)!;
      const checked = Math.round(stratum.length * CHECK_SHARE);
      random.sample(stratum, stratum.length).forEach((q, i) => parts.set(q.id, i < checked ? 'check' : 'tune'));
    }
  }
  return parts;
}

function main(): void {
  const questions = loadQuestions();
  const unsplit = new Set(questions.filter((q) => q.part === undefined).map(batchOf));
  if (unsplit.size === 0) throw new Error('every batch of questions.json is already split; a split is done once and never redone');
  for (const batch of unsplit) {
    if (questions.some((q) => batchOf(q) === batch && q.part !== undefined)) {
      throw new Error(`batch "${batch}" is partly split; a split is done once and never redone`);
    }
  }
  const parts = splitBatches(questions);
  const withParts = questions.map((q) => (unsplit.has(batchOf(q)) ? { ...q, part: parts.get(q.id)! } : q));
  writeFileSync(QUESTIONS_FILE, `${JSON.stringify(withParts, null, 1)}\n`);
  for (const batch of unsplit) {
    const count = (part: Part) => withParts.filter((q) => batchOf(q) === batch && q.part === part).length;
    console.log(`split batch "${batch}": dev ${count('dev')}, heldout ${count('heldout')}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
