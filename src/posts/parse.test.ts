import { describe, expect, it } from 'vitest';
import { parsePost } from './parse.ts';
import type { Post, SiteInfo } from './types.ts';

const site: SiteInfo = { url: 'https://tech.webi.kr', baseurl: '', timezone: 'Asia/Seoul', permalink: '/posts/:title/' };

const BODY = `
## 3줄 요약
- 첫째 요약입니다.
- 둘째 요약입니다.
- 셋째 요약입니다.

## 📌 주요 내용

본문입니다.

> [원문 기사 보기](https://example.com/article)
`;

/** A post file: front-matter lines + body. */
function file(frontMatter: string, body = BODY): string {
  return `---\n${frontMatter.trim()}\n---\n${body}`;
}

function parsed(text: string, name = '2026-02-02-some-slug-1234.md', at: SiteInfo = site): Post {
  const result = parsePost(name, text, at);
  if (!result.post) throw new Error(`not parsed: ${JSON.stringify(result.problems)}`);
  return result.post;
}

describe('parsePost: dates', () => {
  it.each([
    ['2026-02-03 05:00:36 +0900', '2026-02-03T05:00:36+09:00'],
    ['2026-02-03', '2026-02-03T00:00:00+09:00'],
    ['"2026-02-03"', '2026-02-03T00:00:00+09:00'],
    ['2026-02-03T05:00:36Z', '2026-02-03T14:00:36+09:00'],
    ['2026-02-03 05:00', '2026-02-03T05:00:00+09:00'],
    ['2026-02-03 05:00:36', '2026-02-03T05:00:36+09:00'],
    ['2026-02-03 05:00:36 -05:00', '2026-02-03T19:00:36+09:00'],
  ])('reads date %s as %s in the site zone (YAML Date objects included)', (raw, iso) => {
    expect(parsed(file(`title: T\ndate: ${raw}`)).dateIso).toBe(iso);
  });

  it('falls back to the date in the file name when the front matter has none', () => {
    expect(parsed(file('title: T')).dateIso).toBe('2026-02-02T00:00:00+09:00');
  });

  it('uses the file-name date with a warning when the front-matter date is impossible', () => {
    const post = parsed(file('title: T\ndate: 2026-02-30 10:00:00 +0900'));
    expect(post.dateIso).toBe('2026-02-02T00:00:00+09:00');
    expect(post.warnings).toContainEqual(expect.objectContaining({ line: 3, severity: 'warning', reason: expect.stringContaining('invalid date') }));
  });

  it('skips a post with no date anywhere', () => {
    const result = parsePost('notes.md', file('title: T'), site);
    expect(result.post).toBeUndefined();
    expect(result.problems).toContainEqual(expect.objectContaining({ severity: 'error', reason: expect.stringContaining('no date') }));
  });
});

describe('parsePost: slug and URL', () => {
  it('takes the id from the file name without date and extension and serves it under /posts/:title/', () => {
    const post = parsed(file('title: T\ndate: 2026-02-03 05:00:36 +0900'), '2026-02-02-what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465.md');
    expect(post.id).toBe('what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465');
    expect(post.url).toBe('https://tech.webi.kr/posts/what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465/');
  });

  it('lets a front-matter slug override the file name', () => {
    const post = parsed(file('title: T\nslug: my custom slug'));
    expect(post.id).toBe('my-custom-slug');
    expect(post.url).toBe('https://tech.webi.kr/posts/my-custom-slug/');
  });

  it('reads .markdown files too', () => {
    expect(parsed(file('title: T'), '2026-02-02-notes.markdown').id).toBe('notes');
  });

  it('puts the baseurl between site url and path', () => {
    expect(parsed(file('title: T'), '2026-02-02-a.md', { ...site, baseurl: '/blog' }).url).toBe('https://tech.webi.kr/blog/posts/a/');
  });

  it('fills every Jekyll placeholder of the site permalink, dates in the site zone', () => {
    const dated = { ...site, permalink: '/:categories/:year/:month/:day/:slug/:title.html' };
    const post = parsed(file("title: T\ndate: 2026-02-03 05:00:36 +0900\ncategories: ['Dev Tools', Web]"), '2026-02-02-Mixed-Case.md', dated);
    expect(post.url).toBe('https://tech.webi.kr/dev%20tools/web/2026/02/03/mixed-case/Mixed-Case.html');
  });

  it('understands the built-in permalink styles and drops empty categories', () => {
    expect(parsed(file('title: T\ndate: 2026-02-03'), '2026-02-02-a.md', { ...site, permalink: 'pretty' }).url).toBe('https://tech.webi.kr/2026/02/03/a/');
  });

  it("prefers the post's own permalink", () => {
    expect(parsed(file('title: T\npermalink: /special/:title/')).url).toBe('https://tech.webi.kr/special/some-slug-1234/');
  });

  it('escapes non-ASCII slugs like Jekyll', () => {
    expect(parsed(file('title: T'), '2026-02-02-한글-제목.md').url).toBe('https://tech.webi.kr/posts/%ED%95%9C%EA%B8%80-%EC%A0%9C%EB%AA%A9/');
  });
});

