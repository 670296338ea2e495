/** Posts matching a query, each as the summary reply `/summary` would show (Telegram inline mode). */
import type { Locale } from '../i18n/index.ts';
import { MESSAGES } from '../i18n/core.ts';
import type { Logger } from '../util/logger.ts';
import { truncate } from '../util/text.ts';
import type { InlineResult } from './core.ts';
import type { Engine } from './engine.ts';
import { postReply } from './post-reply.ts';

/** Telegram's bound on inline answers. */
export const MAX_INLINE_RESULTS = 50;

export interface InlineResultsOptions {
  engine: Engine;
  log: Logger;
  now: () => Date;
}

/** See {@link BotCore.inlineResults}: never throws. */
export function createInlineResults(options: InlineResultsOptions): (query: string, locale: Locale, limit?: number) => InlineResult[] {
  const { engine, log, now } = options;
  return (query, locale, limit = MAX_INLINE_RESULTS) => {
    try {
      if (!engine.ready) return [];
      const t = MESSAGES[locale];
      const { library, index } = engine;
      const at = now();
      const max = Math.min(limit, MAX_INLINE_RESULTS);
      // An empty inline query (`@bot ` alone) is someone browsing: offer the newest posts.
      const posts = query.trim()
        ? index.search(query.slice(0, 300), { limit: max, filter: (post) => library.isPublished(post, at) }).map((hit) => hit.post)
        : library.published(at).slice(0, max);
      return posts.map((post) => ({
        id: library.shortId(post),
        title: post.title,
        description: truncate(post.summary[0] ?? post.description ?? '', 200),
        url: post.url,
        ...(post.imageUrl ? { imageUrl: post.imageUrl } : {}),
        reply: postReply(post, t),
      }));
    } catch (error) {
      log.error('inline query failed', { error: String(error) });
      return [];
    }
  };
}
