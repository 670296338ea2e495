/**
 * Streamed answers on Telegram, end to end: the real grammY bot and the real core against the
 * fake Bot API, /ask writing with the fake LLM server, which drips its answer over about two
 * seconds. Private chats get drafts (one non-zero draft_id) and then the final message; groups
 * get one message edited at most once a second, a 429's retry_after honoured; a model failing
 * mid-stream ends with the extractive answer in the same message. Without a model: one message.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type TelegramHandle } from '../../src/platforms/telegram/index.ts';
import { FakeTelegram, type RecordedRequest } from '../fakes/telegram/server.ts';
import { startFakeLlm, type FakeLlm } from '../fakes/llm/server.ts';
import { recordingLogger } from '../helpers/core.ts';
import { BOT_USERNAME, TOKEN, group, mina, privateChatOf } from '../telegram/harness.ts';
import { gapsOf, MIN_GAP_MS, QUESTION, streamingSetup } from './streaming.ts';

let llm: FakeLlm;
let fake: FakeTelegram;
let telegram: TelegramHandle | undefined;

beforeAll(async () => {
  llm = await startFakeLlm({ dripMs: 150 });
});
afterAll(() => llm.close());

afterEach(async () => {
  await telegram?.stop();
  telegram = undefined;
  await fake.close();
});

async function start(model?: string): Promise<void> {
  fake = await FakeTelegram.start({ token: TOKEN, username: BOT_USERNAME });
  const { core, conversation } = await streamingSetup(model ? { baseUrl: llm.baseUrl, model } : undefined);
  telegram = await startTelegram({ token: TOKEN, apiRoot: fake.apiRoot, moderators: [], core, conversation, log: recordingLogger() });
}

const inChat = (chatId: number) => (r: RecordedRequest) => Number(r.body.chat_id) === chatId;
/** Waits for the final answer: a message (private) or an edit (group) whose text carries no "…" mark. */
const finalEdit = (chatId: number) => fake.waitForRequest('editMessageText', (body) => Number(body.chat_id) === chatId && !String(body.text).includes(' …'), 10_000);

