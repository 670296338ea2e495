import { join } from 'node:path';
import { staticTargets } from './announce/targets.ts';
import type { Locale } from './bot/i18n.ts';
import { parseLlmConfig, type LlmConfig } from './llm/config.ts';

/** Log levels, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Validated, frozen configuration. Built once at start by {@link loadConfig}. */
export interface Config {
  /** Where posts are read; inside the git clone when POSTS_GIT_URL is set. */
  postsDir: string;
  siteUrl?: string;
  siteTimezone?: string;
  locale: Locale;
  stateDir: string;
  logLevel: LogLevel;
  /** Extra search aliases (file path), merged over the built-in table. */
  aliasesFile?: string;
  discord?: {
    token: string;
    apiBase?: string;
    guildId?: string;
  };
  telegram?: {
    token: string;
    apiRoot?: string;
    webhookUrl?: string;
    webhookSecret?: string;
    moderators: string[];
  };
  /** HTTP port for the Telegram webhook and the health endpoint. */
  port: number;
  announce: {
    discordChannels: string[];
    telegramChats: string[];
    backfill: number;
    gitUrl?: string;
    gitBranch: string;
    gitIntervalSeconds: number;
    /** Watch POSTS_DIR for changes. */
    watch: boolean;
  };
  /** The model /ask writes answers with (LLM_*); absent: extractive answers. */
  llm?: LlmConfig;
}

/** Thrown when the environment is invalid; lists every problem at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`briefbot: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates the configuration from an environment object (tests pass a plain object;
 * main passes `process.env` after dotenv). An empty variable counts as unset. Every problem is
 * collected and reported in one {@link ConfigError}.
 */
export function loadConfig(env: Env): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const list = (name: string): string[] =>
    (get(name) ?? '')
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const url = (name: string): string | undefined => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL (got "${raw}")`);
      return undefined;
    }
  };

  const localeRaw = get('BOT_LOCALE') ?? 'ko';
  if (localeRaw !== 'ko' && localeRaw !== 'en') problems.push(`BOT_LOCALE must be "ko" or "en" (got "${localeRaw}")`);
  const logLevelRaw = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevelRaw)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  }
  const siteTimezone = get('SITE_TIMEZONE');
  if (siteTimezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: siteTimezone });
    } catch {
      problems.push(`SITE_TIMEZONE must be an IANA time zone such as Asia/Seoul (got "${siteTimezone}")`);
    }
  }

  const discordToken = get('DISCORD_TOKEN');
  const discordApiBase = url('DISCORD_API_BASE');
  const discordGuildId = get('DISCORD_GUILD_ID');
  if (discordGuildId !== undefined && !/^\d{17,20}$/.test(discordGuildId)) {
    problems.push(`DISCORD_GUILD_ID must be a server id (17–20 digits; got "${discordGuildId}")`);
  }
  const telegramToken = get('TELEGRAM_TOKEN');
  if (telegramToken !== undefined && !/^\d+:[\w-]+$/.test(telegramToken)) {
    // Never echo the token itself: it is a secret even when malformed.
    problems.push('TELEGRAM_TOKEN does not look like a BotFather token (digits, a colon, then letters)');
  }
  const telegramApiRoot = url('TELEGRAM_API_ROOT');
  const telegramWebhookUrl = url('TELEGRAM_WEBHOOK_URL');
  const telegramModerators = list('TELEGRAM_MODERATORS');
  for (const id of telegramModerators) {
    if (!/^\d+$/.test(id)) problems.push(`TELEGRAM_MODERATORS must list numeric user ids (got "${id}")`);
  }
  if (!discordToken) {
    for (const name of ['DISCORD_API_BASE', 'DISCORD_GUILD_ID', 'ANNOUNCE_DISCORD_CHANNELS']) {
      if (get(name)) problems.push(`${name} is set but DISCORD_TOKEN is not: set the token or remove ${name}`);
    }
  }
  if (!telegramToken) {
    for (const name of ['TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_MODERATORS', 'ANNOUNCE_TELEGRAM_CHATS']) {
      if (get(name)) problems.push(`${name} is set but TELEGRAM_TOKEN is not: set the token or remove ${name}`);
    }
  }
  const gitUrl = get('POSTS_GIT_URL');
  const stateDir = get('STATE_DIR') ?? './data';
  // With a git source, POSTS_DIR names a folder inside the clone (default: the clone's root,
  // which is usually the Jekyll site root).
  const postsDir = gitUrl ? join(stateDir, 'repo', get('POSTS_DIR') ?? '.') : (get('POSTS_DIR') ?? './posts');
  const discordChannels = list('ANNOUNCE_DISCORD_CHANNELS');
  const telegramChats = list('ANNOUNCE_TELEGRAM_CHATS');
  try {
    staticTargets({ discordChannels, telegramChats });
  } catch (error) {
    problems.push(...(error as Error).message.split('\n- ').slice(1));
  }

  const config: Config = {
    postsDir,
    siteUrl: url('SITE_URL'),
    siteTimezone,
    locale: localeRaw === 'en' ? 'en' : 'ko',
    stateDir,
    logLevel: (LOG_LEVELS as readonly string[]).includes(logLevelRaw) ? (logLevelRaw as LogLevel) : 'info',
    aliasesFile: get('SEARCH_ALIASES_FILE'),
    discord: discordToken ? { token: discordToken, apiBase: discordApiBase, guildId: discordGuildId } : undefined,
    telegram: telegramToken
      ? {
          token: telegramToken,
          apiRoot: telegramApiRoot,
          webhookUrl: telegramWebhookUrl,
          webhookSecret: get('TELEGRAM_WEBHOOK_SECRET'),
          moderators: telegramModerators,
        }
      : undefined,
    port: integer('PORT', 8080, 1, 65535),
    announce: {
      discordChannels,
      telegramChats,
      backfill: integer('ANNOUNCE_BACKFILL', 0, 0, 1000),
      gitUrl,
      gitBranch: get('POSTS_GIT_BRANCH') ?? 'main',
      gitIntervalSeconds: integer('POSTS_GIT_INTERVAL', 300, 10, 86_400),
      watch: (get('POSTS_WATCH') ?? 'true') !== 'false',
    },
  };
  const llm = parseLlmConfig(env);
  problems.push(...llm.problems);
  if (llm.config) config.llm = llm.config;
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
