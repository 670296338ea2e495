import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { endQuietlyOnClosedPipe } from './closed-pipe.ts';

describe('endQuietlyOnClosedPipe', () => {
  const failing = (code: string) => Object.assign(new Error(`write ${code}`), { code });

  it('ends the process with 0 when the reader closed the pipe (show | head)', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    endQuietlyOnClosedPipe(stream, (code) => exits.push(code));
    expect(() => stream.emit('error', failing('EPIPE'))).not.toThrow();
    expect(exits).toEqual([0]);
  });

  it('still throws any other write error', () => {
    const stream = new EventEmitter();
    const exits: number[] = [];
    endQuietlyOnClosedPipe(stream, (code) => exits.push(code));
    expect(() => stream.emit('error', failing('ENOSPC'))).toThrow('write ENOSPC');
    expect(exits).toEqual([]);
  });
});
