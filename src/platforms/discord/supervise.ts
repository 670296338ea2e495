/**
 * The Discord connection's state on the health board, and the fatal gateway closes.
 *
 * discord.js reconnects on its own after recoverable closes (a dropped socket, INVALID_SESSION,
 * 4000-4009 but 4004), but after 4004 (bad token), 4010/4011 (sharding), 4012 (API version),
 * 4013 (invalid intents) or 4014 (disallowed intents) it emits `shardDisconnect` and never
 * reconnects, while the process stays up and looks healthy (issue 13). Here the recoverable ones
 * make the connection `degraded` (logged once per episode by the board) and `ready` again on
 * READY or RESUMED; the fatal ones make it `down` and call `onFatal` with a message saying what
 * a person must change, so the process can exit non-zero and a supervisor or a person acts.
 */
import { Events, Status, type Client } from 'discord.js';
import type { HealthBoard } from '../../util/health.ts';
import type { Logger } from '../../util/logger.ts';

/** The connection's name on the health board. */
export const DISCORD_CONNECTION = 'discord';

/** A gateway failure the client will not recover from. */
export class DiscordFatalError extends Error {
  override readonly name = 'DiscordFatalError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What each unrecoverable close code means and what to do, in words for the person on call. */
const FATAL_CLOSES: Record<number, string> = {
  4004: 'Discord rejected DISCORD_TOKEN (gateway close 4004 Authentication failed): the token was reset or is wrong; copy it again from the Developer Portal (Bot → Reset Token) and restart',
  4010: 'Discord refused the shard (gateway close 4010 Invalid shard): check the sharding settings',
  4011: 'Discord requires sharding for this bot (gateway close 4011 Sharding required): the bot is in too many servers for one shard',
  4012: 'Discord refused the gateway API version (gateway close 4012): upgrade discord.js',
  4013: 'Discord refused the gateway intents (gateway close 4013 Invalid intents): the intents briefbot asks for are not valid; upgrade or report a bug',
  4014: 'Discord refused a privileged intent (gateway close 4014 Disallowed intents): enable it for the bot in the Developer Portal (Bot → Privileged Gateway Intents) or stop asking for it, then restart',
};

/** The message for an unrecoverable close `code`, or undefined when discord.js recovers from it. */
export function fatalCloseMessage(code: number): string | undefined {
  return FATAL_CLOSES[code];
}

export interface SuperviseOptions {
  health?: HealthBoard;
  /** Only to redact it: discord.js's debug lines quote it ("Provided token: ..."). */
  token: string;
  log: Logger;
  /** Called once with the fatal error; the gateway connection is gone by then. */
  onFatal(error: DiscordFatalError): void;
}

/**
 * Listens to the client's shard events for the connection's state. Call before `login()`;
 * `starting` until every shard is READY, `ready` while every shard is, `degraded` (naming the
 * shard) while one reconnects.
 */
export function superviseGateway(client: Client, options: SuperviseOptions): void {
  const { health, log } = options;
  let fatal = false;
  /** Shards READY or RESUMED and not lost since. */
  const up = new Set<number>();
  // With `shards: 'auto'` discord.js learns the count from GET /gateway/bot before any shard connects.
  const shardCount = () => (typeof client.options.shardCount === 'number' ? client.options.shardCount : 1);
  const named = (shard: number, cause: string) => (shardCount() > 1 ? `shard ${shard} of ${shardCount()}: ${cause}` : cause);
  const shardUp = (shard: number) => {
    up.add(shard);
    if (up.size >= shardCount()) health?.report(DISCORD_CONNECTION, 'ready');
  };
  health?.report(DISCORD_CONNECTION, 'starting');
  client.on(Events.ShardReady, shardUp);
  client.on(Events.ShardResume, shardUp);
  client.on(Events.ShardReconnecting, (shard) => {
    up.delete(shard);
    if (!fatal) health?.report(DISCORD_CONNECTION, 'degraded', { cause: named(shard, 'the gateway connection was lost; discord.js is reconnecting') });
  });
  client.on(Events.Invalidated, () => health?.report(DISCORD_CONNECTION, 'degraded', { cause: 'the gateway session was invalidated' }));
  client.on(Events.ShardDisconnect, (event) => {
    const message = fatalCloseMessage(event.code) ?? `the gateway closed with code ${event.code} and discord.js does not reconnect`;
    if (fatal) return;
    fatal = true;
    health?.report(DISCORD_CONNECTION, 'down', { cause: message });
    options.onFatal(new DiscordFatalError(event.code, message));
  });
  client.on(Events.Debug, (message) => log.debug('discord: gateway', { message: message.split(options.token).join('[redacted]') }));
}

/**
 * The gateway's part in /readyz: ready when every shard holds a session, not only once the
 * client was first READY (with several shards, one can be reconnecting while the others serve).
 */
export function gatewayReadiness(client: Client): { ok: boolean; detail?: string } {
  if (!client.isReady()) return { ok: false, detail: 'gateway not connected' };
  const shards = [...client.ws.shards.values()];
  const down = shards.filter((shard) => shard.status !== Status.Ready).map((shard) => shard.id);
  return down.length === 0 ? { ok: true } : { ok: false, detail: `shard ${down.join(', ')} of ${shards.length} not connected` };
}
