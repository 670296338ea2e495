/**
 * Describing failures for logs without leaking the bot token. The Bot API URL embeds the token
 * (`/bot<token>/<method>`), and network errors quote that URL, so every text that reaches a log
 * passes through {@link redact} first, whatever the logger does after.
 */
import { BotError, GrammyError, HttpError } from 'grammy';
import { redact } from '../../util/redact.ts';

/** A loggable, token-free description of any error grammY or a handler may throw. */
export function describeError(error: unknown, token: string): Record<string, unknown> {
  const inner = error instanceof BotError ? error.error : error;
  let described: Record<string, unknown>;
  if (inner instanceof GrammyError) {
    // Telegram answered: which method, which code, what it said. The payload may hold post text: leave it out.
    described = { type: 'GrammyError', method: inner.method, code: inner.error_code, description: inner.description };
  } else if (inner instanceof HttpError) {
    described = { type: 'HttpError', message: inner.message, cause: String(inner.error) };
  } else if (inner instanceof Error) {
    described = { type: inner.name, message: inner.message, stack: inner.stack };
  } else {
    described = { type: typeof inner, message: String(inner) };
  }
  return JSON.parse(redact(JSON.stringify(described), [token])) as Record<string, unknown>;
}

/** Telegram refuses to edit a message into exactly what it already shows; that is not a failure. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/i.test(error.description);
}

/** The user never opened a private chat with the bot (or blocked it): it may not write to them. */
export function isForbidden(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 403;
}
