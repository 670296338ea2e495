import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from './helpers/core.ts';
import { SEED_FILE, describeRealCorpus } from './helpers/corpus.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** Runs a project entry point as a user would, with a clean environment (no .env tokens). */
function runEntry(entry: string, args: string[], input = '', env: Record<string, string> = {}) {
  const result = spawnSync(tsx, [entry, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SITE_URL: 'https://blog.example', SITE_TIMEZONE: 'Asia/Seoul', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm start without tokens (the console)', () => {
  it('answers piped commands and exits at the end of the input', () => {
    const out = runEntry('src/main.ts', [], '/summary nvidia\n/latest 1\n', { POSTS_DIR: fixture('command-posts'), LOG_LEVEL: 'warn' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('# Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배');
    expect(out.stdout).toContain('https://blog.example/posts/nvidia-rubin-gpu/');
    expect(out.stdout).toContain('# 최신 글');
  });

  it('refuses to start half-configured, listing every problem in one message', () => {
    const out = runEntry('src/main.ts', [], '', { BOT_LOCALE: 'fr', TELEGRAM_MODERATORS: '12' });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('briefbot: invalid configuration:');
    expect(out.stderr).toContain('BOT_LOCALE must be "ko" or "en"');
    expect(out.stderr).toContain('TELEGRAM_MODERATORS is set but TELEGRAM_TOKEN is not');
  });
});

describe('cli search', () => {
  it('prints one JSON line per query read from stdin', () => {
    const out = runEntry('src/cli.ts', ['search', '--posts', fixture('command-posts'), '--json', '--limit', '2'], '엔비디아\nrust 컴파일\n');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.query)).toEqual(['엔비디아', 'rust 컴파일']);
    expect(lines[0].results[0]).toMatchObject({ id: 'nvidia-rubin-gpu', url: 'https://blog.example/posts/nvidia-rubin-gpu/' });
    expect(typeof lines[0].results[0].score).toBe('number');
    expect(lines[1].results[0].id).toBe('rust-2026-edition');
  });
});

describe('cli show', () => {
  it('prints every post as one JSON line with its date offset and published state', () => {
    const out = runEntry('src/cli.ts', ['show', '--posts', fixture('command-posts'), '--json']);
    expect(out.code).toBe(0);
    const posts = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const nvidia = posts.find((p) => p.id === 'nvidia-rubin-gpu');
    expect(nvidia).toEqual({
      id: 'nvidia-rubin-gpu',
      title: 'Nvidia, 차세대 Rubin GPU로 데이터센터 전력 효율 두 배',
      date: '2026-01-10T09:00:00+09:00',
      url: 'https://blog.example/posts/nvidia-rubin-gpu/',
      tags: ['Nvidia', 'GPU', '데이터센터', 'AI'],
      categories: ['Hardware', 'GPU'],
      summary: [
        'Nvidia가 차세대 Rubin GPU를 공개했습니다.',
        '데이터센터 전력 효율이 이전 세대보다 두 배 좋아졌습니다.',
        '첫 출하는 2026년 하반기로 예정되어 있습니다.',
      ],
      source: 'https://example.com/nvidia-rubin',
      image: 'https://blog.example/assets/img/rubin.jpg',
      published: true,
      warnings: [],
    });
    expect(posts.find((p) => p.id === 'future-post')?.published).toBe(false);
    expect(posts.find((p) => p.id === 'draft-post')?.published).toBe(false);
  });
});

describeRealCorpus('cli repair', () => {
  it('prints the seed post as proper Korean and says how sure the repair is', () => {
    const out = runEntry('src/cli.ts', ['repair', SEED_FILE, '--posts', fixture('command-posts')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('## 3줄 요약');
    expect(out.stdout).not.toMatch(/ì|ë|í/);
    expect(out.stderr).toMatch(/repaired \(.+\): \d+ restored, \d+ guessed from context, \d+ unresolved; confidence \d+%/);
  });
});

describe('cli check', () => {
  it('lists problems as file:line: reason and exits 1 on errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-check-'));
    writeFileSync(join(dir, '2026-01-01-good.md'), '---\ntitle: Good\ntags: [a]\n---\n\n## 3줄 요약\n- 하나\n- 둘\n- 셋\n\n> [원문 기사 보기](https://example.com/a)\n');
    writeFileSync(join(dir, '2026-01-02-bad-yaml.md'), '---\ntitle: "unclosed\ntags: [a\n---\nbody\n');
    const out = runEntry('src/cli.ts', ['check', '--posts', dir]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^2026-01-02-bad-yaml\.md:\d+: .+\(error\)$/m);
    expect(out.stdout).not.toContain('2026-01-01-good.md');
  });

  it('exits 0 on a clean folder', () => {
    expect(runEntry('src/cli.ts', ['check', '--posts', fixture('command-posts')]).code).toBe(0);
  });
});

