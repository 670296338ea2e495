/**
 * Splits the realistic relevance set and the loanword set ONCE, at random, into a development
 * part and a held-out part (50 % each), stratified so that every query kind (and subkind) and both
 * loanword labels are halved: the held-out figure is only worth something if nobody tuned on it.
 *
 * Run once: `npx tsx test/relevance/split.ts`. It refuses to touch a file whose entries already
 * carry a `part`, so a set cannot be re-split after its results have been seen.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRandom, type Random } from '../../bench/prng.ts';

/** The two halves of a set. */
export type Part = 'dev' | 'heldout';

/** Fixed seed: the split is reproducible, and choosing it was not informed by any result. */
const SPLIT_SEED = 0x15_5e_10;

interface Entry {
  part?: Part;
  [key: string]: unknown;
}

/**
 * Assigns a part to each item, half of every stratum to each part. A stratum with an odd count
 * gives its extra item alternately to dev and to held-out, so the totals stay balanced too.
 */
export function assignParts(strata: readonly string[], random: Random): Part[] {
  const byStratum = new Map<string, number[]>();
  strata.forEach((key, index) => byStratum.set(key, [...(byStratum.get(key) ?? []), index]));
  const parts: Part[] = new Array<Part>(strata.length).fill('dev');
  let oddStrata = 0;
  for (const indices of byStratum.values()) {
    const shuffled = random.sample(indices, indices.length);
    const extra = indices.length % 2 === 1 ? oddStrata++ % 2 : 0;
    const devCount = Math.floor(indices.length / 2) + extra;
    shuffled.forEach((index, rank) => {
      parts[index] = rank < devCount ? 'dev' : 'heldout';
    });
  }
  return parts;
}

function readEntries(path: string): Entry[] {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as Entry[];
  if (entries.some((entry) => entry.part !== undefined)) {
    throw new Error(`${path} is already split; a set is split once and never again`);
  }
  return entries;
}

/** One entry per line, as the sets are written, so a diff shows which entry changed. */
function writeEntries(path: string, entries: readonly Entry[]): void {
  const lines = entries.map((entry) => `  ${JSON.stringify(entry)}`);
  writeFileSync(path, `[\n${lines.join(',\n')}\n]\n`);
}

function splitFile(path: string, stratumOf: (entry: Entry) => string, random: Random): void {
  const entries = readEntries(path);
  const parts = assignParts(entries.map(stratumOf), random);
  writeEntries(
    path,
    entries.map((entry, index) => ({ ...entry, part: parts[index] })),
  );
  const heldOut = parts.filter((part) => part === 'heldout').length;
  console.log(`${path}: ${entries.length - heldOut} dev, ${heldOut} held-out`);
}

function main(): void {
  const random = createRandom(SPLIT_SEED);
  const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  splitFile(
    here('./realistic.json'),
    (entry) => `${String(entry.kind)}/${String(entry.subkind ?? '')}`,
    random,
  );
  splitFile(
    here('../search/loanwords.json'),
    (entry) => (entry.latin === null ? 'negative' : 'positive'),
    random,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
