/** Issue 13: the one URL policy where URLs are made from posts, and odd invisible text in titles and tags. */
import { describe, expect, it } from 'vitest';
import { parsePost } from './parse.ts';
import type { Post, SiteInfo } from './types.ts';

const site: SiteInfo = { url: 'https://tech.webi.kr', baseurl: '', timezone: 'Asia/Seoul', permalink: '/posts/:title/' };

function parsed(front: string, body = '## 3줄 요약\n- 하나\n\n> [원문 기사 보기](https://example.com/a)\n'): Post {
  const result = parsePost('2026-01-10-x.md', `---\ntitle: "글"\ndate: 2026-01-10\n${front}\n---\n${body}`, site);
  if (!result.post) throw new Error(`not parsed: ${JSON.stringify(result.problems)}`);
  return result.post;
}

describe('URLs made from a post', () => {
  it('drop a data: or credentialed image and keep an http(s) one', () => {
    expect(parsed('image: "data:image/png;base64,AAAA"').imageUrl).toBeUndefined();
    expect(parsed('image: "https://u:p@cdn.example.com/a.png"').imageUrl).toBeUndefined();
    expect(parsed('image: "https://cdn.example.com/a.png"').imageUrl).toBe('https://cdn.example.com/a.png');
  });

  it('drop a source link with credentials, with a warning', () => {
    const post = parsed('', '## 3줄 요약\n- 하나\n\n> [원문 기사 보기](https://reader:pw@example.com/a)\n');
    expect(post.sourceUrl).toBeUndefined();
    expect(post.warnings.map((w) => w.reason).join('\n')).toMatch(/not a plain http\(s\) URL/);
    expect(parsed('').sourceUrl).toBe('https://example.com/a');
  });
});

describe('odd invisible text', () => {
  it('is removed from titles and tags: bidi overrides, zero-width spaces', () => {
    const raw = '---\ntitle: "a\u202Egnp.exe\u202C b"\ndate: 2026-01-10\ntags: ["보안\u200B태그"]\n---\n## 3줄 요약\n- 하나\n';
    const post = parsePost('2026-01-10-x.md', raw, site).post!;
    expect(post.title).toBe('agnp.exe b');
    expect(post.tags).toEqual(['보안태그']);
  });
});
