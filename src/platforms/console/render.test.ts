import { describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/reply.ts';
import { renderText } from './render.ts';

const format = (action: { command: string; args: Record<string, string | number> }) =>
  `/${action.command} ${Object.entries(action.args).map(([k, v]) => `${k}:${v}`).join(' ')}`;

describe('renderText', () => {
  it('puts the actions that replace the view on one line and those that open something new one a line', () => {
    const reply: Reply = {
      title: 'Latest',
      text: [],
      actions: [
        { label: '2. Rust', command: 'post', args: { id: 'abc' }, effect: 'new-message' },
        { label: '◀ Previous', command: 'latest', args: { page: 1 } },
        { label: 'Next ▶', command: 'latest', args: { page: 3 }, effect: 'replace' },
        { label: '3. Go', command: 'post', args: { id: 'def' }, effect: 'new-message' },
      ],
    };
    expect(renderText(reply, format).split('\n')).toEqual([
      '# Latest',
      '[◀ Previous] /latest page:1  [Next ▶] /latest page:3',
      '[2. Rust] /post id:abc',
      '[3. Go] /post id:def',
    ]);
  });

  it('shows no actions without a formatter', () => {
    expect(renderText({ text: ['hi'], actions: [{ label: 'x', command: 'y', args: {} }] })).toBe('hi');
  });
});
