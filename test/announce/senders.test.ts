/**
 * The platform senders, driven through the real discord.js and grammY against the local fakes:
 * what goes over the wire, and how each platform error maps to what the outbox does.
 */
import { Client } from 'discord.js';
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordAnnouncer } from '../../src/platforms/discord/announce.ts';
import { hashtag, parseChatTarget, telegramAnnouncer } from '../../src/platforms/telegram/announce.ts';
import { DeliveryError, type Announcer } from '../../src/announce/port.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { makePost } from './helpers.ts';

const post = makePost('rtx-5090', {
  title: '엔비디아 <b>RTX 5090</b> & @everyone <@&123>',
  tags: ['AI', '생성형 AI', 'Raspberry-Pi-Pico-2', '5G', 'C++'],
  date: '2026-02-03T05:00:36+09:00',
});

async function rejection(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a rejection');
}

describe('Discord announcement sender', () => {
  let fake: FakeDiscord;
  let client: Client;
  let sender: Announcer;
  const channel = '1300000000000000042';

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = new Client({ intents: [], rest: { api: fake.apiBase } });
    client.token = fake.token; // what login() sets; no gateway needed to post messages
    sender = discordAnnouncer(client);
  });
  afterAll(async () => {
    await client.destroy();
    await fake.close();
  });

  it('posts an embed with link buttons, the nonce with enforce_nonce, and only the role mention allowed', async () => {
    const { messageId } = await sender.send({ platform: 'discord', id: channel, options: { mentionRoleId: '1400000000000000001' } }, post, { nonce: 'n-embed', locale: 'ko' });
    const sent = fake.channelMessages.find((m) => m.message.id === messageId)!;
    expect(sent.channelId).toBe(channel);
    expect(sent.body).toMatchObject({
      content: '<@&1400000000000000001>',
      allowed_mentions: { parse: [], roles: ['1400000000000000001'] },
      nonce: 'n-embed',
      enforce_nonce: true,
      embeds: [{ title: post.title, url: post.url, footer: { text: '새 글' } }],
      components: [{ type: 1, components: [{ type: 2, style: 5, label: '글 보기', url: post.url }] }],
    });
    expect(sent.body.embeds[0].description).toContain('summary of rtx-5090');
  });

  it('allows no mention at all without a role', async () => {
    await sender.send({ platform: 'discord', id: channel }, post, { nonce: 'n-plain', locale: 'en' });
    const body = fake.channelMessages.at(-1)!.body;
    expect(body.content).toBeUndefined();
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [] });
  });

  it('publishes in an Announcement channel when asked, and keeps the message delivered when publishing fails', async () => {
    const { messageId } = await sender.send({ platform: 'discord', id: channel, options: { crosspost: true } }, post, { nonce: 'n-publish', locale: 'ko' });
    const crosspost = fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${channel}/messages/${messageId}/crosspost`);
    expect(crosspost).toBeDefined(); // the fake has no such route and answers 404: still delivered
    expect(fake.channelMessages.some((m) => m.message.id === messageId)).toBe(true);
  });

  it('posts once when the same delivery is sent again with its nonce (a resend after a crash)', async () => {
    const before = fake.channelMessages.length;
    const first = await sender.send({ platform: 'discord', id: channel }, post, { nonce: 'n-twice', locale: 'ko' });
    const again = await sender.send({ platform: 'discord', id: channel }, post, { nonce: 'n-twice', locale: 'ko' });
    expect(again.messageId).toBe(first.messageId);
    expect(fake.channelMessages.length).toBe(before + 1);
  });

  it('reports a 429 as rate-limited with its retry_after, without retrying it itself', async () => {
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'rateLimit', retryAfterSeconds: 3 });
    const requests = fake.requests.length;
    const error = await rejection(sender.send({ platform: 'discord', id: '1300000000000000043' }, post, { nonce: 'n-429', locale: 'ko' }));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(3000);
    expect(fake.requests.length - requests).toBe(1);
  });

  it('reports a 500 as transient after one request', async () => {
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'serverError' });
    const requests = fake.requests.length;
    const error = await rejection(sender.send({ platform: 'discord', id: '1300000000000000044' }, post, { nonce: 'n-500', locale: 'ko' }));
    expect(error.kind).toBe('transient');
    expect(fake.requests.length - requests).toBe(1);
  });

  it('reports missing permissions and unknown channels as permanent', async () => {
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'missingPermissions' });
    const forbidden = await rejection(sender.send({ platform: 'discord', id: '1300000000000000045' }, post, { nonce: 'n-403', locale: 'ko' }));
    expect([forbidden.kind, forbidden.message]).toEqual(['permanent', '403 Missing Permissions (50013)']);
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'unknownChannel' });
    const unknown = await rejection(sender.send({ platform: 'discord', id: '1300000000000000046' }, post, { nonce: 'n-404', locale: 'ko' }));
    expect([unknown.kind, unknown.message]).toEqual(['permanent', '404 Unknown Channel (10003)']);
  });

  it('reports a server that cannot be reached as transient', async () => {
    const dead = new Client({ intents: [], rest: { api: 'http://127.0.0.1:9/api' } });
    dead.token = 'x';
    const error = await rejection(discordAnnouncer(dead).send({ platform: 'discord', id: channel }, post, { nonce: 'n-dead', locale: 'ko' }));
    expect(error.kind).toBe('transient');
    await dead.destroy();
  });
});

describe('Telegram announcement sender', () => {
  let fake: FakeTelegram;
  let bot: Bot;
  let sender: Announcer;

  beforeAll(async () => {
    fake = await FakeTelegram.start({ token: '123:announce' });
    bot = new Bot('123:announce', { client: { apiRoot: fake.apiRoot } });
    sender = telegramAnnouncer(bot, { apiRoot: fake.apiRoot });
  });
  afterAll(async () => {
    await fake.close();
  });

  const lastSend = () => fake.requests.filter((r) => r.method === 'sendMessage').at(-1)!;

  it('sends escaped HTML with the tags as valid hashtags, a link preview of the post and URL buttons', async () => {
    const { messageId } = await sender.send({ platform: 'telegram', id: '-1001234' }, post, { nonce: 'x', locale: 'ko' });
    const request = lastSend();
    expect(String(request.response.message_id)).toBe(messageId);
    expect(request.body).toMatchObject({
      chat_id: -1001234,
      parse_mode: 'HTML',
      link_preview_options: { url: post.url },
      reply_markup: { inline_keyboard: [[{ text: '글 보기', url: post.url }]] },
    });
    expect(request.body.message_thread_id).toBeUndefined();
    expect(request.body.text).toContain('엔비디아 &lt;b&gt;RTX 5090&lt;/b&gt; &amp; @everyone &lt;@&amp;123&gt;');
    expect(request.body.text).toContain('#AI #생성형_AI #Raspberry_Pi_Pico_2 #_5G #C');
  });

  it('posts into a forum topic given as chat:thread', async () => {
    await sender.send({ platform: 'telegram', id: '-1001234:77' }, post, { nonce: 'x', locale: 'en' });
    expect(lastSend().body).toMatchObject({ chat_id: -1001234, message_thread_id: 77 });
  });

  it('reports a 429 with its retry_after at once, even though the bot retries 429s on bot.api', async () => {
    bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 })); // as startTelegram does
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 5', retry_after: 5 });
    const before = fake.requests.length;
    const error = await rejection(sender.send({ platform: 'telegram', id: '-1001234' }, post, { nonce: 'x', locale: 'ko' }));
    expect([error.kind, error.retryAfterMs]).toEqual(['rate-limited', 5000]);
    expect(fake.requests.length - before).toBe(1);
  });

  it('reports a kicked bot, a missing chat and missing rights as permanent, 5xx and network failures as transient', async () => {
    const target = { platform: 'telegram', id: '-1009' } as const;
    const kinds: string[] = [];
    for (const failure of [
      { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' },
      { error_code: 400, description: 'Bad Request: chat not found' },
      { error_code: 400, description: 'Bad Request: not enough rights to send text messages to the chat' },
      { error_code: 502, description: 'Bad Gateway' },
      { network: true as const },
    ]) {
      fake.failNext('sendMessage', failure);
      kinds.push((await rejection(sender.send(target, post, { nonce: 'x', locale: 'ko' }))).kind);
    }
    expect(kinds).toEqual(['permanent', 'permanent', 'permanent', 'transient', 'transient']);
  });
});

describe('hashtags and chat targets', () => {
  it('makes tags valid hashtags', () => {
    expect(['AI', '생성형 AI', 'Raspberry-Pi-Pico-2', '5G', 'C++', '#이미', '---'].map(hashtag)).toEqual([
      '#AI',
      '#생성형_AI',
      '#Raspberry_Pi_Pico_2',
      '#_5G',
      '#C',
      '#이미',
      undefined,
    ]);
  });

  it('reads chat, @channel and forum topic targets', () => {
    expect([parseChatTarget('-100123'), parseChatTarget('@news'), parseChatTarget('-100123:45')]).toEqual([
      { chatId: -100123 },
      { chatId: '@news' },
      { chatId: -100123, threadId: 45 },
    ]);
  });
});
