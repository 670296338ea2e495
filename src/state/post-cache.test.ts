import { existsSync, mkdtempSync, rmSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadLibrary } from '../posts/load.ts';
import { PostFileCache } from '../posts/file-cache.ts';
import { POST_CACHE_FILE, POST_CACHE_VERSION, readPostCache, writePostCache } from './post-cache.ts';

const problems = fileURLToPath(new URL('../../test/fixtures/posts/problems', import.meta.url));
const temporary: string[] = [];
afterEach(() => {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function temp(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'briefbot-state-'));
  temporary.push(folder);
  return folder;
}
const comparable = (result: Awaited<ReturnType<typeof loadLibrary>>) => {
  const { ms: _ms, ...report } = result.report;
  return { report, posts: JSON.parse(JSON.stringify(result.library.all())) };
};

describe('post cache in STATE_DIR', () => {
  it('round-trips: a restart with the saved cache loads the same posts and report as a full load', async () => {
    const posts = temp();
    cpSync(problems, posts, { recursive: true });
    const state = temp();
    const cache = new PostFileCache();
    await loadLibrary({ postsDir: posts, cache });
    await writePostCache(state, cache);
    const restored = await readPostCache(state);
    expect(restored.files.size).toBe(cache.files.size);
    const restarted = await loadLibrary({ postsDir: posts, cache: restored });
    expect(comparable(restarted)).toEqual(comparable(await loadLibrary({ postsDir: posts })));
    expect(restarted.library.all()[0]!.date).toBeInstanceOf(Date);
  });

  it('is ignored when missing, of another version, or corrupt', async () => {
    const state = temp();
    expect((await readPostCache(state)).files.size).toBe(0);
    const cache = new PostFileCache();
    cache.siteKey = 'site';
    cache.files.set('a.md', { size: 1, mtimeMs: 1, readAt: 5000, hash: 'h', kind: 'rejected', problems: [] });
    await writePostCache(state, cache);
    expect((await readPostCache(state)).files.size).toBe(1);
    const file = path.join(state, POST_CACHE_FILE);
    const good = readFileSync(file);
    const text = good.toString('utf16le');
    const v = `"version":${POST_CACHE_VERSION}`;
    writeFileSync(file, text.replace(v, `"version":${POST_CACHE_VERSION - 1}`), 'utf16le');
    expect((await readPostCache(state)).files.size).toBe(0);
    writeFileSync(file, `{${v},"siteKey":"s"}\n["a.md",{"size":1,`, 'utf16le');
    expect((await readPostCache(state)).files.size).toBe(0);
    // Cut short (at a line's end, mid-line, mid-character), bytes flipped anywhere, or in UTF-8 as version 1 wrote it.
    const lastLine = text.lastIndexOf('\n', text.length - 2) + 1;
    for (const cut of [lastLine * 2, good.length - 7, good.length - 8, 2]) {
      writeFileSync(file, good.subarray(0, cut));
      expect((await readPostCache(state)).files.size, `cut at ${cut}`).toBe(0);
    }
    for (let at = 0; at < good.length; at += 5) {
      const flipped = Buffer.from(good);
      flipped[at]! ^= 0x01;
      writeFileSync(file, flipped);
      expect((await readPostCache(state)).files.size, `byte ${at} flipped`).toBe(0);
    }
    writeFileSync(file, text, 'utf8');
    expect((await readPostCache(state)).files.size).toBe(0);
  });

  it('ignores the UTF-8 file of version 1, and the first save removes it', async () => {
    const state = temp();
    const legacy = path.join(state, 'post-cache.json');
    writeFileSync(legacy, '{"version":1,"siteKey":"s"}\n["a.md",{"size":1,"mtimeMs":1,"readAt":5000,"hash":"h","kind":"rejected","problems":[]}]\n');
    expect((await readPostCache(state)).files.size).toBe(0);
    await writePostCache(state, new PostFileCache());
    expect(existsSync(legacy)).toBe(false);
  });
});
