/**
 * Chaos scenarios (issue 13): the real bot (`startBriefbot`, real grammY and discord.js) against
 * the local fakes, one failure injected per scenario. Each reports what was lost (commands sent
 * and never answered, which must be none) and the time to recover (from the end of the failure
 * to the first answer after it). `npm run chaos` prints them all; the fast ones run in npm test.
 */
import { performance } from 'node:perf_hooks';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeTelegram, type FakeUser } from '../fakes/telegram/server.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/server.ts';
import { POSTS_DIR, TELEGRAM_TOKEN, eventually, runBotProcess, startBot, telegramEnv, tempStateDir } from '../reliability/helpers.ts';

/** performance.now() when `answered()` first holds (checked every 20 ms), or undefined after `timeoutMs`. */
async function answeredAt(answered: () => boolean, timeoutMs: number): Promise<number | undefined> {
  return (await eventually(answered, timeoutMs)) ? performance.now() : undefined;
}

export interface ChaosResult {
  /** Commands sent during or right after the failure. */
  sent: number;
  /** Of those, never answered. */
  lost: number;
  /** From the end of the failure to the first answer after it (ms); for a fatal one, to the exit. */
  recoveryMs: number;
  /** What happened, in a few words. */
  note: string;
}

export interface ChaosScenario {
  name: string;
  /** Fast enough (a few seconds) to run in `npm test`. */
  fast: boolean;
  run(): Promise<ChaosResult>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let nextUser = 9000;
const member = (): FakeUser => ({ id: nextUser++, first_name: 'Probe', language_code: 'ko' });

/** A Telegram bot against a fresh fake, torn down after `body`. */
async function withTelegram(body: (t: { fake: FakeTelegram; ask(): Promise<number | undefined>; logText(): string }) => Promise<ChaosResult>, env: Record<string, string> = {}): Promise<ChaosResult> {
  const fake = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
  const state = tempStateDir();
  const { bot, log } = await startBot(telegramEnv(fake.apiRoot, state.dir, env));
  await fake.waitForRequest('getUpdates', (b) => b.timeout === 30);
  // Sends /latest from a new member; resolves with performance.now() of the answer, or undefined after 15 s.
  const ask = async (): Promise<number | undefined> => {
    const from = member();
    fake.pushMessage({ text: '/latest', from });
    // Answered = a sendMessage to them that Telegram accepted (a 429'd attempt does not count).
    return answeredAt(() => fake.requestsOf('sendMessage').some((r) => Number(r.body.chat_id) === from.id && r.response?.message_id !== undefined), 15_000);
  };
  try {
    return await body({ fake, ask, logText: () => log.text() });
  } finally {
    await bot.stop();
    await fake.close();
    state.remove();
  }
}

/** Sends one command during the failure and one after it; both must be answered. */
async function duringAndAfter(ask: () => Promise<number | undefined>, failFor: () => Promise<void> | void, failureMs: number): Promise<{ sent: number; lost: number; recoveryMs: number }> {
  await failFor();
  const during = ask();
  await sleep(failureMs);
  const endedAt = performance.now();
  const after = ask();
  const answers = await Promise.all([during, after]);
  const first = Math.min(...answers.filter((a): a is number => a !== undefined));
  return { sent: 2, lost: answers.filter((a) => a === undefined).length, recoveryMs: Number.isFinite(first) ? Math.max(0, Math.round(first - endedAt)) : -1 };
}

const telegram: ChaosScenario[] = [
  {
    name: 'Telegram: 409 Conflict once (rolling deploy)',
    fast: true,
    run: () => withTelegram(async ({ fake, ask }) => ({ ...(await duringAndAfter(ask, () => void fake.terminatePollers(), 0)), note: 'retried with backoff' })),
  },
  {
    name: 'Telegram: second instance polling for 3 s',
    fast: false,
    run: () =>
      withTelegram(async ({ fake, ask, logText }) => {
        fake.conflictOnConcurrentPolls = true;
        const state = tempStateDir();
        const second = await startBot(telegramEnv(fake.apiRoot, state.dir));
        await sleep(3000);
        await second.bot.stop();
        state.remove();
        fake.conflictOnConcurrentPolls = false;
        const endedAt = performance.now();
        const answered = await ask();
        const reported = /another instance is polling/.test(logText() + second.log.text());
        return { sent: 1, lost: answered ? 0 : 1, recoveryMs: answered ? Math.round(answered - endedAt) : -1, note: reported ? 'reported as a second instance' : 'NOT reported' };
      }),
  },
  {
    name: 'Telegram: API outage, 502 for 3 s',
    fast: true,
    run: () =>
      withTelegram(async ({ fake, ask, logText }) => {
        const r = await duringAndAfter(ask, () => (fake.outage({ error_code: 502, description: 'Bad Gateway' }, 3000, ['getUpdates']), void fake.dropPollers()), 3000);
        return { ...r, note: /connection degraded/.test(logText()) ? 'degraded logged once, recovered' : 'silent' };
      }),
  },
  {
    name: 'Telegram: TCP reset of every poll for 2 s',
    fast: true,
    run: () => withTelegram(async ({ fake, ask }) => ({ ...(await duringAndAfter(ask, () => (fake.outage({ reset: true }, 2000, ['getUpdates']), void fake.dropPollers()), 2000)), note: 'retried with backoff' })),
  },
  {
    name: 'Telegram: invalid JSON answers for 2 s',
    fast: true,
    run: () => withTelegram(async ({ fake, ask }) => ({ ...(await duringAndAfter(ask, () => (fake.outage({ invalidJson: true }, 2000, ['getUpdates']), void fake.dropPollers()), 2000)), note: 'retried with backoff' })),
  },
  {
    name: 'Telegram: slow API, every send 2 s',
    fast: true,
    run: () =>
      withTelegram(async ({ fake, ask }) => {
        fake.slow('sendMessage', 2000);
        const startedAt = performance.now();
        const answered = await ask();
        fake.slow('sendMessage', 0);
        return { sent: 1, lost: answered ? 0 : 1, recoveryMs: answered ? Math.round(answered - startedAt) : -1, note: 'answered late, nothing dropped' };
      }),
  },
  {
    name: 'Telegram: 429 storm, 3 sends refused (retry_after 1)',
    fast: false,
    run: () =>
      withTelegram(async ({ fake, ask }) => {
        fake.storm('sendMessage', 3, 1);
        const startedAt = performance.now();
        const answered = await ask();
        return { sent: 1, lost: answered ? 0 : 1, recoveryMs: answered ? Math.round(answered - startedAt) : -1, note: 'auto-retry waited retry_after' };
      }),
  },
  {
    name: 'Telegram: 429 storm, 6 sends refused (over the 3-attempt bound)',
    fast: false,
    run: () =>
      withTelegram(async ({ fake, ask }) => {
        fake.storm('sendMessage', 6, 1);
        const startedAt = performance.now();
        const answered = await ask();
        const after = await ask();
        return { sent: 2, lost: [answered, after].filter((a) => a === undefined).length, recoveryMs: after ? Math.round(after - startedAt) : -1, note: 'each member got a message (the reply, or the apology past the retry bound) once the storm passed' };
      }),
  },
  {
    name: 'Telegram: one member floods a group with 200 commands',
    fast: true,
    run: () =>
      withTelegram(async ({ fake }) => {
        fake.slow('sendMessage', 30);
        const group = { id: -100777, type: 'supergroup' as const, title: 'g' };
        const flooder = member();
        for (let i = 0; i < 200; i++) fake.pushMessage({ text: '/latest', from: flooder, chat: group });
        await sleep(200);
        const other = member();
        const pushedAt = performance.now();
        const probe = fake.pushMessage({ text: '/latest', from: other, chat: group });
        const answer = await answeredAt(() => fake.requestsOf('sendMessage').some((r) => r.body.reply_parameters?.message_id === probe.message!.message_id && r.response?.message_id !== undefined), 10_000);
        await sleep(1000);
        const toFlooder = fake.requestsOf('sendMessage').filter((r) => r.body.reply_parameters?.message_id !== probe.message!.message_id).length;
        return { sent: 1, lost: answer ? 0 : 1, recoveryMs: answer ? Math.round(answer - pushedAt) : -1, note: `other member answered; flooder got ${toFlooder} replies for 200 (burst + one note)` };
      }),
  },
];

/** A Discord bot (in this process) against a fresh fake. */
async function withDiscord(body: (d: { fake: FakeDiscord; ask(): Promise<number | undefined> }) => Promise<ChaosResult>): Promise<ChaosResult> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 60_000 });
  const state = tempStateDir();
  const { bot } = await startBot(discordEnv(fake, state.dir));
  let n = 0;
  const ask = async (): Promise<number | undefined> => {
    const sent = fake.sendCommand('latest', [], { id: `16000000000000000${String(n++).padStart(2, '0')}` });
    const route = new RegExp(`/interactions/${sent.id}/`);
    return answeredAt(() => fake.requestsTo('POST', route).some((r) => r.status !== undefined && r.status >= 200 && r.status < 300), 20_000);
  };
  try {
    return await body({ fake, ask });
  } finally {
    await bot.stop();
    await fake.close();
    state.remove();
  }
}

