import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { commands } from '../commands/index.ts';
import type { CommandServices } from '../commands/services.ts';
import type { Logger } from './util/logger.ts';
import type { BotCore } from './bot/core.ts';
import { Engine, type Catalog, type ReindexOptions } from './bot/engine.ts';
import { createBotCore } from './bot/execute.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './log.ts';
import { loadLibrary } from './posts/load.ts';
import { PostFileCache } from './posts/file-cache.ts';
import { POST_CACHE_VERSION, postCacheEntries, readPostCache, samePostCache, writePostCache, type PostCacheEntries } from './state/post-cache.ts';
import { readIndexCache, writeIndexCache } from './state/index-cache.ts';
import { formatProblem } from './util/text.ts';
import { runConsole } from './platforms/console/index.ts';
import { loadAliasFile } from './data/load.ts';
import { SearchIndex, type RestoreOptions } from './search/index.ts';
import type { LoadReport, Post } from './posts/types.ts';
import type { Announcer } from './announce/port.ts';
import type { Store } from './state/store.ts';
import { FairScheduler } from './bot/fairness.ts';
import { HealthBoard } from './util/health.ts';
import { noopMetrics, type Metrics } from './util/metrics.ts';
import { countedSender, deferredPrometheusMetrics, startOpsServer, timedLoad, writableDatabase, type DeferredPrometheusMetrics, type HealthCheck, type OpsServer } from './ops/index.ts';
import type { Conversation } from './bot/converse.ts';
import { InMemoryConversationStore, type ConversationStore } from './conversation/memory.ts';
import { InMemoryQuestionLog, type QuestionLog } from './conversation/questions.ts';

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
   * Serve /healthz, /readyz and /metrics on PORT. Default false for embedders and tests (one
   * port per machine); `runMain` (npm start, the container) turns it on. Telegram webhook mode
   * always serves, on the same server.
   */
  serveHttp?: boolean;
  /**
   * Told once when a platform connection cannot recover (a revoked token, a refused intent);
   * `runMain` ends the process non-zero. Default: logged only.
   */
  onFatal?: (error: Error) => void;
  /**
   * How long after the start the answer tables are compiled (see `prepareAnswerTables`), so the
   * first /ask does not pay for them. Default {@link PREPARE_ANSWERS_AFTER_MS}.
   */
  prepareAnswersAfterMs?: number;
}

/** A moment after the start, so that its own work (the first replies, announcements) comes first. */
const PREPARE_ANSWERS_AFTER_MS = 1_000;

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
  /** The HTTP server for health, readiness and metrics, when one runs. */
  ops?: OpsServer;
  /** Each connection's state (catalog, database, platforms), as /readyz reports it. */
  board: HealthBoard;
}

