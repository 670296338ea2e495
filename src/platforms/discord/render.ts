/**
 * Renders a neutral {@link Reply} as a Discord message: one embed (title linking to the post,
 * escaped text, thumbnail, fields, footer) and button rows (link buttons, action buttons whose
 * custom_id the core encodes). Every Discord limit is enforced here, whatever the reply holds;
 * what does not fit is dropped in the order the Reply contract gives: fields from the end, then
 * text lines and items from the end, and only then is text cut.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
} from 'discord.js';
import type { Reply, ReplyAction } from '../../bot/reply.ts';
import { escapeMarkdown } from './text.ts';
import { chunk, truncate } from '../../util/text.ts';
import { isWebUrl } from '../../util/url.ts';

/** Discord's documented limits (see ../shared/docs/platforms.md). */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  linkUrl: 512,
  /** Embed and thumbnail URLs; Discord allows more, but nothing longer is a sane post URL. */
  embedUrl: 2048,
} as const;

const COLORS = { normal: 0x5865f2, notice: 0xfee75c, error: 0xed4245 } as const;

/** A message exactly as it goes over the wire (interaction callback `data`, webhook edit body). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  /** `64` (ephemeral) when only the person who asked should see it. */
  flags?: number;
  allowed_mentions: { parse: [] };
}

export interface RenderOptions {
  /** The core's action encoder; its output becomes the button's custom_id. */
  encodeAction(action: ReplyAction): string;
  /** The member asked for a private answer (`private` option). */
  ephemeral?: boolean;
}

/**
 * Renders a reply. A reply that is only text (no title, link, fields, items, image or footer)
 * becomes plain content, which reads better for short errors; everything else is an embed.
 * Error replies and private replies are ephemeral.
 *
 * @example
 * renderReply({ title: 'Post', url, text: ['• one'] }, { encodeAction: core.encodeAction })
 * // → { embeds: [{ title: 'Post', url, description: '• one', color }], components: [], allowed_mentions: { parse: [] } }
 */
export function renderReply(reply: Reply, options: RenderOptions): DiscordMessage {
  const message: DiscordMessage = {
    embeds: [],
    components: buttonRows(reply, options.encodeAction),
    allowed_mentions: { parse: [] },
  };
  if (isTextOnly(reply)) {
    message.content = fitLines(reply.text.map(escapeMarkdown), LIMITS.content) || '\u200b';
  } else {
    message.embeds.push(embed(reply));
  }
  if (options.ephemeral || reply.private || reply.kind === 'error') message.flags = MessageFlags.Ephemeral;
  return message;
}

/**
 * The same message as discord.js options (`reply`, `editReply`, `update`, `followUp`):
 * embeds and components pass through as API JSON; `allowedMentions` maps to `allowed_mentions`.
 */
export function toDiscordJs(message: DiscordMessage): InteractionReplyOptions & InteractionUpdateOptions {
  return {
    content: message.content ?? '',
    embeds: message.embeds,
    components: message.components,
    allowedMentions: { parse: [] },
    ...(message.flags ? { flags: message.flags } : {}),
  } as InteractionReplyOptions & InteractionUpdateOptions;
}

function isTextOnly(reply: Reply): boolean {
  return (
    !reply.title &&
    !reply.url &&
    !reply.image &&
    !reply.footer &&
    (reply.fields?.length ?? 0) === 0 &&
    (reply.items?.length ?? 0) === 0
  );
}

