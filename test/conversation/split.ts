/**
 * Splits the conversation example sets into `dev` and `heldout` halves, drawn at random with a
 * fixed seed and stratified (routing: by route; time: by "no time expression" vs "a range"), so
 * each half holds about half of every label.
 *
 * Run once: `npx tsx test/conversation/split.ts`. An example that already has a part keeps it,
 * so running it again after adding examples draws only the new ones and never reshuffles the
 * held-out half someone has already measured against.
 */
import { writeFileSync } from 'node:fs';
import {
  loadRoutingExamples,
  loadTimeExamples,
  PARTS,
  ROUTING_EXAMPLES_FILE,
  TIME_EXAMPLES_FILE,
  type Part,
} from './sets.ts';
import { createRandom } from '../../bench/prng.ts';

const SPLIT_SEED = 12;

function shuffle<T>(items: T[], random: () => number): T[] {
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

/**
 * Gives every example without a part one, half of each stratum to each part. A stratum with an
 * odd count gives its extra example to alternating parts, so the halves stay even overall.
 */
function assignParts<T extends { part?: Part }>(examples: T[], stratumOf: (example: T) => string, random: () => number): void {
  const strata = new Map<string, T[]>();
  for (const example of examples) {
    if (example.part) continue;
    const key = stratumOf(example);
    strata.set(key, [...(strata.get(key) ?? []), example]);
  }
  let extraGoesTo = 0;
  for (const key of [...strata.keys()].sort()) {
    const drawn = shuffle(strata.get(key)!, random);
    let devCount = Math.floor(drawn.length / 2);
    if (drawn.length % 2 === 1) {
      if (extraGoesTo === 0) devCount += 1;
      extraGoesTo = 1 - extraGoesTo;
    }
    drawn.forEach((example, index) => (example.part = index < devCount ? 'dev' : 'heldout'));
  }
}

/** One example per line: diffs show which example changed, and the file stays readable. */
function formatSet(examples: object[]): string {
  return `[\n${examples.map((example) => `  ${JSON.stringify(example)}`).join(',\n')}\n]\n`;
}

function describeSplit<T extends { part?: Part }>(name: string, examples: T[], stratumOf: (example: T) => string): string {
  const counts = new Map<string, Record<Part, number>>();
  for (const example of examples) {
    const key = stratumOf(example);
    const row = counts.get(key) ?? { dev: 0, heldout: 0 };
    row[example.part!] += 1;
    counts.set(key, row);
  }
  const lines = [...counts].map(([key, row]) => `  ${key.padEnd(16)} ${PARTS.map((part) => `${part} ${row[part]}`).join('  ')}`);
  return `${name}: ${examples.length}\n${lines.join('\n')}`;
}

const random = createRandom(SPLIT_SEED).next;
const timeStratum = (example: { expect: unknown }) => (example.expect === null ? 'no-time' : 'range');
const routeStratum = (example: { expect: string }) => example.expect;

const timeExamples = loadTimeExamples();
assignParts(timeExamples, timeStratum, random);
writeFileSync(TIME_EXAMPLES_FILE, formatSet(timeExamples));

const routingExamples = loadRoutingExamples();
assignParts(routingExamples, routeStratum, random);
writeFileSync(ROUTING_EXAMPLES_FILE, formatSet(routingExamples));

console.log(describeSplit('time expressions', timeExamples, timeStratum));
console.log(describeSplit('routing', routingExamples, routeStratum));
