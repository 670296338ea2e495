import { describe, expect, it } from 'vitest';
import { Engine, type Catalog, type ReindexOptions } from './engine.ts';
import type { LoadReport } from '../posts/types.ts';

const report: LoadReport = { added: [], changed: [], removed: [], skipped: [], warnings: [], repaired: [], files: 0, ms: 0 };

describe('Engine.reindex options', () => {
  it('passes `full` to the catalog loader (an incremental reindex by default)', async () => {
    const seen: (ReindexOptions | undefined)[] = [];
    const engine = new Engine(async (_previous, options) => {
      seen.push(options);
      return { report, loadedAt: new Date() } as unknown as Catalog;
    });
    await engine.reindex();
    await engine.reindex({ full: true });
    expect(seen).toEqual([{}, { full: true }]);
  });
});
