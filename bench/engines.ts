/**
 * The search engines compared: briefbot's own index and the three libraries a developer would
 * otherwise assemble, each behind the same two verbs (build, search → ranked post ids).
 * Alternatives get their best honest configuration: documented options only, no knowledge of
 * the relevance set beyond picking among a few documented configurations by the same score.
 */
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama';
import { Charset, Document } from 'flexsearch';
import MiniSearch, { type SearchOptions } from 'minisearch';
import type { Post } from '../src/posts/types.ts';
import { flatten, type FlatDocument } from './posts-source.ts';
import { projectSearch, type SearchIndexModule } from './project-search.ts';

/** One engine in one configuration, ready to build over a corpus. */
export interface EngineCandidate {
  engine: 'briefbot' | 'minisearch' | 'minisearch prefix+fuzzy' | 'flexsearch' | 'orama';
  /** Human-readable configuration, printed with the figures. */
  config: string;
  create(): Promise<BuiltEngine | undefined> | BuiltEngine | undefined;
}

export interface BuiltEngine {
  /** Indexes the posts (called once). */
  build(posts: Post[]): Promise<void> | void;
  /** Ranked post ids, best first. */
  search(query: string, limit: number): Promise<string[]> | string[];
}

const FIELDS = ['title', 'summary', 'description', 'tags', 'body'] as const;

const briefbot: EngineCandidate = {
  engine: 'briefbot',
  config: 'SearchIndex.build (project analyzer and ranking)',
  async create() {
    const module = await projectSearch();
    if (!module) return undefined;
    let index: ReturnType<SearchIndexModule['SearchIndex']['build']> | undefined;
    return {
      build(posts) {
        index = module.SearchIndex.build(posts);
      },
      search(query, limit) {
        return index!.search(query, { limit }).map((hit) => hit.post.id);
      },
    };
  },
};

/** MiniSearch over the same fields as the others, with its default tokenizer and `searchOptions`. */
function minisearchCandidate(engine: EngineCandidate['engine'], config: string, searchOptions?: SearchOptions): EngineCandidate {
  return {
    engine,
    config,
    create() {
      const index = new MiniSearch<FlatDocument>({ fields: [...FIELDS] });
      return {
        build(posts) {
          index.addAll(posts.map(flatten));
        },
        search(query, limit) {
          return index.search(query, searchOptions).slice(0, limit).map((hit) => String(hit.id));
        },
      };
    },
  };
}

const minisearchDefaults = minisearchCandidate(
  'minisearch',
  'defaults: fields title/summary/description/tags/body, default tokenizer and search options',
);

/**
 * MiniSearch as its documentation suggests for search-as-you-type: prefix matching and fuzzy
 * matching within 20 % of the term length. A separate engine (not a configuration of the one
 * above) so that the comparison always shows plain defaults and prefix+fuzzy side by side.
 */
const minisearchPrefixFuzzy = minisearchCandidate(
  'minisearch prefix+fuzzy',
  'fields title/summary/description/tags/body, default tokenizer, search { prefix: true, fuzzy: 0.2 }',
  { prefix: true, fuzzy: 0.2 },
);

function flexsearchCandidate(tokenize: 'forward' | 'reverse' | 'tolerant' | 'full', encoder: 'Normalize' | 'LatinBalance'): EngineCandidate {
  return {
    engine: 'flexsearch',
    config: `Document, tokenize '${tokenize}', encoder Charset.${encoder}, search suggest + merge`,
    create() {
      const index = new Document<Record<string, string>>({
        document: { id: 'id', index: [...FIELDS] },
        tokenize,
        encoder: Charset[encoder],
      });
      return {
        build(posts) {
          for (const post of posts) index.add(flatten(post) as unknown as Record<string, string>);
        },
        search(query, limit) {
          // suggest: without it FlexSearch requires every query term to match (AND), which drops
          // every Korean question; merge: one ranked list across fields instead of one per field.
          const results = index.search(query, { limit, suggest: true, merge: true }) as unknown as { id: string | number }[];
          return results.slice(0, limit).map((r) => String(r.id));
        },
      };
    },
  };
}

/** Orama's built-in splitters know no Hangul (the English one drops it); this one splits on Unicode. */
function unicodeTokenizer() {
  return {
    language: 'unicode',
    normalizationCache: new Map<string, string>(),
    tokenize(raw: string): string[] {
      if (typeof raw !== 'string') return [raw];
      return [...new Set(raw.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
    },
  };
}

function oramaCandidate(tolerance: number): EngineCandidate {
  return {
    engine: 'orama',
    config: `create/insertMultiple/search, Unicode word tokenizer, tolerance ${tolerance}`,
    create() {
      let db: AnyOrama | undefined;
      return {
        async build(posts) {
          db = create({
            schema: { title: 'string', summary: 'string', description: 'string', tags: 'string', body: 'string' },
            components: { tokenizer: unicodeTokenizer() },
          }) as unknown as AnyOrama;
          await insertMultiple(db, posts.map(flatten) as never[]);
        },
        async search(query, limit) {
          const result = await oramaSearch(db!, { term: query, tolerance, limit, properties: [...FIELDS] } as never);
          return (result as { hits: { document: { id: string } }[] }).hits.map((hit) => String(hit.document.id));
        },
      };
    },
  };
}

/** Every engine and configuration the bench knows; alternatives with several compete on relevance. */
export const CANDIDATES: readonly EngineCandidate[] = [
  briefbot,
  minisearchDefaults,
  minisearchPrefixFuzzy,
  flexsearchCandidate('forward', 'Normalize'),
  flexsearchCandidate('tolerant', 'Normalize'),
  flexsearchCandidate('reverse', 'Normalize'),
  flexsearchCandidate('forward', 'LatinBalance'),
  oramaCandidate(1),
  oramaCandidate(0),
];

export function candidate(engine: string, config: string): EngineCandidate {
  const found = CANDIDATES.find((c) => c.engine === engine && c.config === config);
  if (!found) throw new Error(`bench: no engine ${engine} with config "${config}"`);
  return found;
}
