/**
 * briefbot on Discord, end to end: the real entry point (`startBriefbot`) with real discord.js,
 * the real core and commands over a small fixture site, against the local fake Discord.
 * Assertions are on what went over the wire.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { commands } from '../../commands/index.ts';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import { commandPayloads } from '../../src/platforms/discord/registration.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../fakes/discord/server.ts';
import { capturingLogger, options, typing } from './helpers.ts';

const POSTS_DIR = fileURLToPath(new URL('../fixtures/discord-posts', import.meta.url));
const MANAGE_GUILD = '32';

const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);
const originalOf = (token: string) => new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`);

/** Everything the bot sent that Discord would show to people. */
function outgoingMessages(fake: FakeDiscord): RecordedRequest[] {
  return fake.requests.filter(
    (r) =>
      (r.method === 'POST' && /^\/interactions\/.+\/callback$/.test(r.path) && [4, 7].includes(r.body?.type)) ||
      (r.method === 'PATCH' && /^\/webhooks\//.test(r.path)) ||
      (r.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(r.path)) ||
      (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)),
  );
}

/** The message data of an answer (callback `data`, or the webhook body itself). */
const dataOf = (request: RecordedRequest) => (/callback$/.test(request.path) ? request.body.data : request.body);

/** The environment of a bot served by `fake`, keeping its state in `stateDir`. */
function botEnv(fake: FakeDiscord, stateDir: string): Record<string, string | undefined> {
  return {
    POSTS_DIR,
    STATE_DIR: stateDir,
    // These suites fire commands at machine speed from one member; the rate limit has its own tests (test/reliability).
    RATE_MEMBER_BURST: '1000',
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_GUILD_ID: fake.guildIds[0],
    POSTS_WATCH: 'false',
    LOG_LEVEL: 'silent',
  };
}

async function startBot(fake: FakeDiscord, log = capturingLogger()): Promise<Briefbot> {
  const stateDir = await mkdtemp(join(tmpdir(), 'briefbot-discord-e2e-'));
  return startBriefbot({
    env: botEnv(fake, stateDir),
    console: false,
    log,
  });
}

