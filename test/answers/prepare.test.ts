/**
 * The bot compiles /ask's tables (glossary, aliases, vocabulary) a moment after it starts, so the
 * first question after a start does not pay for them; a bot stopped before that moment never does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startBriefbot } from '../../src/main.ts';
import { recordingLogger } from '../helpers/core.ts';

const postsDir = fileURLToPath(new URL('../../posts', import.meta.url));
const stateDir = mkdtempSync(join(tmpdir(), 'briefbot-prepare-state-'));
const env = { POSTS_DIR: postsDir, STATE_DIR: stateDir, POSTS_WATCH: 'false' };
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 20))) if (check()) return true;
  return check();
}

describe('answer tables prepared after the start', () => {
  it('are compiled once the bot is up, and said so in the log', async () => {
    const log = recordingLogger();
    const bot = await startBriefbot({ env, console: false, log, prepareAnswersAfterMs: 0 });
    try {
      const prepared = () => log.lines.some((line) => line.msg === 'answers: tables prepared');
      expect(await until(prepared, 10_000)).toBe(true);
      expect(log.lines.find((line) => line.msg === 'answers: tables prepared')?.data?.ms).toEqual(expect.any(Number));
    } finally {
      await bot.stop();
    }
  });

  it('are not compiled by a bot stopped before the moment comes', async () => {
    const log = recordingLogger();
    const bot = await startBriefbot({ env, console: false, log, prepareAnswersAfterMs: 200 });
    await bot.stop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(log.lines.map((line) => line.msg)).not.toContain('answers: tables prepared');
  });
});
