import { describe, expect, it } from 'vitest';
import { Library } from './library.ts';
import type { Post, SiteInfo } from './types.ts';

const site: SiteInfo = { url: 'https://tech.example', baseurl: '', timezone: 'Asia/Seoul', permalink: '/posts/:title/' };

function post(id: string, date: string, extra: Partial<Post> = {}): Post {
  return {
    id,
    file: `2026-01-01-${id}.md`,
    title: id,
    date: new Date(date),
    dateIso: date,
    url: `https://tech.example/posts/${id}/`,
    tags: [],
    categories: [],
    summary: [],
    sections: [],
    text: '',
    published: true,
    warnings: [],
    contentHash: id,
    ...extra,
  };
}

const now = new Date('2026-02-25T00:00:00Z');

describe('Library', () => {
  const library = new Library(
    [
      post('old', '2026-01-01T00:00:00Z', { tags: ['ai', 'Rust'] }),
      post('new', '2026-02-20T00:00:00Z', { tags: ['AI', '생성형 AI'] }),
      post('hidden', '2026-02-21T00:00:00Z', { published: false, tags: ['AI'] }),
      post('future', '2030-01-15T00:00:00Z', { tags: ['AI'] }),
      post('soon', '2026-03-01T00:00:00Z', { tags: ['Quantum'] }),
      post('mid', '2026-02-01T00:00:00Z', { tags: ['생성형-AI', 'Rust', 'AI'] }),
    ],
    site,
  );

  it('lists every post newest first, unpublished and future ones included', () => {
    expect(library.all().map((p) => p.id)).toEqual(['future', 'soon', 'hidden', 'new', 'mid', 'old']);
    expect(library.size).toBe(6);
  });

  it('publishes neither `published: false` posts nor future-dated ones', () => {
    expect(library.published(now).map((p) => p.id)).toEqual(['new', 'mid', 'old']);
    expect(library.isPublished(library.get('hidden') as Post, now)).toBe(false);
    expect(library.isPublished(library.get('future') as Post, now)).toBe(false);
  });

  it('publishes a future post once its time comes, and says when that is', () => {
    expect(library.nextPublicationAt(now)?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    const then = new Date('2026-03-01T00:00:00Z');
    expect(library.isPublished(library.get('soon') as Post, then)).toBe(true);
    expect(library.nextPublicationAt(then)?.toISOString()).toBe('2030-01-15T00:00:00.000Z');
    expect(library.nextPublicationAt(new Date('2031-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('counts tags of published posts only, most posts first (ties in Korean order), in the most used spelling', () => {
    expect(library.tags(now)).toEqual([
      { tag: 'AI', key: 'ai', count: 3 },
      { tag: '생성형 AI', key: '생성형ai', count: 2 },
      { tag: 'Rust', key: 'rust', count: 2 },
    ]);
  });

  it('finds posts by tag in any spelling, newest first, published only', () => {
    expect(library.byTag('생성형-ai', now).map((p) => p.id)).toEqual(['new', 'mid']);
    expect(library.byTag(' A_I ', now).map((p) => p.id)).toEqual(['new', 'mid', 'old']);
    expect(library.byTag('quantum', now)).toEqual([]);
    expect(library.byTag('', now)).toEqual([]);
  });

  it('follows `now` in its tag table, and hands out a list callers may change', () => {
    const then = new Date('2026-03-01T00:00:00Z');
    const before = library.tags(now);
    expect(library.tags(then).find((t) => t.key === 'quantum')?.count).toBe(1);
    expect(library.tags(now).find((t) => t.key === 'quantum')).toBeUndefined();
    before.splice(0, before.length);
    expect(library.tags(now)).toHaveLength(3);
  });

  it("reads a post's tags once however often tags are listed and matched, until more posts are live", () => {
    // A member's /tag lists and matches every tag of the blog; doing that afresh per command was
    // most of the command's own time.
    let reads = 0;
    const counted = (id: string, date: string, tags: string[]): Post =>
      Object.defineProperty(post(id, date), 'tags', { get: () => (reads++, tags) });
    const watched = new Library([counted('a', '2026-01-01T00:00:00Z', ['AI', 'Rust']), counted('b', '2026-02-01T00:00:00Z', ['ai']), counted('c', '2026-03-01T00:00:00Z', ['Quantum'])], site);
    expect(watched.tags(now)[0]).toEqual({ tag: 'ai', key: 'ai', count: 2 });
    const first = reads;
    for (let i = 0; i < 5; i++) {
      watched.tags(now);
      watched.byTag('ai', now);
    }
    expect(watched.byTag('AI', now).map((p) => p.id)).toEqual(['b', 'a']);
    expect(reads - first).toBe(0);
    expect(watched.tags(new Date('2026-03-02T00:00:00Z')).map((t) => t.key)).toEqual(['ai', 'quantum', 'rust']);
  });

  it('gives each post a short id that is stable across libraries and leads back to it', () => {
    const first = library.shortId(library.get('old') as Post);
    expect(first).toMatch(/^[A-Za-z0-9_-]{1,12}$/);
    const rebuilt = new Library([post('old', '2026-01-01T00:00:00Z'), post('other', '2026-01-02T00:00:00Z')], site);
    expect(rebuilt.shortId(rebuilt.get('old') as Post)).toBe(first);
    expect(rebuilt.byShortId(first)?.id).toBe('old');
    expect(library.byShortId('nope')).toBeUndefined();
  });
});

describe('Library.withChanges', () => {
  it('equals a library built from scratch over the same posts, after random removals and additions (equal dates too)', () => {
    let seed = 15;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const dated = (i: number) => post(`p${i}`, `2026-01-${String(1 + (i % 7)).padStart(2, '0')}T00:00:00Z`);
    let posts = Array.from({ length: 40 }, (_, i) => dated(i));
    let library = new Library(posts, site);
    for (let round = 0; round < 30; round++) {
      const removed = posts.filter(() => random() < 0.1);
      const added = Array.from({ length: Math.floor(random() * 4) }, (_, i) => dated(100 + round * 10 + i));
      // A changed post: the old object out, a new one with the same id in.
      const kept = posts.filter((p) => !removed.includes(p));
      const edited = kept.length > 0 && random() < 0.5 ? kept[Math.floor(random() * kept.length)]! : undefined;
      const replacement = edited ? { ...edited, title: `${edited.title}!`, contentHash: `${edited.contentHash}!` } : undefined;
      library = library.withChanges([...removed, ...(edited ? [edited] : [])], [...added, ...(replacement ? [replacement] : [])]);
      posts = [...kept.filter((p) => p !== edited), ...added, ...(replacement ? [replacement] : [])];
      const fresh = new Library(posts, site);
      expect(library.all()).toEqual(fresh.all());
      for (const p of posts) {
        expect(library.get(p.id)).toBe(p);
        expect(library.byShortId(library.shortId(p))).toBe(p);
      }
      for (const p of removed) {
        expect(library.get(p.id)).toBeUndefined();
        expect(library.byShortId(library.shortId(p))).toBeUndefined();
      }
    }
  });

  it('refuses to remove a post it does not hold', () => {
    const library = new Library([post('a', '2026-01-01T00:00:00Z')], site);
    expect(() => library.withChanges([post('a', '2026-01-01T00:00:00Z')], [])).toThrow(/not in this library/);
  });
});
