/**
 * A reload told which paths changed (`LoadOptions.changed`: a watch event, a git pull) must give
 * exactly what a full scan gives: the same posts, the same report. Proven on seeded random
 * sequences of adds, edits, removals, renames, duplicate slugs, broken and too large files,
 * folders created and removed, each named as the watch would name it; and a change the hint did
 * not name, which the hinted load misses (so it really looked at the named files only) and the
 * next full scan catches.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_FILE, hasRealCorpus } from '../../test/helpers/corpus.ts';
import { PostFileCache } from './file-cache.ts';
import type { Library } from './library.ts';
import { loadLibrary } from './load.ts';
import { createRandom } from '../../bench/prng.ts';

const problems = fileURLToPath(new URL('../../test/fixtures/posts/problems', import.meta.url));
const temporary: string[] = [];
afterEach(() => {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The url and zone come from the options, so a broken config only adds its warning (the site stays). */
const CONFIG = 'title: Blog\n';
const SITE = { siteUrl: 'https://blog.example', timezone: 'Asia/Seoul' };

/** A Jekyll site (config + _posts) with the problem fixtures as its posts. */
function site(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'briefbot-named-'));
  temporary.push(root);
  writeFileSync(path.join(root, '_config.yml'), CONFIG);
  cpSync(problems, path.join(root, '_posts'), { recursive: true });
  return root;
}

function post(title: string, day: number, words: string, extra = ''): string {
  return `---\ntitle: "${title}"\ndate: 2026-03-${String(day).padStart(2, '0')} 09:00:00 +0900\ntags: [AI]\n${extra}---\n\n## 3줄 요약\n- ${words}\n\n## 본문\n${words}\n`;
}

/** The report without its wall time, and every post as data. */
function comparable(result: { library: Library; report: { ms: number } }) {
  const { ms: _ms, ...report } = result.report;
  return { report, posts: JSON.parse(JSON.stringify(result.library.all())) };
}

/** Every post file under `dir` (relative, forward slashes), as the test wrote them. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).map((file) => file.split(path.sep).join('/')).filter((file) => file.endsWith('.md'));
}

/**
 * One random change to the site's `_posts`; returns the paths the watch would name (relative to
 * the site root, the way fs.watch names them under POSTS_DIR).
 */
function randomChange(root: string, random: () => number, step: number): string[] {
  const posts = path.join(root, '_posts');
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const existing = filesUnder(posts).filter((file) => !file.startsWith('.hidden') && !file.startsWith('_drafts'));
  const name = () => `2026-03-${String(1 + Math.floor(random() * 20)).padStart(2, '0')}-p${Math.floor(random() * 8)}.md`;
  const roll = random();
  const at = (file: string) => `_posts/${file}`;
  if (roll < 0.25 || existing.length === 0) {
    const file = random() < 0.2 ? `sub/${name()}` : name();
    mkdirSync(path.dirname(path.join(posts, file)), { recursive: true });
    // Some new posts take a slug already served (a duplicate), some are broken or too large.
    const kind = random();
    const text =
      kind < 0.15 ? post(`같은 주소 ${step}`, 1 + (step % 20), `dup${step}`, 'slug: good-post\n')
      : kind < 0.25 ? '---\ntitle: [unclosed\n---\nbody'
      : kind < 0.3 ? post(`큰 글 ${step}`, 3, 'x'.repeat(3000))
      : post(`글 ${step}`, 1 + (step % 20), `단어${step} word${step}`);
    writeFileSync(path.join(posts, file), text);
    return [at(file)];
  }
  if (roll < 0.5) {
    const file = pick(existing);
    writeFileSync(path.join(posts, file), post(`고친 글 ${step}`, 1 + Math.floor(random() * 20), `edited${step}`, random() < 0.2 ? 'slug: good-post\n' : ''));
    return [at(file)];
  }
  if (roll < 0.65) {
    const file = pick(existing);
    rmSync(path.join(posts, file));
    return [at(file)];
  }
  if (roll < 0.8) {
    const from = pick(existing);
    const to = random() < 0.3 ? `.${path.basename(from)}` : name();
    renameSync(path.join(posts, from), path.join(posts, to));
    return [at(from), at(to)];
  }
  if (roll < 0.85) {
    // The site configuration breaks or heals: its warning comes and goes.
    const broken = random() < 0.5;
    writeFileSync(path.join(root, '_config.yml'), broken ? 'title: [unclosed\n' : CONFIG);
    return ['_config.yml'];
  }
  if (roll < 0.92) {
    // A folder arrives or leaves at once (mv, git checkout): the watch names the folder only.
    const folder = `batch${step}`;
    const full = path.join(posts, folder);
    mkdirSync(full);
    writeFileSync(path.join(full, name()), post(`묶음 ${step}`, 5, `batch${step}`));
    writeFileSync(path.join(full, `x-${name()}`), post(`묶음 둘 ${step}`, 6, `batchtwo${step}`));
    return [at(folder)];
  }
  const folders = readdirSync(posts).filter((entry) => entry.startsWith('batch') || entry === 'sub' || entry === 'nested');
  if (folders.length === 0) return [];
  const folder = pick(folders);
  rmSync(path.join(posts, folder), { recursive: true, force: true });
  return [at(folder)];
}

