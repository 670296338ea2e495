/** DISCORD_THREADS (issue 12): off by default, on with `true`, anything else is a mistake. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const DISCORD = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('DISCORD_THREADS', () => {
  it('is off unless set to true', () => {
    expect(loadConfig({ DISCORD_TOKEN: DISCORD }).discord?.threads).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_THREADS: 'false' }).discord?.threads).toBeUndefined();
    expect(loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_THREADS: 'true' }).discord?.threads).toBe(true);
  });

  it('takes only true or false', () => {
    const read = () => loadConfig({ DISCORD_TOKEN: DISCORD, DISCORD_THREADS: 'yes' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow('DISCORD_THREADS must be true or false (got "yes")');
  });
});
