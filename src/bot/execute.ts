import { createHash } from 'node:crypto';
import type { Command, CommandContext, CommandOption } from './command.ts';
import type { Logger } from '../util/logger.ts';
import type { BotCore, Choice, InlineResult, Invocation } from './core.ts';
import { MAX_ACTION_DATA_BYTES } from './core.ts';
import type { Engine } from './engine.ts';
import { UserError } from './errors.ts';
import { resolveLocale, type Locale } from '../i18n/index.ts';
import { MESSAGES, type Messages } from '../i18n/core.ts';
import { postReply } from './post-reply.ts';
import { normalizeTag, truncate } from '../util/text.ts';
import type { Reply, ReplyAction } from './reply.ts';

/** Discord's and Telegram's bounds on autocomplete / inline answers. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;
const MAX_INLINE_RESULTS = 50;

/** What the core needs; the composition root passes it in. */
export interface BotCoreOptions {
  commands: readonly Command[];
  engine: Engine;
  defaultLocale: Locale;
  log: Logger;
  now?: () => Date;
  /** Extra context for commands that need more than the engine (announcements). */
  extend?: (ctx: CommandContext) => CommandContext;
}

/** A value goes into action data as is when short and plain; otherwise as a hash ref. */
const PLAIN_VALUE = /^[A-Za-z0-9_.-]{1,16}$/;
const SEPARATOR = '|';

function shortHash(value: string): string {
  return createHash('sha1').update(value).digest('base64url').slice(0, 8);
}

/**
 * Turns raw option values from a platform into typed arguments, checking them against the
 * command's definitions. Every problem is a {@link UserError} the person can act on.
 */
export function coerceArgs(
  options: readonly CommandOption[],
  raw: Record<string, unknown>,
  t: Messages,
): Record<string, string | number | boolean | undefined> {
  const args: Record<string, string | number | boolean | undefined> = {};
  for (const option of options) {
    const value = raw[option.name];
    const text = value === undefined || value === null ? '' : String(value).trim();
    if (text === '') {
      if (option.required) throw new UserError(t.missingOption(option.name));
      args[option.name] = undefined;
      continue;
    }
    switch (option.type) {
      case 'string': {
        const max = option.maxLength ?? 500;
        if (text.length > max) throw new UserError(t.tooLong(option.name, max));
        args[option.name] = text;
        break;
      }
      case 'integer': {
        const min = option.min ?? Number.MIN_SAFE_INTEGER;
        const max = option.max ?? Number.MAX_SAFE_INTEGER;
        const n = typeof value === 'number' ? value : Number(text);
        if (!Number.isInteger(n) || n < min || n > max) throw new UserError(t.notANumber(option.name, min, max));
        args[option.name] = n;
        break;
      }
      case 'boolean':
        args[option.name] = value === true || /^(true|yes|y|1|on|예|네)$/i.test(text);
        break;
    }
  }
  return args;
}

/**
 * Builds the neutral core: command lookup, argument checks, permissions and the single
 * try/catch that turns failures into replies.
 */
