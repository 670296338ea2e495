import { describe, expect, it } from 'vitest';
import type { Reply, ReplyAction } from '../../bot/reply.ts';
import { fitChoices, LIMITS, renderReply, type DiscordMessage } from './render.ts';

/** A stand-in for the core's encoder: readable, deterministic, short. */
const encodeAction = (action: ReplyAction) => `${action.command}:${Object.values(action.args).join(':')}`;
const render = (reply: Reply, ephemeral = false) => renderReply(reply, { encodeAction, ephemeral });

/** Discord's total: title + description + field names and values + footer. */
function embedSize(message: DiscordMessage): number {
  const embed = message.embeds[0]!;
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0) +
    (embed.footer?.text.length ?? 0)
  );
}

const postUrl = 'https://tech.webi.kr/posts/nvidia-rubin/';

describe('renderReply', () => {
  it('renders a summary as one embed with a title link, bullets, thumbnail, fields and link buttons', () => {
    const message = render({
      title: 'Nvidia의 새 GPU *Rubin*',
      url: postUrl,
      text: ['• 첫째 줄', '• 둘째 줄', '• 셋째 줄'],
      fields: [
        { name: '태그', value: 'AI, GPU', inline: true },
        { name: '날짜', value: '2026-02-03', inline: true },
      ],
      links: [
        { label: '글 보기', url: postUrl },
        { label: '원문 보기', url: 'https://example.com/rubin' },
      ],
      image: 'https://tech.webi.kr/assets/img/rubin.jpg',
      footer: 'tech.webi.kr',
    });
    expect(message).toEqual({
      embeds: [
        {
          color: 0x5865f2,
          title: 'Nvidia의 새 GPU *Rubin*',
          url: postUrl,
          description: '• 첫째 줄\n• 둘째 줄\n• 셋째 줄',
          thumbnail: { url: 'https://tech.webi.kr/assets/img/rubin.jpg' },
          fields: [
            { name: '태그', value: 'AI, GPU', inline: true },
            { name: '날짜', value: '2026-02-03', inline: true },
          ],
          footer: { text: 'tech.webi.kr' },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 5, label: '글 보기', url: postUrl },
            { type: 2, style: 5, label: '원문 보기', url: 'https://example.com/rubin' },
          ],
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it('numbers list items as masked links with their detail, and puts paging buttons on their own row', () => {
    const message = render({
      title: '#AI 글 12개',
      text: [],
      items: [
        { title: 'First [draft]', url: 'https://tech.webi.kr/posts/a_(b)/', detail: '2026-02-03 · AI' },
        { title: 'No link' },
      ],
      footer: '1/3 쪽',
      actions: [{ label: '다음 ▶', command: 'tag', args: { tag: 'AI', page: 2 } }],
    });
    expect(message.embeds[0]!.description).toBe(
      '1. [First \\[draft\\]](https://tech.webi.kr/posts/a_%28b%29/)\n   2026-02-03 · AI\n2. No link',
    );
    expect(message.components).toEqual([
      { type: 1, components: [{ type: 2, style: 2, label: '다음 ▶', custom_id: 'tag:AI:2' }] },
    ]);
  });

  it('escapes markdown and mention syntax in post text, and never lets anything ping', () => {
    const message = render({ title: 't', text: ['@everyone <@&123> **bold** # not a heading'] });
    expect(message.embeds[0]!.description).toBe('@everyone \\<@&123\\> \\*\\*bold\\*\\* # not a heading');
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });

  it('cuts field names and values to their limits and keeps at most 25 fields', () => {
    const message = render({
      title: 't',
      text: [],
      fields: [
        { name: 'N'.repeat(500), value: 'V'.repeat(5000) },
        ...Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, value: 'v' })),
      ],
    });
    const fields = message.embeds[0]!.fields!;
    expect(fields).toHaveLength(LIMITS.fields);
    expect(fields[0]!.name).toHaveLength(LIMITS.fieldName);
    expect(fields[0]!.value).toHaveLength(LIMITS.fieldValue);
    expect(fields.at(-1)).toEqual({ name: 'f23', value: 'v' });
  });

  it('leaves bare URLs in text unescaped so Discord still links them', () => {
    const message = render({ title: 't', text: ['see https://example.com/a_b_c?x=*1* and _this_'] });
    expect(message.embeds[0]!.description).toBe('see https://example.com/a_b_c?x=*1* and \\_this\\_');
  });

  it('fits an oversized reply into every embed limit and the 6000 total', () => {
    const message = render({
      title: 'T'.repeat(1000),
      url: postUrl,
      text: Array.from({ length: 200 }, (_, i) => `• line ${i} ${'가'.repeat(80)}`),
      fields: Array.from({ length: 40 }, (_, i) => ({ name: `N${i}`.repeat(200), value: 'v'.repeat(5000) })),
      footer: 'F'.repeat(5000),
    });
    const embed = message.embeds[0]!;
    expect(embed.title).toHaveLength(LIMITS.title);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(embed.footer!.text).toHaveLength(LIMITS.footer);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embedSize(message)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('drops fields from the end before it drops text lines', () => {
    const message = render({
      title: 'title',
      text: Array.from({ length: 30 }, (_, i) => `line ${i} ${'x'.repeat(100)}`), // ~3200 units: room for two fields
      fields: Array.from({ length: 5 }, (_, i) => ({ name: `field ${i}`, value: 'y'.repeat(1000) })),
    });
    const embed = message.embeds[0]!;
    expect(embed.description).toContain('line 29');
    expect(embed.fields!.map((field) => field.name)).toEqual(['field 0', 'field 1']);
    expect(embedSize(message)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('ends a shortened description with an ellipsis line instead of cutting a line in half', () => {
    const message = render({ title: 't', text: Array.from({ length: 100 }, (_, i) => `${i} ${'z'.repeat(60)}`) });
    const lines = message.embeds[0]!.description!.split('\n');
    expect(lines.at(-1)).toBe('…');
    expect(lines.slice(0, -1).every((line) => /^\d+ z{60}$/.test(line))).toBe(true);
  });

  it('never splits an emoji when it cuts a title', () => {
    const title = `${'a'.repeat(254)}😀😀`; // the emoji straddles the cut
    const cut = render({ title, text: [] }).embeds[0]!.title!;
    expect(cut.length).toBeLessThanOrEqual(LIMITS.title);
    expect(cut).toBe(`${'a'.repeat(254)}…`);
  });

  it('drops link buttons whose URL is too long or not http(s), and cuts long labels', () => {
    const message = render({
      title: 't',
      text: [],
      links: [
        { label: 'L'.repeat(120), url: postUrl },
        { label: 'too long', url: `https://tech.webi.kr/${'p'.repeat(600)}` },
        { label: 'javascript', url: 'javascript:alert(1)' },
      ],
    });
    const buttons = message.components.flatMap((row) => row.components);
    expect(buttons).toHaveLength(1);
    expect(buttons[0]).toMatchObject({ style: 5, url: postUrl });
    expect((buttons[0] as { label: string }).label).toHaveLength(LIMITS.buttonLabel);
  });

  it('lays out many buttons five to a row, at most five rows, dropping custom_ids over 100 characters', () => {
    const actions: ReplyAction[] = Array.from({ length: 30 }, (_, i) => ({ label: `${i}`, command: 'post', args: { id: i } }));
    actions.push({ label: 'huge', command: 'x'.repeat(120), args: {} });
    const message = render({ title: 't', text: [], actions });
    expect(message.components).toHaveLength(LIMITS.rows);
    for (const row of message.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    const ids = message.components.flatMap((row) => row.components.map((b) => (b as { custom_id: string }).custom_id));
    expect(ids.every((id) => id.length <= LIMITS.customId)).toBe(true);
    expect(ids[0]).toBe('post:0');
  });

  it('leaves out a button whose action the core cannot encode, keeping the rest of the reply', () => {
    const message = renderReply(
      { title: 't', text: [], actions: [{ label: 'bad', command: 'x', args: {} }, { label: 'good', command: 'y', args: {} }] },
      {
        encodeAction: (action) => {
          if (action.command === 'x') throw new Error('too long');
          return action.command;
        },
      },
    );
    expect(message.components).toEqual([{ type: 1, components: [{ type: 2, style: 2, label: 'good', custom_id: 'y' }] }]);
  });

  it('sends a text-only reply as content within 2000 characters', () => {
    const message = render({ text: Array.from({ length: 50 }, (_, i) => `${i} ${'w'.repeat(70)}`) });
    expect(message.embeds).toEqual([]);
    expect(message.content!.length).toBeLessThanOrEqual(LIMITS.content);
    expect(message.content!.endsWith('\n…')).toBe(true);
  });

  it('makes error replies, private replies and the private option ephemeral, and nothing else', () => {
    expect(render({ text: ['없는 태그입니다'], kind: 'error' }).flags).toBe(64);
    expect(render({ title: 't', text: [], private: true }).flags).toBe(64);
    expect(render({ title: 't', text: [] }, true).flags).toBe(64);
    expect(render({ title: 't', text: [] }).flags).toBeUndefined();
  });

  it('colours error replies red', () => {
    expect(render({ title: 'oops', text: [], kind: 'error' }).embeds[0]!.color).toBe(0xed4245);
  });
});

describe('fitChoices', () => {
  it('keeps at most 25 choices, cuts names to 100 and drops values over 100', () => {
    const choices = [
      { name: 'n'.repeat(150), value: 'short' },
      { name: 'long value', value: 'v'.repeat(101) },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `tag ${i}`, value: `tag ${i}` })),
    ];
    const fitted = fitChoices(choices);
    expect(fitted).toHaveLength(25);
    expect(fitted[0]).toEqual({ name: `${'n'.repeat(99)}…`, value: 'short' });
    expect(fitted.some((choice) => choice.name === 'long value')).toBe(false);
  });
});
