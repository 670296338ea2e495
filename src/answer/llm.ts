/**
 * The answer written by a model (through src/llm) from the retrieved passages, with the extractive answer as the
 * floor: the model is only asked about questions the extractive answer found answerable (the
 * blog's answerability check decides before any call), and every failure — a timeout, 429, 5xx,
 * a broken or endless stream, an empty answer, an answer that cites no given source — gives the
 * extractive answer instead, logged once. Nothing here can hang a reply: one deadline covers the
 * whole call.
 */
import { extractiveText, type Answered } from './answer.ts';
import type { Post } from '../posts/types.ts';
import type { Logger } from '../util/logger.ts';
import { LlmError, streamChat } from '../llm/client.ts';
import { validateCitations } from '../llm/citations.ts';
import type { LlmConfig } from '../llm/config.ts';
import { promptMessages } from '../llm/prompt.ts';

/** The complete answer, for the console, the CLI and platforms that show it once. */
export interface FinalAnswer {
  /** The answer with its [n] citations. */
  text: string;
  /** The posts cited, [1] first. */
  sources: Post[];
  by: 'llm' | 'extractive';
  /** Why the model's answer was not used (`by: 'extractive'` after a model call). */
  fallback?: string;
}

/**
 * The answer as it is written: iterate for the model's text as it arrives (unchecked: platforms
 * that show it growing replace it with `final` at the end), or await `final` for the checked,
 * complete answer. `final` resolves whether or not anyone iterates.
 */
export interface AnswerStream extends AsyncIterable<string> {
  readonly final: Promise<FinalAnswer>;
}

/** Writes answers with a model. */
export interface LlmAnswerer {
  answer(extractive: Answered): AnswerStream;
}

export interface LlmAnswererOptions {
  config: LlmConfig;
  log: Logger;
  fetch?: typeof fetch;
}

/** Sources given to the model, and passages per source: enough context, a prompt small models read fast. */
const MAX_SOURCES = 3;
const PASSAGES_PER_SOURCE = 3;
/** An answer longer than this is a model that does not stop: it is cut off and not used. */
const MAX_ANSWER_CHARS = 2_000;

/** A numbered source of the prompt: a post and the passages of it the model may use. */
export interface PromptPost {
  post: Post;
  title: string;
  passages: string[];
}

/** The posts and passages the model sees: the extractive answer's post first, its lead sentences on top. */
export function promptSources(extractive: Answered): PromptPost[] {
  const posts = [...new Set([extractive.sources[0]!, ...extractive.passages.map((p) => p.post)])].slice(0, MAX_SOURCES);
  return posts.map((post, i) => {
    const passages = extractive.passages.filter((p) => p.post === post).map((p) => p.text);
    const lead = i === 0 ? [extractive.lead.join(' ')] : [];
    return { post, title: post.title, passages: [...new Set([...lead, ...passages])].slice(0, PASSAGES_PER_SOURCE + lead.length) };
  });
}

/** A queue of text pieces that one reader iterates while the writer fills it. */
class TextQueue implements AsyncIterable<string> {
  private readonly pieces: string[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  push(piece: string): void {
    this.pieces.push(piece);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const piece = this.pieces.shift();
      if (piece !== undefined) yield piece;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Creates the model-backed answerer. */
export function createLlmAnswerer(options: LlmAnswererOptions): LlmAnswerer {
  const { config, log } = options;
  return {
    answer(extractive) {
      const queue = new TextQueue();
      const final = writeAnswer(extractive, queue).finally(() => queue.end());
      return { final, [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() };
    },
  };

  async function writeAnswer(extractive: Answered, queue: TextQueue): Promise<FinalAnswer> {
    const sources = promptSources(extractive);
    const fallback = (cause: string): FinalAnswer => {
      log.warn('llm answer not used; answering extractively', { cause, model: config.model });
      return { text: extractiveText(extractive), sources: extractive.sources, by: 'extractive', fallback: cause };
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), config.timeoutMs);
    let text = '';
    try {
      const messages = promptMessages(extractive.question.text, extractive.question.lang, sources);
      for await (const piece of streamChat(config, messages, { signal: controller.signal, fetch: options.fetch })) {
        text += piece;
        if (text.length > MAX_ANSWER_CHARS) return fallback('endless answer');
        queue.push(piece);
      }
    } catch (error) {
      return fallback(error instanceof LlmError ? error.reason : String(error));
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    if (!text.trim()) return fallback('empty answer');
    const checked = validateCitations(text, sources.length);
    if (checked.cited.length === 0) return fallback('no valid citation');
    return { text: checked.text, sources: checked.cited.map((i) => sources[i]!.post), by: 'llm' };
  }
}
