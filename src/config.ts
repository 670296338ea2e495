import { join } from 'node:path';
import { readTargets } from './announce/targets.ts';
import { discordAnnouncePolicy } from './platforms/discord/announce-policy.ts';
import { telegramAnnouncePolicy } from './platforms/telegram/announce-policy.ts';
import type { Locale } from './i18n/index.ts';
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
    /** DISCORD_THREADS: a conversation started by a mention in a guild text channel moves into a thread. */
    threads?: boolean;
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
  /** Serve Prometheus metrics at /metrics (METRICS). */
  metrics: boolean;
  /** Fairness under load (issue 13): see src/bot/fairness.ts and docs/reliability.md. */
  fairness: {
    /** RATE_MEMBER_BURST: commands a member may send at once (default 6). */
    memberBurst: number;
    /** RATE_MEMBER_PER_MINUTE: commands a member regains per minute (default 30). */
    memberPerMinute: number;
    /** RATE_CHAT_CONCURRENCY: commands of one chat running at once (default 4). */
    perChatConcurrency: number;
    /** RATE_MAX_IN_FLIGHT: commands queued or running in the whole bot before "busy" (default 64). */
    maxInFlight: number;
  };
  /** Free text (DMs, mentions, replies to the bot): pace per member and per chat, and how long questions are kept. */
  conversation: {
    /** Answers a member gets in a burst (CONVERSATION_BURST). */
    burst: number;
    /** After the burst, one answer per this many seconds (CONVERSATION_SECONDS_PER_ANSWER; 0: no limit). */
    secondsPerAnswer: number;
    /** Answers of one chat prepared at once (CONVERSATION_PER_CHAT). */
    perChat: number;
    /** Days a question is kept for /questions (QUESTIONS_RETENTION_DAYS). */
    questionDays: number;
  };
  announce: {
    discordChannels: string[];
    telegramChats: string[];
    backfill: number;
    gitUrl?: string;
    gitBranch: string;
    gitIntervalSeconds: number;
    /** Watch POSTS_DIR for changes. */
    /**
     * Watch POSTS_DIR for changes (POSTS_WATCH): `true` by change events (fs.watch), `'poll'` by
     * scanning it every few seconds where events do not arrive (Docker Desktop, NFS), `false` not at all.
     */
    watch: boolean | 'poll';
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

/** Reads variables for the section parsers and collects every problem they find. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  /** A trimmed value; empty counts as unset. */
  get(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  /** A list separated by commas or spaces. */
  list(name: string): string[] {
    return (this.get(name) ?? '')
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  }

  /** `true` or `false`, strictly: `POSTS_WATCH=nope` is a mistake, not a yes. `extra` values pass through. */
  boolean<E extends string = never>(name: string, fallback: boolean, extra: readonly E[] = []): boolean | E {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    if ((extra as readonly string[]).includes(raw)) return raw as E;
    this.problems.push(`${name} must be ${['true', 'false', ...extra].join(', ').replace(/, ([^,]*)$/, ' or $1')} (got "${raw}")`);
    return fallback;
  }

  /** An http(s) URL without trailing slashes. */
  url(name: string): string | undefined {
    const raw = this.get(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
      return raw.replace(/\/+$/, '');
    } catch {
      this.problems.push(`${name} must be an http(s) URL (got "${raw}")`);
      return undefined;
    }
  }

  /** Variables that only make sense with `token` set: each one set without it is a problem. */
  requireToken(token: string | undefined, tokenName: string, names: readonly string[]): void {
    if (token) return;
    for (const name of names) {
      if (this.get(name)) this.problems.push(`${name} is set but ${tokenName} is not: set the token or remove ${name}`);
    }
  }
}

function readLanguage(r: EnvReader): Pick<Config, 'locale' | 'logLevel' | 'siteTimezone'> {
  const localeRaw = r.get('BOT_LOCALE') ?? 'ko';
  if (localeRaw !== 'ko' && localeRaw !== 'en') r.problems.push(`BOT_LOCALE must be "ko" or "en" (got "${localeRaw}")`);
  const logLevelRaw = (r.get('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevelOk = (LOG_LEVELS as readonly string[]).includes(logLevelRaw);
  if (!logLevelOk) r.problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  const siteTimezone = r.get('SITE_TIMEZONE');
  if (siteTimezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: siteTimezone });
    } catch {
      r.problems.push(`SITE_TIMEZONE must be an IANA time zone such as Asia/Seoul (got "${siteTimezone}")`);
    }
  }
  return { locale: localeRaw === 'en' ? 'en' : 'ko', logLevel: logLevelOk ? (logLevelRaw as LogLevel) : 'info', siteTimezone };
}

