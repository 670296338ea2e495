#!/usr/bin/env node
// The `briefbot` command runs the compiled code in dist/ (`npm install` builds it through the
// `prepare` step; `npm run build` rebuilds it). From a source checkout without a build, say so
// instead of failing with a module-not-found stack.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('briefbot: not built yet: run `npm run build` (or `npm install`, which builds), or `npm run dev` for the sources\n');
  process.exit(1);
}
await import(cli.href);
