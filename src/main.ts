import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../commands/index.ts';
import { createAsk } from '../commands/ask.ts';
import { createLlmAnswerer } from './answer/llm.ts';
import type { CommandServices } from '../commands/services.ts';
import type { Logger } from './util/logger.ts';
import type { BotCore } from './bot/core.ts';
import { Engine, type Catalog, type ReindexOptions } from './bot/engine.ts';
import { createBotCore } from './bot/execute.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './log.ts';
import { loadLibrary } from './posts/load.ts';
import { PostFileCache } from './posts/file-cache.ts';
import { readPostCache, writePostCache } from './state/post-cache.ts';
import { formatProblem } from './util/text.ts';
import { runConsole } from './platforms/console/index.ts';
import { loadAliasFile } from './data/load.ts';
import { SearchIndex } from './search/index.ts';
import type { Announcer } from './announce/port.ts';
import { gitPostsSource } from './sources/posts.ts';
import { startAnnouncements } from './announce/start.ts';
import { staticTargets } from './announce/targets.ts';
import { openStore } from './state/store.ts';
import { fileRegistrationMemo } from './registration-memo.ts';

/** One platform's part in announcements: its announcer and the targets configured for it. */
interface Announcing {
  announcer: Announcer;
  /** Entries of the platform's ANNOUNCE_* list (already checked by loadConfig). */
  targets: readonly string[];
}

export interface StartOptions {
  /** The environment to read the configuration from (tests pass a plain object). */
  env: Record<string, string | undefined>;
  /**
   * Run the local console. Default: only when no platform is configured.
   * `false` never runs it (tests, services).
   */
  console?: boolean;
  input?: Readable;
  output?: Writable;
  /** Logger override (tests); otherwise one is built from LOG_LEVEL with tokens redacted. */
  log?: Logger;
  now?: () => Date;
}

export interface Briefbot {
  config: Config;
  engine: Engine;
  core: BotCore;
  log: Logger;
  /** Resolves when the console's input ends (immediately when there is no console). */
  consoleDone: Promise<void>;
  /** Stops every platform and timer. */
  stop(): Promise<void>;
}

/** Builds the catalog loader: posts read and indexed aside, aliases re-read on every reindex. */
function catalogLoader(config: Config, log: Logger) {
  // What earlier loads learnt of each file (kept in STATE_DIR for restarts): a reindex reads and
  // parses only what changed.
  let cache: PostFileCache | undefined;
  // Saves run one after another, behind the swap: a reindex never waits for the disk.
  let saving: Promise<void> = Promise.resolve();
  return async (previous: Catalog | undefined, options: ReindexOptions = {}): Promise<Catalog> => {
    cache = options.full ? new PostFileCache() : (cache ?? (await readPostCache(config.stateDir)));
    const { library, report } = await loadLibrary({
      cache,
      postsDir: config.postsDir,
      siteUrl: config.siteUrl,
      timezone: config.siteTimezone,
      previous: previous?.library,
    });
    const aliases = config.aliasesFile ? loadAliasFile(config.aliasesFile) : undefined;
    const index = await SearchIndex.buildAsync(library.all(), aliases ? { aliases } : {});
    for (const problem of report.skipped) log.warn(`skipped ${formatProblem(problem)}`);
    for (const { file, repair } of report.repaired) {
      log.warn(`repaired ${file}: ${repair.method}, ${Math.round(repair.confidence * 100)}% sure`);
    }
    if (!previous || report.added.length + report.changed.length + report.removed.length > 0 || options.full) {
      const saved = cache;
      saving = saving.then(() => writePostCache(config.stateDir, saved)).catch((error: unknown) => log.warn('cannot save the post cache', { error: String(error) }));
    }
    log.info('posts loaded', {
      posts: library.size,
      files: report.files,
      added: report.added.length,
      changed: report.changed.length,
      removed: report.removed.length,
      skipped: report.skipped.length,
      ms: Math.round(report.ms),
    });
    return { library, index, report, loadedAt: new Date() };
  };
}

/** A platform adapter that runs, with its part in announcements. */
interface RunningPlatform {
  stop(): Promise<void>;
  announcing: Announcing;
}

async function startTelegramPlatform(config: Config, telegramConfig: NonNullable<Config['telegram']>, core: BotCore, log: Logger): Promise<RunningPlatform> {
  const { startTelegram } = await import('./platforms/telegram/index.ts');
  const { telegramAnnouncer } = await import('./platforms/telegram/announce.ts');
  const telegram = await startTelegram({
    token: telegramConfig.token,
    apiRoot: telegramConfig.apiRoot,
    webhookUrl: telegramConfig.webhookUrl,
    webhookSecret: telegramConfig.webhookSecret,
    port: config.port,
    moderators: telegramConfig.moderators,
    core,
    log,
  });
  log.info('telegram started', { bot: telegram.botUsername });
  return {
    stop: () => telegram.stop(),
    announcing: { announcer: telegramAnnouncer(telegram.bot, { apiRoot: telegramConfig.apiRoot }), targets: config.announce.telegramChats },
  };
}

