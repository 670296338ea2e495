/**
 * A local fake of the Telegram Bot API, good enough to run the real grammY bot against it.
 *
 * It speaks the wire protocol as platforms.md describes it: `POST /bot<token>/<method>` with JSON,
 * urlencoded or multipart bodies, answers `{ok:true,result}` or `{ok:false,error_code,description,
 * parameters}`; getUpdates holds the request open for `timeout` seconds and confirms updates below
 * `offset`; a set webhook makes getUpdates answer 409 and delivers updates by POST instead; a
 * wrong token gets 401 on every method. sendMessage and editMessageText check what Telegram
 * checks and a test would otherwise miss: HTML that does not parse, text over 4096 visible units,
 * callback_data over 64 bytes. sendMessageDraft (Bot API 9.3+) accepts drafts in private chats
 * only, under a non-zero draft_id. Every request keeps its arrival time (`at`), so tests measure
 * how often a message was edited.
 *
 * Tests push updates (`pushMessage`, `pushCallbackQuery`, `pushInlineQuery`), inject failures
 * (`failNext` once, `outage` for a while, `storm` of 429s, `slow` answers, a second poller's 409
 * with `terminatePollers` or `conflictOnConcurrentPolls`), and assert on what went over the wire (`waitForRequest`, `requests`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface FakeUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
}

/** A request the bot made, as the fake parsed it. */
export interface RecordedRequest {
  method: string;
  body: Record<string, any>;
  /** What the fake answered (the `result`, or the error body). */
  response: any;
  /** performance.now() when the request arrived. */
  at: number;
}

/** A failure to inject into the next call of a method. */
export type InjectedFailure =
  | { error_code: number; description: string; retry_after?: number }
  | { network: true }
  /** The TCP connection is reset (RST), as a crashing proxy or a dropped route does. */
  | { reset: true }
  /** A 200 whose body is not JSON (an HTML error page from a proxy, a truncated answer). */
  | { invalidJson: true }
  /** The call behaves normally, after `delayMs` (a slow API). */
  | { delayMs: number };

/** The 409 Telegram answers a poller when another getUpdates with the same token takes over. */
export const CONFLICT_OTHER_POLLER: InjectedFailure = {
  error_code: 409,
  description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
};

type Update = Record<string, any> & { update_id: number };

interface PollWaiter {
  offset: number;
  limit: number;
  res: http.ServerResponse;
  timer: NodeJS.Timeout;
}

const ALLOWED_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span', 'tg-emoji',
]);

