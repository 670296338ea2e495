/**
 * Just enough of a Dockerfile reader to run its steps without Docker: stages with their
 * WORKDIR, ENV, COPY, RUN, CMD, HEALTHCHECK, USER, VOLUME, EXPOSE, and .dockerignore patterns.
 * Not a general parser: it reads this project's Dockerfile and fails loudly on what it does not know.
 */
import { readFileSync } from 'node:fs';

export type Step =
  | { kind: 'copy'; from?: string; sources: string[]; dest: string }
  | { kind: 'run'; command: string }
  | { kind: 'workdir'; dir: string }
  | { kind: 'env'; vars: Record<string, string> };

export interface Stage {
  name: string;
  base: string;
  steps: Step[];
  cmd?: string[];
  healthcheck?: string[];
  user?: string;
  volumes: string[];
  expose: string[];
}

/** Joins continued lines, drops comments and blank lines. */
function instructions(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!current && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    out.push((current + line.trim()).trim());
    current = '';
  }
  return out;
}

function jsonArray(text: string): string[] {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error(`not an exec-form array: ${text}`);
  return parsed;
}

/** ENV a=b c=d (the key=value form only). */
function envVars(rest: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of rest.split(/\s+/)) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`ENV needs key=value pairs: ${rest}`);
    vars[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return vars;
}

export function parseDockerfile(path: string): Stage[] {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const substitute = (s: string) => s.replace(/\$\{(\w+)\}/g, (_, name: string) => args[name] ?? '');
  for (const line of instructions(readFileSync(path, 'utf8'))) {
    const [keyword = '', ...restParts] = line.split(/\s+/);
    const rest = restParts.join(' ');
    const stage = stages.at(-1);
    switch (keyword.toUpperCase()) {
      case 'ARG': {
        const [name = '', value = ''] = rest.split('=');
        args[name] = value;
        break;
      }
      case 'FROM': {
        const match = /^(\S+)\s+AS\s+(\S+)$/i.exec(substitute(rest));
        if (!match) throw new Error(`FROM without a stage name: ${line}`);
        stages.push({ base: match[1]!, name: match[2]!, steps: [], volumes: [], expose: [] });
        break;
      }
      case 'WORKDIR':
        stage!.steps.push({ kind: 'workdir', dir: rest });
        break;
      case 'ENV':
        stage!.steps.push({ kind: 'env', vars: envVars(rest) });
        break;
      case 'RUN':
        stage!.steps.push({ kind: 'run', command: rest });
        break;
      case 'COPY': {
        const words = rest.split(/\s+/);
        const from = words[0]?.startsWith('--from=') ? words.shift()!.slice('--from='.length) : undefined;
        if (words.some((w) => w.startsWith('--'))) throw new Error(`COPY flag not understood: ${line}`);
        const dest = words.pop()!;
        stage!.steps.push({ kind: 'copy', from, sources: words, dest });
        break;
      }
      case 'CMD':
        stage!.cmd = jsonArray(rest);
        break;
      case 'HEALTHCHECK': {
        const at = rest.indexOf('CMD ');
        stage!.healthcheck = jsonArray(rest.slice(at + 4));
        break;
      }
      case 'USER':
        stage!.user = rest;
        break;
      case 'VOLUME':
        stage!.volumes.push(...jsonArray(rest));
        break;
      case 'EXPOSE':
        stage!.expose.push(...rest.split(/\s+/));
        break;
      default:
        throw new Error(`Dockerfile instruction not understood by the test: ${line}`);
    }
  }
  return stages;
}

/** .dockerignore as predicates: a path (relative, `/`-separated) is excluded when the last matching pattern is not a `!` one. */
export function dockerignore(path: string): (file: string) => boolean {
  const patterns = readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negated = l.startsWith('!');
      const glob = (negated ? l.slice(1) : l).replace(/\/$/, '');
      const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
      return { negated, re: new RegExp(`^${source}(/.*)?$`) };
    });
  return (file) => {
    let excluded = false;
    for (const { negated, re } of patterns) if (re.test(file)) excluded = !negated;
    return excluded;
  };
}
