/**
 * The project's search module, loaded on demand: kept apart from engines.ts so that the start-up
 * and reindex children import only what the bot imports (not FlexSearch or Orama).
 */
import type { Post } from '../src/posts/types.ts';
import { isMissingModule } from './posts-source.ts';

export type SearchIndexModule = {
  SearchIndex: {
    build(posts: Post[]): { search(query: string, options?: { limit?: number }): { post: Post; score: number }[] };
  };
};

/** The project's `src/search/index.ts`, or undefined while it is not written yet. */
export async function projectSearch(): Promise<SearchIndexModule | undefined> {
  try {
    // A computed specifier: the bench must run before src/search exists.
    const specifier = '../src/search/index.ts';
    return (await import(specifier)) as SearchIndexModule;
  } catch (error) {
    if (isMissingModule(error)) return undefined;
    throw error;
  }
}

