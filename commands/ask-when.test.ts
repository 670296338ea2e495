/**
 * /ask's `when` option (the time grammar of /latest and /summary filters what the answer is
 * retrieved from) and its streaming hook (with the LLM layer, the text so far goes to the
 * invocation's `progress` while the final reply stays the checked one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmAnswerer } from '../src/answer/llm.ts';
import type { Reply } from '../src/bot/reply.ts';
import { Engine } from '../src/bot/engine.ts';
import { createBotCore } from '../src/bot/execute.ts';
import { loadLibrary } from '../src/posts/load.ts';
import { SearchIndex } from '../src/search/index.ts';
import { startFakeLlm, type FakeLlm } from '../test/fakes/llm/server.ts';
import { coreFor, fixture, recordingLogger, run } from '../test/helpers/core.ts';
import { createAsk } from './ask.ts';

const posts = fixture('command-posts');
const RUST_URL = 'https://blog.example/posts/rust-2026-edition/';
const QUESTION = 'Rust 컴파일은 얼마나 빨라졌나요?';

describe('ask when', () => {
  it('answers from the posts of the range', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: QUESTION, when: '2026-01-12' });
    expect(reply.items?.[0]?.url).toBe(RUST_URL);
    expect(reply.text[0]).toMatch(/30%.*\[1\]$/);
  });

  it('says when nothing in the range answers, and answers from any time instead', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: QUESTION, when: '2026-01-01..2026-01-11' });
    expect(reply.text[0]).toBe('2026-01-01 ~ 2026-01-11에 맞는 글이 없습니다. 대신 기간과 상관없이 가장 잘 맞는 글을 보여 드립니다.');
    expect(reply.text[1]).toMatch(/30%.*\[1\]$/);
    expect(reply.items?.[0]?.url).toBe(RUST_URL);
  });

  it('tells the member it could not read the time', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: QUESTION, when: 'whenever' });
    expect(reply.kind).toBe('error');
    expect(reply.text[0]).toContain('"whenever"에서 기간을 읽지 못했습니다');
  });
});

describe('ask streaming with a model (fake OpenAI-compatible server dripping its answer)', () => {
  let fake: FakeLlm;
  beforeAll(async () => {
    fake = await startFakeLlm({ dripMs: 5 });
  });
  afterAll(() => fake.close());

  async function askStreaming(model: string) {
    const log = recordingLogger();
    const { library, report } = await loadLibrary({ postsDir: posts, siteUrl: 'https://blog.example', timezone: 'Asia/Seoul' });
    const engine = new Engine(async () => ({ library, index: SearchIndex.build(library.all()), report, loadedAt: new Date() }));
    await engine.reindex();
    const llm = createLlmAnswerer({ config: { baseUrl: fake.baseUrl, model, timeoutMs: 5_000 }, log });
    const core = createBotCore({ commands: [createAsk({ llm })], engine, defaultLocale: 'ko', log, now: () => new Date('2026-06-01T00:00:00Z') });
    const partials: Reply[] = [];
    const reply = await run(core, 'ask', { question: QUESTION }, { progress: (partial) => partials.push(partial) });
    return { reply, partials };
  }

  it('reports the text so far, growing and marked unfinished, and returns the checked final reply', async () => {
    const { reply, partials } = await askStreaming('drip');
    expect(partials.length).toBeGreaterThan(5);
    const texts = partials.map((partial) => partial.text[0]!);
    for (let i = 1; i < texts.length; i++) expect(texts[i]!.length).toBeGreaterThanOrEqual(texts[i - 1]!.length);
    expect(texts.every((text) => text.endsWith(' …'))).toBe(true);
    expect(partials[0]!.title).toBe(reply.title);
    expect(reply.text).toEqual(['Rust 2026 에디션이 발표되었습니다. [1]']);
    expect(reply.items?.map((item) => item.url)).toEqual([RUST_URL]);
  });

  it('ends with the extractive answer when the model breaks off mid-stream', async () => {
    const { reply, partials } = await askStreaming('drip-broken');
    expect(partials.length).toBeGreaterThan(0);
    expect(reply.text[0]).toMatch(/30%.*\[1\]$/);
  });
});
