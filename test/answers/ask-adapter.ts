/**
 * Runs /ask through the real core and turns its neutral Reply into the {@link Answer} the
 * metrics judge. Kept apart from the test so the latency script measures the very same path.
 */
import type { BotCore } from '../../src/bot/core.ts';
import type { Reply } from '../../src/bot/reply.ts';
import type { Library } from '../../src/posts/library.ts';
import { run } from '../helpers/core.ts';
import type { Answer, Answerer } from './metrics.ts';

/** Everything a reply shows, in reading order, one line per element. */
export function replyText(reply: Reply): string {
  return [
    reply.title,
    ...reply.text,
    ...(reply.fields ?? []).map((field) => `${field.name}: ${field.value}`),
    ...(reply.items ?? []).flatMap((item) => [item.title, item.detail]),
    reply.footer,
  ]
    .filter((line): line is string => Boolean(line))
    .join('\n');
}

/**
 * An error reply ("the posts don't answer that") and a notice ("no post gives X; the closest
 * post is …") are "not answered"; the sources of an answer are the posts its items link to, in
 * order (items that link elsewhere are not sources).
 */
export function replyToAnswer(reply: Reply, library: Library): Answer {
  const idByUrl = new Map(library.all().map((post) => [post.url, post.id]));
  const sources = (reply.items ?? []).flatMap((item) => {
    const id = item.url ? idByUrl.get(item.url) : undefined;
    return id && item.url ? [{ id, url: item.url }] : [];
  });
  const answered = reply.kind !== 'error' && reply.kind !== 'notice';
  return { answered, text: replyText(reply), sources: answered ? sources : [] };
}

/** /ask as a member would run it, in the language of the question. */
export function askThroughCore(core: BotCore, library: () => Library): Answerer {
  return async (question) => {
    const reply = await run(core, 'ask', { question: question.question }, { locale: question.lang });
    return replyToAnswer(reply, library());
  };
}
