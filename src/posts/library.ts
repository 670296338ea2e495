/**
 * The set of loaded posts and the questions Jekyll's publishing rules answer: which posts are
 * live now, when the next one goes live, which tags exist. Pure: no fs, no clock (callers pass
 * `now`), so a library can be built aside and swapped in on reindex.
 */
import { createHash } from 'node:crypto';
import type { Post, SiteInfo } from './types.ts';
import { normalizeTag } from '../util/text.ts';


/** Newest first; equal dates by id so the order never depends on file-system order. The order of {@link Library.all}. */
export function newestFirst(a: Post, b: Post): number {
  return b.date.getTime() - a.date.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The first position in the sorted `posts` whose post does not come before `post` (binary search). */
function positionOf(posts: readonly Post[], post: Post): number {
  let low = 0;
  let high = posts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestFirst(posts[middle] as Post, post) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A tag as listed by {@link Library.tags}. */
export interface TagCount {
  /** The spelling shown: the one most posts use (ties: the newest post's). */
  tag: string;
  /** {@link normalizeTag} of it. */
  key: string;
  /** Published posts carrying it. */
  count: number;
}

/**
 * An immutable set of posts. Build a new one on reindex and swap it in; lookups on the old one
 * keep working meanwhile.
 *
 * @example
 * const library = new Library(posts, site);
 * library.published(new Date()).slice(0, 5); // the five latest live posts
 */
export class Library {
  readonly site: SiteInfo;
  private readonly posts: readonly Post[];
  private readonly byId: Map<string, Post>;
  private readonly byShort: Map<string, Post>;
  /**
   * {@link normalizeTag} of each post's tags, filled on first use: `/tag`, `/tags`, tag
   * autocomplete and tag buttons all ask, and normalizing every tag of every post each time
   * (NFKC and two regexes per tag) was most of a `/tag` command's own time.
   */
  private readonly tagKeys = new Map<Post, readonly string[]>();
  /**
   * The last {@link tags} table and the number of published posts it counted. The posts live at
   * `now` are those dated up to `now`, so two moments with as many live posts have the same ones.
   */
  private tagTable?: { published: number; tags: readonly TagCount[] };

  constructor(posts: readonly Post[], site: SiteInfo, derivedFrom?: Library) {
    this.site = site;
    if (derivedFrom) {
      // withChanges: `posts` is already in order, and the maps start as copies of the old ones.
      this.posts = Object.freeze(posts as Post[]);
      this.byId = new Map(derivedFrom.byId);
      this.byShort = new Map(derivedFrom.byShort);
      return;
    }
    this.posts = Object.freeze([...posts].sort(newestFirst));
    this.byId = new Map();
    this.byShort = new Map();
    for (const post of this.posts) {
      this.byId.set(post.id, post);
      this.byShort.set(this.shortId(post), post);
    }
  }

  /**
   * This library with `removed` taken out and `added` put in: equal to `new Library` over the
   * resulting posts, without sorting and hashing every post again (a reload that changed a few
   * files at 10,000 posts: ~1 ms instead of ~15). `removed` must be posts of this library;
   * `added` must not share an id with a post that stays.
   */
  withChanges(removed: readonly Post[], added: readonly Post[]): Library {
    const posts = [...this.posts];
    for (const post of removed) {
      const at = positionOf(posts, post);
      if (posts[at] !== post) throw new Error(`library: ${post.id} is not in this library`);
      posts.splice(at, 1);
    }
    for (const post of added) posts.splice(positionOf(posts, post), 0, post);
    const next = new Library(posts, this.site, this);
    for (const post of removed) {
      next.byId.delete(post.id);
      next.byShort.delete(next.shortId(post));
    }
    for (const post of added) {
      next.byId.set(post.id, post);
      next.byShort.set(next.shortId(post), post);
    }
    return next;
  }

  /** Number of posts, including unpublished and future ones. */
  get size(): number {
    return this.posts.length;
  }

  /** Every post, newest first, including unpublished and future ones. */
  all(): readonly Post[] {
    return this.posts;
  }

  get(id: string): Post | undefined {
    return this.byId.get(id);
  }

  /** The post whose {@link shortId} this is. */
  byShortId(shortId: string): Post | undefined {
    return this.byShort.get(shortId);
  }

  /**
   * A short key for buttons and deep links (Telegram callback data is at most 64 bytes): 12
   * characters of [A-Za-z0-9_-], a hash of the id, so the same post keeps it across reloads.
   */
  shortId(post: Post): string {
    return shortIdOf(post.id);
  }

  /** Live on the blog at `now`: not `published: false` and not dated after `now` (Jekyll's rules). */
  isPublished(post: Post, now: Date): boolean {
    return post.published && post.date.getTime() <= now.getTime();
  }

  /** Posts live at `now`, newest first. */
  published(now: Date): Post[] {
    return this.posts.filter((post) => this.isPublished(post, now));
  }

  /**
   * When the next future-dated post goes live (the earliest date after `now` among posts not
   * marked `published: false`), so a scheduler can announce it then. Undefined when none waits.
   */
  nextPublicationAt(now: Date): Date | undefined {
    let next: number | undefined;
    for (const post of this.posts) {
      const time = post.date.getTime();
      if (post.published && time > now.getTime() && (next === undefined || time < next)) next = time;
    }
    return next === undefined ? undefined : new Date(next);
  }

  /** Tags of published posts: most posts first, then by name. */
  tags(now: Date): TagCount[] {
    const published = this.published(now);
    if (this.tagTable?.published !== published.length) this.tagTable = { published: published.length, tags: this.countTags(published) };
    // A copy: callers may sort or splice what they get; the entries themselves are frozen.
    return [...this.tagTable.tags];
  }

  /** Published posts carrying `tag` (matched by {@link normalizeTag}), newest first. */
  byTag(tag: string, now: Date): Post[] {
    const key = normalizeTag(tag);
    if (key === '') return [];
    return this.published(now).filter((post) => this.tagKeysOf(post).includes(key));
  }

  private tagKeysOf(post: Post): readonly string[] {
    let keys = this.tagKeys.get(post);
    if (!keys) {
      keys = post.tags.map(normalizeTag);
      this.tagKeys.set(post, keys);
    }
    return keys;
  }

  private countTags(published: readonly Post[]): readonly TagCount[] {
    const byKey = new Map<string, { spellings: Map<string, number>; count: number; order: string[] }>();
    for (const post of published) {
      const keys = this.tagKeysOf(post);
      post.tags.forEach((tag, i) => {
        const key = keys[i] as string;
        if (key === '') return;
        let entry = byKey.get(key);
        if (!entry) {
          entry = { spellings: new Map(), count: 0, order: [] };
          byKey.set(key, entry);
        }
        entry.count++;
        if (!entry.spellings.has(tag)) entry.order.push(tag);
        entry.spellings.set(tag, (entry.spellings.get(tag) ?? 0) + 1);
      });
    }
    const result: TagCount[] = [];
    for (const [key, entry] of byKey) {
      // Most used spelling; ties go to the one seen first (newest post).
      let shown = entry.order[0] as string;
      for (const spelling of entry.order) if ((entry.spellings.get(spelling) ?? 0) > (entry.spellings.get(shown) ?? 0)) shown = spelling;
      result.push(Object.freeze({ tag: shown, key, count: entry.count }));
    }
    return result.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, 'ko') || (a.key < b.key ? -1 : 1));
  }
}

/** Short ids already computed: a reload keeps most ids, and hashing 10,000 of them again cost ~30 ms. */
const shortIds = new Map<string, string>();
const SHORT_ID_MEMORY = 100_000;

/** See {@link Library.shortId}. */
export function shortIdOf(id: string): string {
  let short = shortIds.get(id);
  if (short === undefined) {
    short = createHash('sha256').update(id, 'utf8').digest('base64url').slice(0, 12);
    if (shortIds.size >= SHORT_ID_MEMORY) shortIds.clear();
    shortIds.set(id, short);
  }
  return short;
}
