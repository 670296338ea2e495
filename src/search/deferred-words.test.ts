import { describe, expect, it } from 'vitest';
import { DeferredWords } from './deferred-words.ts';

describe('DeferredWords', () => {
  it('files waiting words a slice at a time, in the order given, and says when none is left', () => {
    const filed: string[] = [];
    const deferred = new DeferredWords((word) => filed.push(word));
    deferred.defer(['a', 'b', 'c']);
    expect(deferred.fileSome(2)).toBe(false);
    expect(filed).toEqual(['a', 'b']);
    expect(deferred.fileSome(2)).toBe(true);
    expect(filed).toEqual(['a', 'b', 'c']);
  });

  it('never files a word forgotten while it waited, and tells it was waiting', () => {
    const filed: string[] = [];
    const deferred = new DeferredWords((word) => filed.push(word));
    deferred.defer(['a', 'b']);
    expect(deferred.forget('a')).toBe(true);
    expect(deferred.forget('z')).toBe(false);
    expect(deferred.fileSome(Infinity)).toBe(true);
    expect(filed).toEqual(['b']);
  });
});
