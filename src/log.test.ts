import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log.ts';

describe('logger', () => {
  it('never writes a configured token, even inside data or URLs', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', secrets: ['discord.secret.token'], write: (l) => lines.push(l) });
    log.error('request failed', { url: 'http://x/bot123456:AAAbbbCCCdddEEEfffGGGhhh/sendMessage', auth: 'Bot discord.secret.token' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('discord.secret.token');
    expect(lines[0]).not.toContain('AAAbbbCCCdddEEEfffGGGhhh');
    expect(lines[0]).toContain('[redacted]');
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    log.info('hidden');
    log.warn('shown');
    expect(lines.map((l) => l.split(' ').slice(1).join(' '))).toEqual(['WARN shown']);
  });

  it('redacts telegram-shaped tokens it was not told about', () => {
    expect(redact('GET /bot987654321:ABCDEFGHIJKLMNOPQRSTUVWXYZ/getMe', [])).toBe('GET /bot[redacted]/getMe');
  });
});
