/**
 * Readiness as plain data: each part of the bot (the catalog, each configured platform, the
 * database) is either a connection on the {@link HealthBoard} (pushed by the part itself) or a
 * named check function injected by the composition root, so this module knows nothing of
 * discord.js, grammY or SQLite.
 */
import type { ConnectionStatus } from '../util/health.ts';

/** One part's state: up, or down with a short reason a person can act on. */
export interface CheckResult {
  ok: boolean;
  /** Why it is down (or a short note when up), e.g. `polling stopped`, `loading posts`. */
  detail?: string;
}

/** A named part of the bot and how to ask it. A check that throws counts as down with its message. */
export type HealthCheck = () => CheckResult | Promise<CheckResult>;

/** The body of GET /readyz. */
export interface Readiness {
  ready: boolean;
  /** Names of the parts that are down, in check order (empty when ready). */
  down: string[];
  checks: Record<string, CheckResult>;
}

/** How long one check may take before it counts as down (a hung database, a stuck client). */
const CHECK_TIMEOUT_MS = 2_000;

async function runCheck(check: HealthCheck): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<CheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, detail: `no answer in ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
    });
    return await Promise.race([Promise.resolve().then(check), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** A board connection as a check result: only `ready` is up; the cause (or the state) says why not. */
export function fromConnection(status: ConnectionStatus): CheckResult {
  if (status.state === 'ready') return { ok: true };
  return { ok: false, detail: status.cause ? `${status.state}: ${status.cause}` : status.state };
}

/**
 * Reads the board's connections, asks every check (at once) and sums them up; a check of the
 * same name as a connection wins (it asks the part itself, the board says what it last reported).
 */
export async function readiness(checks: ReadonlyMap<string, HealthCheck>, board?: { all(): ConnectionStatus[] }): Promise<Readiness> {
  const out: Record<string, CheckResult> = {};
  for (const status of board?.all() ?? []) out[status.name] = fromConnection(status);
  const names = [...checks.keys()];
  const results = await Promise.all(names.map((name) => runCheck(checks.get(name)!)));
  names.forEach((name, i) => (out[name] = results[i]!));
  const down = Object.keys(out).filter((name) => !out[name]!.ok);
  return { ready: down.length === 0, down, checks: out };
}
