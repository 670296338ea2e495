/**
 * Restart of the real program: spawn → the console's first reply to `/summary Nvidia`, with a
 * state folder the previous run left (parsed posts and the saved index), against a cold start
 * with an empty one. The first run of each corpus is the cold start; it also leaves the state
 * the restarts read. Each run ends by closing stdin, and the program waits for its saves.
 *
 * Launcher: the build (`node dist/src/main.js`, as `npm start`) when dist/ exists, else
 * `node --import tsx src/main.ts` (and says so). CPU time of the child is reported beside the
 * wall time (the machine is shared: wall time swings with the load).
 *
 * `npx tsx bench/restart.ts [count] [restarts]` (count: synthetic posts, default 10,000; 0 for
 * the real corpus only). Prints one JSON line per run, then a summary line. `npm run bench` runs
 * {@link measureRestarts} for the target rows.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCorpus } from './generate-corpus.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REAL_SITE = resolve(ROOT, process.env.BENCH_REAL_CORPUS ?? '../shared/corpus/webi-tech-blog');

/** One run of the program. */
export interface RestartRun {
  corpus: string;
  /** `cold`: empty state folder; `restart`: the state the previous run left. */
  kind: 'cold' | 'restart';
  launcher: string;
  /** Spawn → first byte of the console's reply. */
  readyMs: number;
  /** CPU time of the child (user + system, all its threads) until its first reply, from `/proc/<pid>/stat` (Linux; 10 ms ticks): steadier than wall time on a shared machine. */
  cpuMs?: number;
  /** From the program's own log: how the index came (`built`, `restored`) and how long that took, and the post load. */
  index?: string;
  indexMs?: number;
  loadMs?: number;
}

function launcher(): { name: string; argv: string[] } {
  if (existsSync(join(ROOT, 'dist/src/main.js'))) return { name: 'node dist/src/main.js', argv: [process.execPath, 'dist/src/main.js'] };
  return { name: 'node --import tsx src/main.ts (no dist/: run npm run build)', argv: [process.execPath, '--import', 'tsx', 'src/main.ts'] };
}

/** User + system CPU of a running process in ms (fields 14 and 15 of `/proc/<pid>/stat`, in ticks of 10 ms); undefined off Linux. */
function cpuTimeOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Spawns the program once; resolves after it exited (its saves done). */
function runOnce(siteDir: string, stateDir: string, corpus: string, kind: RestartRun['kind']): Promise<RestartRun> {
  const { name, argv } = launcher();
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', POSTS_DIR: siteDir, STATE_DIR: stateDir, LOG_LEVEL: 'info', POSTS_WATCH: 'false' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let readyMs: number | undefined;
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    let cpuMs: number | undefined;
    child.stdout.once('data', () => {
      readyMs = Number(process.hrtime.bigint() - started) / 1e6;
      cpuMs = child.pid === undefined ? undefined : cpuTimeOf(child.pid);
      child.stdin.end();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdin.write('/summary Nvidia\n');
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (readyMs === undefined) return reject(new Error(`${name} exited ${code} before replying: ${stderr.slice(0, 800)}`));
      const loaded = stderr
        .split('\n')
        .filter((line) => line.includes('posts loaded'))
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return undefined;
          }
        })[0];
      resolvePromise({
        corpus,
        kind,
        launcher: name,
        readyMs,
        cpuMs,
        index: loaded?.index as string | undefined,
        indexMs: loaded?.indexMs as number | undefined,
        loadMs: loaded?.ms as number | undefined,
      });
    });
  });
}

/** A cold start, then `restarts` restarts over the state it left; the median restart is the figure. */
export async function measureRestarts(siteDir: string, corpus: string, restarts = 3): Promise<{ cold: RestartRun; restarts: RestartRun[]; medianReadyMs: number }> {
  const stateDir = await mkdtemp(join(tmpdir(), 'briefbot-restart-state-'));
  try {
    const cold = await runOnce(siteDir, stateDir, corpus, 'cold');
    const runs: RestartRun[] = [];
    for (let i = 0; i < restarts; i++) runs.push(await runOnce(siteDir, stateDir, corpus, 'restart'));
    const sorted = runs.map((run) => run.readyMs).sort((a, b) => a - b);
    return { cold, restarts: runs, medianReadyMs: sorted[Math.floor(sorted.length / 2)]! };
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 10_000);
  const restarts = Number(process.argv[3] ?? 3);
  const corpora: { siteDir: string; name: string; cleanup?: string }[] = [{ siteDir: REAL_SITE, name: 'real' }];
  if (count > 0) {
    const outDir = await mkdtemp(join(tmpdir(), 'briefbot-restart-corpus-'));
    const generated = await generateCorpus({ count, seed: 15, outDir, realPostsDir: join(REAL_SITE, '_posts') });
    corpora.push({ siteDir: generated.siteDir, name: `synthetic ${count}`, cleanup: outDir });
  }
  for (const corpus of corpora) {
    const result = await measureRestarts(corpus.siteDir, corpus.name, restarts);
    for (const run of [result.cold, ...result.restarts]) console.log(JSON.stringify(run));
    const cpu = result.restarts.map((run) => run.cpuMs ?? NaN).sort((a, b) => a - b);
    console.log(JSON.stringify({ corpus: corpus.name, coldReadyMs: Math.round(result.cold.readyMs), medianRestartReadyMs: Math.round(result.medianReadyMs), medianRestartCpuMs: cpu[Math.floor(cpu.length / 2)] }));
    if (corpus.cleanup) await rm(corpus.cleanup, { recursive: true, force: true });
  }
}
