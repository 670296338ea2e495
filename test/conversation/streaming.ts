/**
 * Shared pieces of the streamed-answer tests: a real core whose /ask writes with a model (the
 * fake LLM server on 127.0.0.1, dripping its answer), a conversation core over it, and the gaps
 * between timestamped requests.
 */
import { fileURLToPath } from 'node:url';
import { commands } from '../../commands/index.ts';
import { createAsk } from '../../commands/ask.ts';
import { createLlmAnswerer } from '../../src/answer/llm.ts';
import { createConversation, type Conversation } from '../../src/bot/converse.ts';
import { createBotCore } from '../../src/bot/execute.ts';
import type { BotCore } from '../../src/bot/core.ts';
import { InMemoryConversationStore } from '../../src/conversation/memory.ts';
import { InMemoryQuestionLog } from '../../src/conversation/questions.ts';
import { coreFor, recordingLogger } from '../helpers/core.ts';

export const POSTS = fileURLToPath(new URL('./fixtures/posts', import.meta.url));
/** Thursday 2026-02-05 10:00 in Seoul, as in the other conversation tests. */
export const NOW = new Date('2026-02-05T10:00:00+09:00');
/** A question the fixtures answer (the OpenAI post), asked as free text. */
export const QUESTION = 'OpenAI 에이전트 모드는 뭐가 달라?';
/**
 * Arrival gaps may be a little under the bot's 1000 ms spacing (network jitter between two
 * requests); a broken throttle shows gaps of one drip (~150 ms).
 */
export const MIN_GAP_MS = 900;

/** The core and conversation, with /ask writing through `model` at `baseUrl` (no model: extractive). */
export async function streamingSetup(llm?: { baseUrl: string; model: string }): Promise<{ core: BotCore; conversation: Conversation }> {
  const questions = new InMemoryQuestionLog({ now: () => NOW.getTime() });
  const base = await coreFor(POSTS, { now: NOW, services: { questions } });
  const log = recordingLogger();
  const answerer = llm ? createLlmAnswerer({ config: { ...llm, timeoutMs: 15_000 }, log }) : undefined;
  const core = createBotCore({
    commands: answerer ? commands.map((command) => (command.name === 'ask' ? createAsk({ llm: answerer }) : command)) : commands,
    engine: base.engine,
    defaultLocale: 'ko',
    log,
    now: () => NOW,
    services: { questions },
  });
  const conversation = createConversation({
    engine: base.engine,
    execute: (invocation) => core.execute(invocation),
    store: new InMemoryConversationStore({ now: () => NOW.getTime() }),
    questions,
    localeFor: (locale) => core.localeFor(locale),
    log,
    now: () => NOW,
    fairness: { memberBurst: 100, memberRefillPerSecond: 100 },
  });
  return { core, conversation };
}

/** The gaps between consecutive timestamps, in ms. */
export function gapsOf(at: readonly number[]): number[] {
  return at.slice(1).map((t, i) => t - at[i]!);
}
