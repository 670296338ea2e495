/**
 * Checks of the language data files, run by src/data/data.test.ts: a bad line fails the tests
 * instead of quietly changing what the search finds. Pure functions over the text.
 */
import { AliasSyntaxError, parseAliasText, parseWordList, withoutComment } from './formats.ts';

/** A problem on one line of a data file. */
export interface DataProblem {
  file: string;
  line: number;
  reason: string;
}

/** Case and width do not make two entries different (the analyzer folds them too). */
const fold = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Two groups may share a term only when each says which meaning it is: `space = 우주  # sense: outer space`. */
const SENSE = /#\s*sense:/;

/**
 * Problems of an alias file: malformed lines, a member repeated within its group, a group that
 * repeats an earlier one (same members in any order or case), and a term that starts two groups
 * without a `# sense: ...` comment on each.
 */
export function lintAliasText(text: string, file: string): DataProblem[] {
  const problems: DataProblem[] = [];
  const groups = new Map<string, number>();
  const heads = new Map<string, { line: number; sense: boolean }>();
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = index + 1;
    if (!withoutComment(rawLine)) return;
    let members: string[];
    try {
      members = [...(parseAliasText(rawLine, file)[0] ?? [])].map(fold);
    } catch (error) {
      if (!(error instanceof AliasSyntaxError)) throw error;
      problems.push({ file, line, reason: error.message.replace(`aliases: ${file}:1: `, '') });
      return;
    }
    const repeated = members.find((member, i) => members.indexOf(member) !== i);
    if (repeated !== undefined) problems.push({ file, line, reason: `"${repeated}" twice in one group` });
    const key = [...new Set(members)].sort().join('\u0000');
    const earlier = groups.get(key);
    if (earlier !== undefined) problems.push({ file, line, reason: `repeats the group of line ${earlier}` });
    else groups.set(key, line);
    const head = members[0]!;
    const sense = SENSE.test(rawLine);
    const first = heads.get(head);
    if (first === undefined) heads.set(head, { line, sense });
    else if (earlier === undefined && !(first.sense && sense)) {
      problems.push({ file, line, reason: `"${head}" also starts line ${first.line}: merge the lines, or give each a "# sense: ..." comment` });
    }
  });
  return problems;
}

/**
 * Problems of a word list: a word listed twice (in any case), and a word outside `allowed`
 * (e.g. Hangul syllables only for Korean suffixes).
 */
export function lintWordList(text: string, file: string, allowed: RegExp): DataProblem[] {
  const problems: DataProblem[] = [];
  const seen = new Map<string, number>();
  for (const { word, line } of parseWordList(text)) {
    if (!allowed.test(word)) problems.push({ file, line, reason: `"${word}" does not match ${allowed}` });
    const earlier = seen.get(fold(word));
    if (earlier !== undefined) problems.push({ file, line, reason: `"${word}" already on line ${earlier}` });
    else seen.set(fold(word), line);
  }
  return problems;
}

/** Problems of a word list whose every word must also be in `superset` (named `supersetName` in the reason). */
export function lintSubset(text: string, file: string, superset: ReadonlySet<string>, supersetName: string): DataProblem[] {
  return parseWordList(text)
    .filter(({ word }) => !superset.has(word))
    .map(({ word, line }) => ({ file, line, reason: `"${word}" is not in ${supersetName}` }));
}

/** `file:line: reason`, one problem a line, for test failures and the CLI. */
export function formatDataProblems(problems: readonly DataProblem[]): string {
  return problems.map((problem) => `${problem.file}:${problem.line}: ${problem.reason}`).join('\n');
}
