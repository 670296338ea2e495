import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_FILE, hasRealCorpus } from '../../test/helpers/corpus.ts';
import { PostFileCache } from './file-cache.ts';
import { loadLibrary } from './load.ts';
import type { Library } from './library.ts';
import { createRandom } from '../../bench/prng.ts';

const problems = fileURLToPath(new URL('../../test/fixtures/posts/problems', import.meta.url));
const temporary: string[] = [];
afterEach(() => {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
});
function tempCopy(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'briefbot-cache-'));
  temporary.push(folder);
  cpSync(problems, folder, { recursive: true });
  return folder;
}
function post(title: string, day: number, words: string): string {
  return `---\ntitle: "${title}"\ndate: 2026-03-${String(day).padStart(2, '0')} 09:00:00 +0900\ntags: [AI, 보안]\n---\n\n## 3줄 요약\n- ${words}\n\n## 본문\n${words} 엔비디아(Nvidia) 이야기\n`;
}
/** The report without its wall time, and every post as data. */
function comparable(result: { library: Library; report: { ms: number } }) {
  const { ms: _ms, ...report } = result.report;
  return { report, posts: JSON.parse(JSON.stringify(result.library.all())) };
}

describe('incremental load (PostFileCache)', () => {
  it('after a seeded sequence of adds, edits and removals loads exactly what a full load does, parsing only what changed', async () => {
    const folder = tempCopy();
    const cache = new PostFileCache();
    let previous = (await loadLibrary({ postsDir: folder, cache })).library;
    const random = createRandom(15).next;
    const live: string[] = [];
    for (let step = 0; step < 12; step++) {
      const roll = random();
      const name = `2026-03-${String(1 + Math.floor(random() * 20)).padStart(2, '0')}-p${Math.floor(random() * 6)}.md`;
      if (roll < 0.5 || live.length === 0) {
        writeFileSync(path.join(folder, name), post(`글 ${step}`, 1 + (step % 20), `단어${step} word${step}`));
        if (!live.includes(name)) live.push(name);
      } else if (roll < 0.8) {
        const target = live[Math.floor(random() * live.length)]!;
        writeFileSync(path.join(folder, target), post(`고친 글 ${step}`, 2, `edited${step}`));
      } else {
        const target = live.splice(Math.floor(random() * live.length), 1)[0]!;
        rmSync(path.join(folder, target));
      }
      const incremental = await loadLibrary({ postsDir: folder, previous, cache });
      const full = await loadLibrary({ postsDir: folder, previous });
      expect(comparable(incremental)).toEqual(comparable(full));
      // Unchanged posts are the very objects parsed before: not parsed again.
      const same = incremental.library.all().filter((p) => previous.get(p.id)?.contentHash === p.contentHash && p.warnings.length === 0);
      for (const p of same) expect(p).toBe(previous.get(p.id));
      previous = incremental.library;
    }
  });

  it('does not read a file again whose size and mtime are unchanged and old enough to be trusted', async () => {
    const folder = tempCopy();
    const good = path.join(folder, '2026-01-10-good-post.md');
    const longAgo = 1_700_000_000;
    utimesSync(good, longAgo, longAgo);
    const cache = new PostFileCache();
    await loadLibrary({ postsDir: folder, cache });
    const before = cache.files.get('2026-01-10-good-post.md')!;
    // Same size, same mtime, different bytes: trusted by its stat, so the old post is served.
    writeFileSync(good, readFileSync(good, 'utf8').replace('A good post', 'A good pOst'));
    utimesSync(good, longAgo, longAgo);
    const { library } = await loadLibrary({ postsDir: folder, cache });
    expect(library.all().find((p) => p.file === '2026-01-10-good-post.md')).toBe(before.post);
    // A fresh mtime is not trusted: the file is read again.
    writeFileSync(good, readFileSync(good, 'utf8'));
    const again = await loadLibrary({ postsDir: folder, cache });
    expect(again.library.all().find((p) => p.file === '2026-01-10-good-post.md')?.title).toBe('A good pOst');
  });

  it.runIf(hasRealCorpus)('repairs a mojibake file again when the clean files that teach it change', async () => {
    const folder = tempCopy();
    copyFileSync(SEED_FILE, path.join(folder, '2026-02-01-seed.md'));
    const cache = new PostFileCache();
    const first = await loadLibrary({ postsDir: folder, cache });
    expect(first.report.repaired).toHaveLength(1);
    writeFileSync(path.join(folder, '2026-03-01-new.md'), post('새 글', 1, '엔비디아 데이터센터 전력 냉각 새로운 기능'));
    const incremental = await loadLibrary({ postsDir: folder, previous: first.library, cache });
    const full = await loadLibrary({ postsDir: folder, previous: first.library });
    expect(comparable(incremental)).toEqual(comparable(full));
    expect(cache.files.get('2026-02-01-seed.md')?.contextKey).not.toBe(undefined);
  }, 30_000);
});
