/**
 * Measures the time from INTERACTION_CREATE (written to the gateway socket) to the bot's
 * interaction callback arriving at the fake, for the whole bot started by its real entry point.
 * Both ends run in this process, so the numbers are discord.js + core + renderer, without the
 * network. Not a test: prints p50/p99 and exits.
 *
 *   npx tsx test/discord/latency.ts [rounds=50]
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBriefbot } from '../../src/main.ts';
import { startFakeDiscord, type CommandOptionValue } from '../fakes/discord/server.ts';
import { capturingLogger, options, typing } from './helpers.ts';

const rounds = Number(process.argv[2] ?? 50);
const postsDir = process.env.POSTS_DIR ?? fileURLToPath(new URL('../fixtures/discord-posts', import.meta.url));

const fake = await startFakeDiscord();
const bot = await startBriefbot({
  env: {
    POSTS_DIR: postsDir,
    STATE_DIR: await mkdtemp(join(tmpdir(), 'briefbot-latency-')),
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_GUILD_ID: fake.guildIds[0],
    POSTS_WATCH: 'false',
  },
  console: false,
  log: capturingLogger(),
});

type Send = () => { id: string; sentAt: number };
const cases: [string, Send][] = [
  ['/summary', () => fake.sendCommand('summary', options({ query: 'GPU 성능' }))],
  ['/tag', () => fake.sendCommand('tag', options({ tag: 'AI' }))],
  ['/latest', () => fake.sendCommand('latest', [] as CommandOptionValue[])],
  ['autocomplete /summary', () => fake.sendAutocomplete('summary', typing('query', '엔비'))],
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

console.log(`posts: ${postsDir}, ${rounds} rounds each, sequential`);
for (const [label, send] of cases) {
  const samples: number[] = [];
  for (let i = 0; i < rounds + 5; i++) {
    const sent = send();
    const callback = await fake.waitForRequest('POST', new RegExp(`^/interactions/${sent.id}/`));
    if (i >= 5) samples.push(callback.at - sent.sentAt); // the first five warm up the JIT and caches
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(22)} p50 ${percentile(samples, 50).toFixed(2)} ms   p99 ${percentile(samples, 99).toFixed(2)} ms   max ${samples.at(-1)!.toFixed(2)} ms`,
  );
}

await bot.stop();
await fake.close();
