/**
 * The Dockerfile without Docker (no engine runs on the project's machines): the fast part checks
 * that every file it copies exists and is not cut by .dockerignore, that stages exist before
 * they are copied from, and that the runtime is what the README promises (non-root, a volume
 * for STATE_DIR, a health check on /readyz). The slow part (BRIEFBOT_CONTAINER_TEST=1, as
 * `npm run test:container` sets) runs every stage's COPY and RUN steps in temporary folders,
 * the two install stages for real, then starts the runtime folder's CMD, and `npm start`, there.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { TOKEN, mina } from '../telegram/harness.ts';
import { dockerignore, parseDockerfile, type Stage } from './dockerfile.ts';
import { freePort } from '../helpers/net.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stages = parseDockerfile(join(root, 'Dockerfile'));
const ignored = dockerignore(join(root, '.dockerignore'));
const runtime = stages.at(-1)!;
/** Steps that only make sense inside the image: system packages and file owners. */
const IMAGE_ONLY = [/\bapt-get\b/, /\bchown\b/];

describe('the Dockerfile', () => {
  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const sources = stages.flatMap((s) => s.steps.flatMap((step) => (step.kind === 'copy' && !step.from ? step.sources : [])));
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(existsSync(join(root, source)), `${source} exists`).toBe(true);
      expect(ignored(source.replace(/^\.\//, '')), `${source} is not in .dockerignore`).toBe(false);
    }
  });

  it('copies from stages defined before, and keeps secrets, state and local installs out of the context', () => {
    stages.forEach((stage, i) => {
      for (const step of stage.steps) {
        if (step.kind === 'copy' && step.from) expect(stages.slice(0, i).map((s) => s.name)).toContain(step.from);
      }
    });
    for (const path of ['.env', 'data', 'node_modules', 'dist', '.git', 'bench/node_modules']) expect(ignored(path), path).toBe(true);
    expect(ignored('.env.example')).toBe(false);
  });

  it('runs as a non-root user with STATE_DIR on a volume, a /readyz health check, and node (not npm) as the command', () => {
    const env = Object.assign({}, ...runtime.steps.map((s) => (s.kind === 'env' ? s.vars : {}))) as Record<string, string>;
    expect(runtime.user).toBe('node');
    expect(runtime.volumes).toContain(env.STATE_DIR);
    expect(runtime.expose).toContain(env.PORT);
    expect(runtime.healthcheck?.join(' ')).toContain('/readyz');
    expect(runtime.cmd).toEqual(['node', 'dist/src/main.js']);
    // The runtime takes no compiler and no sources: only the build's output and production modules.
    const copies = runtime.steps.filter((s) => s.kind === 'copy');
    expect(copies.flatMap((c) => c.sources)).not.toContain('src');
    const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: { outDir: string } };
    expect(runtime.cmd?.[1]?.startsWith(`${build.compilerOptions.outDir}/src/`)).toBe(true);
  });
});

/** Maps an image path under the WORKDIR (/app) into the stage's folder. */
function hostPath(dir: string, imagePath: string): string {
  if (imagePath.startsWith('/app')) return join(dir, imagePath.slice('/app'.length));
  if (imagePath.startsWith('/')) throw new Error(`image path outside /app: ${imagePath}`);
  return join(dir, imagePath);
}

interface StageRun {
  dir: string;
  env: Record<string, string>;
  skipped: string[];
}

/** Copies a file or folder from the context (with .dockerignore applied) or from an earlier stage. */
function copy(step: Extract<Stage['steps'][number], { kind: 'copy' }>, dir: string, done: Map<string, StageRun>): void {
  for (const source of step.sources) {
    const from = step.from ? hostPath(done.get(step.from)!.dir, source) : join(root, source);
    const target = step.sources.length > 1 || step.dest.endsWith('/') ? join(hostPath(dir, step.dest), basename(source)) : hostPath(dir, step.dest);
    cpSync(from, target, {
      recursive: true,
      filter: (path) => step.from !== undefined || !ignored(relative(root, path).split('\\').join('/') || '.'),
    });
  }
}