describe('streamed answers on Telegram', () => {
  it('streams a private answer as drafts at most once a second, then sends the final text with its citation', async () => {
    await start('drip');
    const asked = fake.pushConversationMessage({ text: QUESTION, from: mina, chat: privateChatOf(mina) });
    const pushedAt = fake.pushed.at(-1)!.at;
    const final = await fake.waitForRequest('sendMessage', (body) => Number(body.chat_id) === mina.id, 10_000);
    const drafts = fake.requestsOf('sendMessageDraft').filter(inChat(mina.id));
    console.log(`telegram private: first draft ${(drafts[0]!.at - pushedAt).toFixed(0)} ms after the question, final ${(final.at - pushedAt).toFixed(0)} ms`);
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(drafts.map((d) => d.body.draft_id))).toEqual(new Set([asked.message.message_id]));
    expect(drafts.every((d) => d.response === true && String(d.body.text).includes(' …'))).toBe(true);
    const gaps = gapsOf([...drafts, final].map((r) => r.at));
    console.log(`telegram private: ${drafts.length} drafts + final, gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(final.body.text).toMatch(/\[1\]/);
    expect(final.body.text).not.toContain(' …');
    expect(final.body.reply_parameters.message_id).toBe(asked.message.message_id);
    // Votes come with the final answer only.
    expect(JSON.stringify(final.body.reply_markup)).toContain('👍');
    expect(drafts.every((d) => d.body.reply_markup === undefined)).toBe(true);
    expect(fake.requestsOf('sendMessage').filter(inChat(mina.id))).toHaveLength(1);
  });

  it('streams a group answer as one message edited at most once a second, the final edit with its citation and votes', async () => {
    await start('drip');
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} ${QUESTION}`, from: mina, chat: group });
    const final = await finalEdit(group.id);
    const sent = fake.requestsOf('sendMessage').filter(inChat(group.id));
    const edits = fake.requestsOf('editMessageText').filter(inChat(group.id));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.text).toContain(' …');
    expect(edits.every((edit) => edit.body.message_id === sent[0]!.response.message_id)).toBe(true);
    const gaps = gapsOf([sent[0]!, ...edits].map((r) => r.at));
    console.log(`telegram group: 1 message + ${edits.length} edits, gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(final.body.text).toMatch(/\[1\]/);
    expect(JSON.stringify(final.body.reply_markup)).toContain('👍');
    expect(fake.requestsOf('sendMessageDraft')).toEqual([]);
  });

  it('honours a 429 retry_after on an edit before editing again', async () => {
    await start('drip');
    fake.failNext('editMessageText', { error_code: 429, description: 'Too Many Requests: retry after 2', retry_after: 2 });
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} ${QUESTION}`, from: mina, chat: group });
    await finalEdit(group.id);
    const edits = fake.requestsOf('editMessageText').filter(inChat(group.id));
    const refused = edits.findIndex((edit) => edit.response?.error_code === 429);
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(edits[refused + 1]!.at - edits[refused]!.at).toBeGreaterThanOrEqual(2000 - 50);
  });

  it('still sends the final answer when drafts are refused (a Bot API server without sendMessageDraft)', async () => {
    await start('drip');
    fake.failNext('sendMessageDraft', { error_code: 404, description: 'Not Found: method not found' });
    fake.pushConversationMessage({ text: QUESTION, from: mina, chat: privateChatOf(mina) });
    const final = await fake.waitForRequest('sendMessage', (body) => Number(body.chat_id) === mina.id, 10_000);
    expect(final.body.text).toMatch(/\[1\]/);
    // The preview stops at the first refusal: no draft after it.
    expect(fake.requestsOf('sendMessageDraft')).toHaveLength(1);
  });

  it('sends the final answer anew when its partial message can no longer be edited', async () => {
    await start('drip');
    const gone = { error_code: 400, description: 'Bad Request: message to edit not found' };
    fake.failNext('editMessageText', ...Array.from({ length: 20 }, () => gone));
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} ${QUESTION}`, from: mina, chat: group });
    const final = await fake.waitForRequest('sendMessage', (body) => Number(body.chat_id) === group.id && !String(body.text).includes(' …'), 10_000);
    expect(final.body.text).toMatch(/\[1\]/);
    expect(fake.requestsOf('sendMessage').filter(inChat(group.id))).toHaveLength(2);
  });

  it('ends with the extractive answer in the same message when the model breaks off mid-stream', async () => {
    await start('drip-broken');
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} ${QUESTION}`, from: mina, chat: group });
    const final = await finalEdit(group.id);
    const sent = fake.requestsOf('sendMessage').filter(inChat(group.id));
    expect(sent).toHaveLength(1);
    expect(final.body.message_id).toBe(sent[0]!.response.message_id);
    expect(final.body.text).toMatch(/\[1\]/);
    expect(final.body.text).toContain('OpenAI');
  });

  it('streams /ask in a private chat the same way', async () => {
    await start('drip');
    fake.pushMessage({ text: `/ask ${QUESTION}`, from: mina, chat: privateChatOf(mina) });
    const final = await fake.waitForRequest('sendMessage', (body) => Number(body.chat_id) === mina.id, 10_000);
    expect(fake.requestsOf('sendMessageDraft').filter(inChat(mina.id)).length).toBeGreaterThanOrEqual(2);
    expect(final.body.text).toMatch(/\[1\]/);
  });

  it('without a model sends one message, with "typing…" while it is prepared', async () => {
    await start();
    fake.pushConversationMessage({ text: `@${BOT_USERNAME} ${QUESTION}`, from: mina, chat: group });
    const answer = await fake.waitForRequest('sendMessage', (body) => Number(body.chat_id) === group.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const typing = fake.requestsOf('sendChatAction').filter(inChat(group.id));
    expect(typing.length).toBeGreaterThanOrEqual(1);
    expect(typing[0]!.at).toBeLessThanOrEqual(answer.at);
    expect(answer.body.text).toMatch(/\[1\]/);
    expect(fake.requestsOf('editMessageText')).toEqual([]);
    expect(fake.requestsOf('sendMessageDraft')).toEqual([]);
  });
});
