/**
 * MiniSearch's radix tree (`SearchableMap`'s `_tree`) as plain data and back, for the index
 * snapshot: a restart put the terms back one `set` at a time, and each `set` scans the children
 * of every node it passes for the one that starts with the next character. The root of a Korean
 * index has a child per first syllable (some 2,000 on the real blog), so putting back its 20,000
 * terms was the largest part of a restart on the real corpus (bench/restart.ts). Read back from
 * its shape, the tree is the same Maps made in the same order, with no search at all.
 *
 * The shape, walked depth first in the tree's own order (the order `atPrefix` gives terms in,
 * which the scores' sums follow): per node, its number of entries, then per entry either a term's
 * row (≥ 0: the node holds that term's data) or {@link CHILD} (the next edge label of `edges`,
 * whose node follows at once).
 */

/** A node of the tree: edge label → child, and `''` → the data of the term spelt by the path to it. */
export type TreeNode<T> = Map<string, TreeNode<T> | T>;

/** The key under which a node holds its term's data (MiniSearch's `LEAF`). */
const LEAF = '';
/** An entry of the shape that names a child, its edge label next in `edges`. */
const CHILD = -1;
/** Nodes with more children than this have their first characters checked with a set. */
const WIDE_NODE = 16;

/** A tree's shape: the edge labels in walk order, and the numbers described in the module comment. */
export interface TreeShape {
  edges: string[];
  shape: Int32Array;
}

/**
 * The shape of `tree`; `rowOf` names each node's data by a row (the term's place in the list it
 * is saved with). Undefined when some data has no row (the tree and the list do not agree).
 */
export function treeShape<T>(tree: TreeNode<T>, rowOf: (data: T) => number | undefined): TreeShape | undefined {
  const edges: string[] = [];
  const shape: number[] = [];
  const walk = (node: TreeNode<T>): boolean => {
    shape.push(node.size);
    for (const [edge, child] of node) {
      if (edge === LEAF) {
        const row = rowOf(child as T);
        if (row === undefined || row < 0) return false;
        shape.push(row);
      } else {
        shape.push(CHILD);
        edges.push(edge);
        if (!walk(child as TreeNode<T>)) return false;
      }
    }
    return true;
  };
  return walk(tree) ? { edges, shape: Int32Array.from(shape) } : undefined;
}

/**
 * The tree a {@link treeShape} describes, holding `data[row]` for `terms[row]`; undefined unless it
 * is exactly a radix tree of those terms: every term once, each spelt by the path to its data,
 * edges not empty, siblings starting with distinct characters, and nothing left over.
 */
export function treeFromShape<T>(saved: TreeShape, terms: readonly string[], data: readonly T[]): TreeNode<T> | undefined {
  const { edges, shape } = saved;
  if (!Array.isArray(edges) || !(shape instanceof Int32Array) || data.length !== terms.length) return undefined;
  // The edges from the root to the node being read, and where each begins in the term.
  const path: string[] = [];
  const offsets: number[] = [];
  let at = 0;
  let nextEdge = 0;
  let leaves = 0;
  const spelt = (term: string, depth: number): boolean => {
    for (let i = 0; i < path.length; i++) if (!term.startsWith(path[i]!, offsets[i]!)) return false;
    return term.length === depth;
  };
  const read = (depth: number): TreeNode<T> | undefined => {
    const count = shape[at++];
    if (count === undefined || count < 0) return undefined;
    const node: TreeNode<T> = new Map();
    const firsts = count > WIDE_NODE ? new Set<string>() : undefined;
    for (let i = 0; i < count; i++) {
      const entry = shape[at++];
      if (entry === undefined) return undefined;
      if (entry === CHILD) {
        const edge = edges[nextEdge++];
        if (typeof edge !== 'string' || edge.length === 0 || !distinctFirst(node, edge, firsts)) return undefined;
        path.push(edge);
        offsets.push(depth);
        const child = read(depth + edge.length);
        path.pop();
        offsets.pop();
        if (!child) return undefined;
        node.set(edge, child);
      } else {
        const term = terms[entry];
        // No row twice, without marking them: siblings start apart, so no two nodes spell the same term.
        if (term === undefined || node.has(LEAF) || !spelt(term, depth)) return undefined;
        leaves++;
        node.set(LEAF, data[entry]!);
      }
    }
    return node;
  };
  const tree = read(0);
  return tree && at === shape.length && nextEdge === edges.length && leaves === terms.length ? tree : undefined;
}

/** True when no child of `node` starts as `edge` does (`firsts`: the first characters so far, for a wide node). */
function distinctFirst<T>(node: TreeNode<T>, edge: string, firsts: Set<string> | undefined): boolean {
  const first = edge[0]!;
  if (firsts) {
    if (firsts.has(first)) return false;
    firsts.add(first);
    return true;
  }
  for (const key of node.keys()) if (key !== LEAF && key[0] === first) return false;
  return true;
}
