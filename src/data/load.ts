/**
 * Reads the language data files that sit beside this module (aliases.txt, particles.txt ...),
 * and alias files a blog brings. The only file-system code behind the search module.
 *
 * Files are found relative to this module (`import.meta.url`), not to the working directory, so
 * they are found from any checkout or install. A build to `dist/` must copy `src/data/*.txt`
 * next to the compiled `load.js`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAliasText, parseWordList, type AliasTable } from './formats.ts';

/** The absolute path of a data file of this folder, e.g. `dataFilePath('aliases.txt')`. */
export function dataFilePath(name: string): string {
  return fileURLToPath(new URL(name, import.meta.url));
}

/** The text of a data file of this folder (UTF-8). */
export function readDataFile(name: string): string {
  return readFileSync(dataFilePath(name), 'utf8');
}

/** The words of a word list of this folder, in file order. */
export function readWordList(name: string): string[] {
  return parseWordList(readDataFile(name)).map((entry) => entry.word);
}

/** The alias table of this folder (`aliases.txt`): the curated table that ships with briefbot. */
export function readBuiltinAliases(): AliasTable {
  return parseAliasText(readDataFile('aliases.txt'), dataFilePath('aliases.txt'));
}

/**
 * The vocabulary of this folder (`vocabulary.txt`): per line a Korean word of the posts and the
 * English words a member types for it. For the answerer only, read on its first question (the
 * search index never reads it); compile it one way (see `compileOneWay` of search/aliases.ts).
 */
export function readVocabulary(): AliasTable {
  return parseAliasText(readDataFile('vocabulary.txt'), dataFilePath('vocabulary.txt'));
}

/**
 * Loads a blog's own alias file: UTF-8 text, one group per line, `term = alias, alias, ...`; `#`
 * starts a comment; blank lines are ignored. Every member of a line finds the others.
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
