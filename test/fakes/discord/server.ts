/**
 * A small local Discord: REST v10 under `/api/v10` and gateway v10 on one 127.0.0.1 port.
 *
 * It speaks just enough of the wire protocol (see ../shared/docs/platforms.md) for the real
 * discord.js client to log in, register commands, receive interactions and answer them. Every
 * request is recorded, so tests assert on what went over the wire. Failures are injected per
 * route (`failNext`) or for a while (`outage`); the gateway socket can be closed with a code
 * (`closeGateway`, `closeNextIdentify`), dropped (`dropGateway`) or its session invalidated
 * (`invalidateSession`) to test reconnection and fatal close codes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One HTTP request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, URL-decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (`undefined` when there was none). */
  body: any;
  /** `performance.now()` when the request arrived. */
  at: number;
  /** The HTTP status answered, once answered (0: connection reset, -1: a cut-off body). */
  status?: number;
}

/** A failure to return, once, for the next request matching a route. */
export type InjectedFailure =
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'missingPermissions' }
  | { kind: 'unknownChannel' }
  | { kind: 'serverError' }
  | { kind: 'unauthorized' }
  /** The TCP connection is reset (RST) before any answer. */
  | { kind: 'reset' }
  /** A 200 whose body is cut off mid-JSON. */
  | { kind: 'invalidJson' }
  /** The request is answered normally, `ms` later. */
  | { kind: 'slow'; ms: number };

export interface FakeDiscordOptions {
  /** The token the fake accepts (`Authorization: Bot <token>` and IDENTIFY). */
  token?: string;
  applicationId?: string;
  botUserId?: string;
  /** Guilds listed in READY, each followed by a GUILD_CREATE. */
  guildIds?: string[];
  /** HELLO's heartbeat interval; large is fine since every heartbeat is ACKed. */
  heartbeatIntervalMs?: number;
  /**
   * Shards GET /gateway/bot recommends (default 1). Each IDENTIFY names its shard `[id, count]`
   * and gets the guilds Discord would put there, `(guild_id >> 22) % count`; events of a guild
   * go over its shard's session, direct messages over shard 0's.
   */
  shards?: number;
  /** `session_start_limit.max_concurrency` (default 1: discord.js then waits 5 s between two shards' IDENTIFY). */
  maxConcurrency?: number;
}

/** What a test says about the person running a command. */
export interface InteractionUser {
  id?: string;
  username?: string;
  /** Permission bitfield as Discord sends it (`'0'`, `'32'` for ManageGuild, ...). */
  permissions?: string;
  locale?: string;
  guildId?: string;
  channelId?: string;
  /** Sent in a direct message with the bot: no guild, no member, `user` instead (context 1). */
  dm?: boolean;
}

export interface CommandOptionValue {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

/** The id and token of a dispatched interaction, to find its answer among the requests. */
export interface SentInteraction {
  id: string;
  token: string;
  /** `performance.now()` just before the dispatch was written to the socket. */
  sentAt: number;
}

const ALL_PERMISSIONS = '2251799813685247';

let snowflakeCounter = 0n;
/** 18–19 digit ids, increasing, like Discord's. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return ((BigInt(Date.now() - 1420070400000) << 22n) + snowflakeCounter).toString();
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildIds: string[];
  /** Every HTTP request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Registered commands by scope (`global` or the guild id), as last PUT. */
  readonly commands = new Map<string, any[]>();
  /** Messages posted with POST /channels/{id}/messages. */
  readonly channelMessages: { channelId: string; body: any; message: any }[] = [];
  /** Edits of those messages (PATCH /channels/{id}/messages/{message}), with `performance.now()` of arrival. */
  readonly messageEdits: { channelId: string; messageId: string; body: any; at: number }[] = [];
  /** Threads started from a message (POST /channels/{id}/messages/{message}/threads). */
  readonly threads: { id: string; parentId: string; messageId: string; name: string }[] = [];
  /** How many IDENTIFY and RESUME the gateway accepted. */
  identifies = 0;
  resumes = 0;
  /** The shard (`[id, count]`) of every accepted IDENTIFY, in order. */
  readonly identifiedShards: [number, number][] = [];
  readonly shardCount: number;

