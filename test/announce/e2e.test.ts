/**
 * Announcements end to end: real posts on disk, the real loader and engine, the real SQLite store,
 * real discord.js and grammY talking to the local fakes.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'discord.js';
import { Bot } from 'grammy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/bot/engine.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { openStore, type Store } from '../../src/state/store.ts';
import { startAnnouncements, type Announcements, type AnnouncementsOptions } from '../../src/announce/start.ts';
import { gitPostsSource, type GitPostsSource } from '../../src/sources/posts.ts';
import { ManualClock } from '../../src/announce/clock.ts';
import { discordAnnouncer } from '../../src/platforms/discord/announce.ts';
import { telegramAnnouncer } from '../../src/platforms/telegram/announce.ts';
import type { Announcer, AnnouncementTarget } from '../../src/announce/port.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { PlatformProxy } from './platform-proxy.ts';
import { memoryLogger } from './helpers.ts';

const TOKEN = '123:e2e';
let discordFake: FakeDiscord;
let telegramFake: FakeTelegram;
let client: Client;
let bot: Bot;
let senders: Announcer[];
const temps: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  discordFake = await startFakeDiscord();
  telegramFake = await FakeTelegram.start({ token: TOKEN });
  client = new Client({ intents: [], rest: { api: discordFake.apiBase } });
  client.token = discordFake.token;
  bot = new Bot(TOKEN, { client: { apiRoot: telegramFake.apiRoot } });
  senders = [discordAnnouncer(client), telegramAnnouncer(bot, { apiRoot: telegramFake.apiRoot })];
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await client.destroy();
  await discordFake.close();
  await telegramFake.close();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-e2e-'));
  temps.push(dir);
  return dir;
}

let channelSeq = 0n;
/** A fresh Discord channel id per test, so counts never mix. */
function newChannel(): string {
  channelSeq += 1n;
  return String(1310000000000000000n + channelSeq * 1000n + BigInt(Math.floor(Math.random() * 900)));
}
let chatSeq = 0;
function newChat(): string {
  chatSeq += 1;
  return `-100${Date.now() % 1_000_000}${chatSeq}`;
}

function postText(options: { title: string; date: string; tags?: string[]; published?: boolean }): string {
  return [
    '---',
    `title: "${options.title}"`,
    `date: ${options.date}`,
    `tags: [${(options.tags ?? ['AI']).join(', ')}]`,
    ...(options.published === false ? ['published: false'] : []),
    '---',
    '',
    '## 3줄 요약',
    `- ${options.title} 첫째 줄`,
    '- 둘째 줄',
    '- 셋째 줄',
    '',
    '> [원문 기사 보기](https://example.com/source)',
    '',
  ].join('\n');
}

function writePost(postsDir: string, slug: string, options: { title?: string; date?: string; tags?: string[]; published?: boolean } = {}): string {
  const date = options.date ?? '2026-01-05 09:00:00 +0900';
  const file = join(postsDir, `${date.slice(0, 10)}-${slug}.md`);
  writeFileSync(file, postText({ title: options.title ?? `글 ${slug}`, date, tags: options.tags, published: options.published }));
  return file;
}

function blog(posts: string[] = ['old-one', 'old-two']): string {
  const dir = join(temp(), '_posts');
  mkdirSync(dir, { recursive: true });
  for (const slug of posts) writePost(dir, slug, { date: '2025-11-01 09:00:00 +0900' });
  return dir;
}

function realEngine(postsDir: string): Engine {
  return new Engine(async (previous) => {
    const { library, report } = await loadLibrary({ postsDir, siteUrl: 'https://blog.example', timezone: 'Asia/Seoul', previous: previous?.library });
    return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date() };
  });
}

interface Running {
  engine: Engine;
  store: Store;
  announcements: Announcements;
}

/** Starts briefbot's announcer as main.ts would: engine loaded, store opened, then announcements. */
async function start(postsDir: string, stateDir: string, targets: AnnouncementTarget[], extra: Partial<AnnouncementsOptions> = {}): Promise<Running> {
  const engine = realEngine(postsDir);
  await engine.reindex();
  const store = openStore(stateDir);
  const announcements = await startAnnouncements({ engine, store, announcers: senders, log: memoryLogger(), targets, ...extra });
  const running = { engine, store, announcements };
  cleanups.push(async () => {
    await announcements.stop();
    store.close();
  });
  return running;
}

async function stop(running: Running): Promise<void> {
  await running.announcements.stop();
  running.store.close();
}

const discordTo = (channel: string) => discordFake.channelMessages.filter((m) => m.channelId === channel);
const telegramTo = (chat: string) => telegramFake.requests.filter((r) => r.method === 'sendMessage' && String(r.body.chat_id) === chat && r.response?.message_id);
const titles = (messages: { body: any }[]) => messages.map((m) => m.body.embeds[0].title);

