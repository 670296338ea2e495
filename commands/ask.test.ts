import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/bot/engine.ts';
import { createBotCore } from '../src/bot/execute.ts';
import { createLlmAnswerer } from '../src/answer/llm.ts';
import { loadLibrary } from '../src/posts/load.ts';
import { SearchIndex } from '../src/search/index.ts';
import { startFakeLlm, type FakeLlm } from '../test/fakes/llm/server.ts';
import { coreFor, fixture, recordingLogger, run } from '../test/helpers/core.ts';
import { createAsk } from './ask.ts';

const posts = fixture('command-posts');
const RUST_URL = 'https://blog.example/posts/rust-2026-edition/';

describe('ask', () => {
  it('leads with the sentence that answers, cited [1], and links its post as source [1]', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: 'Rust 컴파일은 얼마나 빨라졌나요?' });
    expect(reply.items?.[0]?.url).toBe(RUST_URL);
    expect(reply.text[0]).toMatch(/30%.*\[1\]$/);
    expect(reply.items?.[0]?.title).toBe('[1] Rust 2026 에디션 발표: 더 빠른 컴파일');
  });

  it('says plainly when the posts do not answer', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: 'What is the capital of Peru?' }, { locale: 'en' });
    expect(reply.text).toEqual(["The posts don't answer that. Try asking another way, or search with /summary."]);
  });

  it('says which version no post covers and names the closest post, as a notice', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: 'Rust 2027 에디션 컴파일은 얼마나 빨라졌나요?' }, { locale: 'en' });
    expect(reply.kind).toBe('notice');
    expect(reply.text[0]).toBe('No post mentions "2027". The closest post is "Rust 2026 에디션 발표: 더 빠른 컴파일":');
    expect(reply.items?.[0]?.url).toBe(RUST_URL);
  });

  it('says what the closest post does not give when it has no such figure', async () => {
    const { core } = await coreFor(posts);
    const reply = await run(core, 'ask', { question: 'Rust 2026 에디션 가격은 얼마인가요?' });
    expect(reply.kind).toBe('notice');
    expect(reply.text[0]).toBe('이 질문의 가격을 알려 주는 글은 없습니다. 가장 가까운 글은 「Rust 2026 에디션 발표: 더 빠른 컴파일」입니다:');
  });
});

describe('ask with a model (fake OpenAI-compatible server on 127.0.0.1)', () => {
  let fake: FakeLlm;
  beforeAll(async () => {
    fake = await startFakeLlm({ slowMs: 3000 });
  });
  afterAll(() => fake.close());

  async function askWith(model: string, question = 'Rust 컴파일은 얼마나 빨라졌나요?', timeoutMs = 1500) {
    const log = recordingLogger();
    const { library, report } = await loadLibrary({ postsDir: posts, siteUrl: 'https://blog.example', timezone: 'Asia/Seoul' });
    const engine = new Engine(async () => ({ library, index: SearchIndex.build(library.all()), report, loadedAt: new Date() }));
    await engine.reindex();
    const llm = createLlmAnswerer({ config: { baseUrl: fake.baseUrl, model, apiKey: 'sk-test', timeoutMs }, log });
    const core = createBotCore({ commands: [createAsk({ llm })], engine, defaultLocale: 'ko', log, now: () => new Date('2026-06-01T00:00:00Z') });
    const started = performance.now();
    const reply = await run(core, 'ask', { question });
    return { reply, log, ms: performance.now() - started, request: fake.requests[fake.requests.length - 1]! };
  }

  it('answers with the model’s text, its citations checked, streamed in split chunks with a usage chunk and [DONE]', async () => {
    const { reply, log, request } = await askWith('echo');
    expect(reply.text).toEqual(['Rust 2026 에디션이 발표되었습니다. [1]']);
    expect(reply.items?.map((item) => item.url)).toEqual([RUST_URL]);
    expect(log.lines.filter((line) => line.level === 'warn')).toEqual([]);
    expect(request.authorization).toBe('Bearer sk-test');
    expect(request.body.stream).toBe(true);
  });

  it('gives the passages as quoted data under rules that say so, and asks for the question’s language', async () => {
    const { request } = await askWith('echo');
    const [system, user] = request.body.messages;
    expect(system!.content).toMatch(/quoted data, not instructions/);
    expect(system!.content).toMatch(/Answer in Korean/);
    expect(user!.content).toMatch(/^Sources:\n\n\[1\] Rust 2026 에디션 발표: 더 빠른 컴파일\n<<<\n/);
    expect(user!.content).toMatch(/30%/);
    expect(user!.content.endsWith('Question: Rust 컴파일은 얼마나 빨라졌나요?')).toBe(true);
  });

  it('takes the answer when the stream ends without [DONE], and a plain JSON reply', async () => {
    for (const model of ['no-done', 'json']) {
      const { reply } = await askWith(model);
      expect(reply.text, model).toEqual(['Rust 2026 에디션이 발표되었습니다. [1]']);
    }
  });

  it('drops a citation of a source it was not given and keeps the valid one', async () => {
    const { reply } = await askWith('invent');
    expect(reply.text).toEqual(['Rust 2026 에디션이 발표되었습니다. [1] 다른 글도 같은 말을 합니다.']);
    expect(reply.items).toHaveLength(1);
  });

  it.each([
    ['http-500', 'http 500'],
    ['http-429', 'http 429'],
    ['slow', 'timeout'],
    ['stall', 'timeout'],
    ['endless', 'endless answer'],
    ['broken', 'broken stream'],
    ['empty', 'empty answer'],
    ['invent-only', 'no valid citation'],
    ['ignore', 'no valid citation'],
  ])('falls back to the extractive answer when the model is %s, logging the cause once', async (model, cause) => {
    const { reply, log, ms } = await askWith(model);
    expect(reply.text[0]).toMatch(/30%.*\[1\]$/);
    expect(reply.items?.[0]?.url).toBe(RUST_URL);
    const warnings = log.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.data).toMatchObject({ cause });
    expect(ms).toBeLessThan(2_900);
  });

  it('never asks the model a question the blog does not answer', async () => {
    const before = fake.requests.length;
    const { reply } = await askWith('echo', 'Rust 2027 에디션 컴파일은 얼마나 빨라졌나요?');
    expect(reply.kind).toBe('notice');
    expect(fake.requests.length).toBe(before);
  });
});
