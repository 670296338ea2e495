/**
 * The neutral reply every command returns. It is data, never markup: each platform renderer
 * escapes it for its own idiom (Discord embeds, Telegram HTML, console text) and fits it into
 * that platform's limits. Renderers may drop what does not fit, in this order: `items` from
 * the end, `fields` from the end, `text` lines from the end.
 */

/** A labelled value, e.g. `Tags: AI, GPU`. */
export interface ReplyField {
  /**
   * Stable id of what the field holds (`tags`, `date`, `other-matches`), for renderers that
   * treat a field specially: they compare this, never the localized `name`.
   */
  id?: ReplyFieldId;
  name: string;
  value: string;
  /** Hint for renderers that can lay fields side by side (Discord `inline`). */
  inline?: boolean;
}

/** The ids of fields renderers may look for; other fields carry none. */
export type ReplyFieldId = 'tags' | 'date' | 'other-matches';

/** A link the renderer shows as a button where it can (Discord link button, Telegram URL button). */
export interface ReplyLink {
  label: string;
  url: string;
}

/**
 * What pressing an action's button does to the message that carries it: `replace` shows the
 * command's reply in that message (turning a page), `new-message` answers with a message of its
 * own and leaves the first one as it was (opening a post from a list).
 */
export type ActionEffect = 'replace' | 'new-message';

/** A command to run again with other arguments: what an action button carries once decoded. */
export interface ActionRequest {
  command: string;
  args: Record<string, string | number>;
  /** Absent means `replace`; read it through {@link effectOf}. */
  effect?: ActionEffect;
}

/**
 * A button that runs a command again with other arguments (paging, "show this post").
 * Renderers encode `command` + `args` + `effect` into their own callback id (`custom_id` ≤100
 * chars, `callback_data` ≤64 bytes), so args stay short: post ids are resolved through `Reply`
 * data, pages are numbers. The action says what pressing it does to its message ({@link
 * ActionEffect}); adapters follow it and never guess from the arguments.
 */
export interface ReplyAction extends ActionRequest {
  label: string;
}

/** The effect of an action or a decoded action; `replace` unless it says `new-message`. */
export function effectOf(action: ActionRequest): ActionEffect {
  return action.effect ?? 'replace';
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