/** Builds the catalog loader: posts read and indexed aside, aliases re-read on every reindex. */
function catalogLoader(config: Config, log: Logger) {
  // What earlier loads learnt of each file (kept in STATE_DIR for restarts): a reindex reads and
  // parses only what changed.
  let cache: PostFileCache | undefined;
  const { save, saved } = saveQueue(log);
  // The entries the state folder holds (as read or last saved): a load that leaves them so saves
  // nothing (an unchanged restart rewrote 76 MB at 10,000 posts, competing with its own start).
  let onDisk: PostCacheEntries | undefined;
  const load = async (previous: Catalog | undefined, options: ReindexOptions = {}): Promise<Catalog> => {
    if (!cache && !options.full) onDisk = postCacheEntries((cache = await readPostCache(config.stateDir)));
    if (options.full) cache = new PostFileCache();
    cache ??= new PostFileCache();
    // The posts a saved index may hold in their old version: the cache as the last run left it.
    const cachedPosts = previous ? [] : [...cache.files.values()].flatMap((entry) => (entry.post ? [entry.post] : []));
    const { library, report } = await loadLibrary({
      cache,
      postsDir: config.postsDir,
      siteUrl: config.siteUrl,
      timezone: config.siteTimezone,
      previous: previous?.library,
      changed: options.full ? undefined : options.changed, // what a watch event or git pull named: only those are looked at
    });
    const aliases = config.aliasesFile ? loadAliasFile(config.aliasesFile) : undefined;
    logProblems(log, report);
    if (!onDisk || !samePostCache(onDisk, cache)) {
      const [saved, entries] = [cache, postCacheEntries(cache)];
      save('post cache', async () => {
        await writePostCache(config.stateDir, saved);
        onDisk = entries;
      });
    }
    // The index last: an update in place is applied synchronously, and only microtasks run
    // between its end and the engine's swap, so no query sees the new index with the old library.
    const context = indexContext(cache);
    const indexOptions = { ...(aliases ? { aliases } : {}), full: options.full };
    const started = performance.now();
    const restored = previous || options.full ? undefined : await restoreIndex(config.stateDir, library.all(), { ...indexOptions, context, previousPosts: cachedPosts });
    const { index, update } = restored ? { index: restored, update: undefined } : await SearchIndex.reindex(previous?.index, library.all(), indexOptions);
    const indexing = restored ? 'restored' : update ? 'updated' : 'built';
    // What the first reply does not need is filed in slices once the restored index serves.
    if (restored) restored.prepareDeferred().catch((error: unknown) => log.warn('cannot prepare the restored index', { error: String(error) }));
    // A restored index that needed no change is what the file holds already.
    const savedAlready = restored?.asSaved ?? (update !== undefined && update.added + update.removed === 0);
    if (!savedAlready) save('index cache', () => writeIndexCache(config.stateDir, index.snapshot(context)));
    log.info('posts loaded', {
      posts: library.size,
      files: report.files,
      added: report.added.length,
      changed: report.changed.length,
      removed: report.removed.length,
      skipped: report.skipped.length,
      ms: Math.round(report.ms),
      index: indexing,
      indexMs: Math.round(performance.now() - started),
    });
    if (library.size === 0) log.warn('no posts found: check POSTS_DIR', { postsDir: config.postsDir, files: report.files });
    return { library, index, report, loadedAt: new Date() };
  };
  return { load, saved };
}

/** Saves that run one after another, behind the swap: a reindex never waits for the disk. */
function saveQueue(log: Logger) {
  let saving: Promise<void> = Promise.resolve();
  const save = (what: string, write: () => Promise<unknown>) => {
    saving = saving.then(write).then(
      () => undefined,
      (error: unknown) => log.warn(`cannot save the ${what}`, { error: String(error) }),
    );
  };
  /** Resolves when the saves queued so far are on disk (a stop waits for them: the next start reads them). */
  const saved = () => saving;
  return { save, saved };
}

/** The files a load skipped or repaired, a warning each. */
function logProblems(log: Logger, report: LoadReport): void {
  for (const problem of report.skipped) log.warn(`skipped ${formatProblem(problem)}`);
  for (const { file, repair } of report.repaired) {
    log.warn(`repaired ${file}: ${repair.method}, ${Math.round(repair.confidence * 100)}% sure`);
  }
}

/** What a saved index depends on besides the posts: the post cache's version and the site facts. */
const indexContext = (cache: PostFileCache): string => `post-cache ${POST_CACHE_VERSION} ${cache.siteKey ?? ''}`;

/** The index saved in STATE_DIR, made to serve `posts`; undefined when there is none or it does not fit. */
async function restoreIndex(stateDir: string, posts: readonly Post[], options: RestoreOptions): Promise<SearchIndex | undefined> {
  const saved = await readIndexCache(stateDir);
  return saved ? SearchIndex.restore(saved, posts, options) : undefined;
}

/** What observes the process: the connections' board, the metrics, the HTTP server for both. */
interface Observing {
  board: HealthBoard;
  metrics: Metrics;
  ops?: OpsServer;
}

