/**
 * Small text helpers shared by every layer: cutting text to a length, splitting lists into rows,
 * the key tags are matched by, and problems printed the way compilers print them.
 * Lengths are UTF-16 code units (JavaScript's `length`), which is how Telegram counts and never
 * less than Discord's count, so a text fitted here fits there.
 */

/** The mark of a cut. */
export const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` units, ending with `…` when cut, never splitting a surrogate pair
 * (an emoji cut in half is a broken character on every platform).
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate whose pair would be cut off
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Cuts `text` to at most `max` units at the last space when that keeps most of it (a cut word
 * reads worse than a shorter line), else anywhere; ends with `…` when cut.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max).slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}${ELLIPSIS}`;
}

/** Splits `items` into consecutive rows of at most `size` (button rows, pages). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

/**
 * The key tags are matched by: NFKC, lower case, without a leading `#`, spaces, hyphens and
 * underscores, so `Raspberry-Pi-Pico-2`, `raspberry pi pico 2`, `#AI` and `ＡＩ` meet
 * `raspberrypipico2` and `ai`.
 */
export function normalizeTag(tag: string): string {
  return tag
    .normalize('NFKC')
    .replace(/^\s*#+/, '')
    .toLowerCase()
    .replace(/[\s\-_‐‑–—]+/g, '');
}

/** Something wrong with a file, at a line when known. */
export interface FileProblem {
  file: string;
  line?: number;
  reason: string;
}

/** `file:line: reason` (or `file: reason` when the line is not known), like compilers print. */
export function formatProblem(p: FileProblem): string {
  return p.line !== undefined ? `${p.file}:${p.line}: ${p.reason}` : `${p.file}: ${p.reason}`;
}

/**
 * Invisible characters that change how text reads rather than what it says: bidi overrides and
 * isolates (U+202E can make `gnp.exe` look like `exe.png`), the Arabic letter mark, zero-width
 * spaces and joiners that hide inside words, and a stray byte-order mark. The zero-width
 * joiner/non-joiner (U+200C/U+200D) stay: emoji sequences need them.
 */
const ODD_INVISIBLES = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Text as shown to members: {@link ODD_INVISIBLES} removed, everything else kept. */
export function neutralizeText(text: string): string {
  return text.replace(ODD_INVISIBLES, '');
}
