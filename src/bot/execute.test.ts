import { describe, expect, it } from 'vitest';
import { fixture, recordingLogger } from '../../test/helpers/core.ts';
import { loadLibrary } from '../posts/load.ts';
import { SearchIndex } from '../search/index.ts';
import { defineCommand } from './command.ts';
import { Engine } from './engine.ts';
import { UserError } from './errors.ts';
import { createBotCore } from './execute.ts';

const boom = defineCommand({
  name: 'boom',
  description: { ko: '', en: '' },
  options: [] as const,
  run() {
    throw new Error('disk on fire at /secret/path');
  },
});
const polite = defineCommand({
  name: 'polite',
  description: { ko: '', en: '' },
  options: [] as const,
  run() {
    throw new UserError('fix your input');
  },
});
const commands = [boom, polite];

async function readyEngine() {
  const engine = new Engine(async () => {
    const { library, report } = await loadLibrary({ postsDir: fixture('command-posts'), siteUrl: 'https://blog.example' });
    return { library, index: SearchIndex.build(library.all()), report, loadedAt: new Date() };
  });
  await engine.reindex();
  return engine;
}

const member = { id: 'u1', isModerator: false };

describe('the core’s error boundary', () => {
  it('hides an unexpected error behind a short apology and logs it with context', async () => {
    const log = recordingLogger();
    const core = createBotCore({ commands, engine: await readyEngine(), defaultLocale: 'en', log });
    const reply = await core.execute({ command: 'boom', args: { x: 1 }, invoker: member, platform: 'telegram', place: 'chat1' });
    expect(reply).toEqual({ kind: 'error', private: true, text: ['Sorry, something went wrong on our side. Please try again in a moment.'] });
    expect(JSON.stringify(reply)).not.toContain('disk on fire');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({
      level: 'error',
      msg: 'command failed',
      data: { command: 'boom', args: { x: 1 }, platform: 'telegram', place: 'chat1', invoker: 'u1' },
    });
    expect(String(log.lines[0]?.data?.error)).toContain('disk on fire');
  });

  it('shows a UserError’s message as is, without logging it as a failure', async () => {
    const log = recordingLogger();
    const core = createBotCore({ commands, engine: await readyEngine(), defaultLocale: 'en', log });
    expect(await core.execute({ command: 'polite', args: {}, invoker: member, platform: 'console' })).toEqual({
      kind: 'error',
      private: true,
      text: ['fix your input'],
    });
    expect(log.lines).toEqual([]);
  });

  it('answers an unknown command with a pointer to /help in the default locale', async () => {
    const core = createBotCore({ commands, engine: await readyEngine(), defaultLocale: 'ko', log: recordingLogger() });
    const reply = await core.execute({ command: 'nope', args: {}, invoker: member, platform: 'console' });
    expect(reply.text).toEqual(['알 수 없는 명령입니다: nope. /help 로 명령 목록을 확인하세요.']);
  });

  it('says the posts are still loading before the first load', async () => {
    const engine = new Engine(() => new Promise(() => {}));
    const core = createBotCore({ commands, engine, defaultLocale: 'en', log: recordingLogger() });
    const reply = await core.execute({ command: 'boom', args: {}, invoker: member, platform: 'console' });
    expect(reply.text).toEqual(['The posts are still loading. Please try again in a moment.']);
  });

  it('picks the UI language from the platform locale, falling back to the default', () => {
    const core = createBotCore({ commands, engine: new Engine(async () => { throw new Error('unused'); }), defaultLocale: 'ko', log: recordingLogger() });
    expect([core.localeFor('en-US'), core.localeFor('ko'), core.localeFor('de'), core.localeFor(undefined)]).toEqual(['en', 'ko', 'ko', 'ko']);
  });
});

describe('Engine', () => {
  it('keeps the old catalog serving when a reindex fails', async () => {
    let fail = false;
    const engine = new Engine(async () => {
      if (fail) throw new Error('posts folder vanished');
      const { library, report } = await loadLibrary({ postsDir: fixture('command-posts'), siteUrl: 'https://blog.example' });
      return { library, index: SearchIndex.build(library.all()), report, loadedAt: new Date() };
    });
    await engine.reindex();
    const before = engine.catalog;
    fail = true;
    await expect(engine.reindex()).rejects.toThrow('posts folder vanished');
    expect(engine.catalog).toBe(before);
    expect(engine.lastError?.message).toBe('posts folder vanished');
  });

  it('shares one run between concurrent reindex requests', async () => {
    let loads = 0;
    const engine = new Engine(async () => {
      loads += 1;
      const { library, report } = await loadLibrary({ postsDir: fixture('command-posts'), siteUrl: 'https://blog.example' });
      return { library, index: SearchIndex.build(library.all()), report, loadedAt: new Date() };
    });
    await Promise.all([engine.reindex(), engine.reindex(), engine.reindex()]);
    expect(loads).toBe(1);
  });
});
