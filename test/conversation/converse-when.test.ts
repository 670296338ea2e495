/**
 * Free text through the conversation core over the fixture posts (Thursday 2026-02-05 in Seoul):
 * a question with a time expression is answered from that range's posts (as `/ask when:`), with
 * the "nothing in this range" fallback; and a follow-up after a list may pick an item of it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Heard } from '../../src/bot/converse.ts';
import type { Reply } from '../../src/bot/reply.ts';
import { conversationFor, coreFor, UNLIMITED_FREE_TEXT } from '../helpers/core.ts';
import { NOW, POSTS } from './streaming.ts';

let setup: Awaited<ReturnType<typeof coreFor>>;
beforeAll(async () => {
  setup = await coreFor(POSTS, { now: NOW });
});

function talk() {
  const conversation = conversationFor(setup, NOW, { fairness: UNLIMITED_FREE_TEXT });
  let sent = 0;
  return async (text: string, extra: Partial<Heard> = {}): Promise<{ reply: Reply; key: string }> => {
    let answer: { reply: Reply; key: string } | undefined;
    await conversation.converse(
      { platform: 'test', text, invoker: { id: 'test:1', isModerator: false }, place: 'test:chat', via: 'mention', fromBot: false, ...extra },
      { send: async (reply) => ((answer = { reply, key: `test:chat:${++sent}` }), answer.key) },
    );
    return answer!;
  };
}

const OPENAI_URL = 'https://blog.example/posts/openai-agent-mode/';

describe('free-text questions with a time expression', () => {
  it('are answered from the posts of that range', async () => {
    const { reply } = await talk()('이번 주 OpenAI 에이전트 모드는 뭐가 달라?');
    expect(reply.items?.[0]?.url).toBe(OPENAI_URL);
    expect(reply.text.join('\n')).not.toContain('맞는 글이 없습니다');
  });

  it('say so when nothing in the range answers, and answer from any time', async () => {
    const { reply } = await talk()('지난달 OpenAI 에이전트 모드는 뭐가 달라?');
    expect(reply.text[0]).toBe('2026-01-01 ~ 2026-01-31에 맞는 글이 없습니다. 대신 기간과 상관없이 가장 잘 맞는 글을 보여 드립니다.');
    expect(reply.items?.[0]?.url).toBe(OPENAI_URL);
  });
});

describe('a follow-up after a list', () => {
  it('picks the item it names: "2번 링크" is the second post’s links', async () => {
    const say = talk();
    const list = await say('최신 글');
    const second = list.reply.items?.[1];
    expect(second?.url).toBeTruthy();
    const { reply } = await say('2번 링크', { via: 'reply', replyTo: list.key });
    expect(reply.url).toBe(second!.url);
  });

  it('picks the last item with "마지막 거 언제 나왔어?"', async () => {
    const say = talk();
    const list = await say('최신 글');
    const last = list.reply.items?.at(-1);
    const { reply } = await say('마지막 거 언제 나왔어?', { via: 'reply', replyTo: list.key });
    expect(reply.url).toBe(last!.url);
    expect(reply.text[0]).toContain(last!.title);
  });
});
