/**
 * Splits test/answers/questions.json ONCE into development and held-out halves, stratified by
 * kind and focus, with the seeded PRNG of the benchmarks (bench/prng.ts), and writes the parts
 * back into the file.
 *
 * Run once: `npx tsx test/answers/split.ts`. It refuses to run again once parts are set, so
 * nobody re-rolls the split until the held-out half happens to look good.
 */
import { writeFileSync } from 'node:fs';
import { createRandom } from '../../bench/prng.ts';
import { type AnswerQuestion, type Part, QUESTIONS_FILE, loadQuestions } from './set.ts';

/** Drawn once from a random source; fixed so the split can be reproduced and checked. */
const SEED = 1506138736;

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

function main(): void {
  const questions = loadQuestions();
  if (questions.some((q) => q.part !== undefined)) {
    throw new Error('questions.json is already split; the split is done once and never redone');
  }
  const parts = splitQuestions(questions);
  const withParts = questions.map((q) => ({ ...q, part: parts.get(q.id)! }));
  writeFileSync(QUESTIONS_FILE, `${JSON.stringify(withParts, null, 1)}\n`);
  const count = (part: Part) => withParts.filter((q) => q.part === part).length;
  console.log(`split ${withParts.length} questions: dev ${count('dev')}, heldout ${count('heldout')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
