/**
 * Talking to the bot on Telegram, end to end: the real grammY bot and the real core (loader,
 * index, commands, conversation) over fixtures/posts, against the fake Bot API, with a fixed
 * clock. What is heard (DMs, mentions, replies, forum topics) and what is not (other messages
 * in groups, bots, channel posts), follow-ups on the card, a time range, the cooldown.
 */
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryQuestionLog } from '../../src/conversation/questions.ts';
import { startTelegram, type TelegramHandle } from '../../src/platforms/telegram/index.ts';
import { FakeTelegram, type RecordedRequest } from '../fakes/telegram/server.ts';
import { conversationFor, coreFor, recordingLogger } from '../helpers/core.ts';
import { BOT_USERNAME, TOKEN, group, mina, privateChatOf, sam } from '../telegram/harness.ts';

const POSTS = fileURLToPath(new URL('./fixtures/posts', import.meta.url));
// Thursday 2026-02-05 10:00 in Seoul: this week is Monday 02-02 to Sunday 02-08.
const NOW = new Date('2026-02-05T10:00:00+09:00');
/** How long a message that should get no answer is given to get one anyway. */
const SILENCE_MS = 400;

let setup: Awaited<ReturnType<typeof coreFor>>;
let fake: FakeTelegram;
let telegram: TelegramHandle;
const questions = new InMemoryQuestionLog({ now: () => NOW.getTime() });

beforeAll(async () => {
  setup = await coreFor(POSTS, { now: NOW, services: { questions } });
});

async function start(fairness = {}): Promise<void> {
  const conversation = conversationFor(setup, NOW, { questions, fairness });
  telegram = await startTelegram({ token: TOKEN, apiRoot: fake.apiRoot, moderators: [String(mina.id)], core: setup.core, conversation, log: recordingLogger() });
}

beforeEach(async () => {
  fake = await FakeTelegram.start({ token: TOKEN, username: BOT_USERNAME });
});

afterEach(async () => {
  await telegram?.stop();
  await fake.close();
});

const answerIn = (chatId: number, timeoutMs?: number): Promise<RecordedRequest> => fake.waitForRequest('sendMessage', (body) => Number(body.chat_id) === chatId, timeoutMs);

const pause = () => new Promise((resolve) => setTimeout(resolve, SILENCE_MS));

async function expectSilence(chatId: number): Promise<void> {
  await pause();
  expect(fake.requestsOf('sendMessage').filter((r) => Number(r.body.chat_id) === chatId)).toEqual([]);
}

