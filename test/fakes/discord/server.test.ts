/** The fake Discord's own promises that other tests (announcements) rely on, checked with discord.js REST. */
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './server.ts';

describe('the fake Discord', () => {
  let fake: FakeDiscord;
  afterEach(() => fake?.close());
  const channel = '1300000000000000042';

  it('returns the original message for a repeated nonce with enforce_nonce, and records one message', async () => {
    fake = await startFakeDiscord();
    const rest = new REST({ api: fake.apiBase }).setToken(fake.token);
    const body = { content: 'new post', nonce: 'outbox-17', enforce_nonce: true, allowed_mentions: { parse: [] } };
    const first = (await rest.post(Routes.channelMessages(channel), { body })) as { id: string };
    const again = (await rest.post(Routes.channelMessages(channel), { body })) as { id: string };
    expect(again.id).toBe(first.id);
    expect(fake.channelMessages.map((m) => [m.channelId, m.body.content])).toEqual([[channel, 'new post']]);
  });

  it('fails the next matching request with the injected Discord error codes', async () => {
    fake = await startFakeDiscord();
    const rest = new REST({ api: fake.apiBase, retries: 0 }).setToken(fake.token);
    const send = () => rest.post(Routes.channelMessages(channel), { body: { content: 'x' } }).then(() => undefined, (e: DiscordAPIError) => e);
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'missingPermissions' });
    fake.failNext('POST', /^\/channels\/\d+\/messages$/, { kind: 'unknownChannel' });
    expect(await send()).toMatchObject({ status: 403, code: 50013 });
    expect(await send()).toMatchObject({ status: 404, code: 10003 });
    expect(await send()).toBeUndefined();
  });

  it('answers 401 on GET /gateway/bot for a wrong token', async () => {
    fake = await startFakeDiscord();
    const rest = new REST({ api: fake.apiBase }).setToken('wrong');
    expect(await rest.get(Routes.gatewayBot()).then(() => undefined, (e: DiscordAPIError) => e.status)).toBe(401);
  });
});