  private readonly heartbeatIntervalMs: number;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private socket: WebSocket | undefined;
  private sessionId = '';
  private sequence = 0;
  private readonly failures: { method: string; path: RegExp; failure: InjectedFailure }[] = [];
  private readonly requestWaiters = new Set<() => void>();
  private readonly sessionWaiters = new Set<() => void>();
  private readonly nonces = new Map<string, { message: any; at: number }>();
  private outageFailure: { failure: InjectedFailure; until: number } | undefined;
  /** The close code the next IDENTIFY gets instead of READY (4004, 4013, 4014, ...). */
  private identifyClose: number | undefined;
  /** The intents of the last IDENTIFY (a member's message content depends on MessageContent, 1 << 15). */
  private identifiedIntents = 0;
  private readonly maxConcurrency: number;
  /** Sessions of shards other than 0 (shard 0 keeps `socket`, `sessionId` and `sequence` above). */
  private readonly shardSessions = new Map<number, { socket: WebSocket; sessionId: string; sequence: number }>();

  constructor(options: FakeDiscordOptions = {}) {
    this.token = options.token ?? 'fake-token';
    this.applicationId = options.applicationId ?? '1100000000000000001';
    this.botUserId = options.botUserId ?? this.applicationId;
    this.guildIds = options.guildIds ?? ['1200000000000000001'];
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.shardCount = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.http = createServer((req, res) => void this.onHttp(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (socket) => this.onSocket(socket));
  }

  /** Listens on 127.0.0.1 at a free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** What discord.js takes as `rest.api`. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ---- failures and waiting ----

  /** The next request matching `method` and `path` gets `failure` instead of its answer. */
  failNext(method: string, path: RegExp, failure: InjectedFailure): void {
    this.failures.push({ method, path, failure });
  }

  /**
   * Every REST request fails with `failure` for `ms` milliseconds (an outage), and new gateway
   * connections are cut at once while it lasts. `undefined` ends it.
   */
  outage(failure: InjectedFailure | undefined, ms = Infinity): void {
    this.outageFailure = failure ? { failure, until: performance.now() + ms } : undefined;
  }

  private inOutage(): InjectedFailure | undefined {
    const outage = this.outageFailure;
    return outage && performance.now() < outage.until ? outage.failure : undefined;
  }

  /**
   * The first request (already recorded or still to come) matching method, path and predicate.
   * Rejects after `timeoutMs` with the list of requests seen, which makes failures readable.
   */
  waitForRequest(
    method: string,
    path: RegExp,
    predicate: (request: RecordedRequest) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<RecordedRequest> {
    const find = () => this.requests.find((r) => r.method === method && path.test(r.path) && predicate(r));
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.requests.map((r) => `${r.method} ${r.path}`).join('\n  ');
        reject(new Error(`no ${method} ${path} within ${timeoutMs} ms; requests seen:\n  ${seen}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.requestWaiters.delete(check);
      };
      this.requestWaiters.add(check);
      check();
    });
  }

  /** Requests matching method and path, in order. */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Resolves once the gateway has accepted `count` sessions in total (IDENTIFY + RESUME). */
  waitForSessions(count: number, timeoutMs = 5_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.identifies + this.resumes < count) return;
        clearTimeout(timer);
        this.sessionWaiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.sessionWaiters.delete(check);
        reject(new Error(`gateway saw ${this.identifies} identifies + ${this.resumes} resumes, wanted ${count}`));
      }, timeoutMs);
      this.sessionWaiters.add(check);
      check();
    });
  }

  // ---- gateway helpers ----

  /**
   * Closes the bot's gateway socket from the server side. Code 4000 (unknown error) makes
   * discord.js resume; 1000 makes it identify again.
   */
  closeGateway(code = 4000): void {
    this.socket?.close(code, 'closed by the test');
    this.socket = undefined;
  }

  /** Sends INVALID_SESSION (op 9); `resumable` false makes the client identify again. */
  invalidateSession(resumable = false): void {
    this.socket?.send(JSON.stringify({ op: 9, d: resumable }));
  }

  /** Drops the gateway socket without a close frame (a lost connection: the client sees 1006). */
  dropGateway(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  /** Drops one shard's gateway socket without a close frame (shard 0: {@link dropGateway}). */
  dropShard(shard: number): void {
    if (shard === 0) return this.dropGateway();
    this.shardSessions.get(shard)?.socket.terminate();
  }

  /** The next IDENTIFY is answered by closing with `code` (4004 bad token, 4013/4014 intents). */
  closeNextIdentify(code: number): void {
    this.identifyClose = code;
  }

  /** Whether the bot holds an identified or resumed gateway session now. */
  get connected(): boolean {
    return this.socket !== undefined && this.socket.readyState === 1;
  }

  /** Dispatches INTERACTION_CREATE for a chat-input command (type 2). */
  sendCommand(name: string, options: CommandOptionValue[] = [], user: InteractionUser = {}): SentInteraction {
    return this.sendInteraction(2, { id: this.commandIdFor(name), name, type: 1, options }, user);
  }

  /** Dispatches an autocomplete interaction (type 4); mark the option being typed `focused`. */
  sendAutocomplete(name: string, options: CommandOptionValue[], user: InteractionUser = {}): SentInteraction {
    return this.sendInteraction(4, { id: this.commandIdFor(name), name, type: 1, options }, user);
  }

  /** Dispatches a button press (type 3) on a message the bot sent. */
  sendButton(customId: string, message: { id?: string; embeds?: any[]; components?: any[]; flags?: number } = {}, user: InteractionUser = {}): SentInteraction {
    const channelId = user.channelId ?? '1300000000000000001';
    // A reply to a slash command is a message of type 20 (chat input command) from the bot.
    const fullMessage = { ...this.messageObject(channelId, message), id: message.id ?? snowflake(), type: 20, application_id: this.applicationId };
    return this.sendInteraction(3, { custom_id: customId, component_type: 2 }, user, fullMessage);
  }

  /**
   * Dispatches MESSAGE_CREATE for a message a member writes in the guild's channel (or in a DM
   * with `dm`), and returns it. Mentions are read from the content's `<@id>` tokens; a reply
   * (`replyTo`, a message the bot sent) pings its author unless `ping` is false. As Discord does
   * for a bot without the Message Content intent, a guild message's content is delivered empty
   * unless it mentions the bot (a reply's ping counts).
   */
  sendUserMessage(options: {
    content: string;
    user?: { id?: string; username?: string; bot?: boolean };
    channelId?: string;
    dm?: boolean;
    replyTo?: any;
    ping?: boolean;
    mentionEveryone?: boolean;
  }): any {
    const author = { id: options.user?.id ?? '1500000000000000001', username: options.user?.username ?? 'reader', discriminator: '0', global_name: null, avatar: null, ...(options.user?.bot ? { bot: true } : {}) };
    const channelId = options.dm ? (options.channelId ?? '1400000000000000001') : (options.channelId ?? '1300000000000000001');
    const guildId = this.guildIds[0] ?? '1200000000000000001';
    const inThread = this.threads.some((thread) => thread.id === channelId);
    const mentioned = [...options.content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    if (options.replyTo && options.ping !== false) mentioned.push(options.replyTo.author.id);
    const mentions = [...new Set(mentioned)].map((id) => ({ id, username: id === this.botUserId ? 'briefbot' : `user${id}`, discriminator: '0', global_name: null, avatar: null, ...(id === this.botUserId ? { bot: true } : {}) }));
    const seesContent = options.dm || (this.identifiedIntents & (1 << 15)) !== 0 || mentioned.includes(this.botUserId);
    const message = {
      id: snowflake(),
      channel_id: channelId,
      // Discord says the channel's type (1 = DM), which is how a client knows an uncached DM.
      channel_type: options.dm ? 1 : inThread ? 11 : 0,
      ...(options.dm ? {} : { guild_id: guildId, member: { roles: [], joined_at: '2025-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0 } }),
      author,
      type: options.replyTo ? 19 : 0,
      content: seesContent ? options.content : '',
      embeds: [],
      components: [],
      attachments: [],
      mentions,
      mention_roles: [],
      mention_everyone: Boolean(options.mentionEveryone),
      pinned: false,
      tts: false,
      flags: 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      ...(options.replyTo
        ? { message_reference: { type: 0, message_id: options.replyTo.id, channel_id: channelId, ...(options.dm ? {} : { guild_id: guildId }) }, referenced_message: options.replyTo }
        : {}),
    };
    this.dispatch('MESSAGE_CREATE', message);
    return message;
  }

  private commandIdFor(name: string): string {
    const registered = [...this.commands.values()].flat().find((c) => c.name === name);
    return registered?.id ?? '1400000000000000001';
  }

  private sendInteraction(type: number, data: unknown, user: InteractionUser, message?: unknown): SentInteraction {
    const guildId = user.guildId ?? this.guildIds[0] ?? '1200000000000000001';
    const channelId = user.channelId ?? '1300000000000000001';
    const id = snowflake();
    const token = `interaction-token-${id}`;
    const discordUser = {
      id: user.id ?? '1500000000000000001',
      username: user.username ?? 'reader',
      discriminator: '0',
      global_name: user.username ?? 'Reader',
      avatar: null,
    };
    const place = user.dm
      ? {
          channel_id: channelId,
          channel: { id: channelId, type: 1, flags: 0, recipients: [discordUser] },
          user: discordUser,
          authorizing_integration_owners: { '1': discordUser.id },
          context: 1,
        }
      : {
          guild_id: guildId,
          guild: { id: guildId, locale: 'ko', features: [] },
          guild_locale: 'ko',
          channel_id: channelId,
          channel: { id: channelId, type: 0, guild_id: guildId, name: 'general', permissions: ALL_PERMISSIONS, flags: 0 },
          member: {
            user: discordUser,
            roles: [],
            permissions: user.permissions ?? '0',
            joined_at: '2025-01-01T00:00:00.000000+00:00',
            deaf: false,
            mute: false,
            flags: 0,
          },
          authorizing_integration_owners: { '0': guildId },
          context: 0,
        };
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      ...place,
      token,
      version: 1,
      locale: user.locale ?? 'ko',
      app_permissions: ALL_PERMISSIONS,
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...(message ? { message } : {}),
    };
    const sentAt = performance.now();
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, sentAt };
  }

  /** The shard a guild's events go over: `(guild_id >> 22) % shards`, as Discord computes it. */
  shardOf(guildId: string): number {
    return this.shardCount === 1 ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount));
  }

  /** The guilds of one shard, in the order of `guildIds`. */
  guildsOfShard(shard: number): string[] {
    return this.guildIds.filter((id) => this.shardOf(id) === shard);
  }

  private dispatch(event: string, d: unknown): void {
    const guildId = (d as { guild_id?: string } | null)?.guild_id;
    const shard = this.shardCount > 1 && guildId ? this.shardOf(guildId) : 0;
    if (shard !== 0) {
      const session = this.shardSessions.get(shard);
      if (!session) throw new Error(`fake Discord: shard ${shard} has no gateway session to dispatch ${event} on`);
      session.sequence += 1;
      session.socket.send(JSON.stringify({ op: 0, t: event, s: session.sequence, d }));
      return;
    }
    if (!this.socket) throw new Error(`fake Discord: no gateway connection to dispatch ${event} on`);
    this.sequence += 1;
    this.socket.send(JSON.stringify({ op: 0, t: event, s: this.sequence, d }));
  }

  private onSocket(socket: WebSocket): void {
    if (this.inOutage()) {
      socket.terminate();
      return;
    }
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(raw.toString());
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      else if (payload.op === 2) this.onIdentify(socket, payload.d);
      else if (payload.op === 6) this.onResume(socket, payload.d);
    });
  }

  private onIdentify(socket: WebSocket, identify: { token: string }): void {
    if (identify.token !== this.token) {
      socket.close(4004, 'Authentication failed.');
      return;
    }
    if (this.identifyClose !== undefined) {
      const code = this.identifyClose;
      this.identifyClose = undefined;
      socket.close(code, `closed by the test (${code})`);
      return;
    }
    const [shard, count] = (identify as { shard?: [number, number] }).shard ?? [0, 1];
    if (count !== this.shardCount || shard < 0 || shard >= count) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    this.identifiedShards.push([shard, count]);
    this.identifiedIntents = Number((identify as { intents?: number }).intents ?? 0);
    const sessionId = `session-${snowflake()}`;
    const ready = {
      v: 10,
      user: { id: this.botUserId, username: 'briefbot', discriminator: '0', global_name: 'briefbot', avatar: null, bot: true, flags: 0 },
      guilds: this.guildsOfShard(shard).map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      shard: [shard, count],
      application: { id: this.applicationId, flags: 0, flags_new: '0' },
    };
    if (shard !== 0) {
      const session = { socket, sessionId, sequence: 0 };
      this.shardSessions.set(shard, session);
      for (const [event, d] of [['READY', ready], ...this.guildsOfShard(shard).map((id) => ['GUILD_CREATE', guildPayload(id, this.botUserId)])] as const) {
        session.sequence += 1;
        socket.send(JSON.stringify({ op: 0, t: event, s: session.sequence, d }));
      }
    } else {
      this.socket = socket;
      this.sessionId = sessionId;
      this.sequence = 0;
      this.dispatch('READY', ready);
      for (const id of this.guildsOfShard(0)) this.dispatch('GUILD_CREATE', guildPayload(id, this.botUserId));
    }
    this.identifies += 1;
    for (const waiter of [...this.sessionWaiters]) waiter();
  }

  private onResume(socket: WebSocket, resume: { token: string; session_id: string; seq: number }): void {
    const other = [...this.shardSessions.values()].find((session) => session.sessionId === resume.session_id);
    if (other && resume.token === this.token) {
      other.socket = socket;
      other.sequence += 1;
      socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: other.sequence, d: null }));
      this.resumes += 1;
      for (const waiter of [...this.sessionWaiters]) waiter();
      return;
    }
    if (resume.token !== this.token || resume.session_id !== this.sessionId) {
      socket.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    this.socket = socket;
    this.dispatch('RESUMED', null);
    this.resumes += 1;
    for (const waiter of [...this.sessionWaiters]) waiter();
  }

  // ---- REST ----

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body: text ? JSON.parse(text) : undefined,
      at: performance.now(),
    };
    this.requests.push(request);
    for (const waiter of [...this.requestWaiters]) waiter();

    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      request.status = status;
      if (body === undefined) {
        res.writeHead(status, headers).end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };

    const failureIndex = this.failures.findIndex((f) => f.method === request.method && f.path.test(path));
    let failure = this.inOutage() ?? (failureIndex >= 0 ? this.failures.splice(failureIndex, 1)[0]!.failure : undefined);
    if (failure?.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, (failure as { ms: number }).ms));
      failure = undefined;
    }
    if (failure) {
      if (failure.kind === 'reset') {
        request.status = 0;
        req.socket.resetAndDestroy();
        return;
      }
      if (failure.kind === 'invalidJson') {
        request.status = -1;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"12');
        return;
      }
      if (failure.kind === 'unauthorized') {
        send(401, { code: 0, message: '401: Unauthorized' });
        return;
      }
      if (failure.kind === 'rateLimit') {
        send(
          429,
          { message: 'You are being rate limited.', retry_after: failure.retryAfterSeconds, global: false },
          { 'retry-after': String(failure.retryAfterSeconds), 'x-ratelimit-scope': 'user' },
        );
      } else if (failure.kind === 'missingPermissions') send(403, { code: 50013, message: 'Missing Permissions' });
      else if (failure.kind === 'unknownChannel') send(404, { code: 10003, message: 'Unknown Channel' });
      else send(500, { code: 0, message: '500: Internal Server Error' });
      return;
    }

    const authorized = req.headers.authorization === `Bot ${this.token}`;
    const route = `${request.method} ${path}`;
    const unauthorized = () => send(401, { code: 0, message: '401: Unauthorized' });
    let match: RegExpMatchArray | null;

    if (route === 'GET /gateway/bot') {
      if (!authorized) return unauthorized();
      return send(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.maxConcurrency },
      });
    }
    if (route === 'GET /users/@me') {
      if (!authorized) return unauthorized();
      return send(200, { id: this.botUserId, username: 'briefbot', discriminator: '0', global_name: 'briefbot', avatar: null, bot: true });
    }
    if (route === 'GET /oauth2/applications/@me') {
      if (!authorized) return unauthorized();
      return send(200, { id: this.applicationId, name: 'briefbot', description: '', flags: 0, bot_public: false });
    }
    if ((match = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (!authorized) return unauthorized();
      const scope = match[2] ?? 'global';
      if (request.method === 'PUT') {
        const stored = (request.body as any[]).map((command) => ({
          id: snowflake(),
          application_id: match![1],
          ...(match![2] ? { guild_id: match![2] } : {}),
          version: snowflake(),
          type: 1,
          ...command,
        }));
        this.commands.set(scope, stored);
        return send(200, stored);
      }
      if (request.method === 'GET') return send(200, this.commands.get(scope) ?? []);
    }
    if ((match = path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && request.method === 'POST') {
      return send(204);
    }
    if ((match = path.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/))) {
      if (request.method === 'DELETE') return send(204);
      if (request.method === 'PATCH' || request.method === 'GET') {
        return send(200, this.messageObject(this.fakeChannelId(), request.body ?? {}));
      }
    }
    if ((match = path.match(/^\/webhooks\/(\d+)\/([^/]+)$/)) && request.method === 'POST') {
      return send(200, this.messageObject(this.fakeChannelId(), request.body ?? {}));
    }
    if ((match = path.match(/^\/channels\/(\d+)\/messages$/)) && request.method === 'POST') {
      if (!authorized) return unauthorized();
      const channelId = match[1]!;
      const nonce = request.body?.nonce as string | undefined;
      const previous = nonce && request.body?.enforce_nonce ? this.nonces.get(`${channelId}:${nonce}`) : undefined;
      if (previous && performance.now() - previous.at < 5 * 60_000) return send(200, previous.message);
      const message = this.messageObject(channelId, request.body ?? {});
      if (nonce) this.nonces.set(`${channelId}:${nonce}`, { message, at: performance.now() });
      this.channelMessages.push({ channelId, body: request.body, message });
      return send(200, message);
    }
    if ((match = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/)) && request.method === 'PATCH') {
      if (!authorized) return unauthorized();
      const posted = this.channelMessages.find((m) => m.channelId === match![1] && m.message.id === match![2]);
      if (!posted) return send(404, { code: 10008, message: 'Unknown Message' });
      posted.message = { ...posted.message, ...this.editedFields(request.body ?? {}), edited_timestamp: new Date().toISOString() };
      this.messageEdits.push({ channelId: match[1]!, messageId: match[2]!, body: request.body, at: request.at });
      return send(200, posted.message);
    }
    if ((match = path.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/)) && request.method === 'POST') {
      if (!authorized) return unauthorized();
      const name = String(request.body?.name ?? '');
      if (name.length < 1 || name.length > 100) return send(400, { code: 50035, message: 'Invalid Form Body', errors: { name: { _errors: [{ code: 'BASE_TYPE_BAD_LENGTH' }] } } });
      const thread = this.threadObject(match[1]!, match[2]!, name, request.body?.auto_archive_duration);
      this.threads.push({ id: thread.id, parentId: match[1]!, messageId: match[2]!, name });
      // Discord tells the gateway too, as it does for every thread the bot can see.
      this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return send(201, thread);
    }
    if (/^\/channels\/\d+\/typing$/.test(path) && request.method === 'POST') return send(204);
    send(404, { code: 0, message: `404: Not Found (fake Discord has no ${route})` });
  }

  /** What an edit may change: content, embeds, components, flags. */
  private editedFields(body: any): any {
    const fields: any = {};
    for (const key of ['content', 'embeds', 'components', 'flags']) if (body[key] !== undefined) fields[key] = body[key];
    return fields;
  }

  /** A public thread (type 11) in the guild, started by the bot from `messageId`. */
  private threadObject(parentId: string, messageId: string, name: string, autoArchive?: number): any {
    return {
      id: messageId, // Discord gives a thread started from a message that message's id
      type: 11,
      guild_id: this.guildIds[0] ?? '1200000000000000001',
      parent_id: parentId,
      owner_id: this.botUserId,
      name,
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      flags: 0,
      thread_metadata: { archived: false, auto_archive_duration: autoArchive ?? 1440, archive_timestamp: new Date().toISOString(), locked: false, create_timestamp: new Date().toISOString() },
      total_message_sent: 0,
    };
  }

  private fakeChannelId(): string {
    return '1300000000000000001';
  }

  private messageObject(channelId: string, body: any): any {
    return {
      id: snowflake(),
      channel_id: channelId,
      type: 0,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      flags: body.flags ?? 0,
      nonce: body.nonce,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      author: { id: this.botUserId, username: 'briefbot', discriminator: '0', global_name: null, avatar: null, bot: true },
    };
  }
}

function guildPayload(id: string, botUserId: string): unknown {
  return {
    id,
    name: 'Test guild',
    icon: null,
    owner_id: '1500000000000000009',
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    preferred_locale: 'ko',
    roles: [{ id, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    channels: [{ id: '1300000000000000001', type: 0, name: 'general', position: 0, guild_id: id, permission_overwrites: [] }],
    members: [
      {
        user: { id: botUserId, username: 'briefbot', discriminator: '0', global_name: null, avatar: null, bot: true },
        roles: [],
        joined_at: '2025-01-01T00:00:00.000000+00:00',
        deaf: false,
        mute: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    threads: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: '2025-01-01T00:00:00.000000+00:00',
  };
}

/** Starts a fake Discord on a free 127.0.0.1 port. */
export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}
