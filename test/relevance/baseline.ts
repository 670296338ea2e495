/**
 * Prints the realistic set's figures for briefbot's index and the two MiniSearch baselines side
 * by side, one markdown table per part (rows: kinds and subkinds; cells: success@1), the way
 * docs/relevance-baseline.md shows them. The same engines as the bench (bench/engines.ts), over
 * the same posts (the project's loader), without the bench's six minutes of speed runs.
 *
 * Run: `npx tsx test/relevance/baseline.ts`
 */
import { readFileSync } from 'node:fs';
import { candidate } from '../../bench/engines.ts';
import { loadCorpus } from '../../bench/posts-source.ts';
import { evaluate, type Evaluation, type Figures, type LabelledQuery, type Part } from './metrics.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';

const SITE = REAL_CORPUS;
const QUERIES: LabelledQuery[] = JSON.parse(readFileSync(new URL('./realistic.json', import.meta.url), 'utf8'));
const PARTS: readonly Part[] = ['dev', 'heldout'];

/** The engines compared, by the names the bench gives them. */
const ENGINES = [
  ['briefbot', 'SearchIndex.build (project analyzer and ranking)'],
  ['minisearch', 'defaults: fields title/summary/description/tags/body, default tokenizer and search options'],
  ['minisearch prefix+fuzzy', 'fields title/summary/description/tags/body, default tokenizer, search { prefix: true, fuzzy: 0.2 }'],
] as const;

async function evaluateEngine(engine: string, config: string): Promise<Record<Part, Evaluation>> {
  const { posts } = await loadCorpus(SITE);
  const built = await candidate(engine, config).create();
  if (!built) throw new Error(`${engine} is not available`);
  await built.build(posts);
  const answers = new Map<string, string[]>();
  for (const query of QUERIES) answers.set(query.query, await built.search(query.query, 10));
  const search = (query: string) => answers.get(query) ?? [];
  return {
    dev: evaluate(QUERIES.filter((q) => q.part === 'dev'), search),
    heldout: evaluate(QUERIES.filter((q) => q.part === 'heldout'), search),
  };
}

const cell = (figures: Figures | undefined) => (figures === undefined ? '–' : figures.successAt1.toFixed(2));

/** Rows of one part's table: each kind, its subkinds, the precision and recall sides, overall. */
function partTable(part: Part, results: readonly Record<Part, Evaluation>[]): string {
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
  return `### ${part === 'dev' ? 'Dev' : 'Held-out'} part: success@1\n\n${lines.join('\n')}`;
}

async function main(): Promise<void> {
  const results: Record<Part, Evaluation>[] = [];
  for (const [engine, config] of ENGINES) results.push(await evaluateEngine(engine, config));
  console.log(PARTS.map((part) => partTable(part, results)).join('\n\n'));
  if (process.argv.includes('--misses')) {
    for (const part of PARTS) {
      for (const miss of results[0]![part].wrongFirst) console.log(`${part} [${miss.query.kind}${miss.query.subkind ? `/${miss.query.subkind}` : ''}] ${miss.query.query} → ${miss.got.join(', ') || 'nothing'}`);
    }
  }
}

await main();
