/**
 * Helpers for the Discord end-to-end tests: a capturing logger, a small hand-made core for the
 * adapter's own behaviour (deferral, misbehaving cores), and option values in wire form.
 */
import type { Command } from '../../src/bot/command.ts';
import type { Logger } from '../../src/util/logger.ts';
import type { BotCore, Choice, Invocation } from '../../src/bot/core.ts';
import type { Reply, ReplyAction } from '../../src/bot/reply.ts';
import type { CommandOptionValue } from '../fakes/discord/server.ts';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}

/** A logger that keeps every entry, so tests can assert on what was logged (and what was not). */
export function capturingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (msg: string, data?: Record<string, unknown>) => {
    entries.push({ level, msg, data });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Option values as Discord sends them: `string` → 3, `integer` → 4, `boolean` → 5. */
export function options(values: Record<string, string | number | boolean>): CommandOptionValue[] {
  return Object.entries(values).map(([name, value]) => ({
    name,
    value,
    type: typeof value === 'string' ? 3 : typeof value === 'number' ? 4 : 5,
  }));
}

/** The focused option of an autocomplete interaction. */
export function typing(name: string, value: string): CommandOptionValue[] {
  return [{ name, value, type: 3, focused: true }];
}

const echo: Command = {
  name: 'echo',
  description: { ko: '따라 말하기', en: 'Echo' },
  options: [{ name: 'text', type: 'string', required: true, autocomplete: 'posts', description: { ko: '글', en: 'Text' } }],
  permission: 'everyone',
  run: () => ({ text: [] }),
};

/**
 * A hand-made core whose behaviour each test sets: `execute` and `autocomplete` can be replaced.
 * `echo` answers with an embed and a `page` button; actions encode as `echo|<text>|<page>`, and
 * `echo|<text>|<page>|new` decodes as an action that asks for a new message.
 */
export function stubCore(overrides: Partial<Pick<BotCore, 'execute' | 'autocomplete'>> = {}): BotCore {
  return {
    commands: [echo],
    defaultLocale: 'ko',
    async execute(invocation: Invocation): Promise<Reply> {
      const text = String(invocation.args.text ?? '');
      const page = Number(invocation.args.page ?? 1);
      return {
        title: `echo ${text}`,
        text: [`page ${page}`],
        actions: [{ label: 'next', command: 'echo', args: { text, page: page + 1 } }],
      };
    },
    autocomplete: (): Choice[] => [],
    localeFor: (locale) => (locale?.startsWith('en') ? 'en' : 'ko'),
    encodeAction: (action: ReplyAction) => `${action.command}|${action.args.text}|${action.args.page}`,
    decodeAction(data: string) {
      const [command, text, page, mark] = data.split('|');
      if (command !== 'echo' || text === undefined) return undefined;
      return { command, args: { text, page: Number(page) }, ...(mark === 'new' ? { effect: 'new-message' as const } : {}) };
    },
    inlineResults: () => [],
    ...overrides,
  };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