describe('parsePost: publishing', () => {
  it('marks `published: false` posts as unpublished and others as published', () => {
    expect(parsed(file('title: T\npublished: false')).published).toBe(false);
    expect(parsed(file('title: T\npublished: true')).published).toBe(true);
    expect(parsed(file('title: T')).published).toBe(true);
  });
});

describe('parsePost: image', () => {
  it('turns a site-relative string into an absolute URL', () => {
    expect(parsed(file('title: T\nimage: /assets/img/a.png')).imageUrl).toBe('https://tech.webi.kr/assets/img/a.png');
  });

  it('reads {path, alt}', () => {
    const post = parsed(file('title: T\nimage:\n  path: "/assets/img/b.png"\n  alt: "<b>그림</b> 설명"'), '2026-02-02-a.md', { ...site, baseurl: '/blog' });
    expect(post.imageUrl).toBe('https://tech.webi.kr/blog/assets/img/b.png');
    expect(post.imageAlt).toBe('그림 설명');
  });

  it("puts a relative path under Chirpy's media_subpath", () => {
    expect(parsed(file('title: T\nmedia_subpath: /posts/2026/\nimage: { path: c.png }')).imageUrl).toBe('https://tech.webi.kr/posts/2026/c.png');
  });

  it('keeps an absolute image URL as it is', () => {
    expect(parsed(file('title: T\nimage: https://cdn.example.com/d.png')).imageUrl).toBe('https://cdn.example.com/d.png');
  });
});

describe('parsePost: tags, categories, description', () => {
  it('reads tags as a list, keeping the first spelling of each normalized form', () => {
    expect(parsed(file("title: T\ntags: ['AI', 'ai', '생성형 AI', '생성형-AI', Raspberry-Pi-Pico-2, 2026]")).tags).toEqual([
      'AI',
      '생성형 AI',
      'Raspberry-Pi-Pico-2',
      '2026',
    ]);
  });

  it('splits tags and categories given as space-separated strings', () => {
    const post = parsed(file('title: T\ntags: Rust 러스트 release\ncategories: Development Languages'));
    expect(post.tags).toEqual(['Rust', '러스트', 'release']);
    expect(post.categories).toEqual(['Development', 'Languages']);
  });

  it('accepts the singular `category`', () => {
    expect(parsed(file('title: T\ncategory: News')).categories).toEqual(['News']);
  });

  it('keeps the description as plain text', () => {
    expect(parsed(file('title: T\ndescription: "**굵은** 설명 &amp; [링크](https://x.example)"')).description).toBe('굵은 설명 & 링크');
  });
});

