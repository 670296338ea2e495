/**
 * Small text helpers for Discord's limits and markdown. Lengths are counted in UTF-16 code units
 * (JavaScript's `length`), which is never less than Discord's own count, so a fitted text fits.
 */

/** Cuts `text` to at most `max` units, ending with `…` when cut, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end)}…`;
}

/** A bare http(s) URL, captured so `split` keeps it at the odd indexes. */
const BARE_URL = /(https?:\/\/[^\s<>()[\]]+)/;

/**
 * Escapes Discord markdown so post text shows as written: `*`, `_`, `~`, `` ` ``, `|`, `\`,
 * square and angle brackets (which also keeps `<@&123>` from rendering as a mention), and
 * heading, quote and list markers at the start of a line. Bare URLs are left as they are:
 * Discord links them before it reads escapes, so a backslash inside one would break the link.
 */
export function escapeMarkdown(text: string): string {
  return text
    .split(BARE_URL)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/[\\*_~`|[\]<>]/g, '\\$&')))
    .join('')
    .replace(/^(\s*)([#>-])/gm, '$1\\$2');
}

/** Whether `url` is an absolute http(s) URL of at most `max` characters. */
export function isWebUrl(url: string | undefined, max: number): url is string {
  if (!url || url.length > max) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