describe('cli vocabulary', () => {
  it('lists the posts’ Korean words the vocabulary lacks as word, posts, snippet, most posts first', () => {
    const out = runEntry('src/cli.ts', ['vocabulary', '--missing', '--posts', fixture('command-posts')]);
    expect(out.code).toBe(0);
    const rows = out.stdout.trim().split('\n').map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThan(0);
    for (const [word, posts, snippet] of rows) {
      expect(word).toMatch(/^[\uAC00-\uD7A3]{2,}$/);
      expect(snippet).toContain(word);
      expect(Number(posts)).toBeGreaterThan(0);
    }
    expect(rows.map(([, posts]) => Number(posts))).toEqual(rows.map(([, posts]) => Number(posts)).sort((a, b) => b - a));
    expect(out.stderr).toMatch(/^\d+ Korean words of \d+ posts have no vocabulary line$/m);
  });

  it('refuses to run without --missing', () => {
    expect(runEntry('src/cli.ts', ['vocabulary']).code).toBe(2);
  });
});

describe('cli ask', () => {
  it('answers each question read from stdin as one JSON line: the answer, whether it answers, the posts it cites', () => {
    const out = runEntry('src/cli.ts', ['ask', '--posts', fixture('command-posts'), '--json'], 'Rust 컴파일은 얼마나 빨라졌나요?\nRust 2027 에디션 컴파일은 얼마나 빨라졌나요?\nWhat is the capital of Peru?\n');
    expect(out.code).toBe(0);
    const [answered, closest, none] = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answered).toMatchObject({ question: 'Rust 컴파일은 얼마나 빨라졌나요?', answered: true, sources: [{ id: 'rust-2026-edition', url: 'https://blog.example/posts/rust-2026-edition/' }] });
    expect(answered.answer).toMatch(/30% 빨라졌습니다\..*\[1\]$/);
    expect(closest).toMatchObject({ answered: false, sources: [{ id: 'rust-2026-edition' }] });
    expect(closest.answer).toMatch(/^"2027"에 대해 쓴 글은 없습니다\. 가장 가까운 글은 「Rust 2026 에디션 발표: 더 빠른 컴파일」입니다/);
    expect(none).toEqual({ question: 'What is the capital of Peru?', answered: false, answer: "The posts don't answer that. Try asking another way, or search with /summary.", sources: [] });
  });

  it('prints the answer and its numbered sources for a question given as arguments', () => {
    const out = runEntry('src/cli.ts', ['ask', '--posts', fixture('command-posts'), 'Rust', '컴파일은', '얼마나', '빨라졌나요?']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('[1] Rust 2026 에디션 발표: 더 빠른 컴파일\n      https://blog.example/posts/rust-2026-edition/');
  });

  it('refuses a half-set model configuration', () => {
    const out = runEntry('src/cli.ts', ['ask', '--posts', fixture('command-posts'), 'x'], '', { LLM_MODEL: 'qwen2.5:3b' });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('LLM_MODEL is set but LLM_BASE_URL is not');
  });
});
