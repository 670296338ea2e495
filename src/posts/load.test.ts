import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../util/text.ts';
import { lintPosts, loadLibrary } from './load.ts';
import { REAL_CORPUS, SEED_FILE, describeRealCorpus } from '../../test/helpers/corpus.ts';

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));
const corpus = REAL_CORPUS;
const seedFile = SEED_FILE;
const fixtures = here('../../test/fixtures/posts/');
const samplePosts = here('../../posts');

const temporary: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'briefbot-posts-'));
  temporary.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of temporary.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function post(title: string, date: string, body = '## 3줄 요약\n- 하나\n\n> [원문 기사 보기](https://example.com/a)\n'): string {
  return `---\ntitle: "${title}"\ndate: ${date}\n---\n\n${body}`;
}

describeRealCorpus('loadLibrary on the real blog', () => {
  it('loads all 101 posts with nothing skipped and serves them at the URLs Jekyll builds', async () => {
    const { library, report } = await loadLibrary({ postsDir: corpus });
    expect(report.files).toBe(101);
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(library.size).toBe(101);
    expect(report.added).toHaveLength(101);
    expect(library.site).toEqual({ url: 'https://tech.webi.kr', baseurl: '', timezone: 'Asia/Seoul', permalink: '/posts/:title/' });
    const example = library.get('what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465');
    expect(example?.url).toBe('https://tech.webi.kr/posts/what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465/');
    expect(example?.dateIso).toBe('2026-02-03T05:00:36+09:00');
    expect(example?.imageUrl).toBe('https://tech.webi.kr/assets/img/2026-02-02-what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465.png');
    expect(example?.sourceUrl).toBe('https://mariozechner.at/posts/2025-11-30-pi-coding-agent/');
    expect(example?.summary).toHaveLength(3);
    // Every real post has its three-line summary and its original-article link.
    expect(library.all().filter((p) => p.summary.length !== 3 || !p.sourceUrl).map((p) => p.file)).toEqual([]);
  });

  it('reads the same site from its _posts folder (config in the parent)', async () => {
    const { library } = await loadLibrary({ postsDir: path.join(corpus, '_posts') });
    expect(library.size).toBe(101);
    expect(library.site.url).toBe('https://tech.webi.kr');
  });

  it('lets options override the site url and zone', async () => {
    const { library } = await loadLibrary({ postsDir: corpus, siteUrl: 'https://mirror.example/', timezone: 'UTC' });
    const example = library.get('what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465');
    expect(example?.url).toBe('https://mirror.example/posts/what-i-learned-building-an-opinionated-and-minimal-coding-agent-2465/');
    expect(example?.dateIso).toBe('2026-02-02T20:00:36+00:00');
  });

  it('repairs a mojibake post with what the clean posts teach, and reports it', async () => {
    const folder = tempFolder();
    for (const name of readdirSync(path.join(corpus, '_posts'))) copyFileSync(path.join(corpus, '_posts', name), path.join(folder, name));
    copyFileSync(seedFile, path.join(folder, '2025-12-31-nvidia-after-the-ai-bubble.md'));
    const { library, report } = await loadLibrary({ postsDir: folder, siteUrl: 'https://tech.webi.kr', timezone: 'Asia/Seoul' });
    expect(report.skipped).toEqual([]);
    expect(report.repaired).toEqual([
      { file: '2025-12-31-nvidia-after-the-ai-bubble.md', repair: expect.objectContaining({ method: 'windows-1254 mojibake', unresolved: 0 }) },
    ]);
    const repaired = library.get('nvidia-after-the-ai-bubble');
    expect(repaired?.title).toBe('AI 버블 붕괴 후 엔비디아가 세계 최대 소프트웨어 기업이 되는 이유');
    expect(repaired?.repair?.guessed).toBe(316);
    expect(repaired?.warnings[0]?.reason).toMatch(/^repaired from windows-1254 mojibake: 0 characters restored, 316 guessed from context, 0 unresolved \(confidence \d+%\)$/);
    expect(report.warnings).toContainEqual(repaired?.warnings[0]);
  });
});

