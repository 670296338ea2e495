import { describe, expect, it } from 'vitest';
import { evaluate, formatEvaluation, type LabelledQuery } from './metrics.ts';

/** A near-miss may answer nothing or its neighbour; nonsense must answer nothing. */
const QUERIES: LabelledQuery[] = [
  { kind: 'near-miss', query: 'quiet', expect: ['n'], emptyOk: true, part: 'dev' },
  { kind: 'near-miss', query: 'neighbour', expect: ['n'], emptyOk: true, part: 'dev' },
  { kind: 'near-miss', query: 'stranger', expect: ['n'], emptyOk: true, part: 'heldout' },
  { kind: 'nonsense', query: 'noise', expect: [], part: 'heldout' },
  { kind: 'typo', subkind: 'jamo', query: 'jamo slip', expect: ['t'], part: 'dev' },
  { kind: 'typo', subkind: 'ko-layout', query: 'layout slip', expect: ['t'], part: 'heldout' },
  { kind: 'vague', query: 'entity news', expect: ['v'], part: 'heldout' },
];

const RESULTS: Record<string, string[]> = {
  quiet: [],
  neighbour: ['n', 'x'],
  stranger: ['x', 'n'],
  noise: ['x'],
  'jamo slip': ['t'],
  'layout slip': [],
  'entity news': ['v'],
};

const evaluation = evaluate(QUERIES, (query) => RESULTS[query] ?? []);

describe('evaluate on near-misses, subkinds and parts', () => {
  it('counts a near-miss as answered when it finds nothing or its neighbour first, not another post', () => {
    expect(evaluation.byKind['near-miss']).toEqual({ count: 3, successAt1: 2 / 3, successAt3: 1, mrr: (1 + 1 + 0.5) / 3 });
  });

  it('does not let an empty result pass for a query that expects a post', () => {
    expect(evaluation.bySubkind['typo/ko-layout']).toEqual({ count: 1, successAt1: 0, successAt3: 0, mrr: 0 });
    expect(evaluation.bySubkind['typo/jamo']!.successAt1).toBe(1);
  });

  it('reports each part on its own', () => {
    expect(evaluation.byPart.dev!.count).toBe(3);
    expect(evaluation.byPart.dev!.successAt1).toBe(1);
    expect(evaluation.byPart.heldout!.count).toBe(4);
    expect(evaluation.byPart.heldout!.successAt1).toBe(1 / 4);
  });

  it('reports nonsense and near-miss together as the precision side, the rest as recall', () => {
    expect(evaluation.rejection!.count).toBe(4);
    expect(evaluation.rejection!.successAt1).toBe(2 / 4);
    expect(evaluation.recall!.count).toBe(3);
    expect(evaluation.recall!.successAt1).toBe(2 / 3);
    expect(evaluation.wrongFirst.map((wrong) => wrong.query.query)).toEqual(['stranger', 'noise', 'layout slip']);
  });

  it('prints subkinds under their kind and the precision side beside recall', () => {
    const lines = formatEvaluation(evaluation).split('\n');
    const typo = lines.findIndex((line) => line.startsWith('typo '));
    expect(lines[typo + 1]).toMatch(/^ {2}jamo +n= {2}1 {2}s@1=1\.00/);
    expect(lines[typo + 2]).toMatch(/^ {2}ko-layout +n= {2}1 {2}s@1=0\.00/);
    expect(lines.find((line) => line.startsWith('nonsense/near-miss rejected'))).toMatch(/n= {2}4 {2}s@1=0\.50/);
    expect(lines.find((line) => line.startsWith('recall'))).toMatch(/n= {2}3 {2}s@1=0\.67/);
  });
});
