import type { Logger } from './util/logger.ts';
import { LOG_LEVELS, type LogLevel } from './config.ts';
import { redact } from './util/redact.ts';

export { redact };

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never reach the output (platform tokens). */
  secrets?: readonly string[];
  /** Where lines go; stderr by default so stdout stays for replies and JSON. */
  write?: (line: string) => void;
}

/**
 * A small line logger: `LEVEL message {json}` to stderr, with secrets redacted from the whole
 * line. Enough for a bot; swap in pino here if structured shipping is ever needed.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level);
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const emit = (level: LogLevel, msg: string, data?: Record<string, unknown>) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    let line = `${new Date().toISOString()} ${level.toUpperCase()} ${msg}`;
    if (data && Object.keys(data).length > 0) {
      try {
        line += ` ${JSON.stringify(data)}`;
      } catch {
        line += ' [unserializable data]';
      }
    }
    write(redact(line, secrets));
  };
  return {
    debug: (msg, data) => emit('debug', msg, data),
    info: (msg, data) => emit('info', msg, data),
    warn: (msg, data) => emit('warn', msg, data),
    error: (msg, data) => emit('error', msg, data),
  };
}

