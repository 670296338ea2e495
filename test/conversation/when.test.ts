/** The `when` option of /latest and /summary, over the real core and fixtures/posts at a fixed time. */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { coreFor, run } from '../helpers/core.ts';

const POSTS = fileURLToPath(new URL('./fixtures/posts', import.meta.url));
const NOW = new Date('2026-02-05T10:00:00+09:00');
let core: Awaited<ReturnType<typeof coreFor>>['core'];

beforeAll(async () => {
  ({ core } = await coreFor(POSTS, { now: NOW }));
});

const titles = (reply: { items?: { title: string }[] }) => (reply.items ?? []).map((item) => item.title);

describe('/latest when', () => {
  it('lists only the posts of the range, and pages with the range fixed as dates', async () => {
    const reply = await run(core, 'latest', { when: '지난주', count: 1 });
    expect(titles(reply)).toEqual(['구글 Gemini 4 벤치마크 결과']);
    expect(reply.title).toContain('2026-01-26 ~ 2026-02-01');
    const all = await run(core, 'latest', { when: 'this week' });
    expect(titles(all)).toEqual(['Anthropic Claude, 코드 리뷰 기능 추가', 'Rust 2026 에디션 발표', 'OpenAI, GPT-5.5 에이전트 모드 공개']);
    const paged = await run(core, 'latest', { when: '이번 달', count: 1 });
    expect(paged.actions?.[0]?.args).toEqual({ count: 1, when: '2026-02-01..2026-02-28', page: 2 });
  });

  it('says when the range is empty and shows the newest posts instead', async () => {
    const reply = await run(core, 'latest', { when: '작년' });
    expect(reply.text.join(' ')).toContain('2025-01-01 ~ 2025-12-31');
    expect(titles(reply)[0]).toBe('Anthropic Claude, 코드 리뷰 기능 추가');
  });

  it('refuses a `when` with no time in it, saying what it could not read', async () => {
    const reply = await run(core, 'latest', { when: 'banana' });
    expect(reply.kind).toBe('error');
    expect(reply.text.join(' ')).toContain('banana');
  });
});

describe('/summary when', () => {
  it('finds the best post of the range, and the best of any time (saying so) when the range has none', async () => {
    expect((await run(core, 'summary', { query: 'AI', when: '1월' })).title).not.toMatch(/OpenAI|Claude/);
    const outside = await run(core, 'summary', { query: 'rust', when: 'last year' });
    expect(outside.title).toBe('Rust 2026 에디션 발표');
    expect(outside.text[0]).toContain('2025-01-01 ~ 2025-12-31');
  });
});
