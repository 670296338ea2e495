/**
 * Talking to the bot on Discord, end to end: the real discord.js client and the real core
 * (loader, index, commands, conversation) over fixtures/posts, against the fake gateway and
 * REST API, with a fixed clock. The fake delivers a guild message's content only when it
 * mentions the bot, as Discord does for a bot without the Message Content intent.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryQuestionLog } from '../../src/conversation/questions.ts';
import { startDiscord } from '../../src/platforms/discord/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { conversationFor, coreFor, UNLIMITED_FREE_TEXT, recordingLogger } from '../helpers/core.ts';

const POSTS = fileURLToPath(new URL('./fixtures/posts', import.meta.url));
const NOW = new Date('2026-02-05T10:00:00+09:00');
const SILENCE_MS = 400;

let fake: FakeDiscord;
let bot: Awaited<ReturnType<typeof startDiscord>>;

const questions = new InMemoryQuestionLog({ now: () => NOW.getTime() });

beforeAll(async () => {
  const setup = await coreFor(POSTS, { now: NOW, services: { questions } });
  const conversation = conversationFor(setup, NOW, { questions, fairness: UNLIMITED_FREE_TEXT });
  fake = await startFakeDiscord();
  bot = await startDiscord({ token: fake.token, apiBase: fake.apiBase, guildId: fake.guildIds[0], core: setup.core, conversation, log: recordingLogger() });
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

let seen = 0;
beforeEach(() => {
  seen = fake.channelMessages.length;
});

/** The next message the bot posts (after those the test has already seen). */
async function nextAnswer(timeoutMs = 5_000): Promise<{ channelId: string; body: any; message: any }> {
  const until = Date.now() + timeoutMs;
  while (fake.channelMessages.length <= seen) {
    if (Date.now() > until) throw new Error('the bot posted nothing');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return fake.channelMessages[seen++]!;
}

async function expectSilence(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
  expect(fake.channelMessages.slice(seen).map((m) => m.body?.content ?? m.body?.embeds?.[0]?.title)).toEqual([]);
}

const textOf = (body: any): string => JSON.stringify([body.content, body.embeds]);

describe('talking to the bot on Discord', () => {
  it('asks for guild messages and DMs without the Message Content intent', () => {
    const intents = Number(bot.client.options.intents.bitfield);
    expect(intents & (1 << 0)).toBeTruthy(); // Guilds
    expect(intents & (1 << 9)).toBeTruthy(); // GuildMessages
    expect(intents & (1 << 12)).toBeTruthy(); // DirectMessages
    expect(intents & (1 << 15)).toBe(0); // MessageContent
  });

  it('answers a mention with a reply that pings nobody', async () => {
    const asked = fake.sendUserMessage({ content: `<@${fake.botUserId}> nvidia` });
    const answer = await nextAnswer();
    expect(textOf(answer.body)).toContain('Nvidia, 차세대 Rubin GPU 공개');
    expect(answer.body.message_reference.message_id).toBe(asked.id);
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('hears the <@!id> form and DMs', async () => {
    fake.sendUserMessage({ content: `<@!${fake.botUserId}> rust` });
    expect(textOf((await nextAnswer()).body)).toContain('Rust 2026 에디션 발표');
    fake.sendUserMessage({ content: '쿠버네티스', dm: true });
    const dm = await nextAnswer();
    expect(dm.channelId).toBe('1400000000000000001');
    expect(textOf(dm.body)).toContain('쿠버네티스 1.36');
  });

  it('stays silent for messages without its mention, @everyone, other bots and mentions of someone else', async () => {
    fake.sendUserMessage({ content: 'nvidia 좋네' });
    fake.sendUserMessage({ content: `@everyone <@${fake.botUserId}> nvidia`, mentionEveryone: true });
    fake.sendUserMessage({ content: `<@${fake.botUserId}> nvidia`, user: { id: '1600000000000000001', username: 'otherbot', bot: true } });
    fake.sendUserMessage({ content: '<@1500000000000000077> nvidia 봤어?' });
    await expectSilence();
  });

  it('follows up on a reply to its card: "원문 링크", then "언제 나왔어?"', async () => {
    fake.sendUserMessage({ content: `<@${fake.botUserId}> gemini` });
    const card = await nextAnswer();
    expect(textOf(card.body)).toContain('Gemini 4');
    fake.sendUserMessage({ content: '원문 링크', replyTo: card.message });
    const link = await nextAnswer();
    expect(textOf(link.body)).toContain('https://example.com/gemini-4');
    fake.sendUserMessage({ content: '언제 나왔어?', replyTo: link.message });
    expect(textOf((await nextAnswer()).body)).toContain('2026-01-28');
  });

  it('cannot hear a reply whose author switched the ping off (its content arrives empty)', async () => {
    fake.sendUserMessage({ content: `<@${fake.botUserId}> rust` });
    const card = await nextAnswer();
    fake.sendUserMessage({ content: '원문 링크', replyTo: card.message, ping: false });
    await expectSilence();
  });

  it('stores a 👍 pressed under an answer, telling only the voter', async () => {
    fake.sendUserMessage({ content: `<@${fake.botUserId}> Anthropic Claude 코드 리뷰는 어떻게 동작해?` });
    const answer = await nextAnswer();
    const buttons = (answer.body.components ?? []).flatMap((row: any) => row.components) as { label: string; custom_id?: string }[];
    const up = buttons.find((button) => button.label === '👍');
    expect(up?.custom_id).toBeTruthy();
    const press = fake.sendButton(up!.custom_id!, answer.message);
    const told = await fake.waitForRequest('POST', new RegExp(`^/interactions/${press.id}/`));
    expect(JSON.stringify(told.body)).toContain('고맙습니다');
    expect(told.body.data.flags & 64).toBe(64);
  });

  it('measures free-text latency against the fake (mention "nvidia", 30 times)', async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      const sentAt = performance.now();
      fake.sendUserMessage({ content: `<@${fake.botUserId}> ${i % 2 ? 'nvidia' : '이번 주 AI 소식'}` });
      await nextAnswer();
      latencies.push(fake.requests[fake.requests.length - 1]!.at - sentAt);
    }
    latencies.sort((a, b) => a - b);
    console.log(`discord free text over the fake: p50 ${latencies[15]!.toFixed(1)} ms, p99 (max of 30) ${latencies[29]!.toFixed(1)} ms`);
    expect(latencies[29]).toBeLessThan(2000);
  });
});
