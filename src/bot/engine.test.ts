import { describe, expect, it } from 'vitest';
import { Engine, type Catalog, type ReindexOptions } from './engine.ts';
import { Library } from '../posts/library.ts';
import type { SearchIndex } from '../search/index.ts';

const site = { url: 'https://blog.example', baseurl: '', timezone: 'UTC', permalink: '/posts/:title/' };
const emptyReport = { added: [], changed: [], removed: [], skipped: [], warnings: [], repaired: [], files: 0, ms: 0 };

/** An engine whose loads wait for `release` and record the options they were given. */
function recordingEngine() {
  const calls: ReindexOptions[] = [];
  const releases: (() => void)[] = [];
  const engine = new Engine(async (_previous, options = {}) => {
    calls.push(options);
    await new Promise<void>((resolve) => releases.push(resolve));
    return { library: new Library([], site), index: {} as SearchIndex, report: emptyReport, loadedAt: new Date() } satisfies Catalog;
  });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { engine, calls, releases, tick };
}

describe('Engine.reindex', () => {
  it('shares one run between requests made before it starts, merging the changed paths', async () => {
    const { engine, calls, releases, tick } = recordingEngine();
    const both = Promise.all([engine.reindex({ changed: ['/a.md'] }), engine.reindex({ changed: ['/b.md', '/a.md'] })]);
    await tick();
    releases.shift()!();
    await both;
    expect(calls).toEqual([{ changed: ['/a.md', '/b.md'] }]);
  });

  it('runs once more after a running reindex for the requests made meanwhile (it may have read the files before their change)', async () => {
    const { engine, calls, releases, tick } = recordingEngine();
    const first = engine.reindex({ changed: ['/a.md'] });
    await tick();
    const second = engine.reindex({ changed: ['/b.md'] });
    const third = engine.reindex({ changed: ['/c.md'] });
    await tick();
    expect(calls).toHaveLength(1);
    releases.shift()!();
    await first;
    await tick();
    expect(calls).toHaveLength(2);
    releases.shift()!();
    await Promise.all([second, third]);
    expect(calls).toEqual([{ changed: ['/a.md'] }, { changed: ['/b.md', '/c.md'] }]);
  });

  it('scans everything when any joined request names no paths, and keeps full when one asks for it', async () => {
    const { engine, calls, releases, tick } = recordingEngine();
    const both = Promise.all([engine.reindex({ changed: ['/a.md'] }), engine.reindex(), engine.reindex({ full: true, changed: ['/b.md'] })]);
    await tick();
    releases.shift()!();
    await both;
    expect(calls).toEqual([{ full: true }]);
  });
});
