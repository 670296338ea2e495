/**
 * The neutral core: command lookup, argument checks, permissions and the single try/catch that
 * turns failures into replies. Autocomplete, inline results and the action codec live in their
 * own modules; {@link createBotCore} puts them together.
 */
import { resolveLocale, type Locale } from '../i18n/index.ts';
import { MESSAGES } from '../i18n/core.ts';
import type { Logger } from '../util/logger.ts';
import { noopMetrics, type Metrics, type ReplyOutcome } from '../util/metrics.ts';
import { ActionCodec } from './action-codec.ts';
import { coerceArgs } from './args.ts';
import { createAutocomplete } from './autocomplete.ts';
import type { Command, CommandContext, CommandOption } from './command.ts';
import type { BotCore, Invocation } from './core.ts';
import type { Engine } from './engine.ts';
import { UserError } from './errors.ts';
import { createInlineResults } from './inline.ts';
import type { Reply } from './reply.ts';

/** What the core needs; the composition root passes it in. */
export interface BotCoreOptions<Services = unknown> {
  commands: readonly Command<readonly CommandOption[], Services>[];
  engine: Engine;
  defaultLocale: Locale;
  log: Logger;
  now?: () => Date;
  /**
   * What commands may use beyond the catalog (`ctx.services`), declared by the composition
   * root. Every service is optional by contract, so none given is an empty object.
   */
  services?: Services;
  /** Counts every reply by platform, command and outcome, with its latency. Default: none. */
  metrics?: Metrics;
}

function errorReply(message: string): Reply {
  return { text: [message], private: true, kind: 'error' };
}

/** Runs invocations: see {@link BotCore.execute}. */
export function createExecute<Services>(options: BotCoreOptions<Services>): (invocation: Invocation) => Promise<Reply> {
  const { engine, defaultLocale, log } = options;
  const now = options.now ?? (() => new Date());
  const services = options.services ?? ({} as Services);
  const byName = new Map(options.commands.map((c) => [c.name, c]));
  const metrics = options.metrics ?? noopMetrics;

  const execute = async (invocation: Invocation, outcome: { is: ReplyOutcome }): Promise<Reply> => {
    const locale = resolveLocale(invocation.locale, defaultLocale);
    const t = MESSAGES[locale];
    const command = byName.get(invocation.command);
    try {
      if (!command) throw new UserError(t.unknownCommand(invocation.command));
      if (command.permission === 'moderator' && !invocation.invoker.isModerator) throw new UserError(t.notAllowed);
      if (!engine.ready) throw new UserError(t.notReady);
      const args = coerceArgs(command.options, invocation.args, t);
      const { invoker, platform, place } = invocation;
      const ctx: CommandContext<Services> = { engine, locale, t, invoker, platform, place, now, log, services, ...(invocation.progress ? { progress: invocation.progress } : {}) };
      return await command.run(ctx, args as never);
    } catch (error) {
      if (error instanceof UserError) {
        outcome.is = error.reason ?? 'user_error';
        return errorReply(error.message);
      }
      outcome.is = 'error';
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
  };
  return async (invocation) => {
    const started = performance.now();
    const outcome: { is: ReplyOutcome } = { is: 'ok' };
    const reply = await execute(invocation, outcome);
    // Command names only as labels: an unknown name a user typed is folded by the metrics.
    metrics.reply({ platform: invocation.platform, command: invocation.command, outcome: outcome.is, seconds: (performance.now() - started) / 1000 });
    return reply;
  };
}

/** Builds the neutral core from its parts. */
export function createBotCore<Services>(options: BotCoreOptions<Services>): BotCore {
  const { commands, engine, defaultLocale, log } = options;
  const now = options.now ?? (() => new Date());
  const localeFor = (platformLocale?: string): Locale => resolveLocale(platformLocale, defaultLocale);
  const codec = new ActionCodec({ commands, engine, now });
  const autocomplete = createAutocomplete({ commands, engine, log, now });
  const inline = createInlineResults({ engine, log, now });
  return {
    commands,
    defaultLocale,
    execute: createExecute(options),
    autocomplete: (command, option, partial) => autocomplete(command, option, partial),
    localeFor,
    encodeAction: (action) => codec.encode(action),
    decodeAction: (data) => codec.decode(data),
    inlineResults: (query, platformLocale, limit) => inline(query, localeFor(platformLocale), limit),
  };
}
