import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/core.ts';
import type { Post } from '../posts/types.ts';
import { postReply } from './post-reply.ts';

const post = {
  id: 'p',
  title: 'T',
  url: 'https://blog.example/p/',
  summary: ['one'],
  tags: ['AI', 'GPU'],
  dateIso: '2026-01-10T09:00:00+09:00',
} as unknown as Post;

describe('postReply fields', () => {
  it('carry the same stable ids in every locale, so a renderer can find the tags without reading labels', () => {
    for (const t of Object.values(MESSAGES)) {
      const fields = postReply(post, t).fields ?? [];
      expect(fields.map((f) => f.id)).toEqual(['tags', 'date']);
      expect(fields.find((f) => f.id === 'tags')).toMatchObject({ name: t.tags, value: 'AI, GPU' });
    }
  });

  it('has no tags field for a post without tags', () => {
    expect(postReply({ ...post, tags: [] }, MESSAGES.en).fields?.map((f) => f.id)).toEqual(['date']);
  });
});
