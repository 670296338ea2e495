/**
 * The house keeps its shape: imports follow the layering of docs/architecture.md, platform SDKs
 * stay in their platform's folder, file access stays in the layers that own files, and no module
 * imports itself through a cycle. The rules are data (below); the checker is a plain function
 * with its own tests, so a broken check fails too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What each layer may import besides itself. A layer is `src/<folder>`, `commands`, or
 * `platforms/<name>`; files directly in `src/` are the composition roots (`root`) and may import
 * anything. Read top to bottom: nothing imports a layer listed after it.
 */
export const LAYERS: Record<string, readonly string[]> = {
  util: [],
  data: ['util'],
  i18n: ['util'],
  posts: ['util', 'data'],
  search: ['util', 'data', 'posts'],
  // free text, pure: time grammar, router, follow-ups, memory and question-log contracts
  conversation: ['util', 'posts'],
  state: ['util', 'posts', 'conversation'],
  sources: ['util', 'posts'],
  llm: ['util'],
  answer: ['util', 'data', 'i18n', 'posts', 'search', 'llm'],
  bot: ['util', 'data', 'i18n', 'posts', 'search', 'answer', 'conversation'],
  announce: ['util', 'i18n', 'posts', 'state', 'sources', 'bot'],
  ops: ['util'],
  commands: ['util', 'data', 'i18n', 'posts', 'search', 'answer', 'llm', 'conversation', 'bot', 'announce'],
  // every platform: the bot core and announcements, never another platform
  platform: ['util', 'i18n', 'posts', 'bot', 'announce'],
};

/** Packages only one layer may import (the rest of the code stays neutral of them). */
export const RESTRICTED_PACKAGES: readonly { pattern: RegExp; allowed: readonly string[] }[] = [
  { pattern: /^discord\.js$|^@discordjs\//, allowed: ['platforms/discord', 'root'] },
  { pattern: /^grammy(\/|$)|^@grammyjs\//, allowed: ['platforms/telegram', 'root'] },
  { pattern: /^better-sqlite3$/, allowed: ['state'] },
  { pattern: /^node:fs(\/promises)?$|^fs(\/promises)?$/, allowed: ['posts', 'state', 'sources', 'data', 'root'] },
  { pattern: /^prom-client$/, allowed: ['ops'] },
  { pattern: /^pino(-pretty)?$/, allowed: ['root'] },
];

/** One module's imports: relative ones resolved to repo paths, bare ones as written. */
export interface ModuleImports {
  file: string;
  local: string[];
  packages: string[];
}

/** The layer a repo-relative file belongs to, or `undefined` when it is not production code. */
export function layerOf(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] === 'commands') return 'commands';
  if (parts[0] !== 'src') return undefined;
  if (parts.length === 2) return 'root';
  if (parts[1] === 'platforms') return `platforms/${parts[2]}`;
  return parts[1];
}

function rulesFor(layer: string): readonly string[] | undefined {
  return layer.startsWith('platforms/') ? LAYERS.platform : LAYERS[layer];
}

/** Every import that runs against {@link LAYERS} or {@link RESTRICTED_PACKAGES}, as readable lines. */
export function layeringViolations(modules: readonly ModuleImports[]): string[] {
  const problems: string[] = [];
  for (const m of modules) {
    const from = layerOf(m.file);
    if (!from) continue;
    for (const target of m.local) {
      const to = layerOf(target);
      if (!to || to === from || from === 'root') continue;
      const allowed = rulesFor(from);
      if (!allowed) problems.push(`${m.file}: layer '${from}' is not in LAYERS`);
      else if (to === 'root') problems.push(`${m.file} → ${target}: only the composition root imports root files`);
      else if (!allowed.includes(to.startsWith('platforms/') ? 'platform' : to))
        problems.push(`${m.file} → ${target}: '${from}' may not import '${to}'`);
    }
    for (const pkg of m.packages) {
      const rule = RESTRICTED_PACKAGES.find((r) => r.pattern.test(pkg));
      if (rule && !rule.allowed.includes(from)) problems.push(`${m.file} → ${pkg}: only ${rule.allowed.join(', ')}`);
    }
  }
  return problems;
}

/** Strongly connected components with more than one file (Tarjan), i.e. the import cycles. */
export function importCycles(modules: readonly ModuleImports[]): string[][] {
  const edges = new Map(modules.map((m) => [m.file, m.local]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges.get(v)!.includes(v)) cycles.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

function productionFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join('/'));
}

function readImports(file: string): ModuleImports {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  const local: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (fileName.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), fileName)).split(sep).join('/'));
    else packages.push(fileName);
  }
  return { file, local, packages };
}

const modules = [...productionFiles('src'), ...productionFiles('commands')].map(readImports);

