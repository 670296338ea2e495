import { describe, expect, it } from 'vitest';
import SearchableMap from 'minisearch/SearchableMap';
import { treeFromShape, treeShape, type TreeNode, type TreeShape } from './tree-shape.ts';

/** Every node's entries in order, data as is: two trees alike here are the same Maps made in the same order. */
const layout = (node: TreeNode<unknown>): unknown[] => [...node].map(([edge, child]) => (edge === '' ? ['', child] : [edge, layout(child as TreeNode<unknown>)]));

/** A SearchableMap filled a term at a time, as MiniSearch fills its index: edges split as terms come. */
function filled(terms: readonly string[]): { map: SearchableMap<{ row: number }>; tree: TreeNode<{ row: number }> } {
  const map = new SearchableMap<{ row: number }>();
  terms.forEach((term, row) => map.set(term, { row }));
  return { map, tree: (map as unknown as { _tree: TreeNode<{ row: number }> })._tree };
}

// Splits (데이터 after 데이터베이스, ab after abc), a term that is a prefix of others, and a root wider than 16.
const TERMS = ['데이터베이스', '데이터', '데이', 'abc', 'abd', 'ab', 'b', '전력', '전기', ...'cdefghijklmnopqrstuvwxyz'.split('').map((c) => `${c}${c}x`)];

describe('tree shape', () => {
  it('gives back the tree MiniSearch made, node for node and in its order, so prefix walks list terms alike', () => {
    const { map, tree } = filled(TERMS);
    const shape = treeShape(tree, (data) => data.row)!;
    const data = TERMS.map((_, row) => ({ row }));
    const restored = treeFromShape(shape, TERMS, data)!;
    expect(layout(restored)).toEqual(layout(tree));
    const again = new SearchableMap<{ row: number }>(restored as never);
    for (const prefix of ['데', 'a', '전', 'z']) expect([...again.atPrefix(prefix).keys()], prefix).toEqual([...map.atPrefix(prefix).keys()]);
    // The data given by row, not copies.
    expect(again.get('데이터')).toBe(data[1]);
  });

  it('takes nothing but a radix tree of exactly the given terms', () => {
    const { tree } = filled(TERMS);
    const good = treeShape(tree, (data) => data.row)!;
    const data = TERMS.map((_, row) => ({ row }));
    const swapped = [...TERMS];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    const changed = (edit: (shape: number[], edges: string[]) => void): TreeShape => {
      const [shape, edges] = [[...good.shape], [...good.edges]];
      edit(shape, edges);
      return { edges, shape: Int32Array.from(shape) };
    };
    // Made by hand: each leaf spelt right, but two siblings start with a; a node holding row 0 twice.
    const alike: TreeShape = { edges: ['ab', 'ac'], shape: Int32Array.from([2, -1, 1, 0, -1, 1, 1]) };
    const twice: TreeShape = { edges: ['a'], shape: Int32Array.from([1, -1, 2, 0, 0]) };
    // The same shapes with the fault mended are taken.
    expect(treeFromShape({ edges: ['ab', 'cd'], shape: alike.shape }, ['ab', 'cd'], [{ row: 0 }, { row: 1 }])).toBeDefined();
    expect(treeFromShape({ edges: ['a'], shape: Int32Array.from([1, -1, 1, 0]) }, ['a'], [{ row: 0 }])).toBeDefined();
    const cases: [string, TreeShape, readonly string[]][] = [
      ['terms in another order', good, swapped],
      ['a term more than the tree holds', good, [...TERMS, 'extra']],
      ['a number left over', changed((shape) => shape.push(0)), TERMS],
      ['an edge left over', changed((_, edges) => edges.push('zz')), TERMS],
      ['an empty edge', changed((_, edges) => (edges[0] = '')), TERMS],
      ['siblings starting alike', alike, ['ab', 'ac']],
      ['a node holding a term twice, another term nowhere', twice, ['a', 'b']],
      ['cut short', changed((shape) => shape.splice(-3)), TERMS],
    ];
    for (const [label, shape, terms] of cases) expect(treeFromShape(shape, terms, terms.map((_, row) => data[row] ?? { row })), label).toBeUndefined();
  });

  it('has no shape for a tree holding data the list has no row for', () => {
    const { tree } = filled(TERMS);
    expect(treeShape(tree, (data) => (data.row === 3 ? undefined : data.row))).toBeUndefined();
  });
});
