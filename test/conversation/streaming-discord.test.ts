/**
 * Streamed answers and threads on Discord, end to end: the real discord.js client and the real
 * core against the fake gateway and REST API, /ask writing with the fake LLM server, which drips
 * its answer over about two seconds. Free text: one reply, edited at most once a second (PATCH
 * /channels/{id}/messages/{id}); /ask: the interaction reply, edited at most once a second
 * (PATCH /webhooks/{app}/{token}/messages/@original). A model failing mid-stream ends with the
 * extractive answer in the same message. With DISCORD_THREADS a mention starts a thread from the
 * question, and a follow-up in that thread continues the conversation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/platforms/discord/index.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../fakes/discord/server.ts';
import { startFakeLlm, type FakeLlm } from '../fakes/llm/server.ts';
import { recordingLogger } from '../helpers/core.ts';
import { gapsOf, MIN_GAP_MS, QUESTION, streamingSetup } from './streaming.ts';

let llm: FakeLlm;
let fake: FakeDiscord;
let bot: Awaited<ReturnType<typeof startDiscord>> | undefined;

beforeAll(async () => {
  llm = await startFakeLlm({ dripMs: 150, slowMs: 600 });
});
afterAll(() => llm.close());

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await fake.close();
});

async function start(model?: string, threads = false, deferAfterMs?: number): Promise<void> {
  const { core, conversation } = await streamingSetup(model ? { baseUrl: llm.baseUrl, model } : undefined);
  fake = await startFakeDiscord();
  bot = await startDiscord({
    token: fake.token,
    apiBase: fake.apiBase,
    guildId: fake.guildIds[0],
    core,
    conversation,
    log: recordingLogger(),
    threads,
    ...(deferAfterMs !== undefined ? { deferAfterMs } : {}),
  });
}

/** The text of a message body, Markdown escapes (`\\[1\\]`) removed. */
const textOf = (body: any): string => JSON.stringify([body?.content, body?.embeds]).replace(/\\/g, '');
const buttonsOf = (body: any): string[] => (body?.components ?? []).flatMap((row: any) => row.components.map((button: any) => button.label));
const finished = (body: any) => !textOf(body).includes(' …');

