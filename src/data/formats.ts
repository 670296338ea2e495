/**
 * The two text formats of language data: alias tables and word lists. Pure functions, no I/O;
 * {@link ./load.ts} reads the files.
 */

/** One group of terms that mean the same thing. Order does not matter. */
export type AliasGroup = readonly string[];
/** A list of alias groups. */
export type AliasTable = readonly AliasGroup[];

/** A line that is not `term = alias, alias`. */
export class AliasSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`aliases: ${file}:${line}: ${reason}`);
    this.name = 'AliasSyntaxError';
  }
}

/** A line without its comment (`#` at the start or after white space, so `c#` stays) and outer spaces. */
export function withoutComment(rawLine: string): string {
  return rawLine.replace(/(^|\s)#.*$/, '').trim();
}

/**
 * Parses the alias text format: one group per line, `term = alias, alias, ...`; `#` starts a
 * comment; blank lines are ignored. `source` names the text in errors (a file path, `built-in`).
 * Throws {@link AliasSyntaxError} with the line number on the first bad line.
 */
export function parseAliasText(text: string, source: string): AliasTable {
  const groups: string[][] = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = withoutComment(rawLine);
    if (!line) return;
    const lineNumber = index + 1;
    const equals = line.indexOf('=');
    if (equals < 0) throw new AliasSyntaxError(source, lineNumber, `expected "term = alias, alias", found "${line}"`);
    const term = line.slice(0, equals).trim();
    const aliases = line
      .slice(equals + 1)
      .split(',')
      .map((alias) => alias.trim());
    if (!term) throw new AliasSyntaxError(source, lineNumber, 'the term before "=" is empty');
    if (aliases.some((alias) => !alias)) throw new AliasSyntaxError(source, lineNumber, 'an alias after "=" is empty');
    groups.push([term, ...aliases]);
  });
  return groups;
}

/** A word of a word list and the line it stands on (1-based). */
export interface ListedWord {
  word: string;
  line: number;
}

/**
 * Parses a word list: words separated by spaces or line breaks, `#` starts a comment. Keeps the
 * order of the file (it matters where suffixes of one length compete).
 */
export function parseWordList(text: string): ListedWord[] {
  return text.split(/\r?\n/).flatMap((rawLine, index) =>
    withoutComment(rawLine)
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => ({ word, line: index + 1 })),
  );
}
