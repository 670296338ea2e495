import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log.ts';

/** Shaped like a real BotFather token, so the shape-based pattern is tested too. */
const TELEGRAM = '7000000001:AAFakeTokenForTestsOnly_abcdefghijkl';
const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

function capture(level: 'debug' | 'info' | 'warn' = 'debug', secrets: string[] = [TELEGRAM, DISCORD]) {
  const lines: string[] = [];
  const log = createLogger({ level, secrets, format: 'json', write: (l) => lines.push(l) });
  return { lines, log };
}

describe('logger', () => {
  it('never writes a configured token, even inside data or URLs', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: ['discord.secret.token'], format: 'json', write: (l) => lines.push(l) });
    log.error('request failed', { url: 'http://x/bot123456:AAAbbbCCCdddEEEfffGGGhhh/sendMessage', auth: 'Bot discord.secret.token' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('discord.secret.token');
    expect(lines[0]).not.toContain('AAAbbbCCCdddEEEfffGGGhhh');
    expect(lines[0]).toContain('[redacted]');
  });

  it('writes one JSON object a line: level name, ISO time, message and the fields flat', () => {
    const { lines, log } = capture();
    log.info('posts loaded', { posts: 42, ms: 7 });
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ level: 'info', msg: 'posts loaded', posts: 42, ms: 7 });
    expect(new Date(line.time).toISOString()).toBe(line.time);
  });

  it('never writes a configured token, in the message, a field, a nested object, a URL or a stack', () => {
    const { lines, log } = capture();
    const error = new Error(`request to https://api.telegram.org/bot${TELEGRAM}/getMe failed`);
    log.error(`login with ${DISCORD} failed`, {
      url: `http://x/bot${TELEGRAM}/sendMessage`,
      auth: `Bot ${DISCORD}`,
      nested: { deeper: [{ token: TELEGRAM }] },
      error: error.stack,
    });
    log.debug('plain', { headers: { authorization: `Bot ${DISCORD}` } });
    expect(lines).toHaveLength(2);
    for (const text of lines) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(text).not.toContain(TELEGRAM);
      expect(text).not.toContain(DISCORD);
      expect(text).not.toContain('AAFakeTokenForTestsOnly');
      expect(text).toContain('[redacted]');
    }
  });

  it('drops lines below the level', () => {
    const { lines, log } = capture('warn');
    log.info('hidden');
    log.warn('shown');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });

  it('redacts telegram-shaped tokens it was not told about', () => {
    expect(redact('GET /bot987654321:ABCDEFGHIJKLMNOPQRSTUVWXYZ/getMe', [])).toBe('GET /bot[redacted]/getMe');
    const { lines, log } = capture('debug', []);
    log.warn('GET /bot987654321:ABCDEFGHIJKLMNOPQRSTUVWXYZ/getMe');
    expect(lines[0]).not.toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });

  it('writes readable lines in pretty format, still redacted', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: [DISCORD], format: 'pretty', write: (l) => lines.push(l) });
    log.warn('discord login failed', { auth: `Bot ${DISCORD}` });
    const text = lines.join('\n');
    expect(text).toContain('WARN');
    expect(text).toContain('discord login failed');
    expect(text).not.toContain(DISCORD);
    expect(() => JSON.parse(lines[0]!)).toThrow();
  });
});
