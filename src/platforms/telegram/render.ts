/**
 * Renders a neutral {@link Reply} as a Telegram message in HTML parse mode.
 *
 * Why HTML and not MarkdownV2: HTML needs only `< > &` (and `"` in attributes) escaped, which is
 * easy to get right for any post text; MarkdownV2 reserves eighteen characters and is a known
 * source of "can't parse entities" errors.
 *
 * The message is built as lines of plain-text pieces, each with its own style. Length is counted
 * on the pieces (what Telegram counts: the visible text after entity parsing, in UTF-16 units),
 * and text is escaped only when the pieces are finally joined, so a cut can never fall inside a
 * tag or an entity.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions } from 'grammy/types';
import type { Reply, ReplyAction } from '../../bot/reply.ts';
import { chunk, truncate } from '../../util/text.ts';
import { isWebUrl } from '../../util/url.ts';

/** Telegram's limit for a message text, in UTF-16 units after entity parsing. */
export const TELEGRAM_TEXT_LIMIT = 4096;
/** Telegram's limit for callback_data, in bytes. */
export const CALLBACK_DATA_LIMIT_BYTES = 64;

/** What `sendMessage` / `editMessageText` / `input_message_content` need, minus the chat. */
export interface TelegramMessage {
  text: string;
  parse_mode: 'HTML';
  link_preview_options: LinkPreviewOptions;
  reply_markup?: InlineKeyboardMarkup;
}

export interface RenderOptions {
  /**
   * Turns a reply action into callback_data. The core's `encodeAction` does it (short refs for
   * posts and tags); an action whose data does not fit 64 bytes (or that the encoder refuses by
   * throwing) is dropped, not sent broken.
   */
  encodeAction: (action: ReplyAction) => string;
  /** Visible-length budget; {@link TELEGRAM_TEXT_LIMIT} unless a caller needs less. */
  maxLength?: number;
}

/** A run of plain text with one style. Escaping happens only in {@link toHtml}. */
interface Piece {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
}
type Line = Piece[];

/** Escapes text for Telegram HTML: the three characters the parser reserves, plus `"` for attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}


/** The message as Telegram will show it, in UTF-16 units: pieces joined, lines joined by `\n`. */
function visibleLength(lines: Line[]): number {
  let length = Math.max(0, lines.length - 1);
  for (const line of lines) for (const piece of line) length += piece.text.length;
  return length;
}

function toHtml(lines: Line[]): string {
  return lines
    .map((line) =>
      line
        .map((piece) => {
          let html = escapeHtml(piece.text);
          if (piece.href) html = `<a href="${escapeHtml(piece.href)}">${html}</a>`;
          if (piece.italic) html = `<i>${html}</i>`;
          if (piece.bold) html = `<b>${html}</b>`;
          return html;
        })
        .join(''),
    )
    .join('\n');
}


/** The parts of a reply, each a list of droppable units (one unit = one or more lines). */
interface Sections {
  header: Line[];
  text: Line[][];
  fields: Line[][];
  items: Line[][];
  footer: Line[];
}

function sectionsOf(reply: Reply): Sections {
  const header: Line[] = [];
  if (reply.title) header.push([{ text: reply.title, bold: true, ...(isWebUrl(reply.url) ? { href: reply.url } : {}) }]);
  const text: Line[][] = reply.text.map((paragraph) => [[{ text: paragraph }]]);
  // An error reads as one at a glance: the marker goes on its first line, title or text.
  const first = header[0] ?? text[0]?.[0];
  if (reply.kind === 'error' && first) first.unshift({ text: '⚠️ ' });
  const fields = (reply.fields ?? []).map((field) => [[{ text: `${field.name}:`, bold: true }, { text: ` ${field.value}` }]]);
  const items = (reply.items ?? []).map((item, i) => {
    const lines: Line[] = [
      [{ text: `${i + 1}. ` }, { text: item.title, ...(isWebUrl(item.url) ? { href: item.url } : {}) }],
    ];
    if (item.detail) lines.push([{ text: `    ${item.detail}`, italic: true }]);
    return lines;
  });
  const footer: Line[] = reply.footer ? [[{ text: reply.footer, italic: true }]] : [];
  return { header, text, fields, items, footer };
}