function discordEnv(fake: FakeDiscord, stateDir: string): Record<string, string> {
  return { POSTS_DIR, SITE_URL: 'https://tech.webi.kr', DISCORD_TOKEN: fake.token, DISCORD_API_BASE: fake.apiBase, DISCORD_GUILD_ID: fake.guildIds[0]!, STATE_DIR: stateDir, POSTS_WATCH: 'false' };
}

/** Fails the gateway, then asks once it is back (a command sent to a dead socket is undeliverable by Discord too). */
async function afterGateway(fake: FakeDiscord, ask: () => Promise<number | undefined>, fail: () => void, note: string): Promise<ChaosResult> {
  const sessions = fake.identifies + fake.resumes;
  const failedAt = performance.now();
  fail();
  await fake.waitForSessions(sessions + 1, 30_000);
  const answered = await ask();
  return { sent: 1, lost: answered ? 0 : 1, recoveryMs: answered ? Math.round(answered - failedAt) : -1, note };
}

const discord: ChaosScenario[] = [
  { name: 'Discord: dropped gateway socket', fast: true, run: () => withDiscord(({ fake, ask }) => afterGateway(fake, ask, () => fake.dropGateway(), 'resumed')) },
  { name: 'Discord: INVALID_SESSION (not resumable)', fast: false, run: () => withDiscord(({ fake, ask }) => afterGateway(fake, ask, () => fake.invalidateSession(false), 'identified again')) },
  {
    name: 'Discord: REST 500 on the reply, twice',
    fast: true,
    run: () =>
      withDiscord(async ({ fake, ask }) => {
        fake.failNext('POST', /\/callback$/, { kind: 'serverError' });
        fake.failNext('POST', /\/callback$/, { kind: 'serverError' });
        const startedAt = performance.now();
        const answered = await ask();
        return { sent: 1, lost: answered ? 0 : 1, recoveryMs: answered ? Math.round(answered - startedAt) : -1, note: '@discordjs/rest retried' };
      }),
  },
  ...[4004, 4014].map((code) => ({
    name: `Discord: gateway close ${code} after READY`,
    fast: false,
    run: async (): Promise<ChaosResult> => {
      const fake = await startFakeDiscord({ heartbeatIntervalMs: 60_000 });
      const state = tempStateDir();
      try {
        const run = runBotProcess(discordEnv(fake, state.dir), 30_000);
        await fake.waitForSessions(1, 25_000);
        await fake.waitForRequest('PUT', /\/commands$/, () => true, 10_000);
        const closedAt = performance.now();
        fake.closeGateway(code);
        const result = await run;
        const ms = Math.round(performance.now() - closedAt);
        return { sent: 0, lost: 0, recoveryMs: ms, note: result.killed ? 'DID NOT EXIT' : `exit ${result.code}: "${(result.stderr.match(/briefbot: (Discord[^\n]{0,60})/)?.[1] ?? '').trim()}…"` };
      } finally {
        await fake.close();
        state.remove();
      }
    },
  })),
];