describe('parsePost: title', () => {
  it('turns HTML and markdown in the title into plain text', () => {
    expect(parsed(file('title: "<b>Rust</b> 1.95 &amp; **async** `closures`"')).title).toBe('Rust 1.95 & async closures');
  });

  it('skips a post without a title, naming the file and line', () => {
    const result = parsePost('2026-02-02-a.md', file('date: 2026-02-03\ntags: [x]'), site);
    expect(result.post).toBeUndefined();
    expect(result.problems).toEqual([{ file: '2026-02-02-a.md', line: 1, reason: 'missing title: add `title:` to the front matter', severity: 'error' }]);
  });
});

describe('parsePost: summary', () => {
  it('takes the bullets under ## 3줄 요약 as plain text', () => {
    const post = parsed(file('title: T', '\n## 3줄 요약\n- **엔비디아**가 [발표](https://x.example)했습니다\n* 둘째\n1. 셋째\n\n## 다음\n- 아님\n'));
    expect(post.summary).toEqual(['엔비디아가 발표했습니다', '둘째', '셋째']);
  });

  it.each(['## 요약', '## 핵심 요약', '### 📝 3줄 요약', '## TL;DR', '## Summary', '## Key points'])('accepts the heading %s', (heading) => {
    expect(parsed(file('title: T', `\n${heading}\n- 하나\n- 둘\n\n## 본문\n글\n`)).summary).toEqual(['하나', '둘']);
  });

  it('falls back to the description, then to the first paragraph, with a warning', () => {
    const withDescription = parsed(file('title: T\ndescription: 설명입니다', '\n## 본문\n\n첫 문단입니다.\n'));
    expect(withDescription.summary).toEqual(['설명입니다']);
    expect(withDescription.warnings.map((w) => w.reason)).toContainEqual(expect.stringContaining('no summary section'));
    const withParagraph = parsed(file('title: T', '\n![그림](/a.png)\n\n## 본문\n\n첫 **문단**입니다.\n\n둘째 문단.\n'));
    expect(withParagraph.summary).toEqual(['첫 문단입니다.']);
  });
});

describe('parsePost: source link', () => {
  it('finds the markdown 원문 기사 보기 link', () => {
    expect(parsed(file('title: T')).sourceUrl).toBe('https://example.com/article');
  });

  it('finds an HTML <a href> 원문 기사 보기 link', () => {
    const body = '\n본문 [다른 링크](https://other.example).\n\n> <a href="https://mariozechner.at/posts/2025-11-30-pi-coding-agent/" target="_blank" rel="noopener noreferrer">원문 기사 보기</a>';
    expect(parsed(file('title: T', body)).sourceUrl).toBe('https://mariozechner.at/posts/2025-11-30-pi-coding-agent/');
  });

  it.each([
    ['[원문](https://a.example/1)', 'https://a.example/1'],
    ['[Source](https://a.example/2)', 'https://a.example/2'],
    ['[Original article](https://a.example/3)', 'https://a.example/3'],
    ['원문: https://a.example/4', 'https://a.example/4'],
  ])('accepts the label in %s', (line, url) => {
    expect(parsed(file('title: T', `\n본문 [처음 링크](https://first.example).\n\n${line}\n`)).sourceUrl).toBe(url);
  });

  it('falls back to the last external link in the final lines, ignoring links to the site itself', () => {
    const body = '\n본문.\n\n더 읽기: [기사](https://news.example/story) 그리고 [블로그](https://tech.webi.kr/posts/x/)\n';
    expect(parsed(file('title: T', body)).sourceUrl).toBe('https://news.example/story');
  });

  it('warns when there is no link to the original at all', () => {
    const post = parsed(file('title: T', '\n## 3줄 요약\n- 하나\n'));
    expect(post.sourceUrl).toBeUndefined();
    expect(post.warnings.map((w) => w.reason)).toContainEqual(expect.stringContaining('no link to the original article'));
  });
});

