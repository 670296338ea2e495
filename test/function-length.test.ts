/**
 * Functions stay short enough to read at once: none in src/ or commands/ runs over
 * {@link MAX_LINES} lines unless a comment right above it says why it is long.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The "~60 lines": beyond this a function needs a reason. */
export const MAX_LINES = 60;
/** A leading comment that explains the length: `// Long because …` (any case). */
const REASON = /\blong because\b/i;

/** A function over the limit without a reason: `file:line name (n lines)`. */
export function longFunctions(fileName: string, source: string, maxLines = MAX_LINES): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const lines = lineOf(node.end) - lineOf(node.getStart(file)) + 1;
      if (lines > maxLines && !hasReason(node, source)) found.push(`${fileName}:${lineOf(node.getStart(file))} ${nameOf(node)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Comments above the function or above the statement that holds it (`const f = () => …`). */
function hasReason(node: ts.Node, source: string): boolean {
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n) && !ts.isBlock(n); n = n.parent) {
    const comments = ts.getLeadingCommentRanges(source, n.getFullStart()) ?? [];
    if (comments.some((c) => REASON.test(source.slice(c.pos, c.end)))) return true;
  }
  return false;
}

function nameOf(node: ts.SignatureDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent))) return parent.name.getText();
  return '(anonymous)';
}

function productionFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

describe('function length', () => {
  it('the check finds a long function and accepts one whose comment says why', () => {
    const body = Array.from({ length: 70 }, (_, i) => `  x += ${i};`).join('\n');
    const fn = (name: string) => `function ${name}() {\n  let x = 0;\n${body}\n  return x;\n}\n`;
    expect(longFunctions('a.ts', fn('big'))).toEqual(['a.ts:1 big (74 lines)']);
    expect(longFunctions('a.ts', `// Long because it is one table.\n${fn('big')}`)).toEqual([]);
    expect(longFunctions('a.ts', `const f = () => {\n${body}\n};`)).toEqual(['a.ts:1 f (72 lines)']);
  });

  it(`no function in src/ or commands/ runs over ${MAX_LINES} lines without a reason`, () => {
    const files = [...productionFiles('src'), ...productionFiles('commands')];
    expect(files.length).toBeGreaterThan(60);
    const found = files.flatMap((f) => longFunctions(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });
});