/** Polls until `pick` finds something (the fake records; it has no waiter for every list). */
async function eventually<T>(pick: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = pick();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('nothing arrived in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('streamed answers on Discord', () => {
  it('streams a free-text answer as one reply edited at most once a second, the final edit with citation and votes', async () => {
    await start('drip');
    const asked = fake.sendUserMessage({ content: `<@${fake.botUserId}> ${QUESTION}` });
    const final = await eventually(() => fake.messageEdits.find((edit) => finished(edit.body)));
    expect(fake.channelMessages).toHaveLength(1);
    const [first] = fake.channelMessages;
    expect(first!.body.message_reference.message_id).toBe(asked.id);
    expect(first!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(textOf(first!.body)).toContain(' …');
    expect(buttonsOf(first!.body)).toEqual([]);
    expect(fake.messageEdits.every((edit) => edit.messageId === first!.message.id)).toBe(true);
    const posted = fake.requestsTo('POST', /^\/channels\/\d+\/messages$/)[0]!;
    const gaps = gapsOf([posted.at, ...fake.messageEdits.map((edit) => edit.at)]);
    console.log(`discord free text: 1 message + ${fake.messageEdits.length} edits, gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(textOf(final.body)).toMatch(/\[1\]/);
    expect(buttonsOf(final.body)).toEqual(expect.arrayContaining(['👍', '👎']));
  });

  it('streams /ask as the interaction reply, edited at most once a second', async () => {
    await start('drip');
    const sent = fake.sendCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]);
    const isOriginal = (r: RecordedRequest) => r.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`;
    const final = await fake.waitForRequest('PATCH', /^\/webhooks\//, (r) => isOriginal(r) && finished(r.body), 10_000);
    const callback = fake.requestsTo('POST', new RegExp(`^/interactions/${sent.id}/`))[0]!;
    expect(callback.body.type).toBe(4);
    expect(textOf(callback.body.data)).toContain(' …');
    const edits = fake.requestsTo('PATCH', /^\/webhooks\//).filter(isOriginal);
    const gaps = gapsOf([callback, ...edits].map((r) => r.at));
    console.log(`discord /ask: reply + ${edits.length} edits, gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(textOf(final.body)).toMatch(/\[1\]/);
  });

  it('defers /ask when the model is slow to start, then edits the placeholder as the answer grows', async () => {
    // Discord allows 3 s for a first answer; here the bot defers after 200 ms and the model starts after 600.
    await start('drip-late', false, 200);
    const sent = fake.sendCommand('ask', [{ name: 'question', type: 3, value: QUESTION }]);
    const isOriginal = (r: RecordedRequest) => r.path === `/webhooks/${fake.applicationId}/${sent.token}/messages/@original`;
    const final = await fake.waitForRequest('PATCH', /^\/webhooks\//, (r) => isOriginal(r) && finished(r.body), 10_000);
    const callbacks = fake.requestsTo('POST', new RegExp(`^/interactions/${sent.id}/`));
    expect(callbacks.map((c) => c.body.type)).toEqual([5]);
    expect(callbacks[0]!.at - sent.sentAt).toBeLessThan(600);
    const edits = fake.requestsTo('PATCH', /^\/webhooks\//).filter(isOriginal);
    expect(textOf(edits[0]!.body)).toContain(' …');
    expect(Math.min(...gapsOf(edits.map((r) => r.at)))).toBeGreaterThanOrEqual(MIN_GAP_MS);
    expect(textOf(final.body)).toMatch(/\[1\]/);
  });

  it('posts the final answer anew when its partial message can no longer be edited', async () => {
    await start('drip');
    for (let i = 0; i < 20; i++) fake.failNext('PATCH', /^\/channels\/\d+\/messages\/\d+$/, { kind: 'unknownChannel' });
    fake.sendUserMessage({ content: `<@${fake.botUserId}> ${QUESTION}` });
    const final = await eventually(() => fake.channelMessages.find((m) => finished(m.body)));
    expect(textOf(final.body)).toMatch(/\[1\]/);
    expect(buttonsOf(final.body)).toEqual(expect.arrayContaining(['👍', '👎']));
    expect(fake.channelMessages).toHaveLength(2);
  });

  it('ends with the extractive answer in the same message when the model breaks off mid-stream', async () => {
    await start('drip-broken');
    fake.sendUserMessage({ content: `<@${fake.botUserId}> ${QUESTION}` });
    const final = await eventually(() => fake.messageEdits.find((edit) => finished(edit.body)));
    expect(fake.channelMessages).toHaveLength(1);
    expect(final.messageId).toBe(fake.channelMessages[0]!.message.id);
    expect(textOf(final.body)).toMatch(/\[1\]/);
    expect(textOf(final.body)).toContain('OpenAI');
  });

  it('without a model answers once, with "typing…" first', async () => {
    await start();
    fake.sendUserMessage({ content: `<@${fake.botUserId}> ${QUESTION}` });
    const answer = await eventually(() => fake.channelMessages[0]);
    const typing = fake.requestsTo('POST', /^\/channels\/\d+\/typing$/);
    expect(typing.length).toBe(1);
    expect(textOf(answer.body)).toMatch(/\[1\]/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.messageEdits).toEqual([]);
  });
});

describe('conversations in threads (DISCORD_THREADS=true)', () => {
  it('moves a conversation a mention starts into a thread from the question, and continues it there', async () => {
    await start(undefined, true);
    const asked = fake.sendUserMessage({ content: `<@${fake.botUserId}> rust` });
    const card = await eventually(() => fake.channelMessages[0]);
    expect(fake.threads).toEqual([{ id: asked.id, parentId: asked.channel_id, messageId: asked.id, name: 'rust' }]);
    expect(card.channelId).toBe(fake.threads[0]!.id);
    expect(textOf(card.body)).toContain('Rust 2026 에디션 발표');
    // In the thread a follow-up that mentions the bot needs no reply: the thread is the conversation.
    fake.sendUserMessage({ content: `<@${fake.botUserId}> 언제 나왔어?`, channelId: fake.threads[0]!.id });
    const date = await eventually(() => fake.channelMessages[1]);
    expect(date.channelId).toBe(fake.threads[0]!.id);
    expect(textOf(date.body)).toContain('2026-02-03');
    // One thread per conversation: the follow-up did not start another.
    expect(fake.threads).toHaveLength(1);
  });

  it('leaves DMs and replies where they are', async () => {
    await start(undefined, true);
    fake.sendUserMessage({ content: 'rust', dm: true });
    const dm = await eventually(() => fake.channelMessages[0]);
    expect(dm.channelId).toBe('1400000000000000001');
    expect(fake.threads).toEqual([]);
  });
});