describe('parsePost: plain text and sections', () => {
  const body = [
    '',
    '## 📌 주요 *내용*',
    '',
    '{% include note.html content="숨김" %}',
    'Liquid {{ site.title }} 사라짐. **굵게**, _기울임_, ~~취소~~, `코드`, [링크 글자](https://x.example), ![그림](/a.png)',
    '{: .prompt-info }',
    '> 인용 &amp; &lt;태그&gt; &#54620;&#xAE00;',
    '',
    '<div class="box"><p>HTML 안의 글</p></div>',
    '<!-- 주석 -->',
    '',
    '| 항목 | 값 |',
    '|------|----|',
    '| 속도 | 2배 |',
    '',
    '```rust',
    'let v: Vec<String> = vec![]; // # not a heading',
    '```',
    '',
    '### 두 번째 *절*',
    '- 목록 하나 {: .x}',
    'snake_case_name stays',
  ].join('\n');
  const post = parsed(file('title: T', body));

  it('splits the body at headings, headings as plain text', () => {
    expect(post.sections.map((s) => s.heading)).toEqual(['📌 주요 내용', '두 번째 절']);
  });

  it('removes markdown, Liquid, kramdown attribute lists and HTML, and decodes entities', () => {
    expect(post.sections[0]?.text).toBe(
      [
        'Liquid 사라짐. 굵게, 기울임, 취소, 코드, 링크 글자,',
        '인용 & <태그> 한글',
        '',
        'HTML 안의 글',
        '',
        '항목 · 값',
        '속도 · 2배',
        '',
        'let v: Vec<String> = vec![]; // # not a heading',
      ].join('\n'),
    );
    expect(post.sections[1]?.text).toBe('목록 하나\nsnake_case_name stays');
  });

  it('keeps code blocks as text (questions about commands and versions need them)', () => {
    expect(post.text).toContain('let v: Vec<String> = vec![];');
    expect(post.text).not.toContain('```');
  });

  it('keeps the literal text of {% raw %} blocks', () => {
    expect(parsed(file('title: T', '\n{% raw %}{{ 그대로 }}{% endraw %}\n')).text).toBe('{{ 그대로 }}');
  });
});

describe('parsePost: bad input', () => {
  it('reads a BOM and CRLF line ends', () => {
    const post = parsed(`\uFEFF---\r\ntitle: "윈도우 파일"\r\ndate: 2026-02-03 05:00:36 +0900\r\n---\r\n\r\n## 3줄 요약\r\n- 하나\r\n- 둘\r\n`);
    expect(post.title).toBe('윈도우 파일');
    expect(post.summary).toEqual(['하나', '둘']);
    expect(post.dateIso).toBe('2026-02-03T05:00:36+09:00');
  });

  it('reports malformed YAML with the line in the file', () => {
    const result = parsePost('2026-02-02-a.md', file('title: "ok"\ndate: 2026-02-03\ntags: [one, two\ncategories: [x]'), site);
    expect(result.post).toBeUndefined();
    expect(result.problems).toEqual([
      { file: '2026-02-02-a.md', line: 5, reason: 'invalid YAML in front matter: missed comma between flow collection entries', severity: 'error' },
    ]);
  });

  it('skips an empty file and a file without front matter', () => {
    expect(parsePost('a.md', '', site).problems).toEqual([{ file: 'a.md', reason: 'empty file', severity: 'error' }]);
    expect(parsePost('a.md', ' \n\n', site).problems[0]?.reason).toBe('empty file');
    expect(parsePost('a.md', '# Title\n\ntext\n', site).problems[0]).toMatchObject({ line: 1, reason: expect.stringContaining('no front matter') });
    expect(parsePost('a.md', '---\ntitle: T\n', site).problems[0]).toMatchObject({ line: 1, reason: expect.stringContaining('not closed') });
  });

  it('caps body work on a huge body and says so', () => {
    const huge = `\n## 3줄 요약\n- 하나\n\n${'가나다라마바사 아자차카타파하.\n'.repeat(120_000)}`;
    const started = performance.now();
    const post = parsed(file('title: T', huge));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(post.text.length).toBeLessThanOrEqual(1_000_000);
    expect(post.warnings.map((w) => w.reason)).toContainEqual(expect.stringContaining('only the first 1000000'));
  });
});
