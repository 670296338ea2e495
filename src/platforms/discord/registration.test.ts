import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { defineCommand } from '../../bot/command.ts';
import type { Logger } from '../../util/logger.ts';
import { startFakeDiscord, type FakeDiscord } from '../../../test/fakes/discord/server.ts';
import { commands as realCommands } from '../../../commands/index.ts';
import { commandPayloads, registerCommands } from './registration.ts';
import { fileRegistrationMemo } from '../../registration-memo.ts';

const summary = defineCommand({
  name: 'summary',
  description: { ko: '글을 찾아 3줄 요약을 보여 줍니다', en: 'Find a post and show its three-line summary' },
  options: [
    {
      name: 'query',
      type: 'string',
      required: true,
      maxLength: 300,
      autocomplete: 'posts',
      description: { ko: '찾을 낱말', en: 'Words to look for' },
    },
  ] as const,
  run: () => ({ text: [] }),
});
const latest = defineCommand({
  name: 'latest',
  description: { ko: '최신 글', en: 'Latest posts' },
  options: [
    { name: 'page', type: 'integer', min: 1, max: 100, description: { ko: '쪽', en: 'Page' } },
    { name: 'count', type: 'integer', required: true, min: 1, max: 10, description: { ko: '개수', en: 'How many' } },
  ] as const,
  run: () => ({ text: [] }),
});
const reindex = defineCommand({
  name: 'reindex',
  permission: 'moderator',
  description: { ko: '글을 다시 읽습니다', en: 'Reload the posts' },
  options: [] as const,
  run: () => ({ text: [] }),
});
const post = defineCommand({
  name: 'post',
  hidden: true,
  description: { ko: '글 하나', en: 'One post' },
  options: [{ name: 'id', type: 'string', required: true, description: { ko: 'id', en: 'id' } }] as const,
  run: () => ({ text: [] }),
});
const commands = [summary, latest, reindex, post];

const privateOption = {
  type: 5,
  name: 'private',
  description: 'Show the answer only to me',
  description_localizations: { ko: '나에게만 보이게 답하기' },
  required: false,
};

describe('commandPayloads', () => {
  it('turns a command with an autocompleted string option into a localized chat-input command', () => {
    expect(commandPayloads(commands)[0]).toEqual({
      type: 1,
      name: 'summary',
      description: 'Find a post and show its three-line summary',
      description_localizations: { ko: '글을 찾아 3줄 요약을 보여 줍니다' },
      options: [
        {
          type: 3,
          name: 'query',
          description: 'Words to look for',
          description_localizations: { ko: '찾을 낱말' },
          required: true,
          max_length: 300,
          autocomplete: true,
        },
        privateOption,
      ],
      default_member_permissions: null,
      contexts: [0, 1],
      integration_types: [0],
      nsfw: false,
    });
  });

  it('gives integer options their bounds and puts required options first', () => {
    const options = commandPayloads(commands)[1]!.options!;
    expect(options.map((option) => option.name)).toEqual(['count', 'page', 'private']);
    expect(options[0]).toMatchObject({ type: 4, required: true, min_value: 1, max_value: 10 });
  });

  it('limits moderator commands to ManageGuild in servers', () => {
    expect(commandPayloads(commands)[2]).toMatchObject({ name: 'reindex', default_member_permissions: '32', contexts: [0] });
  });

  it('leaves hidden commands out', () => {
    expect(commandPayloads(commands).map((command) => command.name)).toEqual(['summary', 'latest', 'reindex']);
  });

  it('cuts descriptions to Discord’s 100 characters', () => {
    const wordy = defineCommand({ name: 'wordy', description: { ko: '가'.repeat(150), en: 'e'.repeat(150) }, options: [] as const, run: () => ({ text: [] }) });
    const [payload] = commandPayloads([wordy]);
    expect(payload!.description).toHaveLength(100);
    expect(payload!.description_localizations!.ko).toHaveLength(100);
  });
});

describe('the real command list', () => {
  it('makes payloads Discord accepts: names, description lengths, option counts and order', () => {
    const payloads = commandPayloads(realCommands);
    expect(payloads.length).toBeGreaterThan(0);
    expect(payloads.length).toBeLessThanOrEqual(100);
    for (const payload of payloads) {
      const options = payload.options ?? [];
      const firstOptional = options.findIndex((o) => !o.required);
      const lastRequired = options.map((o) => Boolean(o.required)).lastIndexOf(true);
      const texts = [payload, ...options].flatMap((p) => [p.description, p.description_localizations?.ko ?? '']);
      const problems = [
        /^[a-z0-9_-]{1,32}$/.test(payload.name) ? '' : 'name',
        texts.every((text) => text.length >= 1 && text.length <= 100) ? '' : 'description length',
        options.length <= 25 ? '' : 'too many options',
        options.every((o) => /^[a-z0-9_-]{1,32}$/.test(o.name)) ? '' : 'option name',
        firstOptional >= 0 && firstOptional < lastRequired ? 'required after optional' : '',
        options.at(-1)?.name === 'private' || options.some((o) => o.name === 'private') ? '' : 'no private option',
      ].filter(Boolean);
      expect({ command: payload.name, problems }).toEqual({ command: payload.name, problems: [] });
    }
  });
});

describe('registerCommands', () => {
  const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
  let fake: FakeDiscord;
  afterEach(() => fake?.close());

  it('registers per guild once, and skips the PUT while the definitions are unchanged', async () => {
    fake = await startFakeDiscord();
    const stateDir = await mkdtemp(join(tmpdir(), 'briefbot-discord-'));
    const rest = new REST({ api: fake.apiBase }).setToken(fake.token);
    const options = { rest, applicationId: fake.applicationId, guildId: '1200000000000000001', payloads: commandPayloads(commands), memo: fileRegistrationMemo(stateDir), log: silent };

    expect(await registerCommands(options)).toBe('registered');
    expect(await registerCommands(options)).toBe('unchanged');
    const puts = fake.requestsTo('PUT', /^\/applications\/\d+\/guilds\/1200000000000000001\/commands$/);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body).toEqual(commandPayloads(commands));
    expect((await readFile(join(stateDir, 'discord-commands.sha256'), 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);

    expect(await registerCommands({ ...options, payloads: commandPayloads([summary]) })).toBe('registered');
    expect(await registerCommands({ ...options, guildId: undefined })).toBe('registered');
    expect(fake.requestsTo('PUT', /^\/applications\/\d+\/commands$/)).toHaveLength(1);
  });
});
