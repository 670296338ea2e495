/**
 * The conversation core over a real core (real loader, index and commands) and the fixture posts
 * in fixtures/posts, without a platform: what is answered, what a follow-up refers to, time
 * ranges with a controllable clock, and the cooldown.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createConversation, type Heard, type Outcome } from '../../src/bot/converse.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { InMemoryConversationStore } from '../../src/conversation/memory.ts';
import { coreFor, recordingLogger } from '../helpers/core.ts';

const POSTS = fileURLToPath(new URL('./fixtures/posts', import.meta.url));
// Thursday 2026-02-05 10:00 in Seoul: this week is Monday 02-02 to Sunday 02-08.
const NOW = new Date('2026-02-05T10:00:00+09:00');

type Setup = Awaited<ReturnType<typeof coreFor>>;
let setup: Setup;

beforeAll(async () => {
  setup = await coreFor(POSTS, { now: NOW });
});

function conversation(fairness = {}) {
  const store = new InMemoryConversationStore({ now: () => NOW.getTime() });
  const log = recordingLogger();
  const talk = createConversation({
    engine: setup.engine,
    execute: (invocation) => setup.core.execute(invocation),
    store,
    localeFor: (locale) => setup.core.localeFor(locale),
    log,
    now: () => NOW,
    fairness,
  });
  let sent = 0;
  const replies: { key: string; reply: Reply }[] = [];
  const say = async (text: string, extra: Partial<Heard> = {}): Promise<{ outcome: Outcome; reply?: Reply; key?: string }> => {
    const before = replies.length;
    const outcome = await talk.converse(
      { platform: 'test', text, invoker: { id: 'test:1', isModerator: false }, place: 'test:chat', via: 'private', fromBot: false, ...extra },
      { send: async (reply) => (replies.push({ key: `test:chat:${++sent}`, reply }), `test:chat:${sent}`) },
    );
    const last = replies.length > before ? replies[replies.length - 1] : undefined;
    return { outcome, ...(last ? { reply: last.reply, key: last.key } : {}) };
  };
  return { say, store, log };
}

const titles = (reply: Reply | undefined) => [reply?.title, ...(reply?.items ?? []).map((item) => item.title)].filter(Boolean);

describe('converse', () => {
  it('answers a few words with the post card, as /summary does', async () => {
    const { say } = conversation();
    const { outcome, reply } = await say('nvidia');
    expect(outcome).toBe('answered');
    expect(reply?.title).toBe('Nvidia, 차세대 Rubin GPU 공개');
  });

  it('ignores bots, broadcasts and messages not addressed to it', async () => {
    const { say } = conversation();
    expect((await say('nvidia', { fromBot: true })).outcome).toBe('ignored');
    expect((await say('nvidia', { broadcast: true, via: 'mention' })).outcome).toBe('ignored');
    expect((await say('nvidia', { via: 'none' })).outcome).toBe('ignored');
    expect((await say('   ', {})).outcome).toBe('ignored');
  });

  it('gives the original link of the card a reply refers to, and its date', async () => {
    const { say } = conversation();
    const card = await say('rust');
    expect(card.reply?.title).toBe('Rust 2026 에디션 발표');
    const link = await say('원문 링크', { via: 'reply', replyTo: card.key });
    expect(link.reply?.text.join('\n')).toContain('https://example.com/rust-2026');
    const date = await say('언제 나왔어?', { via: 'reply', replyTo: link.key });
    expect(date.reply?.text.join('\n')).toContain('2026-02-03');
  });

  it('reads a follow-up without a remembered message as a message of its own', async () => {
    const { say } = conversation();
    const alone = await say('원문 링크', { via: 'reply', replyTo: 'test:chat:unknown' });
    expect(alone.outcome).toBe('answered');
    expect(alone.reply?.text.join('\n')).not.toContain('https://example.com/');
  });

  it('lists only this week’s AI posts for "이번 주 AI 소식"', async () => {
    const { say } = conversation();
    const { reply } = await say('이번 주 AI 소식');
    expect(titles(reply).slice(1)).toEqual(expect.arrayContaining(['OpenAI, GPT-5.5 에이전트 모드 공개', 'Anthropic Claude, 코드 리뷰 기능 추가']));
    expect(titles(reply)).not.toContain('구글 Gemini 4 벤치마크 결과');
    expect(titles(reply)).not.toContain('Rust 2026 에디션 발표');
  });

  it('says when a range has nothing and shows the newest posts on the topic instead', async () => {
    const { say } = conversation();
    const { reply } = await say('작년 쿠버네티스 글');
    expect(reply?.text.join('\n')).toContain('2025-01-01 ~ 2025-12-31');
    expect(titles(reply)).toContain('쿠버네티스 1.36 릴리스');
  });

  it('lists the posts of a day for "어제 올라온 글", and pages on with "다음"', async () => {
    const { say } = conversation();
    const yesterday = await say('어제 올라온 글');
    expect(titles(yesterday.reply).slice(1)).toEqual(['Anthropic Claude, 코드 리뷰 기능 추가']);
    const list = await say('AI 관련 글 목록');
    expect(list.reply?.items?.length).toBeGreaterThan(0);
    const more = await say('다른 글은?', { via: 'reply', replyTo: list.key });
    expect(more.outcome).toBe('answered');
  });

  it('tells a member who floods it to slow down once, then stays silent, while another member is answered', async () => {
    const { say } = conversation({ memberBurst: 2, memberRefillPerSecond: 0 });
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 4; i++) outcomes.push((await say('nvidia')).outcome);
    expect(outcomes).toEqual(['answered', 'answered', 'limited', 'limited']);
    const other = await say('rust', { invoker: { id: 'test:2', isModerator: false } });
    expect(other.outcome).toBe('answered');
  });

  it('greets, thanks and helps without searching', async () => {
    const { say } = conversation();
    expect((await say('안녕하세요')).reply?.text[0]).toContain('안녕하세요');
    expect((await say('고마워')).reply?.text[0]).toContain('천만에요');
    expect((await say('도움말')).reply?.title).toBeTruthy();
  });
});

describe('converse before the posts are loaded', () => {
  it('says the posts are still loading instead of failing', async () => {
    const { Engine } = await import('../../src/bot/engine.ts');
    const { createBotCore } = await import('../../src/bot/execute.ts');
    const { commands } = await import('../../commands/index.ts');
    const engine = new Engine(async () => {
      throw new Error('not yet');
    });
    const core = createBotCore({ commands, engine, defaultLocale: 'ko', log: recordingLogger() });
    const talk = createConversation({
      engine,
      execute: (invocation) => core.execute(invocation),
      store: new InMemoryConversationStore(),
      localeFor: () => 'ko',
      log: recordingLogger(),
      now: () => NOW,
    });
    const sent: Reply[] = [];
    const outcome = await talk.converse(
      { platform: 'test', text: 'nvidia', invoker: { id: 'test:9', isModerator: false }, place: 'test:x', via: 'private', fromBot: false },
      { send: async (reply) => (sent.push(reply), 'test:x:1') },
    );
    expect(outcome).toBe('answered');
    expect(sent.map((reply) => reply.text.join(' '))).toEqual([expect.stringContaining('불러오는 중')]);
  });
});

describe('converse when the core fails', () => {
  it('logs the failure and apologizes instead of staying silent', async () => {
    const log = recordingLogger();
    const talk = createConversation({
      engine: setup.engine,
      execute: async () => {
        throw new Error('boom');
      },
      store: new InMemoryConversationStore(),
      localeFor: () => 'ko',
      log,
      now: () => NOW,
    });
    const sent: Reply[] = [];
    const outcome = await talk.converse(
      { platform: 'test', text: 'nvidia', invoker: { id: 'test:9', isModerator: false }, place: 'test:x', via: 'private', fromBot: false },
      { send: async (reply) => (sent.push(reply), 'test:x:1') },
    );
    expect(outcome).toBe('failed');
    expect(sent.map((reply) => reply.kind)).toEqual(['error']);
    expect(log.lines.some((line) => line.level === 'error' && line.msg === 'conversation failed')).toBe(true);
  });
});