function runStage(stage: Stage, work: string, done: Map<string, StageRun>): StageRun {
  const dir = join(work, stage.name);
  mkdirSync(dir, { recursive: true });
  const run: StageRun = { dir, env: {}, skipped: [] };
  for (const step of stage.steps) {
    if (step.kind === 'workdir') expect(step.dir).toBe('/app');
    else if (step.kind === 'env') for (const [k, v] of Object.entries(step.vars)) run.env[k] = v.startsWith('/app') ? hostPath(dir, v) : v;
    else if (step.kind === 'copy') copy(step, dir, done);
    else if (IMAGE_ONLY.some((re) => re.test(step.command))) run.skipped.push(step.command);
    else {
      const result = spawnSync('sh', ['-c', step.command], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 40 * 60_000,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...run.env },
      });
      expect(result.status, `${stage.name}: RUN ${step.command}\n${result.stdout}\n${result.stderr}`).toBe(0);
    }
  }
  done.set(stage.name, run);
  return run;
}

function bytes(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + bytes(join(path, name)), 0);
}

describe.skipIf(!process.env.BRIEFBOT_CONTAINER_TEST)("the Dockerfile's stages, run without Docker", () => {
  let work: string;
  const done = new Map<string, StageRun>();
  let run: StageRun;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'briefbot-container-'));
    for (const stage of stages) runStage(stage, work, done);
    run = done.get(runtime.name)!;
  }, 60 * 60_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('builds dist/ in the build stage and installs no dev dependency in the deps stage', () => {
    expect(existsSync(join(done.get('build')!.dir, 'dist/src/main.js'))).toBe(true);
    const modules = join(run.dir, 'node_modules');
    for (const dev of ['typescript', 'tsx', 'vitest', 'vite', 'flexsearch', '@orama/orama', 'esbuild']) expect(existsSync(join(modules, dev)), dev).toBe(false);
    for (const prod of ['discord.js', 'grammy', 'pino', 'prom-client']) expect(existsSync(join(modules, prod)), prod).toBe(true);
    expect(existsSync(join(modules, 'better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(readdirSync(run.dir).sort()).toEqual(['bin', 'dist', 'node_modules', 'package.json', 'posts']);
    expect(run.skipped.every((c) => IMAGE_ONLY.some((re) => re.test(c)))).toBe(true);
    process.stderr.write(
      `container runtime: node_modules ${(bytes(modules) / 2 ** 20).toFixed(1)} MiB, dist ${(bytes(join(run.dir, 'dist')) / 2 ** 20).toFixed(1)} MiB, posts ${(bytes(join(run.dir, 'posts')) / 2 ** 20).toFixed(1)} MiB; skipped in the image only: ${run.skipped.join(' | ')}\n`,
    );
  });

  it('`npm start` in the runtime folder runs the bot (the console, no token set)', async () => {
    const port = await freePort();
    const result = spawnSync('npm', ['start', '--silent'], {
      cwd: run.dir,
      input: '/summary 엔비디아\n',
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...run.env, PORT: String(port), LOG_LEVEL: 'warn' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Rubin');
  });

  it("the image's CMD serves Telegram against the fake, passes its HEALTHCHECK and stops on SIGTERM", async () => {
    const fake = await FakeTelegram.start({ token: TOKEN });
    const port = await freePort();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...run.env, PORT: String(port), TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
    const [command, ...args] = runtime.cmd!;
    const child = spawn(command!, args, { cwd: run.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let ready = 0;
      for (let i = 0; i < 120 && ready !== 200; i++) {
        ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0);
        if (ready !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(ready, stderr).toBe(200);
      const [hc, ...hcArgs] = runtime.healthcheck!;
      expect(spawnSync(hc!, hcArgs, { env, encoding: 'utf8', timeout: 10_000 }).status).toBe(0);
      fake.pushMessage({ text: '/summary 엔비디아', from: mina });
      const sent = await fake.waitForRequest('sendMessage');
      expect(sent.body.text).toContain('Rubin');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toContain(TOKEN);
    } finally {
      child.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