function embed(reply: Reply): APIEmbed {
  const title = reply.title ? truncate(reply.title, LIMITS.title) : undefined;
  const footer = reply.footer ? truncate(reply.footer, LIMITS.footer) : undefined;
  let fields: APIEmbedField[] = (reply.fields ?? []).slice(0, LIMITS.fields).map((field) => ({
    name: truncate(field.name, LIMITS.fieldName) || '\u200b',
    value: truncate(escapeMarkdown(field.value), LIMITS.fieldValue) || '\u200b',
    ...(field.inline ? { inline: true } : {}),
  }));
  const lines = descriptionLines(reply);

  // Fit the 6000 total: drop fields from the end, then description lines from the end.
  const fixed = (title?.length ?? 0) + (footer?.length ?? 0);
  const fieldsSize = () => fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  let description = fitLines(lines, LIMITS.description);
  while (fields.length > 0 && fixed + fieldsSize() + description.length > LIMITS.embedTotal) {
    fields = fields.slice(0, -1);
  }
  const room = LIMITS.embedTotal - fixed - fieldsSize();
  if (description.length > room) description = fitLines(lines, Math.max(0, room));

  const result: APIEmbed = { color: COLORS[reply.kind ?? 'normal'] };
  if (title) result.title = title;
  if (isWebUrl(reply.url, LIMITS.embedUrl)) result.url = reply.url;
  if (description) result.description = description;
  if (isWebUrl(reply.image, LIMITS.embedUrl)) result.thumbnail = { url: reply.image };
  if (fields.length > 0) result.fields = fields;
  if (footer) result.footer = { text: footer };
  return result;
}

/** Text lines, then the numbered items (title as a masked link where it has a URL, then detail). */
function descriptionLines(reply: Reply): string[] {
  const lines = reply.text.map(escapeMarkdown);
  const items = reply.items ?? [];
  if (items.length > 0 && lines.length > 0) lines.push('');
  items.forEach((item, i) => {
    const title = escapeMarkdown(item.title);
    const linked = isWebUrl(item.url, LIMITS.linkUrl) ? `[${title}](${item.url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : title;
    lines.push(`${i + 1}. ${linked}`);
    if (item.detail) lines.push(`   ${escapeMarkdown(item.detail)}`);
  });
  return lines;
}

/**
 * Joins lines with newlines within `max` units: whole lines are dropped from the end (marked
 * with `…`), and a single line longer than `max` is cut.
 */
function fitLines(lines: readonly string[], max: number): string {
  const joined = lines.join('\n');
  if (joined.length <= max) return joined;
  const kept: string[] = [];
  let size = 0;
  for (const line of lines) {
    const added = (kept.length > 0 ? 1 : 0) + line.length;
    if (size + added + 2 > max) break; // keep room for "\n…"
    kept.push(line);
    size += added;
  }
  if (kept.length === 0) return truncate(lines[0] ?? '', max);
  return `${kept.join('\n')}\n…`;
}

/** Link buttons first (post, original article), then action buttons; ≤5 a row, ≤5 rows. */
function buttonRows(reply: Reply, encodeAction: (action: ReplyAction) => string): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = [];
  for (const link of reply.links ?? []) {
    if (!isWebUrl(link.url, LIMITS.linkUrl)) continue; // Discord rejects the whole message otherwise
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: label(link.label), url: link.url });
  }
  const linkCount = buttons.length;
  const seen = new Set<string>();
  for (const action of reply.actions ?? []) {
    let customId: string;
    try {
      customId = encodeAction(action);
    } catch {
      continue; // an action the core cannot encode is one button less, not a failed reply
    }
    if (customId.length === 0 || customId.length > LIMITS.customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: label(action.label), custom_id: customId });
  }
  // Links and actions start on separate rows, so paging buttons stay together.
  const rows = [...chunk(buttons.slice(0, linkCount), LIMITS.buttonsPerRow), ...chunk(buttons.slice(linkCount), LIMITS.buttonsPerRow)];
  return rows.slice(0, LIMITS.rows).map((components) => ({ type: ComponentType.ActionRow, components }));
}

function label(text: string): string {
  return truncate(text.trim(), LIMITS.buttonLabel) || '…';
}


/** Discord's autocomplete limits: ≤25 choices, name and value 1–100 characters. */
export const CHOICE_LIMITS = { choices: 25, name: 100, value: 100 } as const;

/**
 * Fits autocomplete choices to Discord's limits: names are cut to 100 characters, choices whose
 * value is empty or longer than 100 are dropped (a cut value would select something else), and
 * at most 25 are kept.
 */
export function fitChoices(choices: readonly { name: string; value: string }[]): { name: string; value: string }[] {
  return choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= CHOICE_LIMITS.value)
    .map((choice) => ({ name: truncate(choice.name, CHOICE_LIMITS.name) || choice.value, value: choice.value }))
    .slice(0, CHOICE_LIMITS.choices);
}