async function startDiscordPlatform(config: Config, discordConfig: NonNullable<Config['discord']>, core: BotCore, log: Logger): Promise<RunningPlatform> {
  const { startDiscord } = await import('./platforms/discord/index.ts');
  const { discordAnnouncer } = await import('./platforms/discord/announce.ts');
  const discord = await startDiscord({
    token: discordConfig.token,
    apiBase: discordConfig.apiBase,
    guildId: discordConfig.guildId,
    registrationMemo: fileRegistrationMemo(config.stateDir),
    core,
    log,
  });
  log.info('discord started');
  return {
    stop: () => discord.stop(),
    announcing: { announcer: discordAnnouncer(discord.client, { log }), targets: config.announce.discordChannels },
  };
}

/** The git clone of the blog (POSTS_GIT_URL), pulled on an interval; a pull with changes reindexes. */
async function startGitSource(config: Config, engine: Engine, log: Logger) {
  if (!config.announce.gitUrl) return undefined;
  return gitPostsSource({
    url: config.announce.gitUrl,
    branch: config.announce.gitBranch,
    dir: join(config.stateDir, 'repo'),
    intervalMs: config.announce.gitIntervalSeconds * 1000,
    onUpdate: async () => {
      await engine.reindex();
    },
    log,
  });
}

/**
 * Starts announcements through the announcers of the platforms that run; the outbox lives in
 * STATE_DIR. Returns undefined when no platform runs.
 */
async function startAnnouncing(config: Config, engine: Engine, log: Logger, announcing: readonly Announcing[], watch: boolean) {
  if (announcing.length === 0) return undefined;
  const store = openStore(config.stateDir);
  try {
    const announcements = await startAnnouncements({
      engine,
      store,
      announcers: announcing.map((a) => a.announcer),
      log,
      locale: config.locale,
      targets: staticTargets(announcing.map(({ announcer, targets }) => ({ policy: announcer, entries: targets, source: announcer.platform }))),
      backfill: config.announce.backfill,
      watchDir: watch ? config.postsDir : undefined,
    });
    const stop = async () => {
      await announcements.stop();
      store.close();
    };
    return { announcements, stop };
  } catch (error) {
    store.close();
    throw error;
  }
}

/**
 * The composition root: reads the configuration, loads the posts, and starts every configured
 * platform in this one process (the console when none is). Long because it is the start-up
 * order itself, read top to bottom; each platform's start and the announcements' start
 * are their own functions, one line each here.
 */
export async function startBriefbot(options: StartOptions): Promise<Briefbot> {
  const config = loadConfig(options.env);
  const secrets = [config.discord?.token, config.telegram?.token, config.llm?.apiKey].filter((s): s is string => Boolean(s));
  const log = options.log ?? createLogger({ level: config.logLevel, secrets });
  const engine = new Engine(catalogLoader(config, log), log);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    // Last started, first stopped: announcements before the platforms they send through.
    for (const stopOne of stoppers.splice(0).reverse()) {
      try {
        await stopOne();
      } catch (error) {
        log.warn('stop failed', { error: String(error) });
      }
    }
  };
  // What commands may use beyond the catalog; announcements join once their platforms are up.
  const services: CommandServices = {};
  // With LLM_BASE_URL set, /ask writes its answers with the model.
  const llm = config.llm ? createLlmAnswerer({ config: config.llm, log }) : undefined;
  const core = createBotCore({
    commands: llm ? commands.map((command) => (command.name === 'ask' ? createAsk({ llm }) : command)) : commands,
    engine,
    defaultLocale: config.locale,
    log,
    now: options.now,
    services,
  });

  try {
    // The clone must exist before the first load reads it.
    const git = await startGitSource(config, engine, log);
    if (git) stoppers.push(async () => git.close());
    await engine.reindex();

    // Platform code is imported only when configured: the console starts without discord.js.
    const platforms: RunningPlatform[] = [];
    const started = (platform: RunningPlatform) => {
      stoppers.push(platform.stop);
      platforms.push(platform);
    };
    if (config.telegram) started(await startTelegramPlatform(config, config.telegram, core, log));
    if (config.discord) started(await startDiscordPlatform(config, config.discord, core, log));
    // A git clone is refreshed by its own pulls; watching it too would only reindex twice.
    const announcing = await startAnnouncing(config, engine, log, platforms.map((p) => p.announcing), config.announce.watch && !git);
    if (announcing) {
      services.announcements = announcing.announcements.port;
      stoppers.push(announcing.stop);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  const wantConsole = options.console ?? (!config.telegram && !config.discord);
  const consoleDone = wantConsole
    ? runConsole({
        core,
        input: options.input ?? process.stdin,
        output: options.output ?? process.stdout,
        interactive: Boolean((options.input ?? process.stdin) === process.stdin && process.stdin.isTTY),
      })
    : Promise.resolve();

  return { config, engine, core, log, consoleDone, stop };
}

/** Runs the bot as a program: dotenv, start, signals, exit codes. */
export async function runMain(): Promise<void> {
  const { config: loadDotenv } = await import('dotenv');
  loadDotenv({ quiet: true });
  let bot: Briefbot;
  try {
    bot = await startBriefbot({ env: process.env });
  } catch (error) {
    // Configuration and start-up errors are written for people: print the message, not a stack.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // The last line of defence: a stray rejection (a network hiccup in a library) is logged, never fatal.
  process.on('unhandledRejection', (reason) => {
    bot.log.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  });
  const shutdown = async () => {
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const hasPlatform = Boolean(bot.config.telegram || bot.config.discord);
  await bot.consoleDone;
  if (!hasPlatform) await shutdown();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runMain();
}

export { ConfigError };
