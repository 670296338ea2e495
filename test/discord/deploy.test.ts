/** `npm run deploy-commands` against the fake Discord. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { deployCommands } from '../../src/deploy.ts';
import { commandPayloads } from '../../src/platforms/discord/registration.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { capturingLogger } from './helpers.ts';

describe('deploy-commands', () => {
  let fake: FakeDiscord;
  afterEach(() => fake?.close());

  const envFor = async (extra: Record<string, string> = {}) => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    STATE_DIR: await mkdtemp(join(tmpdir(), 'briefbot-deploy-')),
    ...extra,
  });

  it('registers every visible command in the guild, asking Discord for the application id', async () => {
    fake = await startFakeDiscord();
    const result = await deployCommands(await envFor({ DISCORD_GUILD_ID: fake.guildIds[0]! }), capturingLogger());
    expect(fake.requestsTo('GET', /^\/oauth2\/applications\/@me$/)).toHaveLength(1);
    const put = await fake.waitForRequest('PUT', new RegExp(`^/applications/${fake.applicationId}/guilds/${fake.guildIds[0]}/commands$`));
    expect(put.body).toEqual(commandPayloads(commands));
    expect(result).toEqual({
      applicationId: fake.applicationId,
      scope: `guild ${fake.guildIds[0]}`,
      commands: commandPayloads(commands).map((command) => command.name),
    });
  });

  it('registers globally with a given application id, even when nothing changed since the last time', async () => {
    fake = await startFakeDiscord();
    const env = await envFor({ DISCORD_APPLICATION_ID: fake.applicationId });
    await deployCommands(env, capturingLogger());
    await deployCommands(env, capturingLogger());
    expect(fake.requestsTo('PUT', /^\/applications\/\d+\/commands$/)).toHaveLength(2);
    expect(fake.requestsTo('GET', /^\/oauth2\/applications\/@me$/)).toHaveLength(0);
  });

  it('says plainly that the token was rejected, without printing it', async () => {
    fake = await startFakeDiscord({ token: 'right' });
    const env = { ...(await envFor()), DISCORD_TOKEN: 'wrong-secret-token' };
    const error: Error = await deployCommands(env, capturingLogger()).then(() => new Error('deployed'), (e: Error) => e);
    expect(error.message).toMatch(/^deploy-commands: Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/);
    expect(error.message).not.toContain('wrong-secret-token');
  });
});
