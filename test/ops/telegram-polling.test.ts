/**
 * /healthz, /readyz and /metrics in Telegram polling mode, through the real entry point against
 * the local fake Bot API: in process (startBriefbot with serveHttp, as runMain does), and as a
 * spawned `npm start`-like process whose stderr must be JSON lines without the token.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { TOKEN, capturingLogger, mina } from '../telegram/harness.ts';
import { freePort } from '../helpers/net.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const POSTS_DIR = join(root, 'test/fixtures/telegram-posts');

async function until<T>(get: () => Promise<T>, ok: (value: T) => boolean, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await get();
    if (ok(value) || Date.now() - started > ms) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('ops endpoints in Telegram polling mode', () => {
  let fake: FakeTelegram;
  let bot: Briefbot;
  let stateDir: string;
  let base: string;
  const log = capturingLogger();

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'briefbot-ops-'));
    fake = await FakeTelegram.start({ token: TOKEN });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    bot = await startBriefbot({
      env: { POSTS_DIR, SITE_URL: 'https://tech.webi.kr', TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, PORT: String(port), STATE_DIR: stateDir, POSTS_WATCH: 'false' },
      console: false,
      serveHttp: true,
      log,
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    rmSync(stateDir, { recursive: true, force: true });
    expect(log.lines.join('\n')).not.toContain(TOKEN);
  });

  it('polls (no webhook) and answers /healthz with the bot it runs', async () => {
    expect(fake.requestsOf('setWebhook')).toHaveLength(0);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, telegram: '@briefbot_test_bot' });
  });

  it('is ready: posts loaded, database writable, telegram polling', async () => {
    const ready = await fetch(`${base}/readyz`);
    const body = await ready.json();
    expect(ready.status, JSON.stringify(body)).toBe(200);
    expect(body.ready).toBe(true);
    expect(body.down).toEqual([]);
    expect(Object.keys(body.checks).sort()).toEqual(['catalog', 'database', 'telegram']);
    expect(body.checks.catalog.detail).toMatch(/^\d+ posts$/);
  });

  it('counts commands by name and outcome with latency, and never puts user text or ids in labels', async () => {
    fake.pushMessage({ text: '/summary 엔비디아', from: mina });
    await fake.waitForRequest('sendMessage');
    fake.pushMessage({ text: '/summary zzqqxxnothing', from: mina });
    await fake.waitForRequest('sendMessage');
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await until(
      () => fetch(`${base}/metrics`).then((r) => r.text()),
      (t) => t.includes('briefbot_replies_total{platform="telegram",command="summary",outcome="no_match"} 1'),
    );
    expect(text).toContain('briefbot_replies_total{platform="telegram",command="summary",outcome="ok"} 1');
    expect(text).toContain('briefbot_replies_total{platform="telegram",command="summary",outcome="no_match"} 1');
    expect(text).toContain('briefbot_searches_no_match_total{platform="telegram",command="summary"} 1');
    expect(text).toMatch(/briefbot_reply_duration_seconds_count\{platform="telegram",command="summary"\} 2/);
    expect(text).toMatch(/briefbot_reindex_duration_seconds_count\{outcome="ok"\} 1/);
    expect(text).toMatch(/^briefbot_posts \d+$/m);
    expect(text).toContain('briefbot_process_resident_memory_bytes');
    for (const secret of ['엔비디아', 'zzqqxxnothing', String(mina.id), TOKEN]) expect(text).not.toContain(secret);
  });

  it('counts a 429 the Bot API answers, even one auto-retry then gets through', async () => {
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    fake.pushMessage({ text: '/tags', from: mina });
    const text = await until(
      () => fetch(`${base}/metrics`).then((r) => r.text()),
      (t) => t.includes('briefbot_rate_limited_total{platform="telegram"} 1') && t.includes('command="tags",outcome="ok"} 1'),
    );
    expect(text).toContain('briefbot_rate_limited_total{platform="telegram"} 1');
  });

  it('turns not ready, naming telegram, when polling stops for good', async () => {
    fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    // Ends the long poll in flight, so the next getUpdates meets the 401.
    fake.pushMessage({ text: '/help', from: mina });
    const ready = await until(
      () => fetch(`${base}/readyz`).then(async (r) => ({ status: r.status, body: await r.json() })),
      (r) => r.status === 503,
    );
    expect(ready.status).toBe(503);
    expect(ready.body.down).toEqual(['telegram']);
    // The supervised polling loop reports the connection down with the cause (a revoked token).
    expect(ready.body.checks.telegram.ok, JSON.stringify(ready.body)).toBe(false);
    expect(ready.body.checks.telegram.detail, JSON.stringify(ready.body)).toMatch(/token|401|unauthori/i);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('the running program (spawned, JSON logs)', () => {
  it('logs one JSON object a line, never the token, serves /readyz, and stops on SIGTERM', async () => {
    const fake = await FakeTelegram.start({ token: TOKEN });
    const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-ops-spawn-'));
    const port = await freePort();
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POSTS_DIR, TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, PORT: String(port), STATE_DIR: stateDir, LOG_LEVEL: 'debug', POSTS_WATCH: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const status = await until(() => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0), (s) => s === 200, 30_000);
      expect(status, stderr).toBe(200);
      // A failing call whose error quotes the Bot API URL, the token's usual way into a log.
      fake.failNext('sendMessage', { error_code: 400, description: `Bad Request: see /bot${TOKEN}/sendMessage` });
      fake.pushMessage({ text: '/summary 엔비디아', from: mina });
      await until(async () => stderr, (s) => s.includes('"level":"error"') || s.includes('"level":"warn"'), 10_000);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const lines = stderr.trim().split('\n');
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) {
        const parsed = JSON.parse(line) as { level: string; time: string; msg: string };
        expect(typeof parsed.msg).toBe('string');
        expect(['debug', 'info', 'warn', 'error']).toContain(parsed.level);
      }
      expect(stderr).not.toContain(TOKEN);
      expect(stderr).not.toContain(TOKEN.split(':')[1]);
      expect(stderr).toContain('[redacted]');
    } finally {
      child.kill('SIGKILL');
      await fake.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 60_000);
  it('a SIGTERM during the start stops the bot once it is up, exit 0, instead of killing it mid-start', async () => {
    const fake = await FakeTelegram.start({ token: TOKEN });
    fake.slow('getMe', 4000); // the start waits here while the signal arrives
    const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-ops-early-'));
    const port = await freePort();
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POSTS_DIR, TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, PORT: String(port), STATE_DIR: stateDir, POSTS_WATCH: 'false' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await until(async () => fake.requestsOf('getMe').length, (n) => n > 0, 30_000);
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 60_000);
});
