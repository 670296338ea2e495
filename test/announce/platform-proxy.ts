/**
 * A small HTTP proxy in front of a fake Discord or fake Telegram that behaves like the real
 * platforms under load: it enforces their rate limits (answering 429 in each platform's own
 * format, with retry_after), and can hold answers back (so a test can kill a process while
 * requests are in flight). It is a separate layer so the fakes themselves stay as their owners
 * wrote them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export type ProxiedPlatform = 'discord' | 'telegram';

/** At most `limit` requests in any `windowMs`, per key. */
interface WindowRule {
  limit: number;
  windowMs: number;
  /** Which requests the rule counts, and under which key (undefined = not counted). */
  key: (request: ProxiedRequest) => string | undefined;
  global?: boolean;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  body: any;
}

export interface ProxyOptions {
  platform: ProxiedPlatform;
  /** Upstream base, e.g. `http://127.0.0.1:1234`. */
  upstream: string;
  /** Enforce the platform's limits (Discord 50/s global, 5 per 5 s a channel; Telegram 30/s, 1/s a chat, 20/min a group). */
  enforceLimits?: boolean;
  /** Hold each message answer back this long (after the upstream has it). */
  delayMs?: number;
}

function discordChannel(r: ProxiedRequest): string | undefined {
  const match = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(r.path);
  return match && r.method === 'POST' ? match[1] : undefined;
}

function telegramChat(r: ProxiedRequest): string | undefined {
  return /\/sendMessage$/.test(r.path) && r.body && r.body.chat_id !== undefined ? String(r.body.chat_id).split(':')[0] : undefined;
}

const RULES: Record<ProxiedPlatform, WindowRule[]> = {
  discord: [
    { limit: 50, windowMs: 1000, key: (r) => (r.path.startsWith('/api/') ? 'global' : undefined), global: true },
    { limit: 5, windowMs: 5000, key: (r) => discordChannel(r) },
  ],
  telegram: [
    { limit: 30, windowMs: 1000, key: (r) => (telegramChat(r) ? 'global' : undefined), global: true },
    { limit: 1, windowMs: 1000, key: (r) => telegramChat(r) },
    { limit: 20, windowMs: 60_000, key: (r) => (telegramChat(r)?.startsWith('-') ? telegramChat(r) : undefined) },
  ],
};

export class PlatformProxy {
  /** Requests answered 429 by the proxy. */
  rateLimited = 0;
  /** Requests passed to the upstream. */
  forwarded = 0;
  #server: http.Server;
  #hits = new Map<string, number[]>();

  private constructor(
    server: http.Server,
    private readonly options: ProxyOptions,
  ) {
    this.#server = server;
  }

  static async start(options: ProxyOptions): Promise<PlatformProxy> {
    const server = http.createServer();
    const proxy = new PlatformProxy(server, options);
    server.on('request', (req, res) => void proxy.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Counts the request against every rule; the wait (ms) of the first rule it breaks, else 0. */
  #admit(request: ProxiedRequest): { waitMs: number; global: boolean } {
    if (!this.options.enforceLimits) return { waitMs: 0, global: false };
    const now = performance.now();
    const keys = RULES[this.options.platform].map((rule, i) => {
      const key = rule.key(request);
      return key === undefined ? undefined : { rule, id: `${i}:${key}` };
    });
    for (const entry of keys) {
      if (!entry) continue;
      const hits = (this.#hits.get(entry.id) ?? []).filter((t) => t > now - entry.rule.windowMs);
      this.#hits.set(entry.id, hits);
      if (hits.length >= entry.rule.limit) return { waitMs: hits[0]! + entry.rule.windowMs - now, global: Boolean(entry.rule.global) };
    }
    for (const entry of keys) if (entry) this.#hits.get(entry.id)!.push(now);
    return { waitMs: 0, global: false };
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    let body: any;
    try {
      body = raw.length && String(req.headers['content-type']).startsWith('application/json') ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = undefined;
    }
    const request: ProxiedRequest = { method: req.method ?? 'GET', path: new URL(req.url ?? '/', 'http://x').pathname, body };
    const { waitMs, global } = this.#admit(request);
    if (waitMs > 0) {
      this.rateLimited++;
      if (this.options.platform === 'discord') {
        const seconds = Math.ceil(waitMs) / 1000;
        res
          .writeHead(429, {
            'content-type': 'application/json',
            'retry-after': String(seconds),
            'x-ratelimit-scope': 'user',
            ...(global ? { 'x-ratelimit-global': 'true' } : {}),
          })
          .end(JSON.stringify({ message: 'You are being rate limited.', retry_after: seconds, global }));
      } else {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        res
          .writeHead(429, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${seconds}`, parameters: { retry_after: seconds } }));
      }
      return;
    }
    this.forwarded++;
    const upstream = new URL(req.url ?? '/', this.options.upstream);
    const forward = http.request(upstream, { method: req.method, headers: { ...req.headers, host: upstream.host } }, async (answer) => {
      const parts: Buffer[] = [];
      for await (const part of answer) parts.push(part as Buffer);
      if (this.options.delayMs && (discordChannel(request) || telegramChat(request))) {
        await new Promise((resolve) => setTimeout(resolve, this.options.delayMs));
      }
      if (res.destroyed) return;
      res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(parts));
    });
    forward.on('error', () => {
      if (!res.destroyed) res.destroy();
    });
    forward.end(raw);
  }
}
