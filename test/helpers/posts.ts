/**
 * A parsed post for unit tests, without parsing a file: one section holding `text`, dated
 * 2026-01-01 in Seoul; `overrides` sets anything else (title, tags, date, contentHash...).
 */
import type { Post } from '../../src/posts/types.ts';

export function testPost(id: string, text: string, overrides: Partial<Post> = {}): Post {
  return {
    id,
    file: `${id}.md`,
    title: id,
    date: new Date('2026-01-01T00:00:00Z'),
    dateIso: '2026-01-01T09:00:00+09:00',
    url: `https://example.test/posts/${id}/`,
    tags: [],
    categories: [],
    summary: [],
    sections: [{ heading: '본문', text }],
    text,
    published: true,
    warnings: [],
    contentHash: id,
    ...overrides,
  };
}
