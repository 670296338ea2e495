/**
 * The LLM settings, read from the environment by a pure function: src/config.ts calls it and
 * adds its problems to its own.
 *
 * - `LLM_BASE_URL`: an OpenAI-compatible API root, e.g. `http://localhost:11434/v1` (Ollama).
 *   Unset: no LLM, /ask answers extractively.
 * - `LLM_MODEL`: the model name the server knows (required with `LLM_BASE_URL`).
 * - `LLM_API_KEY`: sent as a bearer token when set (Ollama and llama.cpp need none).
 * - `LLM_TIMEOUT_MS`: the most a whole answer may take, first byte to last (default 20000).
 */

/** How to reach the model. */
export interface LlmConfig {
  /** API root without a trailing slash; `/chat/completions` is appended. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export const DEFAULT_LLM_TIMEOUT_MS = 20_000;
const MIN_TIMEOUT_MS = 500;
const MAX_TIMEOUT_MS = 300_000;

/** Reads the LLM settings; `config` is undefined when no LLM is configured or a setting is wrong. */
export function parseLlmConfig(env: Record<string, string | undefined>): { config?: LlmConfig; problems: string[] } {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const baseUrl = get('LLM_BASE_URL');
  const model = get('LLM_MODEL');
  const apiKey = get('LLM_API_KEY');
  const timeoutRaw = get('LLM_TIMEOUT_MS');
  if (!baseUrl) {
    for (const name of ['LLM_MODEL', 'LLM_API_KEY', 'LLM_TIMEOUT_MS']) {
      if (get(name)) problems.push(`${name} is set but LLM_BASE_URL is not: set the URL or remove ${name}`);
    }
    return { problems };
  }
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    problems.push(`LLM_BASE_URL must be an http(s) URL such as http://localhost:11434/v1 (got "${baseUrl}")`);
  }
  if (!model) problems.push('LLM_MODEL must name the model when LLM_BASE_URL is set (e.g. qwen2.5:3b)');
  let timeoutMs = DEFAULT_LLM_TIMEOUT_MS;
  if (timeoutRaw !== undefined) {
    const n = Number(timeoutRaw);
    if (!Number.isInteger(n) || n < MIN_TIMEOUT_MS || n > MAX_TIMEOUT_MS) {
      problems.push(`LLM_TIMEOUT_MS must be a whole number from ${MIN_TIMEOUT_MS} to ${MAX_TIMEOUT_MS} (got "${timeoutRaw}")`);
    } else timeoutMs = n;
  }
  if (problems.length > 0) return { problems };
  return { config: { baseUrl: baseUrl.replace(/\/+$/, ''), model: model!, ...(apiKey ? { apiKey } : {}), timeoutMs }, problems };
}
