/**
 * Reliability of the Discord side, end to end (issue 13): real discord.js against the fake
 * gateway. Fatal close codes are checked on a real process (its exit code is the contract a
 * supervisor relies on); recoverable ones in this process, on the wire.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { POSTS_DIR, runBotProcess, startBot, tempStateDir } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function discordEnv(fake: FakeDiscord, stateDir: string): Record<string, string> {
  return {
    POSTS_DIR,
    SITE_URL: 'https://tech.webi.kr',
    DISCORD_TOKEN: fake.token,
    DISCORD_API_BASE: fake.apiBase,
    DISCORD_GUILD_ID: fake.guildIds[0]!,
    STATE_DIR: stateDir,
    POSTS_WATCH: 'false',
  };
}

async function fakeAndState(): Promise<{ fake: FakeDiscord; stateDir: string }> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 60_000 });
  cleanups.push(() => fake.close());
  const state = tempStateDir();
  cleanups.push(() => state.remove());
  return { fake, stateDir: state.dir };
}

describe('2. a fatal gateway close after READY', () => {
  it.each([
    [4004, /token|4004/i],
    [4013, /intents|4013/i],
    [4014, /intents|4014/i],
  ])('%i ends the process with a clear message and a non-zero exit', async (code, message) => {
    const { fake, stateDir } = await fakeAndState();
    // Generous: a spawned tsx process under a loaded CI machine took over 20 s to identify.
    const run = runBotProcess(discordEnv(fake, stateDir), 50_000);
    // A process that exits before it identifies (a crash, a start-up error) fails here with its
    // stderr, instead of as a bare 40 s wait that reads like a slow machine.
    const exitedEarly = run.then((early) => {
      throw new Error(`the bot exited (code ${early.code}) before identifying:\n${early.stderr}`);
    });
    await Promise.race([fake.waitForSessions(1, 40_000), exitedEarly]);
    exitedEarly.catch(() => undefined);
    await fake.waitForRequest('PUT', /\/commands$/, () => true, 10_000);
    const closedAt = performance.now();
    fake.closeGateway(code);
    const result = await run;
    expect(result.killed).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(performance.now() - closedAt).toBeLessThan(10_000);
  }, 70_000);
});

describe('recoverable gateway failures', () => {
  it('INVALID_SESSION: identifies again and answers the next command', async () => {
    const { fake, stateDir } = await fakeAndState();
    const { bot } = await startBot(discordEnv(fake, stateDir));
    cleanups.push(() => bot.stop());
    fake.invalidateSession(false);
    await fake.waitForSessions(2, 15_000);
    const sent = fake.sendCommand('latest');
    await fake.waitForRequest('POST', new RegExp(`/interactions/${sent.id}/`), () => true, 5000);
  });

  it('a dropped socket: resumes and answers the next command', async () => {
    const { fake, stateDir } = await fakeAndState();
    const { bot } = await startBot(discordEnv(fake, stateDir));
    cleanups.push(() => bot.stop());
    fake.dropGateway();
    await fake.waitForSessions(2, 15_000);
    const sent = fake.sendCommand('latest');
    await fake.waitForRequest('POST', new RegExp(`/interactions/${sent.id}/`), () => true, 5000);
  });
});

describe('3. fairness on Discord', () => {
  it('answers a flooding member’s burst, tells them once privately, and still answers another member at once', async () => {
    const { fake, stateDir } = await fakeAndState();
    const { bot } = await startBot(discordEnv(fake, stateDir));
    cleanups.push(() => bot.stop());
    const flood = Array.from({ length: 30 }, () => fake.sendCommand('latest', [], { id: '1500000000000000777' }));
    const other = fake.sendCommand('latest', [], { id: '1500000000000000888' });
    const answer = await fake.waitForRequest('POST', new RegExp(`/interactions/${other.id}/`), () => true, 5000);
    expect(answer.at - other.sentAt).toBeLessThan(1000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const answered = flood.map((f) => fake.requestsTo('POST', new RegExp(`/interactions/${f.id}/`))[0]).filter(Boolean);
    const notes = answered.filter((r) => (r!.body?.data?.flags & 64) === 64 && !r!.body?.data?.embeds?.length);
    expect(answered.length).toBe(7); // a burst of 6, then one private note; the rest dropped
    expect(notes).toHaveLength(1);
  });
});