describe('loadLibrary on broken input', () => {
  it('skips each bad file with its reason and line, serves the rest, and never reads drafts or dot-folders', async () => {
    const { library, report } = await loadLibrary({ postsDir: path.join(fixtures, 'problems') });
    expect(report.files).toBe(12);
    expect(report.skipped.map(formatProblem)).toEqual([
      '2026-01-12-malformed-yaml.md:5: invalid YAML in front matter: missed comma between flow collection entries',
      '2026-01-13-missing-title.md:1: missing title: add `title:` to the front matter',
      '2026-01-14-empty.md: empty file',
      '2026-01-15-binary.md: not a text file (NUL byte at offset 24)',
      '2026-01-16-invalid-utf8.md: not valid UTF-8 (bad byte 0xE9 at line 2)',
      "2026-01-17-duplicate-slug.md: duplicate slug 'duplicate-slug' in nested/2026-01-18-duplicate-slug.md and 2026-01-17-duplicate-slug.md: serving nested/2026-01-18-duplicate-slug.md (later date wins)",
      '2026-01-19-no-front-matter.md:1: no front matter: a post must start with a `---` line (Jekyll copies such a file instead of building it)',
      'no-date-anywhere.md:1: no date: add `date:` to the front matter or name the file YYYY-MM-DD-title.md',
    ]);
    expect(library.all().map((p) => p.id)).toEqual(['bad-date', 'duplicate-slug', 'bom-and-crlf', 'good-post']);
    expect(library.get('duplicate-slug')?.file).toBe('nested/2026-01-18-duplicate-slug.md');
    expect(library.get('bom-and-crlf')?.title).toBe('BOM과 CRLF 테스트');
    expect(library.get('bom-and-crlf')?.summary).toEqual(['첫째 줄입니다.', '둘째 줄입니다.', '셋째 줄입니다.']);
  });

  it('breaks a slug tie on equal dates by the greater path, and says so on the winner', async () => {
    const folder = tempFolder();
    mkdirSync(path.join(folder, 'b'));
    writeFileSync(path.join(folder, '2026-01-01-same.md'), post('A', '2026-01-01 10:00:00 +0900'));
    writeFileSync(path.join(folder, 'b', '2026-01-01-same.md'), post('B', '2026-01-01 10:00:00 +0900'));
    const { library, report } = await loadLibrary({ postsDir: folder });
    expect(library.get('same')?.title).toBe('B');
    expect(report.skipped.map((p) => p.file)).toEqual(['2026-01-01-same.md']);
    expect(library.get('same')?.warnings.map((w) => w.reason)).toEqual([
      "duplicate slug 'same' in b/2026-01-01-same.md and 2026-01-01-same.md: serving b/2026-01-01-same.md (same date, greater path wins)",
    ]);
  });

  it('lists every problem, errors and warnings, for `check`', async () => {
    const problems = await lintPosts({ postsDir: path.join(fixtures, 'problems') });
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(8);
    expect(problems.map(formatProblem)).toContain("2026-01-20-bad-date.md:3: invalid date '2026-02-30 09:00:00 +0900': using the date in the file name");
    expect(problems.map((p) => p.file)).toEqual([...problems.map((p) => p.file)].sort());
  });

  it('loads a 10 MB post without freezing, capping the text it indexes', async () => {
    const folder = tempFolder();
    const paragraph = '엔비디아가 새 GPU를 발표했습니다. 데이터센터 수요가 늘고 있습니다. Nvidia announced a GPU.\n\n';
    const body = `## 3줄 요약\n- 큰 글\n\n${paragraph.repeat(Math.ceil(10_000_000 / Buffer.byteLength(paragraph)))}> [원문 기사 보기](https://example.com/big)\n`;
    writeFileSync(path.join(folder, '2026-01-01-huge.md'), post('Huge', '2026-01-01', body));
    writeFileSync(path.join(folder, '2026-01-02-small.md'), post('Small', '2026-01-02'));
    const started = performance.now();
    const { library, report } = await loadLibrary({ postsDir: folder });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(report.skipped).toEqual([]);
    expect(library.size).toBe(2);
    const huge = library.get('huge');
    expect(huge?.summary).toEqual(['큰 글']);
    expect(huge?.text.length).toBeLessThanOrEqual(1_000_000);
    expect(huge?.warnings.map((w) => w.reason)).toContainEqual(expect.stringContaining('only the first 1000000 are used'));
  });

  it('skips a file over the size limit with the reason, and loads the others', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, '2026-01-01-big.md'), post('Big', '2026-01-01', 'x'.repeat(3 * 1024 * 1024)));
    writeFileSync(path.join(folder, '2026-01-02-small.md'), post('Small', '2026-01-02'));
    const { library, report } = await loadLibrary({ postsDir: folder, maxFileBytes: 2 * 1024 * 1024 });
    expect(library.all().map((p) => p.id)).toEqual(['small']);
    expect(report.skipped).toEqual([{ file: '2026-01-01-big.md', reason: 'file is 3.0 MB, above the limit of 2.0 MB', severity: 'error' }]);
  });

  it('refuses a posts folder that does not exist and an unknown time zone', async () => {
    await expect(loadLibrary({ postsDir: path.join(fixtures, 'nope') })).rejects.toThrow(/is not a folder/);
    await expect(loadLibrary({ postsDir: samplePosts, timezone: 'Mars/Olympus' })).rejects.toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
});

