import { describe, expect, it } from 'vitest';
import { derivationalNeighbours } from './expand.ts';

describe('derivational suffixes', () => {
  it('swap for their neighbours, and leave the stem, when it keeps two syllables', () => {
    expect(derivationalNeighbours('도덕성')).toEqual(['도덕적', '도덕화', '도덕']);
    expect(derivationalNeighbours('성')).toEqual([]);
    expect(derivationalNeighbours('적성')).toEqual([]);
    expect(derivationalNeighbours('컨테이너')).toEqual([]);
  });
});
