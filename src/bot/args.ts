/** Checking the raw option values a platform delivers against a command's definitions. */
import type { Messages } from '../i18n/core.ts';
import type { CommandOption } from './command.ts';
import { UserError } from './errors.ts';

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
        // Typed as text, the option's own name says yes: `/reindex full`, as /help writes it.
        args[option.name] = value === true || text.toLowerCase() === option.name || /^(true|yes|y|1|on|예|네)$/i.test(text);
        break;
    }
  }
  return args;
}
