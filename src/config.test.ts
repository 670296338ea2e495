import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives every default when nothing is set, with both platforms off', () => {
    expect(loadConfig({})).toEqual({
      postsDir: './posts',
      siteUrl: undefined,
      siteTimezone: undefined,
      locale: 'ko',
      stateDir: './data',
      logLevel: 'info',
      aliasesFile: undefined,
      discord: undefined,
      telegram: undefined,
      port: 8080,
      metrics: true,
      fairness: { memberBurst: 6, memberPerMinute: 30, perChatConcurrency: 4, maxInFlight: 64 },
      conversation: { burst: 5, secondsPerAnswer: 3, perChat: 2, questionDays: 90 },
      announce: {
        discordChannels: [],
        telegramChats: [],
        backfill: 0,
        gitUrl: undefined,
        gitBranch: 'main',
        gitIntervalSeconds: 300,
        watch: true,
      },
    });
  });

  it('reads the pace of free text and the question retention, within bounds', () => {
    const config = loadConfig({ CONVERSATION_BURST: '2', CONVERSATION_SECONDS_PER_ANSWER: '0', CONVERSATION_PER_CHAT: '1', QUESTIONS_RETENTION_DAYS: '30' });
    expect(config.conversation).toEqual({ burst: 2, secondsPerAnswer: 0, perChat: 1, questionDays: 30 });
    expect(() => loadConfig({ CONVERSATION_BURST: '0' })).toThrow(/CONVERSATION_BURST/);
  });

  it('treats an empty variable as unset', () => {
    const config = loadConfig({ POSTS_DIR: '', BOT_LOCALE: '  ', DISCORD_TOKEN: '', TELEGRAM_TOKEN: '' });
    expect(config.postsDir).toBe('./posts');
    expect(config.locale).toBe('ko');
    expect(config.discord).toBeUndefined();
    expect(config.telegram).toBeUndefined();
  });

  it('turns a platform on by its token alone', () => {
    const config = loadConfig({ TELEGRAM_TOKEN: '123456:ABC-def_ghi', TELEGRAM_MODERATORS: '1, 22' });
    expect(config.telegram).toEqual({
      token: '123456:ABC-def_ghi',
      apiRoot: undefined,
      webhookUrl: undefined,
      webhookSecret: undefined,
      moderators: ['1', '22'],
    });
    expect(config.discord).toBeUndefined();
  });

  it('lists every problem in one error, without echoing a token', () => {
    let error: unknown;
    try {
      loadConfig({
        BOT_LOCALE: 'fr',
        LOG_LEVEL: 'loud',
        PORT: 'eighty',
        SITE_URL: 'tech.webi.kr',
        SITE_TIMEZONE: 'Mars/Olympus',
        TELEGRAM_TOKEN: 'secret-value-not-a-token',
        DISCORD_GUILD_ID: '42',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toEqual([
      'BOT_LOCALE must be "ko" or "en" (got "fr")',
      'LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud")',
      'SITE_TIMEZONE must be an IANA time zone such as Asia/Seoul (got "Mars/Olympus")',
      'DISCORD_GUILD_ID must be a server id (17–20 digits; got "42")',
      'TELEGRAM_TOKEN does not look like a BotFather token (digits, a colon, then letters)',
      'DISCORD_GUILD_ID is set but DISCORD_TOKEN is not: set the token or remove DISCORD_GUILD_ID',
      'SITE_URL must be an http(s) URL (got "tech.webi.kr")',
      'PORT must be a whole number from 1 to 65535 (got "eighty")',
    ]);
    expect(message).not.toContain('secret-value-not-a-token');
  });

  it('refuses platform settings without the platform token (half-configured)', () => {
    expect(() => loadConfig({ ANNOUNCE_TELEGRAM_CHATS: '@news' })).toThrow(
      'ANNOUNCE_TELEGRAM_CHATS is set but TELEGRAM_TOKEN is not',
    );
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});

describe('loadConfig announcement targets', () => {
  it('reports bad channel and chat ids with the other problems', () => {
    expect(() =>
      loadConfig({
        // Shaped like a bot token (three dotted parts): 'x'.repeat(30) is now refused for what it is.
        DISCORD_TOKEN: `${'x'.repeat(24)}.${'y'.repeat(6)}.${'z'.repeat(27)}`,
        TELEGRAM_TOKEN: '123:abc',
        ANNOUNCE_DISCORD_CHANNELS: '123456789012345678, general',
        ANNOUNCE_TELEGRAM_CHATS: '@news, not-a-chat',
      }),
    ).toThrow(
      'briefbot: invalid configuration:\n' +
        '  - ANNOUNCE_DISCORD_CHANNELS: "general" is not a channel id (or channelId/roleId)\n' +
        '  - ANNOUNCE_TELEGRAM_CHATS: "not-a-chat" is not a chat id, @channelname or chatId:threadId',
    );
  });

  it('reads posts inside the git clone when POSTS_GIT_URL is set', () => {
    const config = loadConfig({ POSTS_GIT_URL: 'https://example.com/blog.git', STATE_DIR: '/var/briefbot', POSTS_DIR: 'site' });
    expect(config.postsDir).toBe('/var/briefbot/repo/site');
    expect(loadConfig({ POSTS_GIT_URL: 'https://example.com/blog.git', STATE_DIR: '/s' }).postsDir).toBe('/s/repo');
  });
});
