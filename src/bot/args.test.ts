import { describe, expect, it } from 'vitest';
import { coerceArgs } from './args.ts';
import type { Command, CommandOption } from './command.ts';
import { argsFromText } from './command-line.ts';
import type { Messages } from '../i18n/core.ts';

const full: CommandOption = { name: 'full', type: 'boolean', description: { ko: '전체', en: 'full' } };
const t = {} as Messages;

describe('coerceArgs: booleans', () => {
  it('reads the option typed by its name as yes (/reindex full, as /help writes it)', () => {
    const raw = argsFromText({ name: 'reindex', options: [full] } as unknown as Command, 'full');
    expect(coerceArgs([full], raw, t)).toEqual({ full: true });
  });

  it('keeps name:value and platform booleans as they were', () => {
    expect(coerceArgs([full], { full: 'true' }, t)).toEqual({ full: true });
    expect(coerceArgs([full], { full: 'false' }, t)).toEqual({ full: false });
    expect(coerceArgs([full], { full: true }, t)).toEqual({ full: true });
    expect(coerceArgs([full], { full: 'nope' }, t)).toEqual({ full: false });
    expect(coerceArgs([full], {}, t)).toEqual({ full: undefined });
  });
});