function readDiscord(r: EnvReader): Config['discord'] {
  const token = r.get('DISCORD_TOKEN');
  const apiBase = r.url('DISCORD_API_BASE');
  const guildId = r.get('DISCORD_GUILD_ID');
  if (guildId !== undefined && !/^\d{17,20}$/.test(guildId)) r.problems.push(`DISCORD_GUILD_ID must be a server id (17–20 digits; got "${guildId}")`);
  if (token !== undefined && !apiBase) {
    // A test server (DISCORD_API_BASE) may take any token; Discord's own takes only real ones.
    const problem = discordTokenProblem(token);
    if (problem) r.problems.push(`DISCORD_TOKEN ${problem}`);
  }
  const threads = r.boolean('DISCORD_THREADS', false) as boolean;
  return token ? { token, apiBase, guildId, ...(threads ? { threads } : {}) } : undefined;
}

function readTelegram(r: EnvReader): Config['telegram'] {
  const token = r.get('TELEGRAM_TOKEN');
  if (token !== undefined && !/^\d+:[\w-]+$/.test(token)) {
    // Never echo the token itself: it is a secret even when malformed.
    r.problems.push('TELEGRAM_TOKEN does not look like a BotFather token (digits, a colon, then letters)');
  }
  const apiRoot = r.url('TELEGRAM_API_ROOT');
  const webhookUrl = r.url('TELEGRAM_WEBHOOK_URL');
  // Telegram calls webhooks over https only; a self-hosted Bot API server (--local) also calls http.
  if (webhookUrl && !webhookUrl.startsWith('https://') && !apiRoot) {
    r.problems.push(`TELEGRAM_WEBHOOK_URL must be an https URL: Telegram does not call http webhooks (got "${webhookUrl}")`);
  }
  const webhookSecret = r.get('TELEGRAM_WEBHOOK_SECRET');
  if (webhookSecret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    // Not echoed: it is a secret.
    r.problems.push('TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ and - (Telegram refuses others)');
  }
  const moderators = r.list('TELEGRAM_MODERATORS');
  for (const id of moderators) if (!/^\d+$/.test(id)) r.problems.push(`TELEGRAM_MODERATORS must list numeric user ids (got "${id}")`);
  return token ? { token, apiRoot, webhookUrl, webhookSecret, moderators } : undefined;
}

/** Platform settings without the platform's token are a mistake, not something to ignore. */
function refuseHalfConfigured(r: EnvReader): void {
  r.requireToken(r.get('DISCORD_TOKEN'), 'DISCORD_TOKEN', ['DISCORD_API_BASE', 'DISCORD_GUILD_ID', 'ANNOUNCE_DISCORD_CHANNELS']);
  r.requireToken(r.get('TELEGRAM_TOKEN'), 'TELEGRAM_TOKEN', ['TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_MODERATORS', 'ANNOUNCE_TELEGRAM_CHATS']);
}

function readPaths(r: EnvReader): Pick<Config, 'postsDir' | 'stateDir' | 'siteUrl' | 'aliasesFile'> {
  const stateDir = r.get('STATE_DIR') ?? './data';
  // With a git source, POSTS_DIR names a folder inside the clone (default: the clone's root,
  // which is usually the Jekyll site root).
  const postsDir = r.get('POSTS_GIT_URL') ? join(stateDir, 'repo', r.get('POSTS_DIR') ?? '.') : (r.get('POSTS_DIR') ?? './posts');
  return { postsDir, stateDir, siteUrl: r.url('SITE_URL'), aliasesFile: r.get('SEARCH_ALIASES_FILE') };
}