describe('a reload told which paths changed', () => {
  for (const seed of [15, 16, 17]) {
    it(`equals a full scan after a seeded random sequence of changes (seed ${seed})`, async () => {
      const root = site();
      const random = createRandom(seed).next;
      const cache = new PostFileCache();
      const options = { postsDir: root, maxFileBytes: 2000, ...SITE };
      let hinted = await loadLibrary({ ...options, cache });
      let full = await loadLibrary(options);
      for (let step = 0; step < 30; step++) {
        const changed = randomChange(root, random, step);
        const nextHinted = await loadLibrary({ ...options, cache, previous: hinted.library, changed });
        const nextFull = await loadLibrary({ ...options, previous: full.library });
        expect(comparable(nextHinted), `step ${step}: ${changed.join(', ')}`).toEqual(comparable(nextFull));
        // Named-file reloads keep the objects of every post they did not touch.
        const untouched = nextHinted.library.all().filter((p) => !changed.some((c) => p.file.startsWith(c)));
        for (const p of untouched.filter((p) => p.warnings.length === 0)) expect(p).toBe(hinted.library.get(p.id) ?? p);
        hinted = nextHinted;
        full = nextFull;
      }
    }, 60_000);
  }

  it.runIf(hasRealCorpus)('scans in full once a mojibake file is among the posts (its repair learns from every clean file)', async () => {
    const root = site();
    const cache = new PostFileCache();
    let hinted = await loadLibrary({ postsDir: root, cache });
    const fullCache = new PostFileCache();
    let full = await loadLibrary({ postsDir: root, cache: fullCache });
    const steps: [string, string][] = [
      ['_posts/2026-02-01-seed.md', ''],
      ['_posts/2026-03-06-clean.md', post('엔비디아 새 글', 6, '엔비디아 데이터센터 전력 냉각 새로운 기능')],
      ['_posts/2026-03-06-clean.md', post('엔비디아 고친 글', 6, '엔비디아 데이터센터 전력')],
    ];
    for (const [file, text] of steps) {
      if (text === '') cpSync(SEED_FILE, path.join(root, file));
      else writeFileSync(path.join(root, file), text);
      const nextHinted = await loadLibrary({ postsDir: root, cache, previous: hinted.library, changed: [file] });
      const nextFull = await loadLibrary({ postsDir: root, previous: full.library, cache: fullCache });
      expect(comparable(nextHinted), file).toEqual(comparable(nextFull));
      expect(nextHinted.report.repaired).toHaveLength(1);
      // Repaired against the clean files as they are now (the key of their names and hashes).
      expect(cache.files.get('_posts/2026-02-01-seed.md')?.contextKey).toBe(fullCache.files.get('_posts/2026-02-01-seed.md')?.contextKey);
      hinted = nextHinted;
      full = nextFull;
    }
  }, 30_000);

  it('follows the site configuration breaking and healing (its warning comes and goes)', async () => {
    const root = site();
    const cache = new PostFileCache();
    let hinted = await loadLibrary({ postsDir: root, cache, ...SITE });
    for (const text of ['title: [unclosed\n', CONFIG, 'title: [unclosed\n']) {
      writeFileSync(path.join(root, '_config.yml'), text);
      const nextHinted = await loadLibrary({ postsDir: root, cache, previous: hinted.library, changed: ['_config.yml'], ...SITE });
      const nextFull = await loadLibrary({ postsDir: root, previous: hinted.library, ...SITE });
      expect(comparable(nextHinted)).toEqual(comparable(nextFull));
      expect(nextHinted.report.warnings.some((w) => w.file === '_config.yml')).toBe(text !== CONFIG);
      hinted = nextHinted;
    }
  });

  it('misses a change it was not told of, which the next full scan catches', async () => {
    const root = site();
    const cache = new PostFileCache();
    const first = await loadLibrary({ postsDir: root, cache });
    writeFileSync(path.join(root, '_posts', '2026-03-01-told.md'), post('알린 글', 1, 'told'));
    writeFileSync(path.join(root, '_posts', '2026-03-02-untold.md'), post('알리지 않은 글', 2, 'untold'));
    const hinted = await loadLibrary({ postsDir: root, cache, previous: first.library, changed: ['_posts/2026-03-01-told.md'] });
    expect(hinted.report.added).toEqual(['told']);
    expect(hinted.library.get('untold')).toBeUndefined();
    const rescan = await loadLibrary({ postsDir: root, cache, previous: hinted.library });
    const reference = await loadLibrary({ postsDir: root, previous: hinted.library });
    expect(rescan.report.added).toEqual(['untold']);
    expect(comparable(rescan)).toEqual(comparable(reference));
  });

  it('scans in full when a path names a posts root, without a remembered scan, or after the site changed', async () => {
    const root = site();
    const cache = new PostFileCache();
    const first = await loadLibrary({ postsDir: root, cache });
    writeFileSync(path.join(root, '_posts', '2026-03-03-unnamed.md'), post('이름 없는 글', 3, 'unnamed'));
    const rootNamed = await loadLibrary({ postsDir: root, cache, previous: first.library, changed: ['_posts'] });
    expect(rootNamed.report.added).toEqual(['unnamed']);
    writeFileSync(path.join(root, '_posts', '2026-03-04-second.md'), post('둘째', 4, 'second'));
    writeFileSync(path.join(root, '_config.yml'), 'url: https://moved.example\ntimezone: Asia/Seoul\n');
    const siteChanged = await loadLibrary({ postsDir: root, cache, previous: rootNamed.library, changed: ['_config.yml'] });
    expect(siteChanged.report.added).toEqual(['second']);
    expect(siteChanged.library.get('second')?.url).toMatch(/^https:\/\/moved\.example\//);
    writeFileSync(path.join(root, '_posts', '2026-03-05-third.md'), post('셋째', 5, 'third'));
    const fresh = await loadLibrary({ postsDir: root, cache: new PostFileCache(), previous: siteChanged.library, changed: [] });
    expect(fresh.report.added).toEqual(['third']);
  });
});
