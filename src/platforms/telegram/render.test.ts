import { describe, expect, it } from 'vitest';
import type { Reply, ReplyAction } from '../../bot/reply.ts';
import { escapeHtml, renderTelegram, visibleText } from './render.ts';

/** A stand-in for the core's encoder: `command:k=v,...`, as short as the real one promises to be. */
const encodeAction = (action: ReplyAction) => {
  if (action.command === 'refuse') throw new Error('cannot encode');
  return `${action.command}:${Object.entries(action.args)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;
};

const render = (reply: Reply, maxLength?: number) => renderTelegram(reply, { encodeAction, maxLength });

describe('renderTelegram', () => {
  it('renders a summary as a linked bold title, bullets, fields and an italic footer', () => {
    const message = render({
      title: 'GPT-5와 Gemini 3 비교',
      url: 'https://tech.webi.kr/posts/gpt5/',
      text: ['• 첫째 요약', '• 둘째 요약'],
      fields: [{ name: '태그', value: 'AI, LLM' }],
      footer: '2026-02-03',
    });
    expect(message).toEqual({
      text: [
        '<b><a href="https://tech.webi.kr/posts/gpt5/">GPT-5와 Gemini 3 비교</a></b>',
        '',
        '• 첫째 요약',
        '• 둘째 요약',
        '',
        '<b>태그:</b> AI, LLM',
        '',
        '<i>2026-02-03</i>',
      ].join('\n'),
      parse_mode: 'HTML',
      link_preview_options: { url: 'https://tech.webi.kr/posts/gpt5/' },
    });
  });

  it('escapes <, > and & in every piece of text and " in links', () => {
    const message = render({
      title: 'The <b> tag & friends',
      url: 'https://example.com/?q="x"&y=<1>',
      text: ['a < b && c > d'],
      fields: [{ name: '<i>', value: '&amp;' }],
      items: [{ title: 'R&D <script>', url: 'https://example.com/a?b=1&c=2', detail: '"quoted" <detail>' }],
      footer: '<footer>',
    });
    expect(message.text).toBe(
      [
        '<b><a href="https://example.com/?q=&quot;x&quot;&amp;y=&lt;1&gt;">The &lt;b&gt; tag &amp; friends</a></b>',
        '',
        'a &lt; b &amp;&amp; c &gt; d',
        '',
        '<b>&lt;i&gt;:</b> &amp;amp;',
        '',
        '1. <a href="https://example.com/a?b=1&amp;c=2">R&amp;D &lt;script&gt;</a>',
        '<i>    &quot;quoted&quot; &lt;detail&gt;</i>',
        '',
        '<i>&lt;footer&gt;</i>',
      ].join('\n'),
    );
  });

  it('turns links into URL buttons and actions into callback buttons within 64 bytes', () => {
    const message = render({
      text: ['x'],
      links: [
        { label: '글 보기', url: 'https://tech.webi.kr/posts/a/' },
        { label: '원문', url: 'https://example.com/a' },
        { label: 'not a web link', url: 'javascript:alert(1)' },
      ],
      actions: [
        { label: '◀', command: 'tag', args: { tag: 'ab12', page: 1 } },
        { label: '▶', command: 'tag', args: { tag: 'ab12', page: 3 } },
        { label: 'too long', command: 'tag', args: { tag: '생성형'.repeat(10), page: 2 } },
        { label: 'refused', command: 'refuse', args: {} },
      ],
    });
    expect(message.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '글 보기', url: 'https://tech.webi.kr/posts/a/' },
          { text: '원문', url: 'https://example.com/a' },
        ],
        [
          { text: '◀', callback_data: 'tag:tag=ab12,page=1' },
          { text: '▶', callback_data: 'tag:tag=ab12,page=3' },
        ],
      ],
    });
  });

  it('disables the link preview when the reply has no post to preview', () => {
    expect(render({ text: ['hello'] }).link_preview_options).toEqual({ is_disabled: true });
  });

  it('counts visible text, not tags or entities, against the limit', () => {
    // 40 lines of 100 "&" characters: 4039 visible units, 20000+ characters of HTML.
    const reply: Reply = { text: Array.from({ length: 40 }, () => '&'.repeat(100)) };
    const message = render(reply);
    expect(message.text.length).toBeGreaterThan(4096);
    expect(visibleText(message.text)).toBe(reply.text.join('\n'));
  });

  it('drops list items from the end first, then fields, then text lines, to fit', () => {
    const reply: Reply = {
      title: 'T',
      text: ['first paragraph', 'second paragraph'],
      fields: [{ name: 'f1', value: 'v1' }, { name: 'f2', value: 'v2' }],
      items: [{ title: 'item one' }, { title: 'item two' }],
    };
    const full = visibleText(render(reply).text);
    const withoutLastItem = visibleText(render(reply, full.length - 1).text);
    expect(withoutLastItem).toBe('T\n\nfirst paragraph\nsecond paragraph\n\nf1: v1\nf2: v2\n\n1. item one');
    const textOnly = visibleText(render(reply, 'T\n\nfirst paragraph\nsecond paragraph'.length).text);
    expect(textOnly).toBe('T\n\nfirst paragraph\nsecond paragraph');
    const firstOnly = visibleText(render(reply, 'T\n\nfirst paragraph'.length + 3).text);
    expect(firstOnly).toBe('T\n\nfirst paragraph');
  });

  it('shortens one huge paragraph to exactly fit 4096 units, never inside an entity', () => {
    const reply: Reply = { title: 'Big <&>', text: ['가&<'.repeat(3000)] };
    const message = render(reply);
    const visible = visibleText(message.text);
    expect(visible.length).toBeLessThanOrEqual(4096);
    expect(visible.length).toBeGreaterThan(4000);
    expect(visible.endsWith('…')).toBe(true);
    // every & in the HTML starts one of the entities we produce
    expect(message.text.replace(/&(amp|lt|gt|quot);/g, '')).not.toContain('&');
    expect(message.text).toMatch(/^<b>Big &lt;&amp;&gt;<\/b>\n\n/);
  });

  it('never splits an emoji (a surrogate pair) when it cuts', () => {
    const reply: Reply = { text: ['😀'.repeat(3000)] };
    const visible = visibleText(render(reply).text);
    expect(visible.length).toBeLessThanOrEqual(4096);
    expect(visible).toMatch(/^(😀)+…$/u);
  });

  it('marks error replies and never sends an empty message', () => {
    expect(render({ title: '찾을 수 없어요', text: [], kind: 'error' }).text).toBe('⚠️ <b>찾을 수 없어요</b>');
    expect(render({ text: ['이 명령은 운영자만 사용할 수 있습니다.'], kind: 'error' }).text).toBe('⚠️ 이 명령은 운영자만 사용할 수 있습니다.');
    expect(render({ text: [] }).text).toBe('…');
  });
});

describe('escapeHtml', () => {
  it('escapes exactly the characters Telegram HTML reserves', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;\'&lt;/a&gt;');
  });
});