describe('the checker itself', () => {
  const mod = (file: string, local: string[] = [], packages: string[] = []): ModuleImports => ({ file, local, packages });

  it('flags an upward import, a platform importing another, an SDK outside its platform, fs in search', () => {
    const problems = layeringViolations([
      mod('src/search/a.ts', ['src/bot/b.ts'], ['node:fs']),
      mod('src/platforms/discord/x.ts', ['src/platforms/telegram/y.ts']),
      mod('src/bot/c.ts', [], ['grammy']),
      mod('src/state/d.ts', ['src/announce/e.ts']),
      mod('src/bot/f.ts', ['src/config.ts']),
    ]);
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/'search' may not import 'bot'/);
    expect(problems.join('\n')).toMatch(/platforms\/discord' may not import 'platforms\/telegram'/);
    expect(problems.join('\n')).toMatch(/only the composition root/);
  });

  it('lets the root import anything and layers import themselves and what is below them', () => {
    expect(
      layeringViolations([
        mod('src/main.ts', ['src/platforms/discord/index.ts', 'commands/index.ts'], ['discord.js', 'node:fs']),
        mod('src/announce/a.ts', ['src/announce/b.ts', 'src/state/store.ts', 'src/bot/reply.ts']),
        mod('commands/x.ts', ['src/announce/a.ts', 'src/search/index.ts']),
      ]),
    ).toEqual([]);
  });

  it('finds a cycle of three files and ignores a chain', () => {
    const cycles = importCycles([
      mod('src/a.ts', ['src/b.ts']),
      mod('src/b.ts', ['src/c.ts']),
      mod('src/c.ts', ['src/a.ts']),
      mod('src/d.ts', ['src/a.ts']),
    ]);
    expect(cycles).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
  });
});

describe('the codebase', () => {
  it('reads enough modules for the check to mean something', () => {
    expect(modules.length).toBeGreaterThan(60);
    expect(modules.some((m) => m.local.length > 0)).toBe(true);
  });

  it('imports only along the layers', () => {
    expect(layeringViolations(modules)).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(importCycles(modules)).toEqual([]);
  });

  it('places every folder of src/ in a layer', () => {
    const unknown = [...new Set(modules.map((m) => layerOf(m.file)!))].filter((l) => l !== 'root' && !rulesFor(l));
    expect(unknown).toEqual([]);
  });
});

/** The imports of a file that load at run time: not `import type`, not type-only bindings, not `import()` (a module loads those when it needs them). */
function runtimeImports(file: string): ModuleImports {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.ES2022, false);
  const local: string[] = [];
  const packages: string[] = [];
  const typeOnly = (statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean => {
    if (ts.isExportDeclaration(statement)) return statement.isTypeOnly || Boolean(statement.exportClause && ts.isNamedExports(statement.exportClause) && statement.exportClause.elements.every((e) => e.isTypeOnly));
    const clause = statement.importClause;
    if (!clause) return false;
    const named = clause.namedBindings;
    return clause.isTypeOnly || (!clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
  };
  for (const statement of source.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) || !statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier) || typeOnly(statement)) continue;
    const name = statement.moduleSpecifier.text;
    if (name.startsWith('.')) local.push(relative(ROOT, resolve(ROOT, dirname(file), name)).split(sep).join('/'));
    else packages.push(name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!);
  }
  return { file, local, packages };
}

describe('what a start loads', () => {
  /** The modules `entry` imports at run time, directly or through each other, and the packages they load. */
  const loadedBy = (entry: string): { files: Set<string>; packages: Set<string> } => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const imports = runtimeImports(file);
      imports.packages.forEach((name) => packages.add(name));
      imports.local.forEach(walk);
    };
    walk(entry);
    return { files: seen, packages };
  };

  it('the console loads no platform SDK, no SQLite, no prom-client and nothing only platforms or the model use before it answers', () => {
    const { files, packages } = loadedBy('src/main.ts');
    // The checker sees what the console needs.
    expect([...packages]).toEqual(expect.arrayContaining(['minisearch', 'gray-matter', 'pino']));
    expect(files.has('src/search/index.ts')).toBe(true);
    for (const name of ['discord.js', 'grammy', '@grammyjs/auto-retry', 'better-sqlite3', 'prom-client']) expect(packages.has(name), name).toBe(false);
    // Imported when a platform, LLM_BASE_URL or metrics call for them (metrics after the first reindex).
    for (const file of ['src/state/store.ts', 'src/announce/start.ts', 'src/sources/posts.ts', 'src/bot/converse.ts', 'src/answer/llm.ts', 'src/ops/metrics.ts']) expect(files.has(file), file).toBe(false);
  });
});