async function until(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('announcements end to end', () => {
  it('announces nothing on the first start on an existing blog', async () => {
    const channel = newChannel();
    const chat = newChat();
    const running = await start(blog(), temp(), [
      { platform: 'discord', id: channel },
      { platform: 'telegram', id: chat },
    ]);
    await running.announcements.drain();
    await pause(200);
    expect(discordTo(channel)).toEqual([]);
    expect(telegramTo(chat)).toEqual([]);
    expect(running.store.postCounts()).toEqual({ known: 2, announced: 0, removed: 0 });
  });

  it('delivers a post file dropped into POSTS_DIR to a Discord channel and a Telegram chat exactly once, and nothing again after a restart', async () => {
    const postsDir = blog();
    const stateDir = temp();
    const channel = newChannel();
    const chat = newChat();
    const targets: AnnouncementTarget[] = [
      { platform: 'discord', id: channel },
      { platform: 'telegram', id: chat },
    ];
    const first = await start(postsDir, stateDir, targets, { watchDir: postsDir, watchDebounceMs: 150 });
    let reindexes = 0;
    first.engine.onCatalog(() => reindexes++);

    // An editor's save: write a temporary file, then rename it over the post.
    const tmpFile = join(postsDir, '.2026-01-05-dropped.md.swp');
    writeFileSync(tmpFile, postText({ title: '새로 올린 글', date: '2026-01-05 09:00:00 +0900', tags: ['AI', '생성형 AI'] }));
    renameSync(tmpFile, join(postsDir, '2026-01-05-dropped.md'));

    await until(() => discordTo(channel).length === 1 && telegramTo(chat).length === 1, 10_000, 'both deliveries');
    await pause(600); // longer than the debounce: a second reindex would have happened by now
    expect(reindexes).toBe(1); // the temporary file and the rename were one change
    expect(titles(discordTo(channel))).toEqual(['새로 올린 글']);
    expect(telegramTo(chat)).toHaveLength(1);
    expect(telegramTo(chat)[0]!.body.text).toContain('#생성형_AI');
    await stop(first);

    const second = await start(postsDir, stateDir, targets);
    await second.announcements.drain();
    await second.engine.reindex();
    await second.announcements.drain();
    await pause(200);
    expect(discordTo(channel)).toHaveLength(1);
    expect(telegramTo(chat)).toHaveLength(1);
  });

  it('announces a commit pushed to the blog repository after the next pull', async () => {
    const root = temp();
    const remote = join(root, 'remote.git');
    const work = join(root, 'work');
    const git = (cwd: string, ...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' });
    git(root, 'init', '--quiet', '--bare', remote);
    git(root, 'init', '--quiet', work);
    mkdirSync(join(work, '_posts'));
    writePost(join(work, '_posts'), 'first-in-git', { date: '2025-11-01 09:00:00 +0900' });
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'first');
    git(work, 'push', '--quiet', remote, 'HEAD:main');

    const stateDir = temp();
    let engine: Engine | undefined;
    const source: GitPostsSource = await gitPostsSource({
      url: remote,
      branch: 'main',
      dir: join(stateDir, 'repo'),
      intervalMs: 200,
      onUpdate: async () => {
        await engine?.reindex();
      },
      log: memoryLogger(),
    });
    cleanups.push(() => source.close());
    const channel = newChannel();
    const running = await start(join(source.dir, '_posts'), stateDir, [{ platform: 'discord', id: channel }]);
    engine = running.engine;
    await pause(300);
    expect(discordTo(channel)).toEqual([]);

    writePost(join(work, '_posts'), 'pushed-later', { title: '푸시된 글' });
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'second');
    git(work, 'push', '--quiet', remote, 'HEAD:main');
    await until(() => discordTo(channel).length === 1, 10_000, 'the pushed post');
    expect(titles(discordTo(channel))).toEqual(['푸시된 글']);
  });

  it('announces a future-dated post when its time comes, and not before', async () => {
    const postsDir = blog();
    const at = new Date('2026-03-01T00:00:00Z');
    writePost(postsDir, 'scheduled', { title: '예약된 글', date: '2026-03-01 09:00:00 +0900' });
    const clock = new ManualClock(new Date('2026-02-28T12:00:00Z'));
    const channel = newChannel();
    const chat = newChat();
    await start(postsDir, temp(), [
      { platform: 'discord', id: channel },
      { platform: 'telegram', id: chat },
    ], { clock });
    await clock.advanceTo(at.getTime() - 1);
    await pause(300);
    expect(discordTo(channel)).toEqual([]);
    expect(telegramTo(chat)).toEqual([]);
    await clock.advance(1);
    await until(() => discordTo(channel).length === 1 && telegramTo(chat).length === 1, 5_000, 'the scheduled post');
    expect(titles(discordTo(channel))).toEqual(['예약된 글']);
  });

  it('waits out a storm of 429s and delivers everything exactly once', async () => {
    const postsDir = blog();
    const stateDir = temp();
    const channels = [newChannel(), newChannel()];
    const chat = newChat();
    const targets: AnnouncementTarget[] = [...channels.map((id) => ({ platform: 'discord' as const, id })), { platform: 'telegram', id: chat }];
    const running = await start(postsDir, stateDir, targets);
    for (let i = 0; i < 6; i++) discordFake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'rateLimit', retryAfterSeconds: 0.2 });
    telegramFake.failNext('sendMessage', ...Array.from({ length: 2 }, () => ({ error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 })));
    for (const slug of ['storm-a', 'storm-b', 'storm-c']) writePost(postsDir, slug, { title: slug });
    const startedAt = Date.now();
    await running.engine.reindex();
    await running.announcements.drain();
    for (const channel of channels) expect(titles(discordTo(channel))).toEqual(['storm-a', 'storm-b', 'storm-c']);
    expect(telegramTo(chat)).toHaveLength(3);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2_000); // two Telegram waits of 1 s, in a row
    expect(running.store.outboxCounts()).toEqual({ pending: 0, sent: 9, failed: 0, cancelled: 0 });
  });

  it('marks a 403 target failed with its error while the others are delivered', async () => {
    const postsDir = blog();
    const [ok1, forbidden, ok2] = [newChannel(), newChannel(), newChannel()];
    const chat = newChat();
    const privateUser = '987654'; // the bot cannot start a conversation: Telegram answers 403
    const running = await start(postsDir, temp(), [
      { platform: 'discord', id: ok1 },
      { platform: 'discord', id: forbidden },
      { platform: 'discord', id: ok2 },
      { platform: 'telegram', id: chat },
      { platform: 'telegram', id: privateUser },
    ]);
    discordFake.failNext('POST', new RegExp(`^/channels/${forbidden}/messages$`), { kind: 'missingPermissions' });
    writePost(postsDir, 'to-many', { title: '여러 곳으로' });
    await running.engine.reindex();
    await running.announcements.drain();
    expect(discordTo(ok1)).toHaveLength(1);
    expect(discordTo(ok2)).toHaveLength(1);
    expect(discordTo(forbidden)).toHaveLength(0);
    expect(telegramTo(chat)).toHaveLength(1);
    const status = running.announcements.port.status();
    expect(status.deliveries).toEqual({ pending: 0, sent: 3, failed: 2, cancelled: 0 });
    expect(status.failed.map((f) => [f.target, f.lastError]).sort()).toEqual(
      [
        [`discord:${forbidden}`, '403 Missing Permissions (50013)'],
        [`telegram:${privateUser}`, "403 Forbidden: bot can't initiate conversation with a user"],
      ].sort(),
    );
  });
});

