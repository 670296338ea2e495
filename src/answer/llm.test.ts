import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, type Answered } from './answer.ts';
import { loadLibrary } from '../posts/load.ts';
import { SearchIndex } from '../search/index.ts';
import { startFakeLlm, type FakeLlm } from '../../test/fakes/llm/server.ts';
import { fixture, recordingLogger } from '../../test/helpers/core.ts';
import { createLlmAnswerer } from './llm.ts';

describe('the answer as a stream', () => {
  let fake: FakeLlm;
  let extractive: Answered;
  beforeAll(async () => {
    fake = await startFakeLlm();
    const { library } = await loadLibrary({ postsDir: fixture('command-posts'), siteUrl: 'https://blog.example' });
    const result = answerQuestion(SearchIndex.build(library.all()), 'Rust 컴파일은 얼마나 빨라졌나요?');
    if (result.kind !== 'answer') throw new Error('fixture question not answered');
    extractive = result;
  });
  afterAll(() => fake.close());

  it('yields the model’s text in pieces as it arrives, then the checked final answer', async () => {
    const llm = createLlmAnswerer({ config: { baseUrl: fake.baseUrl, model: 'echo', timeoutMs: 5000 }, log: recordingLogger() });
    const stream = llm.answer(extractive);
    const pieces: string[] = [];
    for await (const piece of stream) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe('Rust 2026 에디션이 발표되었습니다. [1]');
    expect(await stream.final).toMatchObject({ by: 'llm', text: 'Rust 2026 에디션이 발표되었습니다. [1]' });
  });

  it('resolves the final answer when nobody iterates, and falls back when the model fails', async () => {
    const llm = createLlmAnswerer({ config: { baseUrl: fake.baseUrl, model: 'http-500', timeoutMs: 5000 }, log: recordingLogger() });
    const final = await llm.answer(extractive).final;
    expect(final).toMatchObject({ by: 'extractive', fallback: 'http 500', sources: extractive.sources });
    expect(final.text).toMatch(/30%.*\[1\]$/);
  });
});
