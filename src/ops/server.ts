/**
 * The one HTTP server of the process, on PORT, in every mode: `GET /healthz` (the process is
 * alive and its event loop turns), `GET /readyz` (every part is up; 503 with the parts that are
 * down otherwise), `GET /metrics` (Prometheus text, unless METRICS=false). Other requests go to
 * the handler a platform mounts (the Telegram webhook), else 404.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectionStatus } from '../util/health.ts';
import type { Logger } from '../util/logger.ts';
import { readiness, type HealthCheck } from './health.ts';

/** A request handler a platform mounts on the ops server (the Telegram webhook's POSTs). */
export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface OpsServerOptions {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Interface to listen on. Default: every interface (a container's port is published from outside). */
  host?: string;
  /** Readiness checks by part name, asked on every GET /readyz. More can be added later with {@link OpsServer.addCheck}. */
  checks?: Iterable<[string, HealthCheck]>;
  /** The connections' board (src/util/health.ts): each connection is a part, up only when `ready`. */
  board?: { all(): ConnectionStatus[] };
  /** The exposition for GET /metrics; absent when metrics are off (then /metrics is 404). */
  metrics?: { render(): Promise<string>; contentType: string };
  log: Logger;
}

/** A listening ops server. */
export interface OpsServer {
  /** The port it listens on (the real one when 0 was asked). */
  readonly port: number;
  /** Adds or replaces a readiness check (a platform once it has started, the database once open). */
  addCheck(name: string, check: HealthCheck): void;
  removeCheck(name: string): void;
  /** Adds a fact to /healthz's body, e.g. `telegram: "@techbriefs_bot"` (what runs, not whether it is up). */
  setInfo(key: string, value: string): void;
  /** Routes every request that is not an ops endpoint to `handler` (one mount; the last one wins). */
  mount(handler: RequestHandler): void;
  close(): Promise<void>;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
}

/** Starts the server; resolves once it listens, rejects when the port is taken. */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { log } = options;
  const checks = new Map<string, HealthCheck>(options.checks ?? []);
  const info = new Map<string, string>();
  let mounted: RequestHandler | undefined;

  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (get && path === '/healthz') return json(res, 200, { ok: true, ...Object.fromEntries(info) });
    if (get && path === '/readyz') {
      void readiness(checks, options.board).then(
        (state) => json(res, state.ready ? 200 : 503, state),
        (error: unknown) => json(res, 503, { ready: false, down: ['readyz'], checks: { readyz: { ok: false, detail: String(error) } } }),
      );
      return;
    }
    if (get && path === '/metrics' && options.metrics) {
      const metrics = options.metrics;
      void metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        (error: unknown) => {
          log.error('ops: /metrics failed', { error: String(error) });
          res.writeHead(500).end();
        },
      );
      return;
    }
    if (mounted) return mounted(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
  // A slow or idle client must not hold the port's sockets forever.
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info('ops: listening', { port, metrics: Boolean(options.metrics) });
  return {
    port,
    addCheck: (name, check) => void checks.set(name, check),
    removeCheck: (name) => void checks.delete(name),
    setInfo: (key, value) => void info.set(key, value),
    mount: (handler) => void (mounted = handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
