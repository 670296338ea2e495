/**
 * A local fake of an OpenAI-compatible chat-completions server (Ollama, vLLM, llama.cpp, OpenAI),
 * on 127.0.0.1, streaming the way real servers do: `data: {chunk}` events written in pieces cut
 * anywhere (inside a JSON string, inside a UTF-8 character), a role-only first chunk, a final
 * chunk with `finish_reason`, a usage chunk with no choices, then `data: [DONE]`.
 *
 * The behaviour is chosen per request by the model name (`LLM_MODEL`), so one server serves
 * every scenario:
 * - `echo` (and any other name): answers with the first sentence of source [1], cited [1].
 * - `no-done`: the same, and closes the stream without `[DONE]`.
 * - `http-500`, `http-429`: that status and an error body.
 * - `slow`: waits `slowMs` before answering (past the client's deadline in the tests).
 * - `stall`: sends one chunk, then nothing, keeping the connection open.
 * - `endless`: sends chunks every few milliseconds until the client goes away.
 * - `broken`: sends half an event, then destroys the connection.
 * - `empty`: no content at all, then `[DONE]`.
 * - `invent`: cites [1] and a source it was not given ([7]).
 * - `invent-only`: cites only [9].
 * - `ignore`: answers from "its own knowledge", citing nothing.
 * - `json`: ignores `stream: true` and answers with one JSON body.
 * - `drip`: the `echo` answer two characters a chunk, one chunk every `dripMs` (a slow model,
 *   for streamed replies).
 * - `drip-broken`: drips the first half of that answer, then destroys the connection (a model
 *   failing mid-stream).
 * - `drip-late`: waits `slowMs`, then drips like `drip` (a model slow to start).
 *
 * Tests read `requests` (the parsed bodies) to check what the client sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A chat-completions request as the fake received it. */
export interface FakeLlmRequest {
  path: string;
  authorization?: string;
  body: { model: string; stream?: boolean; messages: { role: string; content: string }[] };
}

export interface FakeLlm {
  /** The API root to use as LLM_BASE_URL (ends in /v1). */
  baseUrl: string;
  requests: FakeLlmRequest[];
  close(): Promise<void>;
}

export interface FakeLlmOptions {
  /** How long `slow` waits (default 2000 ms). */
  slowMs?: number;
  /** The pause between the chunks of `drip` and `drip-broken` (default 100 ms). */
  dripMs?: number;
}

/** The first sentence of source [1] in the prompt, as a model that reads its sources would answer. */
function firstSourceSentence(prompt: string): string {
  const block = /\[1\][^\n]*\n<<<\n([\s\S]*?)\n>>>/.exec(prompt)?.[1] ?? '';
  const sentence = block.split('\n')[0]?.split(/(?<=[.!?])\s+/)[0]?.trim() ?? '';
  return sentence || 'The sources say nothing.';
}

const chunk = (model: string, delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }] });

/** Writes `text` in pieces of 1 to 7 bytes, as a network may deliver it. */
async function writeSplit(res: http.ServerResponse, text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step % 7) + 1) {
    if (res.destroyed) return;
    res.write(bytes.subarray(at, at + step));
    if (step === 7) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The events of a streamed answer: role, the text in a few deltas, finish, usage. */
function answerEvents(model: string, answer: string): string[] {
  const words = answer.match(/\S+\s*/g) ?? [];
  const events = [chunk(model, { role: 'assistant', content: '' })];
  for (let i = 0; i < words.length; i += 2) events.push(chunk(model, { content: words.slice(i, i + 2).join('') }));
  events.push(chunk(model, {}, 'stop'));
  events.push(JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', model, choices: [], usage: { prompt_tokens: 512, completion_tokens: words.length, total_tokens: 512 + words.length } }));
  return events.map((event) => `data: ${event}\n\n`);
}

function answerFor(model: string, prompt: string): string {
  const sentence = firstSourceSentence(prompt);
  switch (model) {
    case 'invent':
      return `${sentence} [1] 다른 글도 같은 말을 합니다 [7].`;
    case 'invent-only':
      return `${sentence} [9]`;
    case 'ignore':
      return 'As far as I know, the answer is 42.';
    default:
      return `${sentence} [1]`;
  }
}

async function respond(req: http.IncomingMessage, res: http.ServerResponse, body: FakeLlmRequest['body'], options: Required<FakeLlmOptions>): Promise<void> {
  const model = body.model;
  const prompt = body.messages.map((m) => m.content).join('\n');
  if (model === 'http-500' || model === 'http-429') {
    res.writeHead(model === 'http-500' ? 500 : 429, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: model, type: 'fake' } }));
    return;
  }
  if (model === 'slow' || model === 'drip-late') await new Promise((resolve) => setTimeout(resolve, options.slowMs));
  if (res.destroyed) return;
  if (model === 'json') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: answerFor('echo', prompt) }, finish_reason: 'stop' }] }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.flushHeaders();
  if (model === 'stall') {
    res.write(`data: ${chunk(model, { content: '잠시만' })}\n\n`);
    return; // never ends; the client's deadline must
  }
  if (model === 'endless') {
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(`data: ${chunk(model, { content: '계속 '.repeat(20) })}\n\n`)), 2);
    res.on('close', () => clearInterval(timer));
    return;
  }
  if (model === 'drip' || model === 'drip-broken' || model === 'drip-late') return drip(res, model, answerFor('echo', prompt), options.dripMs);
  if (model === 'broken') {
    await writeSplit(res, `data: ${chunk(model, { content: '부분' })}\n\ndata: {"choices":[{"delta":{"cont`);
    res.destroy();
    return;
  }
  const events = model === 'empty' ? answerEvents(model, '') : answerEvents(model, answerFor(model, prompt));
  await writeSplit(res, `: keep-alive\n\n${events.join('')}${model === 'no-done' ? '' : 'data: [DONE]\n\n'}`);
  res.end();
}

/** `answer` two characters a chunk, `everyMs` apart; `drip-broken` breaks off halfway. */
async function drip(res: http.ServerResponse, model: string, answer: string, everyMs: number): Promise<void> {
  const pieces = answer.match(/[\s\S]{1,2}/g) ?? [];
  const sent = model === 'drip-broken' ? pieces.slice(0, Math.ceil(pieces.length / 2)) : pieces;
  res.write(`data: ${chunk(model, { role: 'assistant', content: '' })}\n\n`);
  for (const piece of sent) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    if (res.destroyed) return;
    res.write(`data: ${chunk(model, { content: piece })}\n\n`);
  }
  if (model === 'drip-broken') {
    res.destroy();
    return;
  }
  res.end(`data: ${chunk(model, {}, 'stop')}\n\ndata: [DONE]\n\n`);
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeLlm(options: FakeLlmOptions = {}): Promise<FakeLlm> {
  const settings = { slowMs: options.slowMs ?? 2000, dripMs: options.dripMs ?? 100 };
  const requests: FakeLlmRequest[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as FakeLlmRequest['body'];
      requests.push({ path: req.url, authorization: req.headers.authorization, body });
      respond(req, res, body, settings).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
