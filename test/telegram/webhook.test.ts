/**
 * Webhook mode through the real entry point: TELEGRAM_WEBHOOK_URL set, so briefbot registers the
 * webhook with its secret and serves updates and /healthz on PORT instead of polling.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { TOKEN, capturingLogger, mina } from './harness.ts';
import { freePort } from '../helpers/net.ts';

const SECRET = 'webhook_secret-123';
let fake: FakeTelegram;
let briefbot: Briefbot;
let stateDir: string;
let local: string;
const log = capturingLogger();

beforeAll(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'briefbot-webhook-'));
  fake = await FakeTelegram.start({ token: TOKEN });
  const port = await freePort();
  local = `http://127.0.0.1:${port}`;
  briefbot = await startBriefbot({
    env: {
      POSTS_DIR: 'test/fixtures/telegram-posts',
      SITE_URL: 'https://tech.webi.kr',
      TELEGRAM_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_WEBHOOK_URL: `${local}/telegram`,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      STATE_DIR: stateDir,
      POSTS_WATCH: 'false',
    },
    console: false,
    log,
  });
});

afterAll(async () => {
  await briefbot?.stop();
  await fake?.close();
  rmSync(stateDir, { recursive: true, force: true });
  expect(log.lines.join('\n')).not.toContain(TOKEN);
});

it('registers the webhook with its secret instead of polling', () => {
  expect(fake.requestsOf('setWebhook').map((r) => r.body)).toEqual([
    { url: `${local}/telegram`, secret_token: SECRET, allowed_updates: ['message', 'channel_post', 'callback_query', 'inline_query'] },
  ]);
  expect(fake.requestsOf('getUpdates')).toHaveLength(0);
  expect(fake.requestsOf('deleteWebhook')).toHaveLength(0);
});

it('answers an update Telegram delivers with the secret', async () => {
  fake.pushMessage({ text: '/summary 엔비디아', from: mina });
  const sent = await fake.waitForRequest('sendMessage');
  expect(sent.body.chat_id).toBe(mina.id);
  expect(sent.body.text).toContain('Nvidia, 차세대 Rubin GPU');
});

it('refuses a request without the secret and serves /healthz', async () => {
  const forged = await fetch(`${local}/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ update_id: 999, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/help' } }),
  });
  expect(forged.status).toBe(401);
  const health = await fetch(`${local}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ ok: true, telegram: '@briefbot_test_bot' });
  expect(fake.requestsOf('sendMessage')).toHaveLength(1); // only the earlier test's reply
});
