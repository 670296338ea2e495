/** Every announcer runs the same contract: Discord and Telegram against their local fakes, and the in-memory one. */
import { Client } from 'discord.js';
import { Bot } from 'grammy';
import { discordAnnouncer } from '../../src/platforms/discord/announce.ts';
import { parseChatTarget, telegramAnnouncer } from '../../src/platforms/telegram/announce.ts';
import { startFakeDiscord } from '../fakes/discord/server.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { announcerContract } from './contract.ts';
import { memoryAnnouncer } from './memory-announcer.ts';

announcerContract('discord', async () => {
  const fake = await startFakeDiscord();
  const client = new Client({ intents: [], rest: { api: fake.apiBase } });
  client.token = fake.token; // what login() sets; no gateway needed to post messages
  const messagePosts = () => fake.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)).length;
  const failures = {
    'rate-limited': { kind: 'rateLimit', retryAfterSeconds: 1 },
    transient: { kind: 'serverError' },
    permanent: { kind: 'missingPermissions' },
  } as const;
  return {
    announcer: discordAnnouncer(client),
    goodEntries: ['1300000000000000042', '1300000000000000043/1400000000000000001'],
    badEntries: ['general', '123', '1300000000000000042/role'],
    roleId: '1400000000000000009',
    received: (id) => fake.channelMessages.filter((m) => m.channelId === id).map((m) => JSON.stringify(m.body)),
    requests: messagePosts,
    failNext: (kind) => fake.failNext('POST', /^\/channels\/\d+\/messages$/, failures[kind]),
    async close() {
      await client.destroy();
      await fake.close();
    },
  };
});

announcerContract('telegram', async () => {
  const token = '123:contract';
  const fake = await FakeTelegram.start({ token });
  const bot = new Bot(token, { client: { apiRoot: fake.apiRoot } });
  const failures = {
    'rate-limited': { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 },
    transient: { error_code: 502, description: 'Bad Gateway' },
    permanent: { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' },
  };
  return {
    announcer: telegramAnnouncer(bot, { apiRoot: fake.apiRoot }),
    goodEntries: ['-1001234567890', '@briefbot_news', '-1001234567890:42', '4242'],
    badEntries: ['news channel', '@x', '-100:topic'],
    roleId: '1400000000000000009',
    received: (id) => {
      const { chatId, threadId } = parseChatTarget(id);
      return fake.requests
        .filter((r) => r.method === 'sendMessage' && r.body.chat_id === chatId && r.body.message_thread_id === threadId && r.response?.message_id)
        .map((r) => `${r.body.text}\n${r.body.link_preview_options?.url ?? ''}`);
    },
    requests: () => fake.requests.filter((r) => r.method === 'sendMessage').length,
    failNext: (kind) => fake.failNext('sendMessage', failures[kind]),
    close: () => fake.close(),
  };
});

announcerContract('memory', async () => {
  const announcer = memoryAnnouncer();
  return {
    announcer,
    goodEntries: ['#news', '#gpu-only'],
    badEntries: ['news', '#N', '#'],
    roleId: 'editors',
    received: (id) => announcer.inbox.filter((m) => m.room === id).map((m) => m.text),
    requests: () => announcer.requests,
    failNext: (kind) => announcer.failNext(kind),
  };
});
