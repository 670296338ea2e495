/**
 * The neutral reply every command returns. It is data, never markup: each platform renderer
 * escapes it for its own idiom (Discord embeds, Telegram HTML, console text) and fits it into
 * that platform's limits. Renderers may drop what does not fit, in this order: `items` from
 * the end, `fields` from the end, `text` lines from the end.
 */

/** A labelled value, e.g. `Tags: AI, GPU`. */
export interface ReplyField {
  name: string;
  value: string;
  /** Hint for renderers that can lay fields side by side (Discord `inline`). */
  inline?: boolean;
}

/** A link the renderer shows as a button where it can (Discord link button, Telegram URL button). */
export interface ReplyLink {
  label: string;
  url: string;
}

/**
 * A button that runs a command again with other arguments (paging, "show this post").
 * Renderers encode `command` + `args` into their own callback id (`custom_id` ≤100 chars,
 * `callback_data` ≤64 bytes), so args stay short: post ids are resolved through `Reply` data,
 * pages are numbers.
 */
export interface ReplyAction {
  label: string;
  command: string;
  args: Record<string, string | number>;
}

/** One item of a list reply (a post in `tag`, `latest`, the other matches of `summary`). */
export interface ReplyItem {
  title: string;
  url?: string;
  /** Short plain-text detail: date, tags, a passage. */
  detail?: string;
}

export interface Reply {
  /** Heading; rendered bold / as embed title. */
  title?: string;
  /** Where the title links to. */
  url?: string;
  /** Paragraphs or bullet lines, plain text. A line starting with `• ` is a bullet. */
  text: string[];
  fields?: ReplyField[];
  /** Numbered list of items (posts, passages). */
  items?: ReplyItem[];
  links?: ReplyLink[];
  /** Absolute image URL (thumbnail). */
  image?: string;
  actions?: ReplyAction[];
  /** Footer, e.g. `2026-02-03 · page 1/3`. */
  footer?: string;
  /** Only the person who asked sees it (Discord ephemeral; Telegram: sent privately where possible). */
  private?: boolean;
  /** Marks apology / error replies, so renderers may style them. */
  kind?: 'normal' | 'error' | 'notice';
}
