/**
 * Reads a blog's own alias file. The only file-system code of the search module.
 */
import { readFileSync } from 'node:fs';
import { parseAliasText, type AliasTable } from './aliases.ts';

/**
 * Loads an alias file: UTF-8 text, one group per line, `term = alias, alias, ...`; `#` starts a
 * comment; blank lines are ignored. Every member of a line finds the others (both directions).
 *
 * @example
 * ```text
 * # aliases.txt
 * 엔비디아 = nvidia, 앤비디아
 * data center = 데이터센터, 데이터 센터
 * ```
 *
 * @throws {AliasSyntaxError} naming `path:line` on the first malformed line.
 * @throws The file system's error when the file cannot be read.
 */
export function loadAliasFile(path: string): AliasTable {
  return parseAliasText(readFileSync(path, 'utf8'), path);
}
