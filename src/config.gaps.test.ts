/** The configuration mistakes issue 14 found, each caught at start with a message that names the fix. */
import { describe, expect, it } from 'vitest';
import { ConfigError, discordTokenProblem, loadConfig } from './config.ts';

const TELEGRAM = '7000000001:AAFakeTokenForTestsOnly_abcdefghijkl';
const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('config gaps', () => {
  it('refuses an http webhook URL (Telegram calls https only), unless a self-hosted Bot API server is set', () => {
    expect(problems({ TELEGRAM_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_URL: 'http://bot.example.com/telegram' })).toEqual([
      'TELEGRAM_WEBHOOK_URL must be an https URL: Telegram does not call http webhooks (got "http://bot.example.com/telegram")',
    ]);
    expect(problems({ TELEGRAM_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram' })).toEqual([]);
    expect(problems({ TELEGRAM_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_URL: 'http://127.0.0.1:8081/tg', TELEGRAM_API_ROOT: 'http://127.0.0.1:8081' })).toEqual([]);
  });

  it("checks the webhook secret against Telegram's charset without echoing it", () => {
    const found = problems({ TELEGRAM_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_SECRET: 'my secret!' });
    expect(found).toEqual(['TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram refuses others)']);
    expect(found.join()).not.toContain('my secret');
    expect(problems({ TELEGRAM_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257) })).toHaveLength(1);
    expect(loadConfig({ TELEGRAM_TOKEN: TELEGRAM, TELEGRAM_WEBHOOK_SECRET: 'Ok_secret-123' }).telegram?.webhookSecret).toBe('Ok_secret-123');
  });

  it('takes booleans strictly: POSTS_WATCH=nope and METRICS=yes are errors, not true', () => {
    expect(problems({ POSTS_WATCH: 'nope', METRICS: 'yes' }).sort()).toEqual([
      'METRICS must be true or false (got "yes")',
      'POSTS_WATCH must be true, false or poll (got "nope")',
    ]);
    expect(loadConfig({ POSTS_WATCH: 'false', METRICS: 'false' })).toMatchObject({ metrics: false, announce: { watch: false } });
    expect(loadConfig({ POSTS_WATCH: 'poll' }).announce.watch).toBe('poll');
    expect(loadConfig({}).announce.watch).toBe(true);
  });

  it('catches a Discord token that is clearly not one, never quoting it; any token goes with a test API base', () => {
    for (const [token, words] of [
      [`Bot ${DISCORD}`, 'without the "Bot " prefix'],
      [TELEGRAM, 'belongs in TELEGRAM_TOKEN'],
      ['abcdefghijklmnopqrstuvwxyz012345', 'not the client secret'],
      ['MTIz NDU2.abcd.efghijklmnop', 'contains spaces'],
    ] as const) {
      const found = problems({ DISCORD_TOKEN: token });
      expect(found, token).toHaveLength(1);
      expect(found[0]).toContain(words);
      expect(found[0]).not.toContain(token);
    }
    expect(discordTokenProblem(DISCORD)).toBeUndefined();
    expect(problems({ DISCORD_TOKEN: 'fake-token', DISCORD_API_BASE: 'http://127.0.0.1:9/api' })).toEqual([]);
  });
});
