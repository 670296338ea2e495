import { describe, expect, it } from 'vitest';
import { defineCommand } from '../../bot/command.ts';
import { commandMenu, deepLinkParameter } from './commands.ts';
import { argsFromText } from '../../bot/command-line.ts';

const run = () => ({ text: [] });
const tag = defineCommand({
  name: 'tag',
  description: { ko: '태그', en: 'Tag' },
  options: [
    { name: 'page', type: 'integer', description: { ko: '쪽', en: 'Page' } },
    { name: 'tag', type: 'string', required: true, description: { ko: '태그', en: 'Tag' } },
  ] as const,
  run,
});
const latest = defineCommand({
  name: 'latest',
  description: { ko: '최신 글', en: 'Latest posts' },
  options: [{ name: 'count', type: 'integer', description: { ko: '개수', en: 'Count' } }] as const,
  run,
});
const help = defineCommand({ name: 'help', description: { ko: '도움말', en: 'x'.repeat(300) }, options: [] as const, run });
const post = defineCommand({ name: 'post', hidden: true, description: { ko: '글', en: 'Post' }, options: [] as const, run });

describe('argsFromText', () => {
  it('gives the text to the first required option, whatever its position', () => {
    expect(argsFromText(tag, '  생성형 AI ')).toEqual({ tag: '생성형 AI' });
  });

  it('gives it to the first option when none is required, and to nothing when there is none', () => {
    expect(argsFromText(latest, '3')).toEqual({ count: '3' });
    expect(argsFromText(help, 'whatever')).toEqual({});
  });

  it('passes no argument for empty text, so the core can ask for it', () => {
    expect(argsFromText(tag, '   ')).toEqual({});
  });
});

describe('deep links', () => {
  it('accepts 1–64 of A-Za-z0-9_- as a post id and nothing else', () => {
    expect(deepLinkParameter(' iwbxQZKvlhgW ')).toBe('iwbxQZKvlhgW');
    expect(deepLinkParameter('a'.repeat(64))).toBe('a'.repeat(64));
    expect(deepLinkParameter('a'.repeat(65))).toBeUndefined();
    expect(deepLinkParameter('엔비디아')).toBeUndefined();
    expect(deepLinkParameter('')).toBeUndefined();
  });

});

describe('commandMenu', () => {
  it('lists visible commands in one language with descriptions cut to 256 characters', () => {
    expect(commandMenu([tag, latest, help, post], 'ko')).toEqual([
      { command: 'tag', description: '태그' },
      { command: 'latest', description: '최신 글' },
      { command: 'help', description: '도움말' },
    ]);
    expect(commandMenu([help], 'en')[0]?.description).toHaveLength(256);
  });
});
