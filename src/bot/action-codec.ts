/**
 * The action codec: a reply action (command, arguments, effect) as a compact ASCII string that
 * fits Telegram's 64-byte callback_data and Discord's 100-character custom_id, and back.
 *
 * Format: `<effect mark><command>|<value>|<value>...`, one value per option of the command in
 * definition order, trailing empty values dropped. The mark is `=` (replace) or `+` (new
 * message). A value goes in as is when short and plain, else as `~<short id>` of the value, the
 * same 12-character short id posts have ({@link shortIdOf}); a bounded memo maps short ids back
 * to values, and buttons older than the memo are resolved against the current tags and posts.
 *
 * Data written before effects existed has no mark and 8-character refs; it still decodes (see
 * {@link decodeLegacy}), so buttons in old messages keep working.
 */
import { createHash } from 'node:crypto';
import { shortIdOf } from '../posts/library.ts';
import type { Command } from './command.ts';
import { MAX_ACTION_DATA_BYTES } from './core.ts';
import type { Engine } from './engine.ts';
import { LruCache } from './lru.ts';
import { effectOf, type ActionEffect, type ActionRequest } from './reply.ts';

/** A value goes into action data as is when short and plain; otherwise as a short-id ref. */
const PLAIN_VALUE = /^[A-Za-z0-9_.-]{1,16}$/;
const SEPARATOR = '|';
const REF = '~';
const EFFECT_MARKS: Record<ActionEffect, string> = { replace: '=', 'new-message': '+' };
/** Short ids remembered for decoding; older ones are found again by scanning tags and posts. */
export const REF_MEMO_CAPACITY = 1000;

export interface ActionCodecOptions {
  commands: readonly Command[];
  engine: Engine;
  now: () => Date;
  /** Size of the short-id memo; {@link REF_MEMO_CAPACITY} by default. */
  memoCapacity?: number;
}

/** Encodes and decodes action data; see the module comment for the format. */
export class ActionCodec {
  readonly #engine: Engine;
  readonly #now: () => Date;
  readonly #byName: ReadonlyMap<string, Command>;
  readonly #refs: LruCache<string, string>;

  constructor(options: ActionCodecOptions) {
    this.#engine = options.engine;
    this.#now = options.now;
    this.#byName = new Map(options.commands.map((c) => [c.name, c]));
    this.#refs = new LruCache(options.memoCapacity ?? REF_MEMO_CAPACITY);
  }

  encode(action: ActionRequest): string {
    const command = this.#byName.get(action.command);
    const names = command ? command.options.map((o) => o.name) : Object.keys(action.args).sort();
    const values = names.map((name) => this.#encodeValue(action.args[name]));
    while (values.length > 0 && values[values.length - 1] === '') values.pop();
    const data = `${EFFECT_MARKS[effectOf(action)]}${[action.command, ...values].join(SEPARATOR)}`;
    if (Buffer.byteLength(data) > MAX_ACTION_DATA_BYTES) {
      throw new Error(`action data for ${action.command} is ${Buffer.byteLength(data)} bytes, over ${MAX_ACTION_DATA_BYTES}`);
    }
    return data;
  }

  /** `undefined` for data this codec did not make, or whose refs no longer resolve. */
  decode(data: string): ActionRequest | undefined {
    const effect = (Object.keys(EFFECT_MARKS) as ActionEffect[]).find((e) => data.startsWith(EFFECT_MARKS[e]));
    if (!effect) return this.#decodeLegacy(data);
    const [name, ...values] = data.slice(1).split(SEPARATOR);
    const command = name === undefined ? undefined : this.#byName.get(name);
    const args = command && this.#decodeArgs(command, values, shortIdOf);
    if (!command || !args) return undefined;
    // `replace` is the default and stays implicit, as in a ReplyAction.
    return { command: command.name, args, ...(effect === 'new-message' ? { effect } : {}) };
  }

  #encodeValue(value: string | number | undefined): string {
    if (value === undefined) return '';
    const text = String(value);
    if (typeof value === 'number' || PLAIN_VALUE.test(text)) return text;
    const ref = shortIdOf(text);
    this.#refs.set(ref, text);
    return `${REF}${ref}`;
  }

  /** The value behind a ref, from the memo or else the current tags and posts. */
  #resolve(ref: string, hash: (value: string) => string): string | undefined {
    const known = this.#refs.get(ref);
    if (known !== undefined) return known;
    if (!this.#engine.ready) return undefined;
    const { library } = this.#engine;
    for (const t of library.tags(this.#now())) if (hash(t.tag) === ref) return t.tag;
    for (const post of library.all()) if (hash(post.id) === ref) return post.id;
    return undefined;
  }

  #decodeArgs(command: Command, values: string[], hash: (value: string) => string): ActionRequest['args'] | undefined {
    const args: ActionRequest['args'] = {};
    for (const [i, option] of command.options.entries()) {
      const value = values[i];
      if (value === undefined || value === '') continue;
      if (value.startsWith(REF)) {
        const resolved = this.#resolve(value.slice(REF.length), hash);
        if (resolved === undefined) return undefined;
        args[option.name] = resolved;
      } else {
        args[option.name] = option.type === 'integer' ? Number(value) : value;
      }
    }
    return args;
  }

  /**
   * Data from before effects were encoded (no mark, 8-character sha1 refs). Those buttons were
   * made when a page button was the only kind that turned in place, so that is the effect they get.
   * Decode only: nothing is encoded this way any more.
   */
  #decodeLegacy(data: string): ActionRequest | undefined {
    const [name, ...values] = data.split(SEPARATOR);
    const command = name === undefined ? undefined : this.#byName.get(name);
    const args = command && this.#decodeArgs(command, values, legacyRef);
    if (!command || !args) return undefined;
    return { command: command.name, args, ...('page' in args ? {} : { effect: 'new-message' as const }) };
  }
}

/** The ref scheme of action data written before the one short-id scheme; decode only. */
function legacyRef(value: string): string {
  return createHash('sha1').update(value).digest('base64url').slice(0, 8);
}
