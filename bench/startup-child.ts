/**
 * A cold process from nothing to "ready to answer": load the posts with the project's loader,
 * build the project's index, answer one query. Reports its own breakdown and memory as one JSON
 * line; the parent measures the wall time from spawn to that line.
 *
 * argv: <siteDir>
 */
import { loadCorpus, projectLoader } from './posts-source.ts';
import { projectSearch } from './project-search.ts';

async function main(): Promise<void> {
  const siteDir = process.argv[2];
  if (!siteDir) throw new Error('usage: startup-child <siteDir>');
  const search = await projectSearch();
  await projectLoader();
  // Node, tsx and the project's code loaded (and transformed): the floor before any post is read.
  const codeLoadedMs = performance.now();
  if (!search) {
    console.log(JSON.stringify({ error: 'src/search/index.ts not available yet' }));
    return;
  }
  const { posts, loadMs, via } = await loadCorpus(siteDir);
  const t0 = performance.now();
  const index = search.SearchIndex.build(posts);
  const buildMs = performance.now() - t0;
  const t1 = performance.now();
  index.search('Nvidia', { limit: 5 });
  const firstQueryMs = performance.now() - t1;
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({
      posts: posts.length,
      postsVia: via,
      codeLoadedMs,
      loadMs,
      buildMs,
      firstQueryMs,
      sinceProcessStartMs: performance.now(),
      rssMb: memory.rss / 2 ** 20,
      heapUsedMb: memory.heapUsed / 2 ** 20,
    }),
  );
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
  process.exitCode = 1;
});