/** Static targets are checked by each platform's own policy, so a bad one is a configuration error. */
function readFairness(r: EnvReader): Config['fairness'] {
  return {
    memberBurst: r.integer('RATE_MEMBER_BURST', 6, 1, 10_000),
    memberPerMinute: r.integer('RATE_MEMBER_PER_MINUTE', 30, 1, 600_000),
    perChatConcurrency: r.integer('RATE_CHAT_CONCURRENCY', 4, 1, 100),
    maxInFlight: r.integer('RATE_MAX_IN_FLIGHT', 64, 1, 100_000),
  };
}

function readAnnounce(r: EnvReader): Config['announce'] {
  const discordChannels = r.list('ANNOUNCE_DISCORD_CHANNELS');
  const telegramChats = r.list('ANNOUNCE_TELEGRAM_CHATS');
  const { problems } = readTargets([
    { policy: discordAnnouncePolicy(), entries: discordChannels, source: 'ANNOUNCE_DISCORD_CHANNELS' },
    { policy: telegramAnnouncePolicy(), entries: telegramChats, source: 'ANNOUNCE_TELEGRAM_CHATS' },
  ]);
  r.problems.push(...problems);
  return {
    discordChannels,
    telegramChats,
    backfill: r.integer('ANNOUNCE_BACKFILL', 0, 0, 1000),
    gitUrl: r.get('POSTS_GIT_URL'),
    gitBranch: r.get('POSTS_GIT_BRANCH') ?? 'main',
    gitIntervalSeconds: r.integer('POSTS_GIT_INTERVAL', 300, 10, 86_400),
    watch: r.boolean('POSTS_WATCH', true, ['poll'] as const),
  };
}

/** The pace of free text and how long the questions members asked are kept. */
function readConversation(r: EnvReader): Config['conversation'] {
  return {
    burst: r.integer('CONVERSATION_BURST', 5, 1, 100),
    secondsPerAnswer: r.integer('CONVERSATION_SECONDS_PER_ANSWER', 3, 0, 3600),
    perChat: r.integer('CONVERSATION_PER_CHAT', 2, 1, 20),
    questionDays: r.integer('QUESTIONS_RETENTION_DAYS', 90, 1, 3650),
  };
}

/**
 * Reads and validates the configuration from an environment object (tests pass a plain object;
 * main passes `process.env` after dotenv). An empty variable counts as unset. Every problem is
 * collected and reported in one {@link ConfigError}.
 */
export function loadConfig(env: Env): Config {
  const r = new EnvReader(env);
  const language = readLanguage(r);
  const discord = readDiscord(r);
  const telegram = readTelegram(r);
  refuseHalfConfigured(r);
  const paths = readPaths(r);
  const config: Config = {
    ...paths,
    siteTimezone: language.siteTimezone,
    locale: language.locale,
    logLevel: language.logLevel,
    discord,
    telegram,
    port: r.integer('PORT', 8080, 1, 65535),
    metrics: r.boolean('METRICS', true) as boolean,
    fairness: readFairness(r),
    conversation: readConversation(r),
    announce: readAnnounce(r),
  };
  const llm = parseLlmConfig(env);
  r.problems.push(...llm.problems);
  if (llm.config) config.llm = llm.config;
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return Object.freeze(config);
}

/**
 * Why a Discord token is clearly not one, or undefined. A bot token is three base64url parts
 * joined by dots (the bot's id, a timestamp, a signature); the usual mistakes are the "Bot "
 * prefix, the application's client secret (no dots) or a Telegram token. The token is never
 * quoted back.
 */
export function discordTokenProblem(token: string): string | undefined {
  if (/^Bot\s/i.test(token)) return 'must be the token alone, without the "Bot " prefix';
  if (/\s/.test(token)) return 'contains spaces: copy the token again from the developer portal (Bot → Reset Token)';
  if (/^\d+:[\w-]+$/.test(token)) return 'looks like a Telegram token (digits, a colon): that one belongs in TELEGRAM_TOKEN';
  if (!/^[\w-]{10,}\.[\w-]{4,}\.[\w-]{10,}$/.test(token)) {
    return 'does not look like a bot token (three parts joined by dots, from the developer portal: Bot → Reset Token; not the client secret)';
  }
  return undefined;
}
