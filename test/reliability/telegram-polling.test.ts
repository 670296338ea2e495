/**
 * The supervised polling loop on its own (src/platforms/telegram/polling.ts): a bare grammY bot
 * against the fake Bot API, each failure kind injected, the health board and the log observed.
 */
import { Bot } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { HealthBoard } from '../../src/util/health.ts';
import { startSupervisedPolling, type PollingHandle, type TelegramFatalError } from '../../src/platforms/telegram/polling.ts';
import { FakeTelegram, type InjectedFailure } from '../fakes/telegram/server.ts';
import { TELEGRAM_TOKEN, capturingLogger, eventually } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(): Promise<{ fake: FakeTelegram; health: HealthBoard; polling: PollingHandle; fatal: TelegramFatalError[]; log: ReturnType<typeof capturingLogger>; echoed: string[] }> {
  const fake = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
  cleanups.push(() => fake.close());
  const bot = new Bot(TELEGRAM_TOKEN, { client: { apiRoot: fake.apiRoot }, botInfo: { id: 1, is_bot: true, first_name: 'b', username: 'b_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true, can_connect_to_business: false, has_main_web_app: false } as never });
  const echoed: string[] = [];
  bot.on('message:text', (ctx) => void echoed.push(ctx.message.text));
  const log = capturingLogger();
  const health = new HealthBoard({ log });
  const fatal: TelegramFatalError[] = [];
  const polling = startSupervisedPolling({ bot, log, token: TELEGRAM_TOKEN, health, allowedUpdates: ['message'], onFatal: (e) => fatal.push(e), backoff: { baseMs: 100, maxMs: 400 } });
  cleanups.push(() => polling.stop());
  await polling.started;
  return { fake, health, polling, fatal, log, echoed };
}

describe('supervised polling', () => {
  it('is ready after the first poll and handles updates in order', async () => {
    const { fake, health, echoed } = await setUp();
    expect(health.get('telegram')?.state).toBe('ready');
    for (const text of ['a', 'b', 'c']) fake.pushMessage({ text });
    expect(await eventually(() => echoed.length === 3, 3000)).toBe(true);
    expect(echoed).toEqual(['a', 'b', 'c']);
  });

  it.each<[string, InjectedFailure, RegExp]>([
    ['409 from another poller', { error_code: 409, description: 'Conflict: terminated by other getUpdates request' }, /another instance is polling/],
    ['502', { error_code: 502, description: 'Bad Gateway' }, /502 Bad Gateway/],
    ['a TCP reset', { reset: true }, /could not be reached/],
    ['invalid JSON', { invalidJson: true }, /could not be reached or gave no valid answer/],
    ['429', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 }, /rate limited/],
  ])('recovers from %s: degraded once with the cause, then ready, nothing lost', async (_name, failure, cause) => {
    const { fake, health, echoed, log, fatal } = await setUp();
    fake.failNext('getUpdates', failure, failure, failure);
    fake.dropPollers();
    expect(await eventually(() => health.get('telegram')?.state === 'degraded', 2000)).toBe(true);
    expect(health.get('telegram')?.cause).toMatch(cause);
    fake.pushMessage({ text: 'after' });
    expect(await eventually(() => echoed.includes('after'), 8000)).toBe(true);
    expect(health.get('telegram')?.state).toBe('ready');
    expect(log.lines.filter((l) => /degraded/.test(l.msg))).toHaveLength(1);
    expect(log.lines.filter((l) => /recovered/.test(l.msg))).toHaveLength(1);
    expect(fatal).toEqual([]);
  });

  it('a 401 while polling is fatal: down, told once, polling stops', async () => {
    const { fake, health, fatal } = await setUp();
    fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    fake.dropPollers();
    expect(await eventually(() => fatal.length === 1, 3000)).toBe(true);
    expect(fatal[0]!.message).toMatch(/TELEGRAM_TOKEN/);
    expect(health.get('telegram')?.state).toBe('down');
    const polls = fake.requestsOf('getUpdates').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.requestsOf('getUpdates').length).toBe(polls);
  });

  it('confirms the last update on stop, so a restart does not replay it', async () => {
    const { fake, polling, echoed } = await setUp();
    const update = fake.pushMessage({ text: 'once' });
    expect(await eventually(() => echoed.length === 1, 3000)).toBe(true);
    await polling.stop();
    expect(fake.requestsOf('getUpdates').at(-1)?.body).toMatchObject({ offset: update.update_id + 1 });
  });
});