/**
 * Parses Telegram HTML the way the Bot API does for our purposes: only allowed tags, properly
 * nested, only the four named entities (and numeric ones). Returns the visible text, or an error
 * description worded like Telegram's.
 */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const stack: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const c = html[i]!;
    if (c === '<') {
      const end = html.indexOf('>', i);
      if (end === -1) return { error: `Can't parse entities: unclosed start tag at byte offset ${i}` };
      const tag = html.slice(i + 1, end);
      const closing = tag.startsWith('/');
      const name = (closing ? tag.slice(1) : tag).split(/\s/)[0]!.toLowerCase();
      if (!ALLOWED_TAGS.has(name)) return { error: `Can't parse entities: unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${name}"` };
      } else {
        stack.push(name);
      }
      i = end + 1;
    } else if (c === '&') {
      const match = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(html.slice(i));
      if (!match) return { error: `Can't parse entities: character '&' is reserved and must be escaped at byte offset ${i}` };
      const name = match[1]!;
      text +=
        name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"'
          : String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      i += match[0].length;
    } else if (c === '>') {
      return { error: `Can't parse entities: character '>' is reserved and must be escaped at byte offset ${i}` };
    } else {
      text += c;
      i += 1;
    }
  }
  if (stack.length > 0) return { error: `Can't parse entities: can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { text };
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
  }
}

export class FakeTelegram {
  readonly bot: FakeUser;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every update pushed, with performance.now() of the push (for latency measurements). */
  readonly pushed: { update: Update; at: number }[] = [];
  /** Commands registered per `language_code` (`''` = default). */
  readonly commands = new Map<string, unknown[]>();
  webhook: { url: string; secret?: string } | undefined;

  #server: http.Server;
  #token: string;
  #updates: Update[] = [];
  #nextUpdateId = 1;
  #pollers: PollWaiter[] = [];
  #failures = new Map<string, InjectedFailure[]>();
  #memberStatus = new Map<string, string>();
  #messages = new Map<string, Record<string, any>>();
  #nextMessageId = new Map<number, number>();
  #claimed = new Set<RecordedRequest>();
  /** Users who opened a private chat with the bot: the only users it may write to. */
  #privateChats = new Set<number>();
  #waiters: (() => void)[] = [];
  #outage: { failure: InjectedFailure; methods?: Set<string>; until: number } | undefined;
  #delays = new Map<string, number>();
  /**
   * When true, a getUpdates arriving while another is held open answers the held one with
   * {@link CONFLICT_OTHER_POLLER}, as Telegram does when a second instance polls with the same token.
   */
  conflictOnConcurrentPolls = false;

  private constructor(server: http.Server, token: string, bot: FakeUser) {
    this.#server = server;
    this.#token = token;
    this.bot = bot;
  }

  /** Starts the fake on 127.0.0.1 at a free port. */
  static async start(options: { token: string; username?: string }): Promise<FakeTelegram> {
    const server = http.createServer();
    const bot: FakeUser = {
      id: Number(options.token.split(':')[0]) || 1000,
      is_bot: true,
      first_name: 'Briefbot',
      username: options.username ?? 'briefbot_test_bot',
    };
    const fake = new FakeTelegram(server, options.token, bot);
    server.on('request', (req, res) => void fake.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The Bot API root to give grammY (`client.apiRoot`), without a trailing slash. */
  get apiRoot(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const poller of this.#pollers.splice(0)) {
      clearTimeout(poller.timer);
      poller.res.destroy();
    }
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ----- test helpers -------------------------------------------------------------------------

  /** Makes the next call(s) of `method` fail, in order, before it behaves normally again. */
  failNext(method: string, ...failures: InjectedFailure[]): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...failures]);
  }

  /**
   * Every call (of `methods`, or of every method) fails with `failure` for `ms` milliseconds
   * (a platform outage), then the fake behaves normally again. `failure` undefined ends it now.
   */
  outage(failure: InjectedFailure | undefined, ms = Infinity, methods?: string[]): void {
    this.#outage = failure ? { failure, until: performance.now() + ms, ...(methods ? { methods: new Set(methods) } : {}) } : undefined;
  }

  /** Every call of `method` is answered `ms` later than it would be (0 removes the delay). */
  slow(method: string, ms: number): void {
    if (ms > 0) this.#delays.set(method, ms);
    else this.#delays.delete(method);
  }

  /** Answers the next `count` calls of `method` with 429 and `retry_after` (a flood-control storm). */
  storm(method: string, count: number, retryAfterSeconds = 1): void {
    this.failNext(
      method,
      ...Array.from({ length: count }, () => ({ error_code: 429, description: `Too Many Requests: retry after ${retryAfterSeconds}`, retry_after: retryAfterSeconds })),
    );
  }

  /** Like a second bot instance with the same token: answers the held getUpdates with a 409 now. */
  terminatePollers(): number {
    const pollers = this.#pollers.splice(0);
    for (const poller of pollers) {
      clearTimeout(poller.timer);
      send(poller.res, 409, { ok: false, error_code: 409, description: (CONFLICT_OTHER_POLLER as { description: string }).description });
    }
    return pollers.length;
  }

  /** Cuts every held getUpdates connection without an answer (the link to Telegram went away). */
  dropPollers(): number {
    const pollers = this.#pollers.splice(0);
    for (const poller of pollers) {
      clearTimeout(poller.timer);
      poller.res.socket?.resetAndDestroy();
    }
    return pollers.length;
  }

  /** What getChatMember answers for this user in this chat (default `member`). */
  setMemberStatus(chatId: number, userId: number, status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked'): void {
    this.#memberStatus.set(`${chatId}:${userId}`, status);
  }

  /**
   * Queues a text message (a `channel_post` when the chat is a channel). A leading `/command` or
   * `/command@bot` gets its `bot_command` entity, as Telegram's clients send it.
   */
  pushMessage(options: { text: string; from?: FakeUser; chat?: FakeChat; /** forum topic */ threadId?: number }): Update {
    const from = options.from ?? { id: 42, first_name: 'Mina', language_code: 'ko' };
    const chat = options.chat ?? { id: from.id, type: 'private', first_name: from.first_name };
    const message: Record<string, any> = {
      message_id: this.#newMessageId(chat.id),
      date: Math.floor(Date.now() / 1000),
      chat,
      text: options.text,
    };
    if (options.threadId !== undefined) Object.assign(message, { message_thread_id: options.threadId, is_topic_message: true });
    if (chat.type === 'channel') message.sender_chat = chat;
    else message.from = from;
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(options.text);
    if (command) message.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    this.#messages.set(`${chat.id}:${message.message_id}`, message);
    if (chat.type === 'private') this.#privateChats.add(chat.id);
    return this.#push(chat.type === 'channel' ? { channel_post: message } : { message });
  }

  /** Queues a button press on a message the bot sent (pass the message from a recorded response). */
  pushCallbackQuery(options: { data: string; message: Record<string, any>; from?: FakeUser }): Update {
    const from = options.from ?? { id: 42, first_name: 'Mina', language_code: 'ko' };
    return this.#push({
      callback_query: {
        id: String(Math.floor(Math.random() * 1e15)),
        from,
        message: options.message,
        chat_instance: '-1',
        data: options.data,
      },
    });
  }

  /** Queues an inline query (`@bot query` typed in any chat). */
  pushInlineQuery(options: { query: string; from?: FakeUser; offset?: string }): Update {
    const from = options.from ?? { id: 42, first_name: 'Mina', language_code: 'ko' };
    return this.#push({
      inline_query: { id: String(Math.floor(Math.random() * 1e15)), from, query: options.query, offset: options.offset ?? '' },
    });
  }

  /**
   * Resolves with the first request of `method` matching `predicate` that no earlier call
   * returned (each request is claimed once, so consecutive waits see consecutive replies).
   */
  waitForRequest(
    method: string,
    predicate: (body: Record<string, any>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedRequest> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.requests.find((r) => r.method === method && !this.#claimed.has(r) && predicate(r.body));
        if (!found) return false;
        this.#claimed.add(found);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        const seen = this.requests.map((r) => r.method).join(', ');
        reject(new Error(`fake Telegram: no ${method} request within ${timeoutMs} ms (saw: ${seen})`));
      }, timeoutMs);
      const waiter = () => {
        if (check()) this.#waiters = this.#waiters.filter((w) => w !== waiter);
      };
      if (!check()) this.#waiters.push(waiter);
    });
  }

  /** Requests of one method so far, in order. */
  requestsOf(method: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method);
  }

  /**
   * Queues a text message the way a member writes to a bot in conversation: every `@username` in
   * the text gets its `mention` entity (as Telegram's clients send it), `entities` adds others
   * (a `text_mention` of a user without a username), `replyTo` makes it a reply to an earlier
   * message (pass the bot's message from a recorded response), and `from` may be a bot.
   */
  pushConversationMessage(options: {
    text: string;
    from?: FakeUser;
    chat?: FakeChat;
    threadId?: number;
    entities?: Record<string, any>[];
    replyTo?: Record<string, any>;
  }): Update {
    const from = options.from ?? { id: 42, first_name: 'Mina', language_code: 'ko' };
    const chat = options.chat ?? { id: from.id, type: 'private', first_name: from.first_name };
    const mentions = [...options.text.matchAll(/@[A-Za-z0-9_]{3,32}/g)].map((m) => ({ type: 'mention', offset: m.index, length: m[0].length }));
    const entities = [...mentions, ...(options.entities ?? [])];
    const message: Record<string, any> = { message_id: this.#newMessageId(chat.id), date: Math.floor(Date.now() / 1000), chat, from, text: options.text };
    if (entities.length > 0) message.entities = entities;
    if (options.replyTo) message.reply_to_message = options.replyTo;
    if (options.threadId !== undefined) Object.assign(message, { message_thread_id: options.threadId, is_topic_message: true });
    this.#messages.set(`${chat.id}:${message.message_id}`, message);
    if (chat.type === 'private') this.#privateChats.add(chat.id);
    return this.#push({ message });
  }

  // ----- protocol -----------------------------------------------------------------------------

  #push(payload: Record<string, any>): Update {
    const update = { update_id: this.#nextUpdateId++, ...payload } as Update;
    this.pushed.push({ update, at: performance.now() });
    if (this.webhook) {
      void this.#deliver(update);
    } else {
      this.#updates.push(update);
      this.#wakePollers();
    }
    return update;
  }

  async #deliver(update: Update): Promise<void> {
    const { url, secret } = this.webhook!;
    try {
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
    } catch {
      // Telegram would retry later; tests see the missing reply instead.
    }
  }

  #newMessageId(chatId: number): number {
    const id = (this.#nextMessageId.get(chatId) ?? 0) + 1;
    this.#nextMessageId.set(chatId, id);
    return id;
  }

  #pending(offset: number, limit: number): Update[] {
    // Telegram forgets every update below the offset: that is how a client confirms them.
    this.#updates = this.#updates.filter((u) => u.update_id >= offset);
    return this.#updates.slice(0, limit);
  }

  #wakePollers(): void {
    for (const poller of [...this.#pollers]) {
      const updates = this.#pending(poller.offset, poller.limit);
      if (updates.length === 0) continue;
      clearTimeout(poller.timer);
      this.#pollers = this.#pollers.filter((p) => p !== poller);
      send(poller.res, 200, { ok: true, result: updates });
    }
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const raw = await readBody(req);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const record: RecordedRequest = { method, body, response: undefined, at: performance.now() };
    this.requests.push(record);
    try {
      if (token !== this.#token) throw new ApiError(401, 'Unauthorized');
      const delay = this.#delays.get(method);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      const outage = this.#outage && performance.now() < this.#outage.until && (!this.#outage.methods || this.#outage.methods.has(method)) ? this.#outage.failure : undefined;
      const failure = outage ?? this.#failures.get(method)?.shift();
      if (failure && 'delayMs' in failure) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      else if (failure && 'network' in failure) {
        record.response = 'network failure';
        res.destroy();
        return;
      } else if (failure && 'reset' in failure) {
        record.response = 'connection reset';
        req.socket.resetAndDestroy();
        return;
      } else if (failure && 'invalidJson' in failure) {
        record.response = 'invalid JSON';
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":[{"update_id');
        return;
      } else if (failure) throw new ApiError(failure.error_code, failure.description, failure.retry_after);
      if (method === 'getUpdates') return this.#getUpdates(body, res, record);
      const result = this.#call(method, body);
      record.response = result;
      send(res, 200, { ok: true, result });
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${String(error)}`);
      const answer: Record<string, any> = { ok: false, error_code: e.code, description: e.description };
      if (e.retryAfter !== undefined) answer.parameters = { retry_after: e.retryAfter };
      record.response = answer;
      send(res, e.code, answer);
    } finally {
      for (const waiter of [...this.#waiters]) waiter();
    }
  }

  #getUpdates(body: Record<string, any>, res: http.ServerResponse, record: RecordedRequest): void {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = Number(body.offset ?? 0);
    const limit = Math.min(Math.max(Number(body.limit ?? 100), 1), 100);
    const timeout = Number(body.timeout ?? 0);
    if (this.conflictOnConcurrentPolls) this.terminatePollers();
    const updates = this.#pending(offset, limit);
    record.response = { offset, timeout };
    if (updates.length > 0 || timeout <= 0) return send(res, 200, { ok: true, result: updates });
    const poller: PollWaiter = {
      offset,
      limit,
      res,
      timer: setTimeout(() => {
        this.#pollers = this.#pollers.filter((p) => p !== poller);
        send(res, 200, { ok: true, result: [] });
      }, timeout * 1000),
    };
    this.#pollers.push(poller);
    // A client that gives up (grammY's bot.stop() aborts the pending call) frees its slot.
    res.on('close', () => {
      clearTimeout(poller.timer);
      this.#pollers = this.#pollers.filter((p) => p !== poller);
    });
  }

  #call(method: string, body: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return { ...this.bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: true };
      case 'deleteWebhook':
        this.webhook = undefined;
        if (body.drop_pending_updates) this.#updates = [];
        return true;
      case 'setWebhook':
        if (!/^https?:\/\//.test(String(body.url ?? ''))) throw new ApiError(400, 'Bad Request: bad webhook: invalid URL');
        this.webhook = { url: String(body.url), secret: body.secret_token };
        return true;
      case 'getWebhookInfo':
        return { url: this.webhook?.url ?? '', has_custom_certificate: false, pending_update_count: this.#updates.length };
      case 'setMyCommands':
        for (const command of body.commands ?? []) {
          if (!/^[a-z0-9_]{1,32}$/.test(command.command)) throw new ApiError(400, 'Bad Request: BOT_COMMAND_INVALID');
          if (!command.description || command.description.length > 256) throw new ApiError(400, 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID');
        }
        if ((body.commands ?? []).length > 100) throw new ApiError(400, 'Bad Request: too many commands');
        this.commands.set(body.language_code ?? '', body.commands ?? []);
        return true;
      case 'sendMessage':
        return this.#sendMessage(body);
      case 'editMessageText':
        return this.#editMessageText(body);
      case 'sendMessageDraft':
        return this.#sendMessageDraft(body);
      case 'answerCallbackQuery':
        return true;
      case 'sendChatAction':
        return true;
      case 'answerInlineQuery':
        if ((body.results ?? []).length > 50) throw new ApiError(400, 'Bad Request: RESULTS_TOO_MUCH');
        for (const result of body.results ?? []) {
          const content = result.input_message_content;
          if (content?.message_text !== undefined) this.#checkText(content.message_text, content.parse_mode);
          this.#checkKeyboard(result.reply_markup);
        }
        return true;
      case 'getChatMember': {
        const userId = Number(body.user_id);
        const status = this.#memberStatus.get(`${body.chat_id}:${userId}`) ?? 'member';
        return { status, user: { id: userId, is_bot: false, first_name: `user${userId}` } };
      }
      default:
        throw new ApiError(404, 'Not Found');
    }
  }

  /** Returns the visible text, or throws the error Telegram would answer. */
  #checkText(text: unknown, parseMode: unknown): string {
    if (typeof text !== 'string' || text.trim().length === 0) throw new ApiError(400, 'Bad Request: message text is empty');
    let visible = text;
    if (parseMode === 'HTML') {
      const parsed = parseTelegramHtml(text);
      if ('error' in parsed) throw new ApiError(400, `Bad Request: ${parsed.error}`);
      visible = parsed.text;
    }
    if (visible.length > 4096) throw new ApiError(400, 'Bad Request: message is too long');
    return visible;
  }

  #checkKeyboard(markup: any): void {
    for (const row of markup?.inline_keyboard ?? []) {
      for (const button of row) {
        if (button.callback_data !== undefined && (Buffer.byteLength(button.callback_data) > 64 || button.callback_data.length === 0)) {
          throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
        }
        if (button.url !== undefined && !/^(https?|tg):\/\//.test(button.url)) throw new ApiError(400, 'Bad Request: BUTTON_URL_INVALID');
      }
    }
  }

  #sendMessage(body: Record<string, any>): Record<string, any> {
    if (body.chat_id === undefined) throw new ApiError(400, 'Bad Request: chat_id is empty');
    const visible = this.#checkText(body.text, body.parse_mode);
    this.#checkKeyboard(body.reply_markup);
    const chatId = Number(body.chat_id);
    if (chatId > 0 && !this.#privateChats.has(chatId)) throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
    const message: Record<string, any> = {
      message_id: this.#newMessageId(chatId),
      from: this.bot,
      chat: { id: chatId, type: chatId > 0 ? 'private' : 'supergroup' },
      date: Math.floor(Date.now() / 1000),
      text: visible,
    };
    if (body.reply_markup) message.reply_markup = body.reply_markup;
    // What a reply in conversation carries back: its forum topic and the message it answers.
    if (body.message_thread_id !== undefined) message.message_thread_id = Number(body.message_thread_id);
    const repliedTo = body.reply_parameters ? this.#messages.get(`${chatId}:${Number(body.reply_parameters.message_id)}`) : undefined;
    if (repliedTo) {
      const { rawText: _raw, ...original } = repliedTo;
      message.reply_to_message = original;
    }
    this.#messages.set(`${chatId}:${message.message_id}`, { ...message, rawText: body.text });
    return message;
  }

  /** Bot API 9.3+: a draft streams in private chats only, under a non-zero draft_id; empty text shows "Thinking…". */
  #sendMessageDraft(body: Record<string, any>): true {
    const chatId = Number(body.chat_id);
    if (!(chatId > 0) || !this.#privateChats.has(chatId)) throw new ApiError(400, 'Bad Request: TEXTDRAFT_PEER_INVALID');
    const draftId = Number(body.draft_id);
    if (!Number.isInteger(draftId) || draftId === 0) throw new ApiError(400, 'Bad Request: draft_id must be non-zero');
    if (body.text !== undefined && body.text !== '') this.#checkText(body.text, body.parse_mode);
    return true;
  }

  #editMessageText(body: Record<string, any>): Record<string, any> | true {
    const visible = this.#checkText(body.text, body.parse_mode);
    this.#checkKeyboard(body.reply_markup);
    if (body.inline_message_id !== undefined) return true;
    const key = `${Number(body.chat_id)}:${Number(body.message_id)}`;
    const message = this.#messages.get(key);
    if (!message) throw new ApiError(400, 'Bad Request: message to edit not found');
    if (message.rawText === body.text && JSON.stringify(message.reply_markup) === JSON.stringify(body.reply_markup)) {
      throw new ApiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    }
    const edited = { ...message, text: visible, rawText: body.text, reply_markup: body.reply_markup, edit_date: Math.floor(Date.now() / 1000) };
    this.#messages.set(key, edited);
    const { rawText: _raw, ...result } = edited;
    return result;
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Form fields carry objects as JSON strings (reply_markup, commands, results), as Telegram reads them. */
function fieldValue(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function parseBody(raw: Buffer, contentType: string): Record<string, any> {
  if (raw.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw.toString('utf8'));
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries([...new URLSearchParams(raw.toString('utf8'))].map(([k, v]) => [k, fieldValue(v)]));
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    const fields: Record<string, any> = {};
    for (const part of raw.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`)) {
      const name = /name="([^"]+)"/.exec(part);
      const split = part.indexOf('\r\n\r\n');
      if (!name || split === -1) continue;
      fields[name[1]!] = fieldValue(part.slice(split + 4).replace(/\r\n$/, ''));
    }
    return fields;
  }
  return {};
}
