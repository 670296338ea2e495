/**
 * Prints the realistic set's figures for briefbot's index and the two MiniSearch baselines side
 * by side, one markdown table per part (rows: kinds and subkinds; cells: success@1), the way
 * docs/relevance-baseline.md shows them. The same engines as the bench (bench/engines.ts), over
 * the same posts (the project's loader), without the bench's six minutes of speed runs.
 *
 * Run: `npx tsx test/relevance/baseline.ts` (both parts, all engines, the whole set and each batch).
 * While tuning: `--dev` prints the dev part only, `--briefbot` skips the MiniSearch baselines,
 * `--misses` lists the dev queries briefbot gets wrong (held-out misses only without `--dev`).
 */
import { readFileSync } from 'node:fs';
import { candidate } from '../../bench/engines.ts';
import { loadCorpus } from '../../bench/posts-source.ts';
import { evaluate, type Evaluation, type Figures, type LabelledQuery, type Part } from './metrics.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';

const SITE = REAL_CORPUS;
const QUERIES: LabelledQuery[] = JSON.parse(readFileSync(new URL('./realistic.json', import.meta.url), 'utf8'));
const PARTS: readonly Part[] = process.argv.includes('--dev') ? ['dev'] : ['dev', 'heldout'];
/** Batches of the set: r001–r300 (issue 10), the second batch (r301–r378, `"batch": 2`), the third (r379–r413, `"batch": 3`), the fourth (r414–, `"batch": 4`). */
const batchOf = (query: LabelledQuery) => Number((query as { batch?: number }).batch ?? 1);
const GROUPS: readonly [string, (query: LabelledQuery) => boolean][] = [
  ['whole set', () => true],
  ['batch 1 (r001–r300)', (query) => batchOf(query) === 1],
  ['batch 2 (r301–r378)', (query) => batchOf(query) === 2],
  ['batch 3 (r379–r413)', (query) => batchOf(query) === 3],
  ['batch 4 (r414–)', (query) => batchOf(query) === 4],
];

/** The engines compared, by the names the bench gives them. */
const ALL_ENGINES = [
  ['briefbot', 'SearchIndex.build (project analyzer and ranking)'],
  ['minisearch', 'defaults: fields title/summary/description/tags/body, default tokenizer and search options'],
  ['minisearch prefix+fuzzy', 'fields title/summary/description/tags/body, default tokenizer, search { prefix: true, fuzzy: 0.2 }'],
] as const;
const ENGINES = process.argv.includes('--briefbot') ? ALL_ENGINES.slice(0, 1) : ALL_ENGINES;

type Answers = (query: string) => string[];

async function answersOf(engine: string, config: string): Promise<Answers> {
  const { posts } = await loadCorpus(SITE);
  const built = await candidate(engine, config).create();
  if (!built) throw new Error(`${engine} is not available`);
  await built.build(posts);
  const answers = new Map<string, string[]>();
  for (const query of QUERIES) if (PARTS.includes(query.part!)) answers.set(query.query, await built.search(query.query, 10));
  return (query) => answers.get(query) ?? [];
}

function evaluateGroup(search: Answers, inGroup: (query: LabelledQuery) => boolean): Record<Part, Evaluation> {
  const of = (part: Part) => evaluate(QUERIES.filter((q) => q.part === part && inGroup(q)), search);
  return { dev: of('dev'), heldout: PARTS.includes('heldout') ? of('heldout') : of('dev') };
}

const cell = (figures: Figures | undefined) => (figures === undefined ? '–' : figures.successAt1.toFixed(2));

/** Rows of one part's table: each kind, its subkinds, the precision and recall sides, overall. */
function partTable(part: Part, results: readonly Record<Part, Evaluation>[], group: string): string {
  const first = results[0]![part];
  const rows: string[][] = [];
  for (const [kind, figures] of Object.entries(first.byKind)) {
    rows.push([kind, String(figures.count), ...results.map((r) => cell(r[part].byKind[kind as keyof Evaluation['byKind']]))]);
    for (const [key, sub] of Object.entries(first.bySubkind)) {
      if (key.startsWith(`${kind}/`)) rows.push([`  ${key}`, String(sub.count), ...results.map((r) => cell(r[part].bySubkind[key]))]);
    }
  }
  rows.push(['**nonsense/near-miss rejected**', String(first.rejection?.count ?? 0), ...results.map((r) => cell(r[part].rejection))]);
  rows.push(['**recall (other kinds)**', String(first.recall?.count ?? 0), ...results.map((r) => cell(r[part].recall))]);
  rows.push(['**overall**', String(first.overall.count), ...results.map((r) => cell(r[part].overall))]);
  const header = ['kind', 'n', ...ENGINES.map(([engine]) => engine)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
  return `### ${group}, ${part === 'dev' ? 'dev' : 'held-out'} part: success@1\n\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const searches: Answers[] = [];
  for (const [engine, config] of ENGINES) searches.push(await answersOf(engine, config));
  for (const [group, inGroup] of GROUPS) {
    const results = searches.map((search) => evaluateGroup(search, inGroup));
    console.log(PARTS.map((part) => partTable(part, results, group)).join('\n\n') + '\n');
  }
  if (process.argv.includes('--misses')) {
    const all = evaluateGroup(searches[0]!, () => true);
    for (const part of PARTS) {
      for (const miss of all[part].wrongFirst) console.log(`${part} [${miss.query.kind}${miss.query.subkind ? `/${miss.query.subkind}` : ''}] ${miss.query.query} → ${miss.got.join(', ') || 'nothing'}`);
    }
  }
}

await main();