/** Joins the sections with one blank line between non-empty ones. */
function layout(s: Sections): Line[] {
  const blocks: Line[][] = [s.header, s.text.flat(), s.fields.flat(), s.items.flat(), s.footer].filter(
    (block) => block.length > 0,
  );
  const lines: Line[] = [];
  blocks.forEach((block, i) => {
    if (i > 0) lines.push([]);
    lines.push(...block);
  });
  return lines;
}

/**
 * Fits the sections into `max` visible units. Drops whole units first, in the order `Reply`
 * documents (the list's tail, then fields from the end, then text lines from the end, keeping the
 * first paragraph); only then shortens the longest piece left, which covers a single huge
 * paragraph or title.
 */
function fit(s: Sections, max: number): Line[] {
  let lines = layout(s);
  const droppable = [s.items, s.fields, s.text];
  for (const units of droppable) {
    while (visibleLength(lines) > max && units.length > (units === s.text ? 1 : 0)) {
      units.pop();
      lines = layout(s);
    }
  }
  while (visibleLength(lines) > max) {
    const overflow = visibleLength(lines) - max;
    let longest: Piece | undefined;
    for (const line of lines) for (const piece of line) if (!longest || piece.text.length > longest.text.length) longest = piece;
    if (!longest || longest.text.length === 0) break;
    // cut at least a quarter so a message of many long pieces converges quickly
    const cut = Math.max(overflow + 1, Math.ceil(longest.text.length / 4));
    longest.text = truncate(longest.text, longest.text.length - cut);
  }
  return lines;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Button labels have no documented limit; long ones are cut on screen anyway. */
function label(text: string): string {
  return truncate(text, 64);
}


function keyboardOf(reply: Reply, encodeAction: RenderOptions['encodeAction']): InlineKeyboardMarkup | undefined {
  const linkButtons: InlineKeyboardButton[] = (reply.links ?? [])
    .filter((link) => isWebUrl(link.url))
    .map((link) => ({ text: label(link.label), url: link.url }));
  const actionButtons: InlineKeyboardButton[] = [];
  for (const action of reply.actions ?? []) {
    let data: string;
    try {
      data = encodeAction(action);
    } catch {
      continue; // the core refuses data it cannot fit; a missing button beats a failed message
    }
    if (data.length === 0 || utf8Bytes(data) > CALLBACK_DATA_LIMIT_BYTES) continue;
    actionButtons.push({ text: label(action.label), callback_data: data });
  }
  const rows = [...chunk(linkButtons, 2), ...chunk(actionButtons, 3)];
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

/**
 * Renders a reply as a Telegram HTML message: bold (linked) title, paragraphs, `name: value`
 * fields, a numbered list, an italic footer; URL buttons for `links` (two a row), callback buttons
 * for `actions` (three a row); a link preview of `reply.url` (previews are off otherwise, so a
 * list of posts does not preview a random one of them).
 *
 * @example
 * const message = renderTelegram(reply, { encodeAction: core.encodeAction });
 * await ctx.reply(message.text, message);
 */
export function renderTelegram(reply: Reply, options: RenderOptions): TelegramMessage {
  const max = options.maxLength ?? TELEGRAM_TEXT_LIMIT;
  const lines = fit(sectionsOf(reply), max);
  let text = toHtml(lines).trim();
  // Telegram rejects an empty message; a reply with nothing to show still says something.
  if (text.length === 0) text = '…';
  const message: TelegramMessage = {
    text,
    parse_mode: 'HTML',
    link_preview_options: isWebUrl(reply.url) ? { url: reply.url } : { is_disabled: true },
  };
  const keyboard = keyboardOf(reply, options.encodeAction);
  if (keyboard) message.reply_markup = keyboard;
  return message;
}

/** The visible text of rendered HTML, as Telegram counts it: tags removed, the four entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
