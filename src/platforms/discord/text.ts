/** Discord markdown escaping (the shared cutting and URL helpers live in `src/util`). */

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
