import { afterEach, describe, expect, it } from 'vitest';
import { HealthBoard } from '../util/health.ts';
import { silentLogger } from '../util/logger.ts';
import { createPrometheusMetrics } from './metrics.ts';
import { startOpsServer, type OpsServer } from './server.ts';

const servers: OpsServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function start(options: Partial<Parameters<typeof startOpsServer>[0]> = {}) {
  const server = await startOpsServer({ port: 0, host: '127.0.0.1', log: silentLogger, ...options });
  servers.push(server);
  return { server, url: (path: string) => `http://127.0.0.1:${server.port}${path}` };
}

describe('ops server', () => {
  it('answers /healthz while a part is down, and /readyz 503 naming the part and why', async () => {
    const { server, url } = await start({ checks: [['catalog', () => ({ ok: true })]] });
    server.addCheck('telegram', () => ({ ok: false, detail: 'polling stopped' }));
    server.addCheck('database', () => {
      throw new Error('SQLITE_READONLY');
    });
    server.setInfo('telegram', '@briefbot_test_bot');
    const health = await fetch(url('/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, telegram: '@briefbot_test_bot' });
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(503);
    expect(ready.headers.get('content-type')).toContain('application/json');
    expect(await ready.json()).toEqual({
      ready: false,
      down: ['telegram', 'database'],
      checks: { catalog: { ok: true }, telegram: { ok: false, detail: 'polling stopped' }, database: { ok: false, detail: 'SQLITE_READONLY' } },
    });
  });

  it('is ready (200) once every check passes, and a removed check no longer counts', async () => {
    const { server, url } = await start();
    server.addCheck('starting', () => ({ ok: false, detail: 'loading posts' }));
    expect((await fetch(url('/readyz'))).status).toBe(503);
    server.removeCheck('starting');
    server.addCheck('catalog', async () => ({ ok: true, detail: '42 posts' }));
    const ready = await fetch(url('/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, down: [] });
  });

  it('serves /metrics only when metrics are on, and routes other requests to the mounted handler', async () => {
    const off = await start();
    expect((await fetch(off.url('/metrics'))).status).toBe(404);
    const metrics = createPrometheusMetrics({ commands: ['summary'], processMetrics: false });
    const on = await start({ metrics });
    metrics.reply({ platform: 'telegram', command: 'summary', outcome: 'ok', seconds: 0.004 });
    const text = await (await fetch(on.url('/metrics'))).text();
    expect(text).toContain('briefbot_replies_total{platform="telegram",command="summary",outcome="ok"} 1');
    on.server.mount((req, res) => res.writeHead(202).end(req.method));
    const posted = await fetch(on.url('/telegram'), { method: 'POST', body: '{}' });
    expect(posted.status).toBe(202);
    expect(await posted.text()).toBe('POST');
  });

  it('reads the connections board: a degraded platform is down with its cause, and a check of the same name wins', async () => {
    const board = new HealthBoard();
    board.report('telegram', 'degraded', { cause: 'Bot API unreachable' });
    board.report('database', 'ready');
    board.report('discord', 'starting');
    const { server, url } = await start({ board });
    let body = await (await fetch(url('/readyz'))).json();
    expect(body).toEqual({
      ready: false,
      down: ['telegram', 'discord'],
      checks: { telegram: { ok: false, detail: 'degraded: Bot API unreachable' }, database: { ok: true }, discord: { ok: false, detail: 'starting' } },
    });
    board.report('telegram', 'ready');
    server.addCheck('discord', () => ({ ok: true }));
    const ready = await fetch(url('/readyz'));
    body = await ready.json();
    expect(ready.status).toBe(200);
    expect(body.down).toEqual([]);
  });

  it('rejects when the port is taken', async () => {
    const { server } = await start();
    await expect(startOpsServer({ port: server.port, host: '127.0.0.1', log: silentLogger })).rejects.toThrow(/EADDRINUSE/);
  });
});
