/**
 * An OpenAI-compatible chat-completions client that streams: `fetch` and the SSE reader of
 * sse.ts, nothing else. Works with Ollama, vLLM, llama.cpp's server, LM Studio and OpenAI.
 * (The `openai` package would add a dependency for the one call made here, and its v7 needs
 * Node 22; this file is the whole client.)
 */
import type { LlmConfig } from './config.ts';
import { sseData } from './sse.ts';

/** One message of the conversation sent to the model. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Why a model call failed; the answerer logs it and falls back. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    /** Short, loggable cause: `timeout`, `http 429`, `http 500`, `broken stream`, … */
    readonly reason: string,
    message = reason,
  ) {
    super(message);
  }
}

/** What a request may be given beside the messages. */
export interface ChatOptions {
  signal: AbortSignal;
  /** Injected in tests; the global `fetch` otherwise. */
  fetch?: typeof fetch;
  maxTokens?: number;
}

interface ChunkShape {
  choices?: { delta?: { content?: string | null }; message?: { content?: string | null } }[];
  error?: { message?: string } | string;
}

function contentOf(payload: string): string {
  let parsed: ChunkShape;
  try {
    parsed = JSON.parse(payload) as ChunkShape;
  } catch {
    throw new LlmError('broken stream', `not JSON: ${payload.slice(0, 80)}`);
  }
  if (parsed.error) throw new LlmError('server error', typeof parsed.error === 'string' ? parsed.error : (parsed.error.message ?? 'error'));
  // A usage chunk has no choices; a role-only chunk has no content.
  const choice = parsed.choices?.[0];
  return choice?.delta?.content ?? choice?.message?.content ?? '';
}

/**
 * Streams the model's reply as pieces of text. Throws {@link LlmError} on an HTTP error, a
 * broken stream or an abort (the caller's signal carries the deadline). A server that answers
 * with one JSON body instead of a stream is read too.
 */
export async function* streamChat(config: LlmConfig, messages: readonly ChatMessage[], options: ChatOptions): AsyncGenerator<string> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: config.model, messages, stream: true, temperature: 0.2, max_tokens: options.maxTokens ?? 400 }),
      signal: options.signal,
    });
  } catch (error) {
    throw options.signal.aborted ? new LlmError('timeout') : new LlmError('unreachable', String(error));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new LlmError(`http ${response.status}`);
  }
  if (!response.body) throw new LlmError('empty body');
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    yield contentOf(await response.text());
    return;
  }
  try {
    for await (const data of sseData(response.body)) {
      if (data.trim() === '[DONE]') return;
      const content = contentOf(data);
      if (content) yield content;
    }
  } catch (error) {
    if (error instanceof LlmError) throw error;
    throw options.signal.aborted ? new LlmError('timeout') : new LlmError('broken stream', String(error));
  }
  // No [DONE]: some servers just close the stream. What came is the answer.
}
