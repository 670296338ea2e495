/**
 * Fan-out benchmark: one new post announced to many targets through the real pipeline (loader,
 * engine, SQLite outbox, discord.js and grammY senders) against the local fakes, behind a proxy
 * that enforces Discord's and Telegram's rate limits with 429s. Prints the time taken against the
 * fastest the limits allow.
 *
 *   npx tsx bench/fanout.ts [--discord 1000] [--telegram 1000] [--json]
 *
 * The fastest possible: at most L sends in any second means n sends need ceil(n/L) windows, so
 * the last one cannot start before (ceil(n/L) - 1) s after the first. Discord L = 50 (global),
 * Telegram L = 30 (overall); each target receives one message, so per-chat limits do not bind.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'discord.js';
import { Bot } from 'grammy';
import { Engine } from '../src/bot/engine.ts';
import { loadLibrary } from '../src/posts/load.ts';
import { SearchIndex } from '../src/search/index.ts';
import { openStore } from '../src/state/store.ts';
import { startAnnouncements } from '../src/announce/start.ts';
import { discordAnnouncer } from '../src/platforms/discord/announce.ts';
import { telegramAnnouncer } from '../src/platforms/telegram/announce.ts';
import type { AnnouncementTarget } from '../src/announce/port.ts';
import { startFakeDiscord } from '../test/fakes/discord/server.ts';
import { FakeTelegram } from '../test/fakes/telegram/server.ts';
import { PlatformProxy } from '../test/announce/platform-proxy.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const discordTargets = arg('discord', 1000);
const telegramTargets = arg('telegram', 1000);
const json = process.argv.includes('--json');

const post = (title: string, date: string) =>
  `---\ntitle: "${title}"\ndate: ${date}\ntags: [AI, 생성형 AI]\n---\n\n## 3줄 요약\n- ${title}\n- 둘\n- 셋\n\n> [원문 기사 보기](https://example.com/a)\n`;

const root = mkdtempSync(join(tmpdir(), 'briefbot-fanout-'));
const postsDir = join(root, '_posts');
mkdirSync(postsDir);
writeFileSync(join(postsDir, '2025-11-01-old.md'), post('기존 글', '2025-11-01 09:00:00 +0900'));

const token = '777:bench';
const discordFake = await startFakeDiscord();
const telegramFake = await FakeTelegram.start({ token });
const discordProxy = await PlatformProxy.start({ platform: 'discord', upstream: `http://127.0.0.1:${discordFake.port}`, enforceLimits: true });
const telegramProxy = await PlatformProxy.start({ platform: 'telegram', upstream: telegramFake.apiRoot, enforceLimits: true });

const client = new Client({ intents: [], rest: { api: `${discordProxy.url}/api` } });
client.token = discordFake.token;
const bot = new Bot(token, { client: { apiRoot: telegramProxy.url } });

const engine = new Engine(async (previous) => {
  const { library, report } = await loadLibrary({ postsDir, siteUrl: 'https://blog.example', timezone: 'Asia/Seoul', previous: previous?.library });
  return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date() };
});
await engine.reindex();
const store = openStore(join(root, 'state'));
const targets: AnnouncementTarget[] = [
  ...Array.from({ length: discordTargets }, (_, i) => ({ platform: 'discord' as const, id: String(1320000000000000000n + BigInt(i)) })),
  ...Array.from({ length: telegramTargets }, (_, i) => ({ platform: 'telegram' as const, id: String(-1002000000000 - i) })),
];
const quiet = { debug() {}, info() {}, warn() {}, error: (m: string, d?: unknown) => console.error(m, d) };
const announcements = await startAnnouncements({
  engine,
  store,
  announcers: [discordAnnouncer(client), telegramAnnouncer(bot, { apiRoot: telegramProxy.url })],
  log: quiet,
  targets,
});

writeFileSync(join(postsDir, '2026-01-05-fan-out.md'), post('1000곳으로 가는 글', '2026-01-05 09:00:00 +0900'));
const started = performance.now();
await engine.reindex();
const enqueuedMs = performance.now() - started;
await announcements.drain();
const totalMs = performance.now() - started;

const discordSends = discordFake.channelMessages.length;
const telegramSends = telegramFake.requests.filter((r) => r.method === 'sendMessage' && r.response?.message_id).length;
const span = (times: number[]) => (times.length ? Math.max(...times) - started : 0);
const discordDoneMs = span(discordFake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/channels/')).map((r) => r.at));
const telegramDoneMs = span(telegramFake.requests.filter((r) => r.method === 'sendMessage').map((r) => r.at));
const bound = (n: number, perSecond: number) => (n > 0 ? (Math.ceil(n / perSecond) - 1) * 1000 : 0);
const counts = store.outboxCounts();
const distinctDiscord = new Set(discordFake.channelMessages.map((m) => m.channelId)).size;

const result = {
  targets: { discord: discordTargets, telegram: telegramTargets },
  delivered: { discord: discordSends, telegram: telegramSends, distinctDiscordChannels: distinctDiscord, outbox: counts },
  rateLimited429: { discord: discordProxy.rateLimited, telegram: telegramProxy.rateLimited },
  ms: {
    detectAndEnqueue: Math.round(enqueuedMs),
    discordLastSend: Math.round(discordDoneMs),
    discordFastestPossible: bound(discordTargets, 50),
    telegramLastSend: Math.round(telegramDoneMs),
    telegramFastestPossible: bound(telegramTargets, 30),
    total: Math.round(totalMs),
  },
};

if (json) console.log(JSON.stringify(result));
else {
  console.log(`fan-out of one post to ${discordTargets} Discord channels and ${telegramTargets} Telegram chats (limits enforced by the proxy)`);
  console.log(`  detect + enqueue ${targets.length} deliveries: ${result.ms.detectAndEnqueue} ms`);
  console.log(`  Discord : last send at ${(discordDoneMs / 1000).toFixed(2)} s, fastest the 50/s limit allows ${(result.ms.discordFastestPossible / 1000).toFixed(2)} s, ${discordSends} delivered, 429s: ${discordProxy.rateLimited}`);
  console.log(`  Telegram: last send at ${(telegramDoneMs / 1000).toFixed(2)} s, fastest the 30/s limit allows ${(result.ms.telegramFastestPossible / 1000).toFixed(2)} s, ${telegramSends} delivered, 429s: ${telegramProxy.rateLimited}`);
  console.log(`  all delivered and recorded: ${(totalMs / 1000).toFixed(2)} s; outbox ${JSON.stringify(counts)}`);
}

await announcements.stop();
store.close();
await client.destroy();
await discordProxy.close();
await telegramProxy.close();
await discordFake.close();
await telegramFake.close();
rmSync(root, { recursive: true, force: true });
process.exit(0);