/** The Prometheus metrics (none when METRICS=false), prom-client loaded after the first reindex; gauges read the engine and store when scraped. */
function prometheus(config: Config, engine: () => Engine, store: () => Store | undefined): DeferredPrometheusMetrics | undefined {
  if (!config.metrics) return undefined;
  return deferredPrometheusMetrics({
    commands: commands.map((c) => c.name),
    posts: () => (engine().ready ? engine().library.size : undefined),
    deliveries: () => {
      const db = store()?.db;
      if (!db) return [];
      // target_key is `platform:id`: only the platform part becomes a label.
      const rows = db
        .prepare(`SELECT substr(target_key, 1, instr(target_key, ':') - 1) AS platform, state, count(*) AS n FROM outbox WHERE state IN ('pending', 'sent', 'failed') GROUP BY 1, 2`)
        .all() as { platform: string; state: string; n: number }[];
      return rows.map((r) => ({ labels: { platform: r.platform, state: r.state }, value: r.n }));
    },
  });
}

/**
 * The ops server on PORT, when asked for (or needed by the Telegram webhook). In the console (a
 * person at a terminal) a taken port costs the endpoints, not the console; with a platform it
 * stops the start, as a service should.
 */
async function startOps(config: Config, options: StartOptions, log: Logger, board: HealthBoard, prom: DeferredPrometheusMetrics | undefined): Promise<OpsServer | undefined> {
  if (!options.serveHttp && !config.telegram?.webhookUrl) return undefined;
  try {
    return await startOpsServer({ port: config.port, board, metrics: prom, log });
  } catch (error) {
    if (config.telegram || config.discord) throw new Error(`briefbot: cannot serve /healthz on PORT ${config.port}: ${(error as Error).message}`);
    log.warn('ops: not serving /healthz, /readyz, /metrics', { port: config.port, error: (error as Error).message });
    return undefined;
  }
}

/** Readiness of the catalog: posts loaded, or why not yet. */
function catalogCheck(engine: Engine): HealthCheck {
  return () => (engine.ready ? { ok: true, detail: `${engine.library.size} posts` } : { ok: false, detail: engine.lastError?.message ?? 'loading posts' });
}

/** Last started, first stopped: announcements before the platforms they send through, the ops server last. */
async function stopAll(stoppers: (() => Promise<void>)[], log: Logger): Promise<void> {
  for (const stopOne of stoppers.splice(0).reverse()) {
    try {
      await stopOne();
    } catch (error) {
      log.warn('stop failed', { error: String(error) });
    }
  }
}

/** The catalog on the board (starting until the first load) and as a readiness check with its size. */
function watchCatalog(engine: Engine, observing: Observing): void {
  observing.board.report('catalog', 'starting', { cause: 'loading posts' });
  engine.onCatalog(() => observing.board.report('catalog', 'ready'));
  observing.ops?.addCheck('catalog', catalogCheck(engine));
}

function closing(store: Store): () => Promise<void> {
  return async () => store.close();
}

/**
 * The database before any platform: a state folder that cannot be written stops the start here,
 * not after Discord and Telegram have connected. Only platforms use it (announcements,
 * subscriptions, conversation memory), so the console opens none, and imports no SQLite: what
 * only platforms use is imported when one is configured (a restart of the console loads less).
 * Opened once for all of them.
 */
async function openDatabase(config: Config): Promise<Store | undefined> {
  if (!config.telegram && !config.discord) return undefined;
  const { openCheckedStore } = await import('./state/open-checked.ts');
  const store = openCheckedStore(config.stateDir);
  try {
    writableDatabase(store.db)();
  } catch (error) {
    store.close();
    throw new Error(`briefbot: the state database in STATE_DIR (${config.stateDir}) is not writable: ${(error as Error).message}`);
  }
  return store;
}

/** The questions members asked and the conversation memory: in the state database when there is one (SQLite imported only then), else in memory (the console). */
async function conversationStores(database: Store | undefined, questionLimits: { retentionMs: number }): Promise<{ questions: QuestionLog; conversationStore: ConversationStore }> {
  if (!database) return { questions: new InMemoryQuestionLog(questionLimits), conversationStore: new InMemoryConversationStore() };
  const { SqliteConversationStore, SqliteQuestionLog } = await import('./state/conversation.ts');
  return { questions: new SqliteQuestionLog(database.db, questionLimits), conversationStore: new SqliteConversationStore(database.db) };
}

