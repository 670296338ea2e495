/**
 * Latency through a platform adapter: the whole bot, started by its real entry point against the
 * local fake of the platform, on the real corpus. Timestamps: the moment the fake delivers the
 * incoming command (Telegram: the update queued for the waiting long poll; Discord:
 * INTERACTION_CREATE written to the gateway socket) to the moment the bot's reply request
 * reaches the fake. Both ends are in this process: no network, only library + core + renderer.
 *
 * argv: <telegram|discord> <siteDir> [commands=300]   → one JSON line on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBriefbot } from '../src/main.ts';
import { startFakeDiscord } from '../test/fakes/discord/server.ts';
import { FakeTelegram } from '../test/fakes/telegram/server.ts';
import type { Logger } from '../src/util/logger.ts';
import { summarizeNs } from './stats.ts';

const WARM_UP = 10;

interface Sample {
  label: string;
  ns: number;
}

const quietLogger = (): Logger => {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: noop } as unknown as Logger;
};

/** The mix members type, the same on both platforms. */
/**
 * One member sends every command of the bench, so the per-member limit (6 at once, 30 a minute by
 * default) would answer most of them with silence: the bench measures handling, not fairness.
 */
const UNLIMITED = { RATE_MEMBER_BURST: '10000', RATE_MEMBER_PER_MINUTE: '600000' };

const MIX: { command: string; args: Record<string, string | number> }[] = [
  { command: 'summary', args: { query: '엔비디아' } },
  { command: 'summary', args: { query: 'virtual threads' } },
  { command: 'summary', args: { query: '가상 스레드를' } },
  { command: 'tag', args: { tag: 'AI' } },
  { command: 'latest', args: {} },
  { command: 'ask', args: { question: 'GPT-5는 언제 나왔어?' } },
];

async function telegram(siteDir: string, count: number, stateDir: string) {
  const token = '7000000001:AAFakeTokenForBenchOnly_abcdefghijklm';
  const fake = await FakeTelegram.start({ token });
  const bot = await startBriefbot({
    env: { POSTS_DIR: siteDir, SITE_URL: 'https://tech.webi.kr', TELEGRAM_TOKEN: token, TELEGRAM_API_ROOT: fake.apiRoot, STATE_DIR: stateDir, POSTS_WATCH: 'false', ...UNLIMITED },
    console: false,
    log: quietLogger(),
  });
  await fake.waitForRequest('getUpdates');
  const samples: Sample[] = [];
  for (let i = 0; i < count + WARM_UP; i++) {
    const { command, args } = MIX[i % MIX.length]!;
    const text = `/${command} ${Object.values(args).join(' ')}`.trim();
    await sleep(5); // let the bot park in its long poll: measure handling, not polling
    const update = fake.pushMessage({ text, from: { id: 4201, first_name: 'Mina', language_code: 'ko' } });
    const sent = await fake.waitForRequest('sendMessage');
    const pushedAt = fake.pushed.find((p) => p.update.update_id === update.update_id)!.at;
    if (i >= WARM_UP) samples.push({ label: text, ns: (sent.at - pushedAt) * 1e6 });
  }
  await bot.stop();
  await fake.close();
  return { samples, path: 'update queued for getUpdates → sendMessage received' };
}

async function discord(siteDir: string, count: number, stateDir: string) {
  const fake = await startFakeDiscord();
  const bot = await startBriefbot({
    env: { POSTS_DIR: siteDir, SITE_URL: 'https://tech.webi.kr', DISCORD_TOKEN: fake.token, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: fake.guildIds[0], STATE_DIR: stateDir, POSTS_WATCH: 'false', ...UNLIMITED },
    console: false,
    log: quietLogger(),
  });
  const samples: Sample[] = [];
  for (let i = 0; i < count + WARM_UP; i++) {
    const { command, args } = MIX[i % MIX.length]!;
    const options = Object.entries(args).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value }));
    const sent = fake.sendCommand(command, options as never);
    const callback = await fake.waitForRequest('POST', new RegExp(`^/interactions/${sent.id}/`));
    if (i >= WARM_UP) samples.push({ label: `/${command} ${Object.values(args).join(' ')}`.trim(), ns: (callback.at - sent.sentAt) * 1e6 });
  }
  await bot.stop();
  await fake.close();
  return { samples, path: 'INTERACTION_CREATE sent → interaction callback received' };
}

async function main(): Promise<void> {
  const [platform, siteDir, countArg] = process.argv.slice(2);
  if ((platform !== 'telegram' && platform !== 'discord') || !siteDir) throw new Error('usage: adapters-child <telegram|discord> <siteDir> [commands]');
  const count = Number(countArg ?? 300);
  const stateDir = await mkdtemp(join(tmpdir(), 'briefbot-bench-state-'));
  try {
    const { samples, path } = platform === 'telegram' ? await telegram(siteDir, count, stateDir) : await discord(siteDir, count, stateDir);
    const summary = summarizeNs(samples.map((s) => s.ns));
    const byCommand: Record<string, ReturnType<typeof summarizeNs>> = {};
    for (const label of new Set(samples.map((s) => s.label))) byCommand[label] = summarizeNs(samples.filter((s) => s.label === label).map((s) => s.ns));
    console.log(JSON.stringify({ platform, commands: summary.samples, p50Ms: summary.p50Ms, p99Ms: summary.p99Ms, maxMs: summary.maxMs, path, byCommand }));
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  process.exit(0); // a lingering socket of a library must not hold the bench
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ platform: process.argv[2], error: `not measured: ${error instanceof Error ? error.message : String(error)}`.slice(0, 400) }));
  process.exit(1);
});
