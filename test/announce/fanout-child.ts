/**
 * A briefbot announcer as its own process, for the crash test: it loads POSTS_DIR, opens the
 * store in STATE_DIR, delivers to the Discord channels in CHANNELS through the real discord.js
 * REST against DISCORD_API, prints `drained` when the outbox is empty, and exits.
 * The test kills it with SIGKILL halfway through and starts it again.
 */
import { Client } from 'discord.js';
import { Engine } from '../../src/bot/engine.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { openStore } from '../../src/state/store.ts';
import { startAnnouncements } from '../../src/announce/start.ts';
import { discordAnnouncer } from '../../src/platforms/discord/announce.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`fanout-child: ${name} is not set`);
  return value;
};

const quiet = { debug() {}, info() {}, warn() {}, error: (msg: string, data?: unknown) => console.error(msg, data) };
const engine = new Engine(async (previous) => {
  const { library, report } = await loadLibrary({ postsDir: env('POSTS_DIR'), siteUrl: 'https://blog.example', timezone: 'Asia/Seoul', previous: previous?.library });
  return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date() };
});
await engine.reindex();
const store = openStore(env('STATE_DIR'));
const client = new Client({ intents: [], rest: { api: env('DISCORD_API') } });
client.token = env('DISCORD_TOKEN');
const perSecond = Number(process.env.DISCORD_PER_SECOND ?? 50);
const announcements = await startAnnouncements({
  engine,
  store,
  announcers: [discordAnnouncer(client, { limits: { global: { limit: perSecond, windowMs: 1000 } } })],
  log: quiet,
  targets: env('CHANNELS').split(',').map((id) => ({ platform: 'discord' as const, id })),
});
console.log('started');
await announcements.drain();
console.log('drained');
await announcements.stop();
store.close();
await client.destroy();
process.exit(0);
