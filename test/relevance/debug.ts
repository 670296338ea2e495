/**
 * Shows how the search reads one query of the dev part (or a made-up probe): its units, each
 * unit's alternatives and flags, and the posts found. Refuses the queries of the held-out part:
 * reading held-out queries one by one is how a set gets tuned to.
 *
 * `npx tsx test/relevance/debug.ts "query" ["another query" ...]`
 */
import { readFileSync } from 'node:fs';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { compileQuery } from '../../src/search/query.ts';
import { REAL_CORPUS } from '../helpers/corpus.ts';
import type { LabelledQuery } from './metrics.ts';

const normalized = (query: string) => query.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const heldOut = new Set(
  (JSON.parse(readFileSync(new URL('./realistic.json', import.meta.url), 'utf8')) as LabelledQuery[]).filter((q) => q.part === 'heldout').map((q) => normalized(q.query)),
);
const { library } = await loadLibrary({ postsDir: REAL_CORPUS });
const index = SearchIndex.build(library.all());
// Private members, read for debugging only.
const internals = index as unknown as { aliases: Parameters<typeof compileQuery>[1]; termStatistics(): object };
for (const query of process.argv.slice(2)) {
  if (heldOut.has(normalized(query))) {
    console.log(`${query}: a held-out query, not shown`);
    continue;
  }
  const compiled = compileQuery(query, internals.aliases, { prefixLast: true, minLatinPrefix: 4, grams: true, ...internals.termStatistics() } as Parameters<typeof compileQuery>[2]);
  console.log(`\n# ${query}${compiled.newest ? ' (newest)' : ''}`);
  for (const unit of compiled.units) {
    const flags = ['free', 'known', 'salient', 'optional'].filter((flag) => unit[flag as keyof typeof unit]).join(',');
    const alternatives = unit.alternatives.map((alt) => `${alt.field}:${alt.terms.join('+')}${alt.need < alt.terms.length ? `(${alt.need})` : ''}${alt.guess ? '?' : ''}×${alt.boost.toFixed(2)}`);
    console.log(`  ${unit.label} [${flags}] ${alternatives.join(' | ')}`);
  }
  for (const hit of index.search(query).slice(0, 3)) console.log(`  → ${hit.post.id.slice(0, 60)} ${hit.score.toFixed(2)}${hit.missing?.length ? ` missing ${hit.missing.join(',')}` : ''}`);
}
