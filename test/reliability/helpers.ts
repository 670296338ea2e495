/**
 * Shared pieces of the reliability tests: the real bot (`startBriefbot`) against the fakes, a
 * capturing logger, and the bot as a child process for what only a process shows (exit codes).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import type { Logger } from '../../src/util/logger.ts';

/** Shaped like a real token so redaction is exercised. */
export const TELEGRAM_TOKEN = '7000000013:AAReliabilityTokenForTests_abcdefghij';
export const POSTS_DIR = 'test/fixtures/reliability-posts';

export interface CapturedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
  at: number;
}

/** A logger that keeps every line with its performance.now() time. */
export function capturingLogger(): Logger & { lines: CapturedLine[]; text(): string } {
  const lines: CapturedLine[] = [];
  const at = (level: CapturedLine['level']) => (msg: string, data?: Record<string, unknown>) => {
    lines.push({ level, msg, data, at: performance.now() });
  };
  return {
    lines,
    text: () => lines.map((l) => `${l.level} ${l.msg} ${l.data ? JSON.stringify(l.data) : ''}`).join('\n'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** A fresh state folder, removed by the returned function. */
export function tempStateDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-reliability-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a Telegram-only bot against a fake. */
export function telegramEnv(apiRoot: string, stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { POSTS_DIR, SITE_URL: 'https://tech.webi.kr', TELEGRAM_TOKEN, TELEGRAM_API_ROOT: apiRoot, STATE_DIR: stateDir, POSTS_WATCH: 'false', ...extra };
}

/** Starts the real bot in this process, with a capturing logger. */
export async function startBot(env: Record<string, string>): Promise<{ bot: Briefbot; log: ReturnType<typeof capturingLogger> }> {
  const log = capturingLogger();
  const bot = await startBriefbot({ env, console: false, log });
  return { bot, log };
}

/** Polls `check` every 20 ms until it is truthy or `timeoutMs` passes; returns the last value. */
export async function eventually<T>(check: () => T, timeoutMs: number): Promise<T> {
  const end = performance.now() + timeoutMs;
  let value = check();
  while (!value && performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = check();
  }
  return value;
}

export interface ChildRun {
  /** Exit code, or null when killed at the time limit. */
  code: number | null;
  stderr: string;
  ms: number;
  /** True when the run hit `timeoutMs` and was killed. */
  killed: boolean;
}

/**
 * Runs `src/main.ts` as its own process (as `npm start` does) with `env` on top of a minimal
 * environment, killing it after `timeoutMs`. Resolves when it exits.
 */
export function runBotProcess(env: Record<string, string>, timeoutMs: number): Promise<ChildRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Math.round(performance.now() - started), killed });
    });
  });
}
