/**
 * The feature wired as src/main.ts wires it: the real Discord and Telegram adapters started
 * against the fakes, the real core with the subscription commands and `ctx.announcements`, and
 * the announcers built from the adapters' own client and bot. A moderator subscribes a channel by
 * command on each platform; a new post then reaches exactly the channels whose filter it matches.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { Engine } from '../../src/bot/engine.ts';
import { createBotCore } from '../../src/bot/execute.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { openStore } from '../../src/state/store.ts';
import { startAnnouncements, type Announcements } from '../../src/announce/start.ts';
import { staticTargets } from '../../src/announce/targets.ts';
import { startDiscord } from '../../src/platforms/discord/index.ts';
import { startTelegram } from '../../src/platforms/telegram/index.ts';
import { discordAnnouncer } from '../../src/platforms/discord/announce.ts';
import { discordAnnouncePolicy } from '../../src/platforms/discord/announce-policy.ts';
import { telegramAnnouncer } from '../../src/platforms/telegram/announce.ts';
import { startFakeDiscord } from '../fakes/discord/server.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { memoryLogger } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'briefbot-wiring-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const post = (title: string, tags: string[]) =>
  `---\ntitle: "${title}"\ndate: 2026-01-05 09:00:00 +0900\ntags: [${tags.join(', ')}]\n---\n\n## 3줄 요약\n- ${title}\n- 둘\n- 셋\n`;

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('announcements wired into the running bot', () => {
  it('lets moderators subscribe by command on both platforms, then announces only what each filter matches', async () => {
    const postsDir = join(root, '_posts');
    mkdirSync(postsDir);
    writeFileSync(join(postsDir, '2025-11-01-old.md'), post('기존 글', ['AI']));
    const log = memoryLogger();
    const engine = new Engine(async (previous) => {
      const { library, report } = await loadLibrary({ postsDir, siteUrl: 'https://blog.example', timezone: 'Asia/Seoul', previous: previous?.library });
      return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date() };
    });
    await engine.reindex();

    let announcements: Announcements | undefined;
    const core = createBotCore({
      commands,
      engine,
      defaultLocale: 'ko',
      log,
      services: { get announcements() { return announcements?.port; } },
    });

    const discordFake = await startFakeDiscord();
    const telegramFake = await FakeTelegram.start({ token: '555:wiring', username: 'briefbot_wiring_bot' });
    const discord = await startDiscord({ token: discordFake.token, apiBase: discordFake.apiBase, guildId: discordFake.guildIds[0], core, log });
    const telegram = await startTelegram({ token: '555:wiring', apiRoot: telegramFake.apiRoot, moderators: [], core, log, retry: { maxAttempts: 2, maxDelaySeconds: 5 } });
    const store = openStore(join(root, 'state'));
    try {
      // As main.ts does, once the platforms are up:
      announcements = await startAnnouncements({
        engine,
        store,
        log,
        announcers: [discordAnnouncer(discord.client, { log }), telegramAnnouncer(telegram.bot, { apiRoot: telegramFake.apiRoot })],
        targets: staticTargets([{ policy: discordAnnouncePolicy(), entries: ['1300000000000000777'], source: 'ANNOUNCE_DISCORD_CHANNELS' }]),
        locale: 'ko',
      });

      const gpuChannel = '1300000000000000555';
      discordFake.sendCommand('subscribe', [{ name: 'tags', type: 3, value: 'GPU' }], { channelId: gpuChannel, permissions: '32' });
      const group = { id: -1005550001, type: 'supergroup' as const, title: 'briefbot 소식' };
      const admin = { id: 4242, first_name: '운영자', language_code: 'ko' };
      telegramFake.setMemberStatus(group.id, admin.id, 'administrator');
      telegramFake.pushMessage({ text: '/subscribe', from: admin, chat: group });
      await until(() => store.subscriptions().length === 2, 'both subscriptions');
      expect(store.subscriptions().map((s) => [s.platform, s.place, s.tags])).toEqual([
        ['discord', gpuChannel, ['GPU']],
        ['telegram', String(group.id), []],
      ]);

      writeFileSync(join(postsDir, '2026-01-05-gpu.md'), post('GPU 글', ['GPU']));
      writeFileSync(join(postsDir, '2026-01-05-web.md'), post('웹 글', ['Web']));
      await engine.reindex();
      await announcements.drain();

      const titlesIn = (channel: string) => discordFake.channelMessages.filter((m) => m.channelId === channel).map((m) => m.body.embeds[0].title).sort();
      expect(titlesIn(gpuChannel)).toEqual(['GPU 글']);
      expect(titlesIn('1300000000000000777')).toEqual(['GPU 글', '웹 글']);
      const toGroup = telegramFake.requests.filter((r) => r.method === 'sendMessage' && r.body.chat_id === group.id && /글/.test(r.body.text) && r.body.link_preview_options?.url);
      expect(toGroup).toHaveLength(2);
    } finally {
      await announcements?.stop();
      store.close();
      await telegram.stop();
      await discord.stop();
      await discordFake.close();
      await telegramFake.close();
    }
  });
});