export function createBotCore(options: BotCoreOptions): BotCore {
  const { commands, engine, defaultLocale, log } = options;
  const now = options.now ?? (() => new Date());
  const byName = new Map(commands.map((c) => [c.name, c]));
  // Values behind hash refs in action data. Buttons outlive a process, so decodeAction also
  // resolves refs against the current tags and posts when this memo has forgotten them.
  const refs = new Map<string, string>();

  const localeFor = (platformLocale?: string): Locale => resolveLocale(platformLocale, defaultLocale);

  function errorReply(message: string): Reply {
    return { text: [message], private: true, kind: 'error' };
  }

  async function execute(invocation: Invocation): Promise<Reply> {
    const locale = localeFor(invocation.locale);
    const t = MESSAGES[locale];
    const command = byName.get(invocation.command);
    try {
      if (!command) throw new UserError(t.unknownCommand(invocation.command));
      if (command.permission === 'moderator' && !invocation.invoker.isModerator) throw new UserError(t.notAllowed);
      if (!engine.ready) throw new UserError(t.notReady);
      const args = coerceArgs(command.options, invocation.args, t);
      let ctx: CommandContext = {
        engine,
        locale,
        t,
        invoker: invocation.invoker,
        platform: invocation.platform,
        place: invocation.place,
        now,
        log,
      };
      if (options.extend) ctx = options.extend(ctx);
      return await command.run(ctx, args as never);
    } catch (error) {
      if (error instanceof UserError) return errorReply(error.message);
      log.error('command failed', {
        command: invocation.command,
        args: invocation.args,
        platform: invocation.platform,
        place: invocation.place,
        invoker: invocation.invoker.id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      return errorReply(t.apology);
    }
  }

  function autocomplete(commandName: string, optionName: string, partial: string): Choice[] {
    try {
      const option = byName.get(commandName)?.options.find((o) => o.name === optionName);
      if (!option || option.type !== 'string' || !option.autocomplete || !engine.ready) return [];
      const { library, index } = engine;
      const at = now();
      const typed = partial.trim().slice(0, MAX_CHOICE_CHARS);
      if (option.autocomplete === 'tags') {
        const key = normalizeTag(typed);
        return library
          .tags(at)
          .filter((t) => t.key.includes(key))
          .slice(0, MAX_CHOICES)
          .map((t) => ({ name: truncate(`${t.tag} (${t.count})`, MAX_CHOICE_CHARS), value: truncate(t.tag, MAX_CHOICE_CHARS) }));
      }
      const isPublished = (post: Parameters<typeof library.isPublished>[0]) => library.isPublished(post, at);
      const posts = typed
        ? index.suggest(typed, { limit: MAX_CHOICES, filter: isPublished }).map((hit) => hit.post)
        : library.published(at).slice(0, MAX_CHOICES);
      return posts.map((post) => ({ name: truncate(post.title, MAX_CHOICE_CHARS), value: truncate(post.title, MAX_CHOICE_CHARS) }));
    } catch (error) {
      log.error('autocomplete failed', { command: commandName, option: optionName, error: String(error) });
      return [];
    }
  }

  function encodeAction(action: ReplyAction): string {
    const command = byName.get(action.command);
    const names = command ? command.options.map((o) => o.name) : Object.keys(action.args).sort();
    const values = names.map((name) => {
      const value = action.args[name];
      if (value === undefined) return '';
      const text = String(value);
      if (typeof value === 'number' || PLAIN_VALUE.test(text)) return text;
      const ref = shortHash(text);
      refs.set(ref, text);
      return `~${ref}`;
    });
    while (values.length > 0 && values[values.length - 1] === '') values.pop();
    const data = [action.command, ...values].join(SEPARATOR);
    if (Buffer.byteLength(data) > MAX_ACTION_DATA_BYTES) {
      throw new Error(`action data for ${action.command} is ${Buffer.byteLength(data)} bytes, over ${MAX_ACTION_DATA_BYTES}`);
    }
    return data;
  }

  function resolveRef(ref: string): string | undefined {
    const known = refs.get(ref);
    if (known !== undefined) return known;
    if (!engine.ready) return undefined;
    const at = now();
    for (const t of engine.library.tags(at)) if (shortHash(t.tag) === ref) return t.tag;
    for (const post of engine.library.all()) if (shortHash(post.id) === ref) return post.id;
    return undefined;
  }

  function decodeAction(data: string): { command: string; args: Record<string, string | number> } | undefined {
    const [name, ...values] = data.split(SEPARATOR);
    const command = name === undefined ? undefined : byName.get(name);
    if (!command) return undefined;
    const args: Record<string, string | number> = {};
    for (const [i, option] of command.options.entries()) {
      const value = values[i];
      if (value === undefined || value === '') continue;
      if (value.startsWith('~')) {
        const resolved = resolveRef(value.slice(1));
        if (resolved === undefined) return undefined;
        args[option.name] = resolved;
      } else {
        args[option.name] = option.type === 'integer' ? Number(value) : value;
      }
    }
    return { command: command.name, args };
  }

  function inlineResults(query: string, platformLocale?: string, limit = MAX_INLINE_RESULTS): InlineResult[] {
    try {
      if (!engine.ready) return [];
      const t = MESSAGES[localeFor(platformLocale)];
      const { library, index } = engine;
      const at = now();
      const max = Math.min(limit, MAX_INLINE_RESULTS);
      // An empty inline query (`@bot ` alone) is someone browsing: offer the newest posts.
      const posts = query.trim()
        ? index.search(query.slice(0, 300), { limit: max, filter: (post) => library.isPublished(post, at) }).map((hit) => hit.post)
        : library.published(at).slice(0, max);
      return posts.map((post) => ({
        id: library.shortId(post),
        title: post.title,
        description: truncate(post.summary[0] ?? post.description ?? '', 200),
        url: post.url,
        ...(post.imageUrl ? { imageUrl: post.imageUrl } : {}),
        reply: postReply(post, t),
      }));
    } catch (error) {
      log.error('inline query failed', { error: String(error) });
      return [];
    }
  }

  return { commands, defaultLocale, execute, autocomplete, localeFor, encodeAction, decodeAction, inlineResults };
}
