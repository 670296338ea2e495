/**
 * Ready time of the real program, the way a user starts it: spawn → the first reply of the
 * console to `/summary Nvidia` on the real corpus, through tsx (the sources, `npm run dev` and
 * the old `npm start`) and through the build (`node dist/src/main.js`, today's `npm start`).
 * The first reply needs the posts loaded and indexed, so this is "ready to answer".
 *
 * Run: `npx tsx bench/ready.ts [runs]` after `npm run build`; `npm run bench` includes it.
 * argv[3] (optional): another checkout's root to measure its `tsx src/main.ts` beside (the code before the build).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL_SITE = resolve(ROOT, process.env.BENCH_REAL_CORPUS ?? '../shared/corpus/webi-tech-blog');

/** One way to start the bot: a command line, run from `cwd`. */
export interface Launcher {
  name: string;
  cwd: string;
  argv: string[];
}

export function launchers(root = ROOT): Launcher[] {
  const out: Launcher[] = [
    { name: 'tsx src/main.ts (tsx CLI, as the old npm start)', cwd: root, argv: [join(root, 'node_modules/.bin/tsx'), 'src/main.ts'] },
    { name: 'node --import tsx src/main.ts', cwd: root, argv: [process.execPath, '--import', 'tsx', 'src/main.ts'] },
  ];
  if (existsSync(join(root, 'dist/src/main.js'))) out.push({ name: 'node dist/src/main.js (npm start)', cwd: root, argv: [process.execPath, 'dist/src/main.js'] });
  return out;
}

/** Milliseconds from spawn to the first byte of the console's reply. */
export function timeToFirstReply(launcher: Launcher, siteDir = REAL_SITE): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const [command, ...args] = launcher.argv;
    const child = spawn(command!, args, {
      cwd: launcher.cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POSTS_DIR: siteDir, LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let done = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.once('data', () => {
      done = true;
      resolvePromise(Number(process.hrtime.bigint() - started) / 1e6);
      child.stdin.end();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!done) reject(new Error(`${launcher.name} exited ${code} before replying: ${stderr.slice(0, 500)}`));
    });
    child.stdin.write('/summary Nvidia\n');
  });
}

/** Median over `runs` of every launcher, with an empty `node -e 0` as the floor. */
export async function measureReady(runs = 5, roots: { label: string; root: string }[] = [{ label: 'this checkout', root: ROOT }]) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows: { checkout: string; launcher: string; medianMs: number; samplesMs: number[] }[] = [];
  for (const { label, root } of roots) {
    for (const launcher of launchers(root)) {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await timeToFirstReply(launcher));
      rows.push({ checkout: label, launcher: launcher.name, medianMs: median(samples), samplesMs: samples.map((s) => Math.round(s)) });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const runs = Number(process.argv[2] ?? 5);
  const other = process.argv[3];
  const roots = [{ label: 'this checkout', root: ROOT }, ...(other ? [{ label: other, root: resolve(other) }] : [])];
  for (const row of await measureReady(runs, roots)) console.log(JSON.stringify(row));
}
