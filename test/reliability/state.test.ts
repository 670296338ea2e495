/**
 * 5. State errors at start (issue 13): the database is opened and checked before any platform
 * starts, and a broken one is named, explained and given a remedy; a start that cannot finish
 * (STATE_DIR=/proc/x) fails within a bound instead of hanging.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { TELEGRAM_TOKEN, runBotProcess, startBot, telegramEnv, tempStateDir } from './helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fake(): Promise<FakeTelegram> {
  const telegram = await FakeTelegram.start({ token: TELEGRAM_TOKEN });
  cleanups.push(() => telegram.close());
  return telegram;
}

function state(): string {
  const dir = tempStateDir();
  cleanups.push(() => dir.remove());
  return dir.dir;
}

async function startError(env: Record<string, string>): Promise<Error> {
  return startBot(env).then(
    async ({ bot }) => {
      await bot.stop();
      return new Error('started');
    },
    (error: Error) => error,
  );
}

describe('5. state errors at start', () => {
  it('a corrupt database: names the file, says corrupt, says restore the backup, before Telegram polls', async () => {
    const telegram = await fake();
    const dir = state();
    writeFileSync(join(dir, 'briefbot.sqlite'), 'this is not a database, it is a text file that got in the way\n'.repeat(100));
    const error = await startError(telegramEnv(telegram.apiRoot, dir));
    expect(error.message).toContain(join(dir, 'briefbot.sqlite'));
    expect(error.message).toMatch(/corrupt/i);
    expect(error.message).toMatch(/backup/i);
    expect(telegram.requestsOf('getUpdates')).toHaveLength(0);
  });

  it('a STATE_DIR under a file: names it and says it is not a folder', async () => {
    const telegram = await fake();
    const dir = state();
    writeFileSync(join(dir, 'file'), 'x');
    const error = await startError(telegramEnv(telegram.apiRoot, join(dir, 'file', 'state')));
    expect(error.message).toContain(join(dir, 'file'));
    expect(error.message).toMatch(/not a folder/i);
    expect(telegram.requestsOf('getUpdates')).toHaveLength(0);
  });

  // root writes anywhere, so this one only runs as a normal user.
  it.skipIf(process.getuid?.() === 0)('a folder it cannot write: names it and says fix the permissions', async () => {
    const telegram = await fake();
    const dir = state();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    cleanups.push(() => chmodSync(locked, 0o700));
    const error = await startError(telegramEnv(telegram.apiRoot, locked));
    expect(error.message).toContain(locked);
    expect(error.message).toMatch(/not writable|cannot be written|permission/i);
    expect(error.message).toMatch(/chmod|chown|permissions/i);
    expect(telegram.requestsOf('getUpdates')).toHaveLength(0);
  });

  it('a database of a newer schema: says newer and says upgrade briefbot', async () => {
    const telegram = await fake();
    const dir = state();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, 'briefbot.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const error = await startError(telegramEnv(telegram.apiRoot, dir));
    expect(error.message).toContain(join(dir, 'briefbot.sqlite'));
    expect(error.message).toMatch(/newer/i);
    expect(error.message).toMatch(/upgrade/i);
    expect(telegram.requestsOf('getUpdates')).toHaveLength(0);
  });

  it('STATE_DIR=/proc/x: the process fails within 15 s with a message naming the folder', async () => {
    const telegram = await fake();
    const result = await runBotProcess(telegramEnv(telegram.apiRoot, '/proc/x'), 20_000);
    expect(result.killed).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('/proc/x');
    expect(telegram.requestsOf('getUpdates')).toHaveLength(0);
  }, 30_000);
});
