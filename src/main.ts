import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../commands/index.ts';
import type { CommandServices } from '../commands/services.ts';
import type { Logger } from './util/logger.ts';
import type { BotCore } from './bot/core.ts';
import { Engine, type Catalog } from './bot/engine.ts';
import { createBotCore } from './bot/execute.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './log.ts';
import { loadLibrary } from './posts/load.ts';
import { formatProblem } from './util/text.ts';
import { runConsole } from './platforms/console/index.ts';
import { loadAliasFile } from './data/load.ts';
import { SearchIndex } from './search/index.ts';
import type { Announcer } from './announce/port.ts';
import { gitPostsSource } from './sources/posts.ts';
import { startAnnouncements } from './announce/start.ts';
import { staticTargets } from './announce/targets.ts';
import { openCheckedStore } from './state/open-checked.ts';
import { fileRegistrationMemo } from './registration-memo.ts';
import { FairScheduler } from './bot/fairness.ts';
import { HealthBoard } from './util/health.ts';
import type { Store } from './state/store.ts';

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
  /**
   * Told once when a platform connection cannot recover (a revoked token, a refused intent);
   * `runMain` ends the process non-zero. Default: logged only.
   */
  onFatal?: (error: Error) => void;
}

export interface Briefbot {
  config: Config;
  engine: Engine;
  core: BotCore;
  log: Logger;
  /** Each platform connection's state (starting, ready, degraded, down), for /status and the ops server. */
  health: HealthBoard;
  /** Resolves when the console's input ends (immediately when there is no console). */
  consoleDone: Promise<void>;
  /** Stops every platform and timer. */
  stop(): Promise<void>;
}

/** Builds the catalog loader: posts read and indexed aside, aliases re-read on every reindex. */
function catalogLoader(config: Config, log: Logger) {
  return async (previous: Catalog | undefined): Promise<Catalog> => {
    const { library, report } = await loadLibrary({
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

/** What every platform is given for issue 13: where it reports its state, who is fatal to, who runs when. */
interface Supervision {
  health: HealthBoard;
  onFatal: (error: Error) => void;
  fairness: FairScheduler;
}

/** The health board, the fairness scheduler (one for both platforms: the in-flight cap is the process's) and the fatal handler. */
function supervision(config: Config, log: Logger, onFatal: StartOptions['onFatal']): Supervision {
  return {
    health: new HealthBoard({ log }),
    onFatal: onFatal ?? ((error) => log.error('platform connection lost for good', { error: error.message })),
    fairness: new FairScheduler({
      memberBurst: config.fairness.memberBurst,
      memberRefillPerSecond: config.fairness.memberPerMinute / 60,
      perChatConcurrency: config.fairness.perChatConcurrency,
      maxInFlight: config.fairness.maxInFlight,
    }),
  };
}

/** A platform adapter that runs, with its part in announcements. */
interface RunningPlatform {
  stop(): Promise<void>;
  announcing: Announcing;
}

async function startTelegramPlatform(config: Config, telegramConfig: NonNullable<Config['telegram']>, core: BotCore, log: Logger, supervised: Supervision): Promise<RunningPlatform> {
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
    ...supervised,
  });
  log.info('telegram started', { bot: telegram.botUsername });
  return {
    stop: () => telegram.stop(),
    announcing: { announcer: telegramAnnouncer(telegram.bot, { apiRoot: telegramConfig.apiRoot }), targets: config.announce.telegramChats },
  };
}

async function startDiscordPlatform(config: Config, discordConfig: NonNullable<Config['discord']>, core: BotCore, log: Logger, supervised: Supervision): Promise<RunningPlatform> {
  const { startDiscord } = await import('./platforms/discord/index.ts');
  const { discordAnnouncer } = await import('./platforms/discord/announce.ts');
  const discord = await startDiscord({
    token: discordConfig.token,
    apiBase: discordConfig.apiBase,
    guildId: discordConfig.guildId,
    registrationMemo: fileRegistrationMemo(config.stateDir),
    core,
    log,
    ...supervised,
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
async function startAnnouncing(config: Config, engine: Engine, log: Logger, store: Store, announcing: readonly Announcing[], watch: boolean) {
  if (announcing.length === 0) return undefined;
  {
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
    // The store was opened (and checked) by the caller, before any platform; it closes it.
    return { announcements, stop: () => announcements.stop() };
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
  const secrets = [config.discord?.token, config.telegram?.token].filter((s): s is string => Boolean(s));
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
  const supervised = supervision(config, log, options.onFatal);
  const services: CommandServices = { health: supervised.health };
  const core = createBotCore({
    commands,
    engine,
    defaultLocale: config.locale,
    log,
    now: options.now,
    services,
  });

  try {
    // State is opened and checked before anything starts: a broken database fails the start
    // with its path and remedy, before Telegram takes an update it could not record.
    const store = config.telegram || config.discord ? openCheckedStore(config.stateDir) : undefined;
    if (store) stoppers.push(async () => store.close());
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
    if (config.telegram) started(await startTelegramPlatform(config, config.telegram, core, log, supervised));
    if (config.discord) started(await startDiscordPlatform(config, config.discord, core, log, supervised));
    // A git clone is refreshed by its own pulls; watching it too would only reindex twice.
    const announcing = store && (await startAnnouncing(config, engine, log, store, platforms.map((p) => p.announcing), config.announce.watch && !git));
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

  return { config, engine, core, log, health: supervised.health, consoleDone, stop };
}

/** How long the start may take before the process gives up (issue 13: never hang silently). */
const START_TIMEOUT_MS = 120_000;

/** Runs the bot as a program: dotenv, start, signals, exit codes. */
export async function runMain(): Promise<void> {
  const { config: loadDotenv } = await import('dotenv');
  loadDotenv({ quiet: true });
  let bot: Briefbot | undefined;
  // A connection that cannot recover ends the process non-zero, so a supervisor restarts it or a
  // person reads the message (issue 13); before, briefbot stayed up, deaf, looking healthy.
  const onFatal = (error: Error) => {
    process.stderr.write(`briefbot: ${error.message}\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (bot ? bot.stop() : Promise.resolve()).finally(() => process.exit(1));
  };
  // A start that cannot finish (a platform that never answers, a folder that never appears)
  // fails with a message instead of hanging where no supervisor sees it.
  const watchdog = setTimeout(() => {
    process.stderr.write(`briefbot: the start did not finish within ${START_TIMEOUT_MS / 1000} s; see the log above for the step it stopped at\n`);
    process.exit(1);
  }, START_TIMEOUT_MS);
  watchdog.unref();
  try {
    bot = await startBriefbot({ env: process.env, onFatal });
    clearTimeout(watchdog);
  } catch (error) {
    // Configuration and start-up errors are written for people: print the message, not a stack.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  // The last line of defence: a stray rejection (a network hiccup in a library) is logged, never fatal.
  const running = bot;
  process.on('unhandledRejection', (reason) => {
    running.log.error('unhandled rejection', { error: reason instanceof Error ? (reason.stack ?? reason.message) : String(reason) });
  });
  const shutdown = async () => {
    await running.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  const hasPlatform = Boolean(running.config.telegram || running.config.discord);
  await running.consoleDone;
  if (!hasPlatform) await shutdown();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runMain();
}

export { ConfigError };
