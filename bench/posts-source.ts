/**
 * Reads a corpus the way the bot does, through the project's own loader (`src/posts/load.ts`),
 * so every engine in the comparison indexes the very same posts. Until the loader exists this
 * falls back to a minimal gray-matter reader, and says so: figures taken that way are marked.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import matter from 'gray-matter';
import type { Post } from '../src/posts/types.ts';

export interface LoadedCorpus {
  posts: Post[];
  /** Which reader produced the posts. */
  via: 'briefbot loader' | 'bench fallback reader';
  loadMs: number;
}

/** The documents the alternatives index: one flat record per post, same fields for all. */
export interface FlatDocument {
  id: string;
  title: string;
  summary: string;
  description: string;
  tags: string;
  body: string;
}

export function flatten(post: Post): FlatDocument {
  return {
    id: post.id,
    title: post.title,
    summary: post.summary.join('\n'),
    description: post.description ?? '',
    tags: post.tags.join(' '),
    body: post.text,
  };
}

type LoadLibrary = (options: { postsDir: string; siteDir?: string }) => Promise<{ library: unknown }>;

/** The project's loader, or undefined while it is not written yet. */
export async function projectLoader(): Promise<LoadLibrary | undefined> {
  try {
    // A computed specifier: this file must typecheck and run before the loader is written.
    const specifier = '../src/posts/load.ts';
    const module = (await import(specifier)) as { loadLibrary?: LoadLibrary };
    return module.loadLibrary;
  } catch (error) {
    if (isMissingModule(error)) return undefined;
    throw error;
  }
}

export function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** The posts of a library object, whatever shape the loader settles on (`posts` array or iterable). */
export function postsOf(library: unknown): Post[] {
  const candidate = library as { posts?: unknown; all?: unknown };
  if (typeof candidate.all === 'function') return [...(candidate.all as () => Post[]).call(library)];
  if (Array.isArray(candidate.posts)) return candidate.posts as Post[];
  if (Array.isArray(candidate.all)) return candidate.all as Post[];
  if (library && typeof (library as Iterable<Post>)[Symbol.iterator] === 'function') return [...(library as Iterable<Post>)];
  throw new Error('bench: cannot find the posts in the library the loader returned');
}

/** Loads `<siteDir>/_posts` through the project's loader (fallback: the minimal reader below). */
export async function loadCorpus(siteDir: string): Promise<LoadedCorpus> {
  const postsDir = join(siteDir, '_posts');
  const started = performance.now();
  const loadLibrary = await projectLoader();
  if (loadLibrary) {
    const { library } = await loadLibrary({ postsDir });
    return { posts: postsOf(library), via: 'briefbot loader', loadMs: performance.now() - started };
  }
  const posts = await fallbackRead(postsDir);
  return { posts, via: 'bench fallback reader', loadMs: performance.now() - started };
}

const SITE_URL = 'https://tech.webi.kr';

/** Just enough of a Jekyll reader to index: front matter, three-line summary, plain-ish body. */
async function fallbackRead(postsDir: string): Promise<Post[]> {
  const names = (await readdir(postsDir)).filter((n) => n.endsWith('.md')).sort();
  const posts: Post[] = [];
  for (const name of names) {
    const raw = await readFile(join(postsDir, name), 'utf8');
    const { data, content } = matter(raw);
    const id = name.replace(/^\d{4}-\d{2}-\d{2}-/, '').replace(/\.md$/, '');
    const summaryBlock = /## 3줄 요약\n([\s\S]*?)\n## /.exec(content)?.[1] ?? '';
    const summary = summaryBlock.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2).trim());
    const text = content
      .replace(/<[^>]+>/g, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[#*`>_]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const date = new Date(String(data.date ?? '1970-01-01').replace(' ', 'T').replace(' ', ''));
    posts.push({
      id,
      file: name,
      title: String(data.title ?? id),
      date,
      dateIso: date.toISOString(),
      url: `${SITE_URL}/posts/${id}/`,
      tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
      categories: Array.isArray(data.categories) ? data.categories.map(String) : [],
      description: data.description ? String(data.description) : undefined,
      summary,
      sections: [],
      text,
      published: data.published !== false,
      warnings: [],
      contentHash: '',
    });
  }
  return posts;
}
