import { describe, expect, it } from 'vitest';
import { defineCommand } from './command.ts';
import { formatCommandLine, parseCommandLine } from './command-line.ts';

const tag = defineCommand({
  name: 'tag',
  description: { ko: '태그', en: 'tag' },
  options: [
    { name: 'tag', type: 'string', required: true, description: { ko: '', en: '' } },
    { name: 'page', type: 'integer', description: { ko: '', en: '' } },
  ] as const,
  run: () => ({ text: [] }),
});

describe('parseCommandLine', () => {
  it('gives the free text to the first option and name:value words to the others', () => {
    expect(parseCommandLine('/tag 생성형 AI page:2', [tag])).toEqual({ command: 'tag', args: { tag: '생성형 AI', page: '2' } });
  });

  it('keeps the addressee of /cmd@bot so adapters can ignore other bots', () => {
    expect(parseCommandLine('/tag@other_bot AI', [tag])).toEqual({ command: 'tag', addressee: 'other_bot', args: { tag: 'AI' } });
  });

  it('says a line without a slash is not a command', () => {
    expect(parseCommandLine('tag AI', [tag])).toBeUndefined();
  });

  it('keeps unknown commands so the core can answer with help', () => {
    expect(parseCommandLine('/nope x', [tag])).toEqual({ command: 'nope', args: {} });
  });

  it('round-trips through formatCommandLine', () => {
    const line = formatCommandLine(tag, 'tag', { tag: 'AI', page: 3 });
    expect(line).toBe('/tag AI page:3');
    expect(parseCommandLine(line, [tag])?.args).toEqual({ tag: 'AI', page: '3' });
  });
});
