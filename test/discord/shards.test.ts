/**
 * briefbot on a sharded Discord, end to end: the real entry point with real discord.js
 * (`shards: 'auto'`) against the local fake, which recommends two shards and puts each guild on
 * shard `(guild_id >> 22) % 2`, as Discord does. Both shards identify and get READY, a command
 * from a guild on each shard is answered, an announcement reaches a channel subscribed on each
 * shard, and /readyz is ready only while both shards are.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { freePort } from '../helpers/net.ts';
import { capturingLogger, options } from './helpers.ts';

const FIXTURE_SITE = fileURLToPath(new URL('../fixtures/discord-posts', import.meta.url));
const MANAGE_GUILD = '32';
/** A snowflake-like guild id on shard `n % 2`: Discord puts a guild on shard `(id >> 22) % count`. */
const guildOnShard = (n: number) => ((300_000_000_000n + BigInt(n)) << 22n).toString();
const GUILDS = [guildOnShard(0), guildOnShard(1)];
const CHANNELS = ['1300000000000000100', '1300000000000000101'];
const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('briefbot on two Discord shards', () => {
  let fake: FakeDiscord;
  let bot: Briefbot;
  let site: string;
  let stateDir: string;
  let readyz: string;

  beforeAll(async () => {
    // Two shards that may identify at once (max_concurrency 2), so start-up does not wait Discord's 5 s between IDENTIFYs.
    fake = await startFakeDiscord({ shards: 2, maxConcurrency: 2, guildIds: GUILDS });
    site = mkdtempSync(join(tmpdir(), 'briefbot-shards-site-'));
    cpSync(FIXTURE_SITE, site, { recursive: true });
    stateDir = mkdtempSync(join(tmpdir(), 'briefbot-shards-state-'));
    const port = await freePort();
    readyz = `http://127.0.0.1:${port}/readyz`;
    bot = await startBriefbot({
      env: {
        POSTS_DIR: join(site, '_posts'),
        STATE_DIR: stateDir,
        RATE_MEMBER_BURST: '1000',
        DISCORD_TOKEN: fake.token,
        DISCORD_API_BASE: fake.apiBase,
        POSTS_WATCH: 'false',
        PORT: String(port),
        LOG_LEVEL: 'silent',
      },
      console: false,
      serveHttp: true,
      log: capturingLogger(),
    });
  }, 30_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    rmSync(site, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('identifies both shards the gateway recommends, each READY with its own guilds', () => {
    expect(GUILDS.map((id) => fake.shardOf(id))).toEqual([0, 1]);
    expect([...fake.identifiedShards].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.identifies).toBe(2);
  });

  it('answers a command from a guild on each shard', async () => {
    for (const [shard, guildId] of GUILDS.entries()) {
      const sent = fake.sendCommand('summary', options({ query: 'Rubin GPU' }), { guildId, channelId: CHANNELS[shard] });
      const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
      expect(answer.body.data.embeds[0].title, `shard ${shard}`).toBe('엔비디아, 차세대 Rubin GPU 공개');
    }
  });

  it('delivers an announcement to a channel subscribed on each shard', async () => {
    for (const [shard, guildId] of GUILDS.entries()) {
      const sent = fake.sendCommand('subscribe', [], { guildId, channelId: CHANNELS[shard], permissions: MANAGE_GUILD });
      await fake.waitForRequest('POST', callbackOf(sent.id));
    }
    writeFileSync(
      join(site, '_posts', '2026-02-01-sharded-news-2001.md'),
      ['---', 'title: "샤드 두 개에 알리는 새 글"', 'date: 2026-02-01 09:00:00 +0900', 'tags: [Discord]', '---', '', '## 3줄 요약', '- 첫째', '- 둘째', '- 셋째', ''].join('\n'),
    );
    const reindex = fake.sendCommand('reindex', [], { guildId: GUILDS[1], channelId: CHANNELS[1], permissions: MANAGE_GUILD });
    await fake.waitForRequest('POST', callbackOf(reindex.id));
    const delivered = (channel: string) => fake.channelMessages.filter((m) => m.channelId === channel && m.body.embeds?.[0]?.title === '샤드 두 개에 알리는 새 글');
    await until(() => CHANNELS.every((channel) => delivered(channel).length === 1), 'the announcement in both channels');
  });

  it('is ready on /readyz only while both shards are', async () => {
    const state = async () => (await fetch(readyz)).status;
    expect(await state()).toBe(200);
    // Shard 1 loses its connection and cannot get a new one for a while; shard 0 stays connected.
    fake.outage({ kind: 'serverError' });
    fake.dropShard(1);
    await until(async () => (await state()) === 503, '/readyz to see shard 1 gone');
    const body = (await (await fetch(readyz)).json()) as { down: string[]; checks: Record<string, { detail?: string }> };
    expect(body.down).toContain('discord');
    expect(JSON.stringify(body.checks.discord)).toContain('shard 1 of 2');
    expect(fake.connected).toBe(true);
    fake.outage(undefined);
    await until(async () => (await state()) === 200, 'shard 1 to resume', 15_000);
    expect(fake.resumes).toBeGreaterThanOrEqual(1);
  }, 20_000);
});