describe('loadLibrary on a Jekyll site', () => {
  it('reads _config.yml (url, baseurl, timezone, permalink) and only _posts, skipping drafts and node_modules', async () => {
    const { library, report } = await loadLibrary({ postsDir: path.join(fixtures, 'site') });
    expect(library.site).toEqual({
      url: 'https://blog.example.com',
      baseurl: '/tech',
      timezone: 'America/New_York',
      permalink: '/:categories/:year/:month/:day/:title/',
    });
    expect(report.files).toBe(2);
    const summer = library.get('summer-post');
    expect(summer?.dateIso).toBe('2026-07-04T12:00:00-04:00');
    expect(summer?.url).toBe('https://blog.example.com/tech/dev%20tools/web/2026/07/04/summer-post/');
    expect(summer?.imageUrl).toBe('https://blog.example.com/tech/media/2026/assets/summer.png');
    const winter = library.get('winter-post');
    expect(winter?.dateIso).toBe('2026-01-05T00:00:00-05:00');
    expect(winter?.tags).toEqual(['AI', '생성형-AI']);
    expect(winter?.summary).toEqual(['Winter time is UTC-5.']);
  });
});

describe('loadLibrary on the sample posts', () => {
  it('loads all sample posts cleanly with the default site url, one future and one unpublished', async () => {
    const { library, report } = await loadLibrary({ postsDir: samplePosts, timezone: 'Asia/Seoul' });
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(library.size).toBe(12);
    const now = new Date('2026-03-10T00:00:00Z');
    expect(library.published(now)).toHaveLength(10);
    expect(library.nextPublicationAt(now)?.toISOString()).toBe('2030-01-15T00:00:00.000Z');
    expect(library.get('nvidia-rubin-gpu-announcement')?.url).toBe('http://localhost:4000/posts/nvidia-rubin-gpu-announcement/');
    expect(library.get('rust-1-95-released')?.tags).toEqual(['Rust', '러스트', 'release', '프로그래밍언어', 'async']);
    expect(library.get('cve-2026-12345-fastparse-xml-advisory')?.sourceUrl).toBe('https://security.example.org/advisories/CVE-2026-12345');
    expect(library.byTag('AI인프라', now).map((p) => p.id)).toEqual(['datacenter-liquid-cooling-power-crunch', 'nvidia-rubin-gpu-announcement']);
  });
});

describe('reindex', () => {
  it('reports added, changed and removed posts against the previous library', async () => {
    const folder = tempFolder();
    writeFileSync(path.join(folder, '2026-01-01-stays.md'), post('Stays', '2026-01-01'));
    writeFileSync(path.join(folder, '2026-01-02-edited.md'), post('Edited', '2026-01-02'));
    writeFileSync(path.join(folder, '2026-01-03-goes.md'), post('Goes', '2026-01-03'));
    const first = await loadLibrary({ postsDir: folder });
    expect(first.report.added.sort()).toEqual(['edited', 'goes', 'stays']);
    expect(first.report.removed).toEqual([]);

    writeFileSync(path.join(folder, '2026-01-02-edited.md'), post('Edited again', '2026-01-02'));
    rmSync(path.join(folder, '2026-01-03-goes.md'));
    writeFileSync(path.join(folder, '2026-01-04-new.md'), post('New', '2026-01-04'));
    writeFileSync(path.join(folder, '2026-01-05-broken.md'), '---\ntitle: [\n---\n');
    const second = await loadLibrary({ postsDir: folder, previous: first.library });
    expect(second.report).toMatchObject({ added: ['new'], changed: ['edited'], removed: ['goes'], files: 4 });
    expect(second.report.skipped.map((p) => p.file)).toEqual(['2026-01-05-broken.md']);
    expect(second.report.ms).toBeGreaterThanOrEqual(0);
    // The previous library is untouched: it still serves what it had.
    expect(first.library.get('goes')?.title).toBe('Goes');
    expect(first.library.get('edited')?.title).toBe('Edited');
  });
});