describe('talking to the bot on Telegram', () => {
  it('answers a DM "nvidia" with the Nvidia post, as a reply', async () => {
    await start();
    const asked = fake.pushConversationMessage({ text: 'nvidia', from: mina, chat: privateChatOf(mina) });
    const answer = await answerIn(mina.id);
    expect(answer.body.text).toContain('Nvidia, 차세대 Rubin GPU 공개');
    expect(answer.body.reply_parameters.message_id).toBe(asked.message.message_id);
  });

  it('answers a group message that mentions it, and not one that does not', async () => {
    await start();
    fake.pushConversationMessage({ text: '다들 주말 잘 보내세요', from: sam, chat: group });
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} OpenAI 에이전트 모드가 뭐야?`, from: mina, chat: group });
    const answer = await answerIn(group.id);
    expect(answer.body.text).toContain('OpenAI');
    await pause();
    expect(fake.requestsOf('sendMessage').filter((r) => Number(r.body.chat_id) === group.id)).toHaveLength(1);
  });

  it('hears a text_mention of the bot and a mention in any case', async () => {
    await start();
    fake.pushConversationMessage({
      text: 'Briefbot rust',
      from: mina,
      chat: group,
      entities: [{ type: 'text_mention', offset: 0, length: 8, user: fake.bot }],
    });
    expect((await answerIn(group.id)).body.text).toContain('Rust 2026 에디션 발표');
    fake.pushConversationMessage({ text: `@${BOT_USERNAME.toUpperCase()} 쿠버네티스`, from: sam, chat: group });
    expect((await answerIn(group.id)).body.text).toContain('쿠버네티스 1.36');
  });

  it('never answers another bot, a mention of someone else, or a channel post', async () => {
    await start();
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} nvidia`, from: { id: 999, is_bot: true, first_name: 'Other bot' }, chat: group });
    fake.pushConversationMessage({ text: '@mina nvidia 봤어?', from: sam, chat: group });
    fake.pushMessage({ text: `@${BOT_USERNAME} nvidia`, chat: { id: -100777, type: 'channel', title: 'News' } });
    await expectSilence(group.id);
    expect(fake.requestsOf('sendMessage')).toEqual([]);
  });

  it('gives the original link when a member replies "원문 링크" to its card, in a group', async () => {
    await start();
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} rust`, from: mina, chat: group });
    const card = await answerIn(group.id);
    expect(card.body.text).toContain('Rust 2026 에디션 발표');
    fake.pushConversationMessage({ text: '원문 링크', from: mina, chat: group, replyTo: card.response });
    const link = await answerIn(group.id);
    expect(link.body.text).toContain('https://example.com/rust-2026');
    fake.pushConversationMessage({ text: '언제 나왔어?', from: sam, chat: group, replyTo: link.response });
    expect((await answerIn(group.id)).body.text).toContain('2026-02-03');
  });

  it('continues a DM without an explicit reply', async () => {
    await start();
    fake.pushConversationMessage({ text: 'gemini', from: mina, chat: privateChatOf(mina) });
    expect((await answerIn(mina.id)).body.text).toContain('Gemini 4');
    fake.pushConversationMessage({ text: 'source?', from: mina, chat: privateChatOf(mina) });
    expect((await answerIn(mina.id)).body.text).toContain('https://example.com/gemini-4');
  });

  it('lists only this week’s posts for "이번 주 AI 소식"', async () => {
    await start();
    fake.pushConversationMessage({ text: '이번 주 AI 소식', from: mina, chat: privateChatOf(mina) });
    const { body } = await answerIn(mina.id);
    expect(body.text).toContain('OpenAI, GPT-5.5 에이전트 모드 공개');
    expect(body.text).toContain('Anthropic Claude, 코드 리뷰 기능 추가');
    expect(body.text).not.toContain('Gemini 4');
    expect(body.text).not.toContain('Nvidia');
  });

  it('answers in the forum topic the question came from', async () => {
    await start();
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} rust`, from: mina, chat: group, threadId: 77 });
    expect((await answerIn(group.id)).body.message_thread_id).toBe(77);
  });

  it('cools down a member who floods it (one note, then silence) while another member is still answered', async () => {
    await start({ memberBurst: 2, memberRefillPerSecond: 0 });
    for (let i = 0; i < 5; i++) fake.pushConversationMessage({ text: `@${BOT_USERNAME} nvidia`, from: mina, chat: group });
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} rust`, from: sam, chat: group });
    for (let i = 0; i < 4; i++) await answerIn(group.id);
    await pause();
    const all = fake.requestsOf('sendMessage').map((r) => String(r.body.text));
    expect(all.filter((text) => text.includes('Nvidia'))).toHaveLength(2);
    expect(all.filter((text) => text.includes('천천히'))).toHaveLength(1);
    expect(all.filter((text) => text.includes('Rust 2026'))).toHaveLength(1);
    expect(all).toHaveLength(4);
  });

  it('stores a vote on an answer, and shows moderators the unanswered question and the answer voted down in /questions', async () => {
    await start();
    fake.pushConversationMessage({ text: '안드로메다 은하 배터리는 어떻게 만들어?', from: sam, chat: privateChatOf(sam) });
    expect((await answerIn(sam.id)).body.text).not.toContain('👍');
    fake.pushConversationMessage({ text: 'OpenAI 에이전트 모드는 뭐가 달라?', from: sam, chat: privateChatOf(sam) });
    const answer = await answerIn(sam.id);
    const buttons = (answer.body.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data?: string }[];
    const down = buttons.find((button) => button.text === '👎');
    expect(down?.callback_data).toBeTruthy();
    fake.pushCallbackQuery({ data: down!.callback_data!, message: answer.response, from: sam });
    expect((await answerIn(sam.id)).body.text).toContain('Thanks for telling us');
    fake.pushMessage({ text: '/questions', from: mina, chat: privateChatOf(mina) });
    const report = String((await answerIn(mina.id)).body.text);
    expect(report).toContain('안드로메다 은하 배터리는 어떻게 만들어?');
    expect(report).toContain('OpenAI 에이전트 모드는 뭐가 달라?');
    expect(report).toContain('2026-02-05');
    expect(report).not.toContain(String(sam.id));
  });

  it('measures free-text latency against the fake (DM "nvidia", 30 times)', async () => {
    await start({ memberBurst: 100, memberRefillPerSecond: 100 });
    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      const pushedAt = performance.now();
      fake.pushConversationMessage({ text: i % 2 ? 'nvidia' : '이번 주 AI 소식', from: mina, chat: privateChatOf(mina) });
      const answer = await answerIn(mina.id);
      latencies.push(answer.at - pushedAt);
    }
    latencies.sort((a, b) => a - b);
    const p50 = latencies[Math.floor(latencies.length * 0.5)]!;
    const p99 = latencies[latencies.length - 1]!;
    console.log(`telegram free text over the fake: p50 ${p50.toFixed(1)} ms, p99 (max of 30) ${p99.toFixed(1)} ms`);
    expect(p99).toBeLessThan(2000);
  });
});