/** The commands, /ask writing its answers with the model when LLM_BASE_URL is set (the model's client imported only then). */
async function commandsFor(config: Config, log: Logger): Promise<typeof commands> {
  if (!config.llm) return commands;
  const [{ createLlmAnswerer }, { createAsk }] = await Promise.all([import('./answer/llm.ts'), import('../commands/ask.ts')]);
  const llm = createLlmAnswerer({ config: config.llm, log });
  return commands.map((command) => (command.name === 'ask' ? createAsk({ llm }) : command));
}

/** `make` called once, on the first call; later calls get the same promise. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** The database on the board and as a readiness check (it stays writable, or /readyz says so). */
function watchDatabase(store: Store, observing: Observing): void {
  observing.board.report('database', 'ready');
  observing.ops?.addCheck('database', writableDatabase(store.db));
}

/** What every platform is given for issue 13: where it reports its state, who is fatal to, who runs when. */
interface Supervision {
  health: HealthBoard;
  onFatal: (error: Error) => void;
  fairness: FairScheduler;
}

/** The health board, the fairness scheduler (one for both platforms: the in-flight cap is the process's) and the fatal handler. */
function supervision(config: Config, log: Logger, onFatal: StartOptions['onFatal'], health: HealthBoard): Supervision {
  return {
    health,
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

async function startTelegramPlatform(config: Config, telegramConfig: NonNullable<Config['telegram']>, core: BotCore, conversation: Conversation, log: Logger, observing: Observing, supervised: Supervision): Promise<RunningPlatform> {
  const { ops, metrics } = observing;
  const { startTelegram } = await import('./platforms/telegram/index.ts');
  const { telegramAnnouncer } = await import('./platforms/telegram/announce.ts');
  const telegram = await startTelegram({
    token: telegramConfig.token,
    apiRoot: telegramConfig.apiRoot,
    webhookUrl: telegramConfig.webhookUrl,
    webhookSecret: telegramConfig.webhookSecret,
    port: config.port,
    mount: ops ? (handler) => ops.mount(handler) : undefined,
    onRateLimited: () => metrics.rateLimited({ platform: 'telegram' }),
    moderators: telegramConfig.moderators,
    core,
    conversation,
    log,
    ...supervised,
  });
  log.info('telegram started', { bot: telegram.botUsername });
  // Readiness comes from the board: the supervised polling loop (or the webhook) reports the
  // connection's state itself, so a 409 or an outage shows as degraded, a revoked token as down.
  ops?.setInfo('telegram', `@${telegram.botUsername}`);
  const announcer = countedSender(telegramAnnouncer(telegram.bot, { apiRoot: telegramConfig.apiRoot }), metrics);
  return { stop: () => telegram.stop(), announcing: { announcer, targets: config.announce.telegramChats } };
}

async function startDiscordPlatform(config: Config, discordConfig: NonNullable<Config['discord']>, core: BotCore, conversation: Conversation, log: Logger, observing: Observing, supervised: Supervision): Promise<RunningPlatform> {
  const { ops, metrics } = observing;
  const { startDiscord, gatewayReadiness } = await import('./platforms/discord/index.ts');
  const { discordAnnouncer } = await import('./platforms/discord/announce.ts');
  const discord = await startDiscord({
    token: discordConfig.token,
    apiBase: discordConfig.apiBase,
    guildId: discordConfig.guildId,
    ...(discordConfig.threads ? { threads: true } : {}),
    registrationMemo: (await import('./registration-memo.ts')).fileRegistrationMemo(config.stateDir),
    core,
    conversation,
    log,
    ...supervised,
  });
  log.info('discord started');
  ops?.addCheck('discord', () => gatewayReadiness(discord.client));
  if (discord.client.user) ops?.setInfo('discord', discord.client.user.tag);
  // Every REST answer passes here; a 429 is a rate limit met, whichever call met it.
  discord.client.rest.on('response', (_request, response) => {
    if (response.status === 429) metrics.rateLimited({ platform: 'discord' });
  });
  const announcer = countedSender(discordAnnouncer(discord.client, { log }), metrics);
  return { stop: () => discord.stop(), announcing: { announcer, targets: config.announce.discordChannels } };
}

/** The git clone of the blog (POSTS_GIT_URL), pulled on an interval; a pull with changes reindexes. */
async function startGitSource(config: Config, engine: Engine, log: Logger) {
  if (!config.announce.gitUrl) return undefined;
  const { gitPostsSource } = await import('./sources/posts.ts');
  return gitPostsSource({
    url: config.announce.gitUrl,
    branch: config.announce.gitBranch,
    dir: join(config.stateDir, 'repo'),
    intervalMs: config.announce.gitIntervalSeconds * 1000,
    onUpdate: async (_commit, changed) => {
      await engine.reindex(changed ? { changed } : {});
    },
    log,
  });
}

/**
 * Starts announcements through the announcers of the platforms that run; the outbox lives in
 * STATE_DIR. Returns undefined when no platform runs.
 */
async function startAnnouncing(config: Config, engine: Engine, log: Logger, announcing: readonly Announcing[], store: Store | undefined, watch: boolean | 'poll') {
  if (announcing.length === 0 || !store) return undefined;
  const [{ startAnnouncements }, { staticTargets }, { pollPostsDir }] = await Promise.all([import('./announce/start.ts'), import('./announce/targets.ts'), import('./sources/poll.ts')]);
  const announcements = await startAnnouncements({
    engine,
    store,
    announcers: announcing.map((a) => a.announcer),
    log,
    locale: config.locale,
    targets: staticTargets(announcing.map(({ announcer, targets }) => ({ policy: announcer, entries: targets, source: announcer.platform }))),
    backfill: config.announce.backfill,
    watchDir: watch === true ? config.postsDir : undefined,
  });
  // POSTS_WATCH=poll: a reindex is all a change needs, the announcements hear every new catalog.
  const poll = watch === 'poll' ? pollPostsDir({ dir: config.postsDir, log, onChange: async (changed) => void (await engine.reindex({ changed })) }) : undefined;
  const stop = async () => {
    await poll?.close();
    await announcements.stop();
  };
  return { announcements, stop };
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
  let store: Store | undefined;
  const prom = prometheus(config, () => engine, () => store);
  const observing: Observing = { board: new HealthBoard({ log }), metrics: prom ?? noopMetrics };
  const catalog = catalogLoader(config, log);
  const engine = new Engine(timedLoad(catalog.load, observing.metrics, (c) => c.library.size), log);
  // First in, so stopped last: the saves of the last reindex finish before the process ends.
  const stoppers: (() => Promise<void>)[] = [catalog.saved];
  const stop = () => stopAll(stoppers, log);
  // What commands may use beyond the catalog; announcements join once their platforms are up.
  const supervised = supervision(config, log, options.onFatal, observing.board);
  // Conversation memory and the questions members asked (for /questions, kept 90 days) live in the
  // state database when a platform runs, so they survive a restart; in memory for the console.
  const database = await openDatabase(config);
  store = database;
  if (database) stoppers.push(closing(database));
  const { questions, conversationStore } = await conversationStores(database, { retentionMs: config.conversation.questionDays * 86_400_000 });
  const services: CommandServices = { health: supervised.health, questions };
  const core = createBotCore({
    commands: await commandsFor(config, log),
    engine,
    defaultLocale: config.locale,
    log,
    now: options.now,
    services,
    metrics: observing.metrics,
  });
  // Free text (DMs, mentions, replies to the bot): one conversation core for every platform, made when the first one starts.
  const conversation = once(async () => (await import('./bot/converse.ts')).createConversation({ engine, execute: (i) => core.execute(i), store: conversationStore, questions: services.questions, localeFor: (l) => core.localeFor(l), log, ...(options.now ? { now: options.now } : {}),
    fairness: { memberBurst: config.conversation.burst, memberRefillPerSecond: config.conversation.secondsPerAnswer > 0 ? 1 / config.conversation.secondsPerAnswer : Infinity, perChatConcurrency: config.conversation.perChat },
  }));

  try {
    observing.ops = await startOps(config, options, log, observing.board, prom);
    if (observing.ops) stoppers.push(observing.ops.close);
    watchCatalog(engine, observing);
    // The clone must exist before the first load reads it.
    const git = await startGitSource(config, engine, log);
    if (git) stoppers.push(async () => git.close());
    await engine.reindex();
    // Now that the posts serve: the events so far wait in `prom` and are counted when it has loaded.
    prom?.load().catch((error: unknown) => log.warn('metrics: cannot load prom-client', { error: String(error) }));
    if (database) watchDatabase(database, observing);

    // Platform code is imported only when configured: the console starts without discord.js.
    const platforms: RunningPlatform[] = [];
    const started = (platform: RunningPlatform) => {
      stoppers.push(platform.stop);
      platforms.push(platform);
    };
    if (config.telegram) started(await startTelegramPlatform(config, config.telegram, core, await conversation(), log, observing, supervised));
    if (config.discord) started(await startDiscordPlatform(config, config.discord, core, await conversation(), log, observing, supervised));
    // A git clone is refreshed by its own pulls; watching it too would only reindex twice.
    const announcing = await startAnnouncing(config, engine, log, platforms.map((p) => p.announcing), store, git ? false : config.announce.watch);
    if (announcing) {
      services.announcements = announcing.announcements.port;
      stoppers.push(announcing.stop);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  prepareAnswersSoon(options.prepareAnswersAfterMs ?? PREPARE_ANSWERS_AFTER_MS, log, stoppers);

  const wantConsole = options.console ?? (!config.telegram && !config.discord);
  const consoleDone = wantConsole
    ? runConsole({
        core,
        input: options.input ?? process.stdin,
        output: options.output ?? process.stdout,
        interactive: Boolean((options.input ?? process.stdin) === process.stdin && process.stdin.isTTY),
      })
    : Promise.resolve();

  return { config, engine, core, log, consoleDone, stop, ops: observing.ops, board: observing.board, health: supervised.health };
}

/**
 * Compiles the answer tables (glossary, aliases, the vocabulary: 100-150 ms of CPU on the real
 * data) after `delayMs`, unless the bot stops first: the first /ask after a start then costs what
 * the others do (a first English question took 115-119 ms, 43-45 ms once prepared).
 */
function prepareAnswersSoon(delayMs: number, log: Logger, stoppers: (() => Promise<void>)[]): void {
  const timer = setTimeout(() => {
    const started = performance.now();
    import('./answer/answer.ts')
      .then((answers) => answers.prepareAnswerTables())
      .then(() => log.debug('answers: tables prepared', { ms: Math.round(performance.now() - started) }))
      .catch((error: unknown) => log.warn('answers: cannot prepare the answer tables; the first /ask compiles them', { error: String(error) }));
  }, delayMs);
  timer.unref();
  stoppers.push(async () => clearTimeout(timer));
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
  // Signals are heard from the first moment: a SIGTERM during the start (a supervisor stopping a
  // slow start, or one whose readiness check passed just before the start returned) stops the bot
  // once it is up instead of killing it mid-write.
  let signalled = false;
  const shutdown = async () => {
    signalled = true;
    if (!bot) return; // the start's end calls shutdown again
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  try {
    bot = await startBriefbot({ env: process.env, serveHttp: true, onFatal });
    clearTimeout(watchdog);
    if (signalled) return await shutdown();
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
  const hasPlatform = Boolean(running.config.telegram || running.config.discord);
  await running.consoleDone;
  if (!hasPlatform) await shutdown();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runMain();
}

export { ConfigError };
