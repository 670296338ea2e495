import { describe, expect, it } from 'vitest';
import { diffInOrder, type RankedItems } from './list-changes.ts';

/** Items held with ranks 0, 1, 2, ... in list order (or the ranks given). */
function heldAs(items: readonly string[], ranks: readonly number[] = items.map((_, i) => i)): RankedItems<string> {
  const rank = new Map(items.map((item, i) => [item, ranks[i]!]));
  return { has: (item) => rank.has(item), rankOf: (item) => rank.get(item)! };
}

const before = ['a', 'b', 'c', 'd'];

describe('diffInOrder', () => {
  it('finds a post put in at the front, in the middle and at the end, ranked between its neighbours', () => {
    expect(diffInOrder(before, ['n', ...before], heldAs(before))).toEqual({ added: ['n'], removed: [], addedRanks: [-1] });
    expect(diffInOrder(before, ['a', 'b', 'n', 'c', 'd'], heldAs(before))).toEqual({ added: ['n'], removed: [], addedRanks: [1.5] });
    expect(diffInOrder(before, [...before, 'n'], heldAs(before))).toEqual({ added: ['n'], removed: [], addedRanks: [4] });
  });

  it('spreads a run of new posts evenly between two kept ones', () => {
    expect(diffInOrder(before, ['a', 'x', 'y', 'z', 'b', 'c', 'd'], heldAs(before))?.addedRanks).toEqual([0.25, 0.5, 0.75]);
    expect(diffInOrder(before, ['x', 'y', 'a', 'b', 'c', 'd'], heldAs(before))?.addedRanks).toEqual([-2, -1]);
  });

  it('finds removed posts and an edited one (a new object in the old one’s place)', () => {
    expect(diffInOrder(before, ['a', 'd'], heldAs(before))).toEqual({ added: [], removed: ['b', 'c'], addedRanks: [] });
    expect(diffInOrder(before, ['a', "b'", 'c', 'd'], heldAs(before))).toEqual({ added: ["b'"], removed: ['b'], addedRanks: [1] });
    expect(diffInOrder(before, [], heldAs(before))).toEqual({ added: [], removed: before, addedRanks: [] });
  });

  it('ranks a list of new posts only from 0', () => {
    expect(diffInOrder([], ['x', 'y'], heldAs([]))).toEqual({ added: ['x', 'y'], removed: [], addedRanks: [0, 1] });
  });

  it('declines kept posts in another order, a post listed twice and a held post the old list lacks', () => {
    expect(diffInOrder(before, ['b', 'a', 'c', 'd'], heldAs(before))).toBeUndefined();
    expect(diffInOrder(before, ['a', 'b', 'c', 'd', 'a'], heldAs(before))).toBeUndefined();
    expect(diffInOrder(before, ['a', 'n', 'n', 'b', 'c', 'd'], heldAs(before))).toBeUndefined();
    expect(diffInOrder(['a'], ['a', 'b'], heldAs(['a', 'b']))).toBeUndefined();
  });

  it('gives no ranks when two neighbours are too close to put a post between', () => {
    const tight = heldAs(['a', 'b'], [1, 1 + Number.EPSILON]);
    expect(diffInOrder(['a', 'b'], ['a', 'n', 'b'], tight)).toEqual({ added: ['n'], removed: [], addedRanks: undefined });
  });
});
