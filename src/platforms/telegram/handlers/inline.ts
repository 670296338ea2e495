/** Inline mode (`@bot query` in any chat): matching posts as articles that send their summary. */
import { Composer, type Context } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { InlineResult } from '../../../bot/core.ts';
import type { TelegramMessage } from '../render.ts';
import type { Replies } from './replies.ts';
import { isWebUrl } from '../../../util/url.ts';

const INLINE_RESULTS_MAX = 50;
/** Inline answers are the same for everyone, so Telegram may cache them for a while. */
const INLINE_CACHE_SECONDS = 60;

export function inlineComposer({ core, render }: Replies): Composer<Context> {
  const composer = new Composer<Context>();
  composer.on('inline_query', async (ctx) => {
    const results = core
      .inlineResults(ctx.inlineQuery.query, ctx.from.language_code, INLINE_RESULTS_MAX)
      .slice(0, INLINE_RESULTS_MAX)
      .map((result) => inlineArticle(result, render(result.reply)));
    await ctx.answerInlineQuery(results, { cache_time: INLINE_CACHE_SECONDS });
  });
  return composer;
}

function inlineArticle(result: InlineResult, message: TelegramMessage): InlineQueryResultArticle {
  return {
    type: 'article',
    id: result.id,
    title: result.title,
    description: result.description,
    // Checked again here as in every renderer: only http(s) without credentials leaves the bot.
    ...(isWebUrl(result.url) ? { url: result.url } : {}),
    ...(isWebUrl(result.imageUrl, 2048) ? { thumbnail_url: result.imageUrl } : {}),
    input_message_content: {
      message_text: message.text,
      parse_mode: message.parse_mode,
      link_preview_options: message.link_preview_options,
    },
    ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
  };
}
