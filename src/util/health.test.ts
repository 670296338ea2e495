import { describe, expect, it } from 'vitest';
import { HealthBoard, backoffDelay } from './health.ts';
import type { Logger } from './logger.ts';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => void lines.push(`${level} ${msg} ${String(data?.connection ?? '')}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('HealthBoard', () => {
  it('logs an outage once when it starts and once when it ends, however many retries it takes', () => {
    const log = recordingLogger();
    const board = new HealthBoard({ log });
    board.report('telegram', 'starting');
    board.report('telegram', 'ready');
    for (let i = 0; i < 5; i++) board.report('telegram', 'degraded', { cause: '409 Conflict: another instance polls with this token', nextAttemptAt: new Date(i) });
    board.report('telegram', 'ready');
    expect(log.lines).toEqual(['warn connection degraded telegram', 'info connection recovered telegram']);
    expect(board.get('telegram')?.state).toBe('ready');
  });

  it('is ready only when every reported connection is', () => {
    const board = new HealthBoard();
    expect(board.ready()).toBe(false);
    board.report('database', 'ready');
    board.report('discord', 'starting');
    expect(board.ready()).toBe(false);
    board.report('discord', 'ready');
    expect(board.ready()).toBe(true);
    board.report('discord', 'down', { cause: 'gateway closed 4014: disallowed intents' });
    expect(board.ready()).toBe(false);
    expect(board.all().map((s) => `${s.name}:${s.state}`)).toEqual(['database:ready', 'discord:down']);
  });

  it('keeps the time an episode began while its details change', () => {
    let t = 0;
    const board = new HealthBoard({ now: () => new Date(t) });
    board.report('x', 'degraded', { cause: 'a' });
    t = 5000;
    board.report('x', 'degraded', { cause: 'b' });
    expect(board.get('x')).toMatchObject({ since: new Date(0), cause: 'b' });
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, stops at the cap, and spreads by the jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, { baseMs: 100, maxMs: 500, random: mid }))).toEqual([100, 200, 400, 500]);
    expect(backoffDelay(0, { baseMs: 100, jitter: 0.2, random: () => 0 })).toBe(80);
    expect(backoffDelay(0, { baseMs: 100, jitter: 0.2, random: () => 1 })).toBe(120);
  });
});
