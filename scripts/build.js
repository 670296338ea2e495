#!/usr/bin/env node
// The build: a clean dist/, `tsc -p tsconfig.build.json` (src/ and commands/ file by file, `.ts`
// specifiers rewritten to `.js`), then every non-TypeScript file under src/ and commands/ (data
// files read at run time through import.meta.url; not .md notes) copied beside the compiled code.
//
// `--if-possible` is the `prepare` step: npm runs it after every `npm install` / `npm ci`,
// including `npm ci --omit=dev` where TypeScript is absent. There it keeps an existing dist/
// (the container copies one in) and says so, instead of failing the install.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const SOURCE_DIRS = ['src', 'commands'];

function findTsc() {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/** Every file under dir that the compiler does not handle (no .ts), as paths relative to root. */
function assets(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...assets(path));
    else if (!entry.name.endsWith('.ts') && !entry.name.endsWith('.md')) out.push(relative(root, path));
  }
  return out;
}

const ifPossible = process.argv.includes('--if-possible');
const tsc = findTsc();
if (!tsc) {
  if (ifPossible) {
    const note = existsSync(join(dist, 'src', 'main.js')) ? 'keeping the dist/ already here' : 'dist/ is missing: `npm start` needs a build';
    process.stderr.write(`briefbot: TypeScript is not installed (a production install), not building; ${note}\n`);
    process.exit(0);
  }
  process.stderr.write('briefbot: TypeScript is not installed: run `npm install` (with dev dependencies) first\n');
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
let copied = 0;
for (const dir of SOURCE_DIRS) {
  if (!existsSync(join(root, dir)) || !statSync(join(root, dir)).isDirectory()) continue;
  for (const file of assets(join(root, dir))) {
    cpSync(join(root, file), join(dist, file));
    copied++;
  }
}
if (!ifPossible || process.env.npm_config_loglevel !== 'silent') {
  process.stderr.write(`briefbot: built dist/ (${copied} data file${copied === 1 ? '' : 's'} copied)\n`);
}
