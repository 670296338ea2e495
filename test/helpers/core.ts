import { fileURLToPath } from 'node:url';
import { commands } from '../../commands/index.ts';
import type { CommandServices } from '../../commands/services.ts';
import type { Logger } from '../../src/util/logger.ts';
import type { BotCore, Invocation } from '../../src/bot/core.ts';
import { Engine } from '../../src/bot/engine.ts';
import { createBotCore } from '../../src/bot/execute.ts';
import { loadLibrary } from '../../src/posts/load.ts';
import { SearchIndex } from '../../src/search/index.ts';
import { createConversation, type ConversationOptions } from '../../src/bot/converse.ts';
import { InMemoryConversationStore } from '../../src/conversation/memory.ts';

/** Absolute path of a folder under test/fixtures. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}


/** A logger that remembers what it was told, so tests can assert on logged errors. */
export function recordingLogger(): Logger & { lines: { level: string; msg: string; data?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => void lines.push({ level, msg, data });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A real core (real loader, index and commands) over a posts folder, at a fixed time. */
export async function coreFor(postsDir: string, options: { now?: Date; log?: Logger; siteUrl?: string; services?: CommandServices } = {}) {
  const log = options.log ?? recordingLogger();
  const engine = new Engine(async (previous) => {
    const { library, report } = await loadLibrary({
      postsDir,
      siteUrl: options.siteUrl ?? 'https://blog.example',
      timezone: 'Asia/Seoul',
      previous: previous?.library,
    });
    return { library, index: await SearchIndex.buildAsync(library.all()), report, loadedAt: new Date() };
  });
  await engine.reindex();
  const now = options.now ?? new Date('2026-06-01T00:00:00Z');
  const core = createBotCore({ commands, engine, defaultLocale: 'ko', log, now: () => now, ...(options.services ? { services: options.services } : {}) });
  return { core, engine, log };
}

/** Lifts the per-member free-text limit for tests that talk as one member at machine speed. */
export const UNLIMITED_FREE_TEXT = { memberBurst: 100, memberRefillPerSecond: 100 };

/**
 * The free-text entry over a test core: memory in a Map, the clock fixed at `now`; `options`
 * (questions, fairness, log...) as createConversation takes them.
 */
export function conversationFor(
  setup: { engine: Engine; core: BotCore },
  now: Date,
  options: Partial<Omit<ConversationOptions, 'engine' | 'execute' | 'localeFor' | 'now'>> = {},
) {
  return createConversation({
    engine: setup.engine,
    execute: (invocation) => setup.core.execute(invocation),
    store: new InMemoryConversationStore({ now: () => now.getTime() }),
    localeFor: (locale) => setup.core.localeFor(locale),
    log: recordingLogger(),
    now: () => now,
    ...options,
  });
}

/** Runs a command as a plain member (or a moderator) on the console platform. */
export function run(core: BotCore, command: string, args: Record<string, unknown> = {}, extra: Partial<Invocation> = {}) {
  return core.execute({
    command,
    args,
    platform: 'console',
    invoker: { id: 'test:1', isModerator: false },
    ...extra,
  });
}