const state: ChaosScenario[] = [
  {
    name: 'State: corrupt database at start',
    fast: true,
    run: async () => {
      const fake = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
      const dir = tempStateDir();
      writeFileSync(join(dir.dir, 'briefbot.sqlite'), 'not a database\n'.repeat(200));
      const startedAt = performance.now();
      try {
        const error = await startBot(telegramEnv(fake.apiRoot, dir.dir)).then(async ({ bot }) => (await bot.stop(), undefined), (e: Error) => e);
        const ms = Math.round(performance.now() - startedAt);
        const polled = fake.requestsOf('getUpdates').length;
        return { sent: 0, lost: 0, recoveryMs: ms, note: error && /corrupt/.test(error.message) && polled === 0 ? 'start refused before polling, file named, restore advised' : 'NOT refused clearly' };
      } finally {
        await fake.close();
        dir.remove();
      }
    },
  },
  {
    name: 'State: STATE_DIR=/proc/x',
    fast: false,
    run: async () => {
      const fake = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
      try {
        const result = await runBotProcess(telegramEnv(fake.apiRoot, '/proc/x'), 20_000);
        return { sent: 0, lost: 0, recoveryMs: result.ms, note: result.killed ? 'HUNG' : `exit ${result.code}, folder named` };
      } finally {
        await fake.close();
      }
    },
  },
];

export const SCENARIOS: ChaosScenario[] = [...telegram, ...discord, ...state];
