/**
 * The logger behind `src/util/logger.ts`: pino, one JSON object a line (what a log shipper
 * parses), or pino-pretty's coloured lines for a person at a terminal. Every line is redacted
 * after it is serialized, so a token cannot slip out through a message, a field, a nested
 * object or an error's stack.
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import pino, { type DestinationStream } from 'pino';
import type { Logger } from './util/logger.ts';
import { LOG_LEVELS, type LogLevel } from './config.ts';
import { redact } from './util/redact.ts';

export { redact };

/** `json`: one JSON object a line. `pretty`: pino-pretty, for people. */
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never reach the output (platform tokens). */
  secrets?: readonly string[];
  /**
   * Where lines go, one call per line without its newline (tests). Default: stderr, so stdout
   * stays for the console's replies and the CLI's JSON.
   */
  write?: (line: string) => void;
  /** Default: `pretty` when stderr is a terminal (npm start, npm run dev by hand), else `json`. */
  format?: LogFormat;
}

/** pino's numeric levels for the names config accepts; pino has them all, `silent` included. */
const PINO_LEVEL: Record<LogLevel, pino.LevelWithSilent> = { debug: 'debug', info: 'info', warn: 'warn', error: 'error', silent: 'silent' };

function destination(options: LoggerOptions, format: LogFormat): DestinationStream {
  const write = options.write;
  const out = write ? (chunk: string) => write(chunk.replace(/\n$/, '')) : (chunk: string) => writeSync(2, chunk);
  if (format === 'json') return write ? { write: out } : pino.destination({ fd: 2, sync: true });
  // pino-pretty's formatter as a plain function: synchronous, in-process (no worker thread),
  // so a crash's last line still makes it out.
  const prettify = loadPrettyFactory()({
    colorize: write ? false : Boolean(process.stderr.isTTY),
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
  return { write: (chunk: string) => out(prettify(chunk)) };
}

// pino-pretty is loaded on first use, by createRequire, so a JSON-only process never parses it.
type PrettyFactory = (options: Record<string, unknown>) => (line: string) => string;
let prettyFactory: PrettyFactory | undefined;
function loadPrettyFactory(): PrettyFactory {
  prettyFactory ??= (createRequire(import.meta.url)('pino-pretty') as { prettyFactory: PrettyFactory }).prettyFactory;
  return prettyFactory;
}

/**
 * Builds the process's logger: `{"level":"info","time":"…","msg":"posts loaded","posts":42}`
 * lines (or pretty ones), below `level` dropped, `secrets` and token-shaped strings redacted.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? [];
  const format = options.format ?? (process.stderr.isTTY ? 'pretty' : 'json');
  const logger = pino(
    {
      level: PINO_LEVEL[options.level] ?? LOG_LEVELS[1],
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // The serialized line, before it is written: the one place every byte passes.
      hooks: { streamWrite: (line) => redact(line, secrets) },
    },
    destination(options, format),
  );
  return {
    debug: (msg, data) => logger.debug(data ?? {}, msg),
    info: (msg, data) => logger.info(data ?? {}, msg),
    warn: (msg, data) => logger.warn(data ?? {}, msg),
    error: (msg, data) => logger.error(data ?? {}, msg),
  };
}
