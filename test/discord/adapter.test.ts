/**
 * The Discord adapter's own behaviour, with a hand-made core it can be made slow or faulty with:
 * deferral, limits enforced on what the core returns, the error boundary, start errors.
 * The whole bot (real core, real entry point) is tested in bot.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BotCore } from '../../src/bot/core.ts';
import { startDiscord } from '../../src/platforms/discord/index.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { capturingLogger, options, sleep, stubCore, typing } from './helpers.ts';

const callbackOf = (id: string) => new RegExp(`^/interactions/${id}/[^/]+/callback$`);
const originalOf = (token: string) => new RegExp(`^/webhooks/\\d+/${token}/messages/@original$`);

describe('the Discord adapter', () => {
  let fake: FakeDiscord;
  let bot: Awaited<ReturnType<typeof startDiscord>>;
  const log = capturingLogger();
  /** What the bot's core does; each test replaces parts of it. */
  let behaviour: Partial<Pick<BotCore, 'execute' | 'autocomplete'>> = {};
  const base = stubCore();
  const core: BotCore = {
    ...base,
    execute: (invocation) => (behaviour.execute ?? base.execute)(invocation),
    autocomplete: (...args) => (behaviour.autocomplete ?? base.autocomplete)(...args),
  };

  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startDiscord({ token: fake.token, apiBase: fake.apiBase, guildId: fake.guildIds[0], core, log, deferAfterMs: 150 });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });
  beforeEach(() => {
    behaviour = {};
  });

  it('defers a command whose answer takes longer than the deferral threshold, then edits the reply', async () => {
    behaviour.execute = async (invocation) => {
      await sleep(400);
      return base.execute(invocation);
    };
    const sent = fake.sendCommand('echo', options({ text: 'slow' }));
    const deferred = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(deferred.body).toEqual({ type: 5, data: { flags: 0 } }); // public: no ephemeral flag
    const edit = await fake.waitForRequest('PATCH', originalOf(sent.token));
    expect(edit.body.embeds[0].title).toBe('echo slow');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('replaces a public placeholder with an ephemeral follow-up when a slow answer turns out to be an error', async () => {
    behaviour.execute = async () => {
      await sleep(300);
      return { text: ['no such post'], kind: 'error', private: true };
    };
    const sent = fake.sendCommand('echo', options({ text: 'missing' }));
    await fake.waitForRequest('DELETE', originalOf(sent.token));
    const followUp = await fake.waitForRequest('POST', new RegExp(`^/webhooks/\\d+/${sent.token}$`));
    expect(followUp.body).toMatchObject({ content: 'no such post', flags: 64, allowed_mentions: { parse: [] } });
  });

  it('answers autocomplete with at most 25 choices of at most 100 characters even when the core offers more', async () => {
    behaviour.autocomplete = () =>
      Array.from({ length: 40 }, (_, i) => ({ name: `${i} ${'긴 제목 '.repeat(40)}`, value: `post-${i}` }));
    const sent = fake.sendAutocomplete('echo', typing('text', '긴'));
    const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(answer.body.type).toBe(8);
    expect(answer.body.data.choices).toHaveLength(25);
    for (const choice of answer.body.data.choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('answers autocomplete with no choices, and logs why, when the core throws despite its promise', async () => {
    behaviour.autocomplete = () => {
      throw new Error('suggest failed');
    };
    const sent = fake.sendAutocomplete('echo', typing('text', 'x'));
    const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(answer.body).toEqual({ type: 8, data: { choices: [] } });
    expect(log.entries.find((entry) => entry.data?.interaction === sent.id)).toMatchObject({
      level: 'error',
      data: { command: 'echo', error: 'suggest failed' },
    });
  });

  it('pages by updating the message in place when a button is pressed', async () => {
    const sent = fake.sendButton('echo|hello|2');
    const update = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(update.body).toMatchObject({
      type: 7,
      data: {
        embeds: [{ title: 'echo hello', description: 'page 2' }],
        components: [{ type: 1, components: [{ type: 2, style: 2, label: 'next', custom_id: 'echo|hello|3' }] }],
        allowed_mentions: { parse: [] },
      },
    });
  });

  it('answers with a new public message, leaving the pressed one as it was, when the action says new-message', async () => {
    const sent = fake.sendButton('echo|hello|2|new');
    const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(answer.body.type).toBe(4); // CHANNEL_MESSAGE_WITH_SOURCE, not UPDATE_MESSAGE (7)
    expect(answer.body.data.embeds[0]).toMatchObject({ title: 'echo hello', description: 'page 2' });
    expect(answer.body.data.flags ?? 0).toBe(0);
  });

  it('defers a slow new-message button with a public placeholder, then edits it into the answer', async () => {
    behaviour.execute = async (invocation) => {
      await sleep(400);
      return base.execute(invocation);
    };
    const sent = fake.sendButton('echo|slow|1|new');
    const deferred = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(deferred.body).toEqual({ type: 5, data: { flags: 0 } });
    const edit = await fake.waitForRequest('PATCH', originalOf(sent.token));
    expect(edit.body.embeds[0].title).toBe('echo slow');
  });

  it('tells the presser alone when a button no longer decodes', async () => {
    const sent = fake.sendButton('something-else', {}, { locale: 'en-US' });
    const answer = await fake.waitForRequest('POST', callbackOf(sent.id));
    expect(answer.body).toMatchObject({
      type: 4,
      data: { content: 'This button has expired. Please run the command again.', flags: 64 },
    });
  });

  it('apologizes privately, logs the failure with context and no token, and keeps serving when the core throws', async () => {
    behaviour.execute = async () => {
      throw new Error('index exploded');
    };
    const failing = fake.sendCommand('echo', options({ text: 'boom' }), { locale: 'en-US' });
    const apology = await fake.waitForRequest('POST', callbackOf(failing.id));
    expect(apology.body).toMatchObject({
      type: 4,
      data: { content: 'Sorry, something went wrong on our side. Please try again in a moment.', flags: 64 },
    });
    const logged = log.entries.find((entry) => entry.level === 'error' && entry.data?.interaction === failing.id);
    expect(logged).toMatchObject({ msg: 'discord: interaction failed', data: { command: 'echo', error: 'index exploded' } });
    expect(JSON.stringify(log.entries)).not.toContain(fake.token);
    expect(JSON.stringify(log.entries)).not.toContain(failing.token);

    behaviour = {};
    const next = fake.sendCommand('echo', options({ text: 'again' }));
    const answer = await fake.waitForRequest('POST', callbackOf(next.id));
    expect(answer.body.data.embeds[0].title).toBe('echo again');
  });
});

describe('starting the Discord adapter', () => {
  it('fails with a clear message, without the token, when Discord rejects the token', async () => {
    const fake = await startFakeDiscord({ token: 'the-right-token' });
    try {
      const wrong = 'MTIz.wrong-token.abc';
      const start = startDiscord({ token: wrong, apiBase: fake.apiBase, core: stubCore(), log: capturingLogger() });
      const error: Error = await start.then(
        () => new Error('started with a wrong token'),
        (e: Error) => e,
      );
      expect(error.message).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized on GET \/gateway\/bot\)/);
      expect(error.message).not.toContain(wrong);
      expect(fake.identifies).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('registers the commands globally when no guild is configured', async () => {
    const fake = await startFakeDiscord();
    const bot = await startDiscord({ token: fake.token, apiBase: fake.apiBase, core: stubCore(), log: capturingLogger() });
    try {
      const put = await fake.waitForRequest('PUT', new RegExp(`^/applications/${fake.applicationId}/commands$`));
      expect(put.body.map((command: { name: string }) => command.name)).toEqual(['echo']);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
