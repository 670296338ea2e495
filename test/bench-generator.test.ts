import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, withParticle } from '../bench/generate-corpus.ts';

const roots: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'briefbot-bench-gen-'));
  roots.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the synthetic corpus generator', () => {
  it('writes the same files for the same seed, and different ones for another seed', async () => {
    const first = await generateCorpus({ count: 50, seed: 7, outDir: await freshDir() });
    const again = await generateCorpus({ count: 50, seed: 7, outDir: await freshDir() });
    const other = await generateCorpus({ count: 50, seed: 8, outDir: await freshDir() });
    expect(again.hash).toBe(first.hash);
    expect(other.hash).not.toBe(first.hash);
    const names = await readdir(first.postsDir);
    expect(names).toHaveLength(50);
    expect(await readdir(again.postsDir)).toEqual(names);
  });

  it('lays each post out like the real blog: front matter, three-line summary, main content, impact, source link', async () => {
    const corpus = await generateCorpus({ count: 5, seed: 1, outDir: await freshDir() });
    for (const topic of corpus.topics) {
      const text = await readFile(join(corpus.postsDir, topic.file), 'utf8');
      expect(topic.file).toMatch(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md$/);
      expect(text).toMatch(/^---\ntitle: ".+"\ndescription: ".+"\ndate: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0900\n/);
      expect(text).toMatch(/\n## 3줄 요약\n- .+\n- .+\n- .+\n\n## 📌 주요 내용\n\n### /);
      expect(text).toContain('\n## 👨‍💻 개발자에게 미치는 영향\n');
      expect(text).toMatch(/원문 기사 보기/);
    }
  });

  it('picks the particle form by the final consonant of the word before it', () => {
    expect(withParticle('엔비디아', '가')).toBe('엔비디아가');
    expect(withParticle('반도체', '을')).toBe('반도체를');
    expect(withParticle('보안', '가')).toBe('보안이');
    expect(withParticle('Google', '는')).toBe('Google은');
    expect(withParticle('Nvidia', '이')).toBe('Nvidia가');
  });
});
