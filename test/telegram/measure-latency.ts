/**
 * Measures the time from an update reaching the fake Bot API (a long poll is waiting) to the
 * bot's sendMessage arriving back, through the real entry point, grammY and the real core.
 * A measurement, not a test: `npx tsx test/telegram/measure-latency.ts [rounds]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBriefbot } from '../../src/main.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { TOKEN, capturingLogger, mina } from './harness.ts';

const rounds = Number(process.argv[2] ?? 50);
const commands = ['/summary 엔비디아', '/tag 생성형 AI', '/latest 3', '/ask 비동기 I/O 성능은?', '/tags', '/help'];

const fake = await FakeTelegram.start({ token: TOKEN });
const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-latency-'));
const bot = await startBriefbot({
  env: {
    POSTS_DIR: 'test/fixtures/telegram-posts',
    SITE_URL: 'https://tech.webi.kr',
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.apiRoot,
    STATE_DIR: stateDir,
    POSTS_WATCH: 'false',
  },
  console: false,
  log: capturingLogger(),
});
await fake.waitForRequest('getUpdates');

const byCommand = new Map<string, number[]>();
const all: number[] = [];
for (let i = 0; i < rounds; i++) {
  const text = commands[i % commands.length]!;
  // wait until the bot is parked in a long poll, so the time measured is handling, not polling
  await new Promise((resolve) => setTimeout(resolve, 5));
  const update = fake.pushMessage({ text, from: mina });
  const sent = await fake.waitForRequest('sendMessage');
  const pushedAt = fake.pushed.find((p) => p.update.update_id === update.update_id)!.at;
  const ms = sent.at - pushedAt;
  all.push(ms);
  byCommand.set(text, [...(byCommand.get(text) ?? []), ms]);
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const fmt = (n: number) => n.toFixed(2);
console.log(`update → sendMessage over ${rounds} commands (ms): p50 ${fmt(percentile(all, 50))}, p99 ${fmt(percentile(all, 99))}, max ${fmt(Math.max(...all))}`);
for (const [text, values] of byCommand) console.log(`  ${text.padEnd(24)} p50 ${fmt(percentile(values, 50))}  max ${fmt(Math.max(...values))}  (n=${values.length})`);

await bot.stop();
await fake.close();
rmSync(stateDir, { recursive: true, force: true });