describe('a crash in the middle of a fan-out', () => {
  const script = fileURLToPath(new URL('./fanout-child.ts', import.meta.url));

  function child(env: Record<string, string>): { process: ChildProcess; output: () => string; exited: Promise<number | null> } {
    const proc = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout!.on('data', (d) => (output += String(d)));
    proc.stderr!.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    return { process: proc, output: () => output, exited };
  }

  it('delivers the rest after SIGKILL and a restart, with no duplicate on Discord', async () => {
    const postsDir = blog();
    const stateDir = temp();
    const channels = Array.from({ length: 50 }, () => newChannel());
    // The first run knows the blog (baseline), then a post appears while briefbot is down.
    const baseline = await start(postsDir, stateDir, []);
    await stop(baseline);
    writePost(postsDir, 'fan-out', { title: '50곳으로' });

    // Answers held back 150 ms, so the kill lands while requests are in flight.
    const proxy = await PlatformProxy.start({ platform: 'discord', upstream: `http://127.0.0.1:${discordFake.port}`, delayMs: 150 });
    cleanups.push(() => proxy.close());
    const env = {
      POSTS_DIR: postsDir,
      STATE_DIR: stateDir,
      DISCORD_API: `${proxy.url}/api`,
      DISCORD_TOKEN: discordFake.token,
      CHANNELS: channels.join(','),
      DISCORD_PER_SECOND: '10',
    };
    const received = () => channels.reduce((n, c) => n + discordTo(c).length, 0);
    const posted = () => discordFake.requests.filter((r) => r.method === 'POST' && channels.some((c) => r.path === `/channels/${c}/messages`)).length;

    const first = child(env);
    await until(() => received() >= 15, 20_000, '15 messages from the first run');
    first.process.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const afterKill = received();
    expect(afterKill).toBeLessThan(50);

    const second = child(env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('drained');
    for (const channel of channels) expect(discordTo(channel)).toHaveLength(1);
    // At least the one request in flight at the kill was sent again, with its original nonce:
    // the fake answered it with the message it already had, instead of posting a second one.
    console.log(`fan-out crash: ${afterKill} delivered before SIGKILL, ${posted()} POSTs in all for 50 channels`);
    expect(posted()).toBeGreaterThan(50);

    const store = openStore(stateDir);
    expect(store.outboxCounts()).toEqual({ pending: 0, sent: 50, failed: 0, cancelled: 0 });
    store.close();
  }, 60_000);
});
