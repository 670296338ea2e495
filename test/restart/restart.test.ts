/**
 * Restart and reindex through the real entry point: the first start builds the index and saves
 * it in STATE_DIR, the next start restores it (and answers the same), a new post is applied to
 * the serving index in place, `/reindex full` builds anew, and a corrupt saved index is ignored.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBriefbot, type Briefbot } from '../../src/main.ts';
import { INDEX_CACHE_FILE } from '../../src/state/index-cache.ts';
import { POST_CACHE_FILE } from '../../src/state/post-cache.ts';
import type { Logger } from '../../src/util/logger.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Keeps every 'posts loaded' record. */
function recordingLogger(): Logger & { loads: Record<string, unknown>[] } {
  const loads: Record<string, unknown>[] = [];
  return { loads, debug() {}, warn() {}, error() {}, info: (msg, data) => void (msg === 'posts loaded' && data && loads.push(data)) };
}

const QUERIES = ['Nvidia', '쿠버네티스', 'rust 컴파일러', 'kubernets', '엔비디아 GPU'];

describe('restart with a saved index', () => {
  let postsDir: string;
  let stateDir: string;
  let bot: Briefbot | undefined;

  const start = async (log: Logger) => (bot = await startBriefbot({ env: { POSTS_DIR: postsDir, STATE_DIR: stateDir, POSTS_WATCH: 'false' }, console: false, log }));
  const answers = (b: Briefbot) => QUERIES.map((query) => b.engine.index.search(query).map((hit) => hit.post.id));

  beforeAll(() => {
    postsDir = mkdtempSync(join(tmpdir(), 'briefbot-restart-posts-'));
    stateDir = mkdtempSync(join(tmpdir(), 'briefbot-restart-state-'));
    cpSync(join(root, 'posts'), postsDir, { recursive: true });
    // Written an hour ago: a file this fresh is read again on the next start (its mtime is "racy").
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const name of readdirSync(postsDir)) utimesSync(join(postsDir, name), anHourAgo, anHourAgo);
  });

  afterAll(async () => {
    await bot?.stop();
    rmSync(postsDir, { recursive: true, force: true });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('builds and saves on the first start, restores on the next, answering the same', async () => {
    const first = recordingLogger();
    const firstBot = await start(first);
    expect(first.loads[0]).toMatchObject({ index: 'built' });
    const before = answers(firstBot);
    expect(before.flat().length).toBeGreaterThan(0);
    await firstBot.stop();
    expect(existsSync(join(stateDir, INDEX_CACHE_FILE))).toBe(true);

    const saved = () => [INDEX_CACHE_FILE, POST_CACHE_FILE].map((name) => readFileSync(join(stateDir, name)));
    const savedBefore = saved();
    const stamps = () => [INDEX_CACHE_FILE, POST_CACHE_FILE].map((name) => statSync(join(stateDir, name)).mtimeMs);
    const stampsBefore = stamps();
    const second = recordingLogger();
    const secondBot = await start(second);
    expect(second.loads[0]).toMatchObject({ index: 'restored' });
    expect(answers(secondBot)).toEqual(before);
    // Nothing changed: neither file is written again (the save competed with the start for the CPU).
    await secondBot.stop();
    expect(stamps()).toEqual(stampsBefore);
    expect(saved()).toEqual(savedBefore);
  });

  it('applies a new post to the serving index in place; /reindex full builds anew', async () => {
    const log = recordingLogger();
    await bot!.stop();
    const running = await start(log);
    const served = running.engine.index;
    const template = readFileSync(join(postsDir, '2026-02-12-rust-1-95-released.md'), 'utf8');
    writeFileSync(join(postsDir, '2026-03-01-zeppelin-post.md'), template.replace(/^title: .*$/m, 'title: "Zeppelinfoo 비행선 귀환"'));
    const report = await running.engine.reindex();
    expect(report.added).toEqual(['zeppelin-post']);
    expect(log.loads.at(-1)).toMatchObject({ index: 'updated', added: 1 });
    expect(running.engine.index).toBe(served);
    expect(running.engine.index.search('zeppelinfoo').map((hit) => hit.post.id)).toEqual(['zeppelin-post']);
    await running.engine.reindex({ full: true });
    expect(log.loads.at(-1)).toMatchObject({ index: 'built' });
    expect(running.engine.index).not.toBe(served);
    expect(running.engine.index.search('zeppelinfoo').map((hit) => hit.post.id)).toEqual(['zeppelin-post']);
  });

  it('builds when the saved index is corrupt', async () => {
    await bot!.stop();
    writeFileSync(join(stateDir, INDEX_CACHE_FILE), '{"version":1,"header":{}}\n["post",0\n');
    const log = recordingLogger();
    const restarted = await start(log);
    expect(log.loads[0]).toMatchObject({ index: 'built' });
    expect(restarted.engine.index.search('zeppelinfoo').map((hit) => hit.post.id)).toEqual(['zeppelin-post']);
  });
});