describe('briefbot on Discord', () => {
  let fake: FakeDiscord;
  let bot: Briefbot;
  const log = capturingLogger();

  /** Runs a slash command and resolves with its first answer on the wire. */
  async function run(name: string, values: Record<string, string | number | boolean> = {}, user = {}) {
    const sent = fake.sendCommand(name, options(values), user);
    return { sent, answer: await fake.waitForRequest('POST', callbackOf(sent.id)) };
  }

  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startBot(fake, log);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('registers every visible command in the guild at start, with the private option and ManageGuild on reindex', async () => {
    const put = await fake.waitForRequest('PUT', new RegExp(`^/applications/${fake.applicationId}/guilds/${fake.guildIds[0]}/commands$`));
    expect(put.body).toEqual(commandPayloads(commands));
    const names = put.body.map((command: { name: string }) => command.name);
    expect(names).toEqual(expect.arrayContaining(['summary', 'tag', 'tags', 'latest', 'ask', 'reindex', 'help']));
    expect(names).not.toContain('post');
    for (const command of put.body) {
      expect(command.options.at(-1)).toMatchObject({ name: 'private', type: 5 });
      expect(command.description_localizations.ko.length).toBeGreaterThan(0);
    }
    expect(put.body.find((command: { name: string }) => command.name === 'reindex').default_member_permissions).toBe(MANAGE_GUILD);
  });

  it('answers /summary with the post as an embed: title link, summary, thumbnail, tags, date and link buttons', async () => {
    const { answer } = await run('summary', { query: 'Rubin GPU' });
    expect(answer.body.type).toBe(4);
    const data = answer.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.embeds[0]).toMatchObject({
      title: '엔비디아, 차세대 Rubin GPU 공개',
      url: 'https://blog.example.com/posts/nvidia-rubin-gpu-1001/',
      description: '• Nvidia가 Rubin GPU를 발표했습니다.\n• 추론 성능이 이전 세대보다 크게 향상되었습니다.\n• 데이터센터 고객에게 올해 출하됩니다.',
      thumbnail: { url: 'https://blog.example.com/assets/img/rubin.jpg' },
    });
    expect(data.embeds[0].fields).toEqual(
      expect.arrayContaining([
        { name: '태그', value: 'AI, GPU, Nvidia', inline: true },
        { name: '날짜', value: '2026-01-05', inline: true },
      ]),
    );
    expect(data.components[0].components).toEqual([
      { type: 2, style: 5, label: '글 보기', url: 'https://blog.example.com/posts/nvidia-rubin-gpu-1001/' },
      { type: 2, style: 5, label: '원문 보기', url: 'https://example.com/nvidia-rubin' },
    ]);
  });

  it('answers in English for a member whose Discord speaks English', async () => {
    const { answer } = await run('summary', { query: 'Rubin GPU' }, { locale: 'en-US' });
    expect(answer.body.data.embeds[0].fields).toEqual(expect.arrayContaining([{ name: 'Date', value: '2026-01-05', inline: true }]));
  });

  it('answers /tags, /latest, /ask and /help with an embed each', async () => {
    for (const [name, values] of [
      ['tags', {}],
      ['latest', {}],
      ['ask', { question: 'Rust 드라이버가 커널에서 늘고 있나요?' }],
      ['help', {}],
    ] as const) {
      const { answer } = await run(name, values);
      expect({ name, type: answer.body.type, title: typeof answer.body.data.embeds?.[0]?.title }).toEqual({ name, type: 4, title: 'string' });
      expect(answer.body.data.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('pages /tag with buttons: the next button updates the message with the second page', async () => {
    const { answer } = await run('tag', { tag: 'AI' });
    const first = answer.body.data;
    expect(first.embeds[0].title).toContain('AI');
    expect(first.embeds[0].description.match(/^\d+\. /gm)).toHaveLength(5);
    const [next] = first.components.at(-1).components;
    expect(next).toMatchObject({ type: 2, style: 2 });
    expect(next.custom_id.length).toBeLessThanOrEqual(100);

    const press = fake.sendButton(next.custom_id, { embeds: first.embeds, components: first.components });
    const update = await fake.waitForRequest('POST', callbackOf(press.id));
    expect(update.body.type).toBe(7);
    expect(update.body.data.embeds[0].description.match(/^\d+\. /gm)).toHaveLength(2); // 7 posts: 5 + 2
    expect(update.body.data.embeds[0].footer.text).not.toBe(first.embeds[0].footer.text);
    expect(update.body.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('opens another match of /summary as a new message, leaving the summary as it was', async () => {
    const { answer } = await run('summary', { query: 'AI' });
    const first = answer.body.data;
    const other = first.components.at(-1).components.find((button: { custom_id?: string }) => button.custom_id);
    expect(other?.custom_id.startsWith('+post|')).toBe(true);
    const press = fake.sendButton(other.custom_id, { embeds: first.embeds, components: first.components });
    const opened = await fake.waitForRequest('POST', callbackOf(press.id));
    expect(opened.body.type).toBe(4); // a new message, not UPDATE_MESSAGE (7)
    expect(opened.body.data.embeds[0].title).not.toBe(first.embeds[0].title);
  });

  it('suggests post titles as the member types /summary', async () => {
    const sent = fake.sendAutocomplete('summary', typing('query', 'Rubin'));
    const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices).toContainEqual({ name: '엔비디아, 차세대 Rubin GPU 공개', value: '엔비디아, 차세대 Rubin GPU 공개' });
  });

  it('suggests tags with their post counts as the member types /tag', async () => {
    const sent = fake.sendAutocomplete('tag', typing('tag', 'ai'));
    const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices).toContainEqual({ name: 'AI (7)', value: 'AI' });
    expect(answer.body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('answers /summary in a direct message with the bot', async () => {
    const { answer } = await run('summary', { query: 'Rubin GPU' }, { dm: true });
    expect(answer.body.type).toBe(4);
    expect(answer.body.data.embeds[0].title).toBe('엔비디아, 차세대 Rubin GPU 공개');
  });

  it('refuses /reindex in a direct message, where nobody has ManageGuild', async () => {
    const { answer } = await run('reindex', {}, { dm: true });
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('answers only to the member when they set the private option', async () => {
    const { answer } = await run('latest', { private: true });
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('refuses /reindex, privately, to a member without ManageGuild even if the server let them run it', async () => {
    const { answer } = await run('reindex', {}, { permissions: '0' });
    expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(answer.body.data.content).toMatch(/운영자/);
  });

  it('defers /reindex for a member with ManageGuild, then edits in the report', async () => {
    const { sent, answer } = await run('reindex', {}, { permissions: MANAGE_GUILD });
    expect(answer.body.type).toBe(5);
    const edit = await fake.waitForRequest('PATCH', originalOf(sent.token));
    expect(edit.body.embeds[0].title).toBeTruthy();
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('keeps a moderator’s deferred /reindex private when they ask for it', async () => {
    const { sent, answer } = await run('reindex', { private: true }, { permissions: MANAGE_GUILD });
    expect(answer.body).toEqual({ type: 5, data: { flags: 64 } });
    await fake.waitForRequest('PATCH', originalOf(sent.token));
  });

  it('never pings anyone for a post titled with @everyone and <@&123>', async () => {
    const { answer } = await run('summary', { query: '역할 공지 같은 제목' });
    const embed = answer.body.data.embeds[0];
    expect(embed.title).toBe('@everyone 주목: <@&123> 역할 공지 같은 제목');
    expect(answer.body.data.allowed_mentions).toEqual({ parse: [] });
    // …and neither does anything else the bot has sent so far.
    const sent = outgoingMessages(fake);
    expect(sent.length).toBeGreaterThan(5);
    for (const request of sent) expect(dataOf(request).allowed_mentions).toEqual({ parse: [] });
  });

  it('retries an interaction callback that Discord rate-limited with 429', async () => {
    fake.failNext('POST', /^\/interactions\/.+\/callback$/, { kind: 'rateLimit', retryAfterSeconds: 0.2 });
    const sent = fake.sendCommand('latest', []);
    const answered = await fake.waitForRequest('POST', callbackOf(sent.id), (r) => r !== fake.requestsTo('POST', callbackOf(sent.id))[0]);
    const attempts = fake.requestsTo('POST', callbackOf(sent.id));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(190);
    expect(answered.body).toEqual(attempts[0]!.body);
  });

  it('resumes after the gateway drops the connection and keeps answering', async () => {
    const sessions = fake.identifies + fake.resumes;
    fake.closeGateway(4000);
    await fake.waitForSessions(sessions + 1);
    expect(fake.resumes).toBeGreaterThanOrEqual(1);
    const { answer } = await run('summary', { query: 'Pico 2' });
    expect(answer.body.data.embeds[0].title).toBe('라즈베리 파이 Pico 2 출시');
  });

  it('identifies again after the gateway closes the session and keeps answering', async () => {
    const identifies = fake.identifies;
    fake.closeGateway(1000);
    await fake.waitForSessions(identifies + fake.resumes + 1, 10_000); // discord.js spaces identifies 5 s apart
    expect(fake.identifies).toBe(identifies + 1);
    const { answer } = await run('latest');
    expect(answer.body.type).toBe(4);
  });

  it('apologizes and keeps running when handling a command throws despite the core’s promise', async () => {
    const spy = vi.spyOn(bot.core, 'execute').mockRejectedValueOnce(new Error('unexpected failure'));
    try {
      const { sent, answer } = await run('latest');
      expect(answer.body).toMatchObject({ type: 4, data: { flags: 64 } });
      expect(answer.body.data.content).toMatch(/죄송합니다/);
      expect(log.entries).toContainEqual(
        expect.objectContaining({ level: 'error', msg: 'discord: interaction failed', data: expect.objectContaining({ interaction: sent.id }) }),
      );
    } finally {
      spy.mockRestore();
    }
    const { answer } = await run('summary', { query: 'Java' });
    expect(answer.body.data.embeds[0].title).toBe('Java Virtual Threads와 동시성');
    expect(JSON.stringify(log.entries)).not.toContain(fake.token);
  });
});

describe('restarting briefbot on Discord', () => {
  it('registers the commands at the first start only, while their definitions stay the same', async () => {
    const fake = await startFakeDiscord();
    const stateDir = await mkdtemp(join(tmpdir(), 'briefbot-discord-e2e-'));
    const env = botEnv(fake, stateDir);
    try {
      for (let start = 0; start < 2; start++) {
        const bot = await startBriefbot({ env, console: false, log: capturingLogger() });
        await bot.stop();
      }
      expect(fake.identifies).toBe(2);
      expect(fake.requestsTo('PUT', /\/commands$/)).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

describe('starting briefbot with a wrong Discord token', () => {
  it('stops the start with a clear message that does not contain the token', async () => {
    const fake = await startFakeDiscord({ token: 'the-right-token' });
    try {
      const wrong = 'MTIz.this-is-wrong.xyz';
      const stateDir = await mkdtemp(join(tmpdir(), 'briefbot-discord-e2e-'));
      const error: Error = await startBriefbot({
        env: { POSTS_DIR, STATE_DIR: stateDir, DISCORD_TOKEN: wrong, DISCORD_API_BASE: fake.apiBase, POSTS_WATCH: 'false', LOG_LEVEL: 'silent' },
        console: false,
        log: capturingLogger(),
      }).then(
        async (bot) => {
          await bot.stop();
          return new Error('started with a wrong token');
        },
        (e: Error) => e,
      );
      expect(error.message).toMatch(/Discord rejected DISCORD_TOKEN/);
      expect(error.message).not.toContain(wrong);
    } finally {
      await fake.close();
    }
  });
});
