/**
 * Splits the realistic relevance set and the loanword set ONCE, at random, into a development
 * part and a held-out part (50 % each), stratified so that every query kind (and subkind) and both
 * loanword labels are halved: the held-out figure is only worth something if nobody tuned on it.
 *
 * Run once per batch: `npx tsx test/relevance/split.ts`. Only entries without a `part` are split
 * (a new batch appended to a set); entries that carry one are never touched, so a query cannot
 * move between parts after its results have been seen. Each batch has its own fixed seed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRandom, type Random } from '../../bench/prng.ts';

/** The two halves of a set. */
export type Part = 'dev' | 'heldout';

/** Fixed seed of the first split (batch 1): reproducible, and choosing it was not informed by any result. */
const SPLIT_SEED = 0x15_5e_10;
/**
 * Seed of the second batch of realistic.json (entries with `"batch": 2`, r301–r378, written on
 * 2026-12-02 before the s10c search changes), chosen before any of its results were seen.
 */
const BATCH_2_SEED = 0x5_10c;
/**
 * Seed of the third batch (entries with `"batch": 3`, r379–r413: 35 cross-language queries written
 * on 2026-12-02 before the s10d search changes), chosen before any of its results were seen.
 */
const BATCH_3_SEED = 0x5_10d;
/**
 * Seed of the fourth batch (entries with `"batch": 4`, r414–r483: 70 queries of cross-language,
 * typo, hangul-name, vague, nonsense and near-miss kinds written on 2026-12-02 before the s10e
 * search changes), chosen before any of its results were seen.
 */
const BATCH_4_SEED = 0x5_10e;

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
  return JSON.parse(readFileSync(path, 'utf8')) as Entry[];
}

/** One entry per line, as the sets are written, so a diff shows which entry changed. */
function writeEntries(path: string, entries: readonly Entry[]): void {
  const lines = entries.map((entry) => `  ${JSON.stringify(entry)}`);
  writeFileSync(path, `[\n${lines.join(',\n')}\n]\n`);
}

/** Splits the entries of `path` that have no part yet; the others keep theirs. */
function splitFile(path: string, stratumOf: (entry: Entry) => string, random: Random): void {
  const entries = readEntries(path);
  const fresh = entries.map((entry, index) => (entry.part === undefined ? index : -1)).filter((index) => index >= 0);
  if (fresh.length === 0) {
    console.log(`${path}: already split, left as it is`);
    return;
  }
  const parts = assignParts(fresh.map((index) => stratumOf(entries[index]!)), random);
  const split = [...entries];
  fresh.forEach((index, i) => (split[index] = { ...entries[index]!, part: parts[i] }));
  writeEntries(path, split);
  const heldOut = parts.filter((part) => part === 'heldout').length;
  console.log(`${path}: ${fresh.length} new entries split, ${fresh.length - heldOut} dev, ${heldOut} held-out`);
}

function main(): void {
  const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  const stratum = (entry: Entry) => `${String(entry.kind)}/${String(entry.subkind ?? '')}`;
  // Batch 1 (r001–r300) and the loanword set were split together with SPLIT_SEED; later batches with their own.
  const pending = readEntries(here('./realistic.json')).filter((entry) => entry.part === undefined);
  const batch = pending.length === 0 ? 1 : Math.max(...pending.map((entry) => Number(entry.batch ?? 1)));
  const seeds: Record<number, number> = { 2: BATCH_2_SEED, 3: BATCH_3_SEED, 4: BATCH_4_SEED };
  const random = createRandom(seeds[batch] ?? SPLIT_SEED);
  splitFile(here('./realistic.json'), stratum, random);
  splitFile(here('../search/loanwords.json'), (entry) => (entry.latin === null ? 'negative' : 'positive'), random);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
