/**
 * Reliability of the Telegram side, end to end (issue 13): the real bot, real grammY, the fake
 * Bot API injecting the failures. Each test is one numbered failure of the issue.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Briefbot } from '../../src/main.ts';
import { FakeTelegram, type FakeChat, type FakeUser } from '../fakes/telegram/server.ts';
import { TELEGRAM_TOKEN, capturingLogger, eventually, startBot, telegramEnv, tempStateDir } from './helpers.ts';

const mina: FakeUser = { id: 5301, first_name: 'Mina', language_code: 'ko' };
const sam: FakeUser = { id: 5302, first_name: 'Sam', language_code: 'en' };
const group: FakeChat = { id: -1005300, type: 'supergroup', title: 'Readers' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(extraEnv: Record<string, string> = {}): Promise<{ fake: FakeTelegram; bot: Briefbot; log: ReturnType<typeof capturingLogger> }> {
  const fake = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
  cleanups.push(() => fake.close());
  const state = tempStateDir();
  cleanups.push(() => state.remove());
  const { bot, log } = await startBot(telegramEnv(fake.apiRoot, state.dir, extraEnv));
  cleanups.push(() => bot.stop());
  await fake.waitForRequest('getUpdates', (body) => body.timeout === 30); // a long poll is held open
  return { fake, bot, log };
}

describe('1. a 409 Conflict', () => {
  it('does not stop polling: the next command is answered', async () => {
    const { fake } = await setUp();
    expect(fake.terminatePollers()).toBe(1); // another instance took over the poll, once
    fake.pushMessage({ text: '/latest', from: mina });
    const reply = await fake.waitForRequest('sendMessage', () => true, 8000);
    expect(reply.body.chat_id).toBe(mina.id);
  });

  it('says a second instance is polling with the same token, and keeps polling', async () => {
    const { fake, log } = await setUp();
    fake.conflictOnConcurrentPolls = true;
    const state = tempStateDir();
    cleanups.push(() => state.remove());
    const second = await startBot(telegramEnv(fake.apiRoot, state.dir));
    cleanups.push(() => second.bot.stop());
    const said = (l: ReturnType<typeof capturingLogger>) => /another (bot )?instance|second instance/i.test(l.text());
    expect(await eventually(() => said(log) || said(second.log), 6000)).toBe(true);
  });
});

describe('a Telegram outage', () => {
  it('is logged once when it starts, with its cause and next attempt, and once when it ends', async () => {
    const { fake, log } = await setUp();
    const outageStart = performance.now();
    fake.outage({ error_code: 502, description: 'Bad Gateway' }, 2500, ['getUpdates']);
    fake.dropPollers();
    const degraded = await eventually(() => log.lines.find((l) => l.level === 'warn' && /telegram/i.test(`${l.msg} ${JSON.stringify(l.data)}`)), 2000);
    // The held poll is cut first (the cause logged), then the API answers 502 until it is back.
    expect(degraded?.data).toMatchObject({ cause: expect.stringMatching(/could not be reached|502 Bad Gateway/), nextAttemptAt: expect.any(String) });
    expect(degraded!.at - outageStart).toBeLessThan(2000);
    fake.pushMessage({ text: '/latest', from: mina });
    await fake.waitForRequest('sendMessage', () => true, 8000);
    const warnings = log.lines.filter((l) => l.level === 'warn' && /degraded/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(log.lines.some((l) => l.level === 'info' && /recovered/.test(l.msg))).toBe(true);
  });
});

describe('LOG_LEVEL=debug', () => {
  it('prints debug lines about the updates it handles', async () => {
    const { fake, log } = await setUp({ LOG_LEVEL: 'debug' });
    fake.pushMessage({ text: '/latest', from: mina });
    await fake.waitForRequest('sendMessage');
    expect(log.lines.filter((l) => l.level === 'debug').map((l) => l.msg).join('\n')).toMatch(/telegram/);
  });
});

describe('4. every URL that leaves the bot', () => {
  it('never sends a data: thumbnail, nor a URL with credentials, in inline results', async () => {
    const { fake } = await setUp();
    fake.pushInlineQuery({ query: '', from: mina });
    const answer = await fake.waitForRequest('answerInlineQuery');
    const results = answer.body.results as Record<string, any>[];
    expect(results.length).toBeGreaterThan(1);
    const urls = JSON.stringify(results).match(/"(?:thumbnail_url|url)":"[^"]*"/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^"(thumbnail_url|url)":"https?:\/\/(?![^/"]*@)/);
  });
});

describe('3. one member flooding a group', () => {
  it('does not stall another member: answered within 1 s; the flood is told once', async () => {
    const { fake } = await setUp();
    fake.slow('sendMessage', 30); // a send costs what it costs on the real API, roughly
    const flood = Array.from({ length: 200 }, () => fake.pushMessage({ text: '/latest', from: mina, chat: group }));
    await eventually(() => fake.requestsOf('sendMessage').length > 0, 3000);
    const pushedAt = performance.now();
    const other = fake.pushMessage({ text: '/latest', from: sam, chat: group });
    const answer = await fake.waitForRequest('sendMessage', (b) => b.reply_parameters?.message_id === other.message!.message_id, 3000);
    expect(answer.at - pushedAt).toBeLessThan(1000);
    const floodIds = new Set(flood.map((u) => u.message!.message_id));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const toFlood = fake.requestsOf('sendMessage').filter((r) => floodIds.has(r.body.reply_parameters?.message_id));
    expect(toFlood.length).toBeLessThan(20); // a burst, then one polite note, then silence
  });
});

describe('/status', () => {
  it('shows each connection state to a moderator', async () => {
    const { fake } = await setUp({ TELEGRAM_MODERATORS: String(mina.id) });
    fake.pushMessage({ text: '/status', from: mina });
    const reply = await fake.waitForRequest('sendMessage');
    expect(reply.body.text).toMatch(/telegram: 정상/);
  });
});
