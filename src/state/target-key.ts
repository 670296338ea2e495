/**
 * The key of an announcement target, apart from the store that keys its rows by it: the
 * configuration checks targets by it too, and loading it from store.ts loaded SQLite into every
 * start, the console's included.
 */
import type { AnnouncementTarget } from './records.ts';

/** The key that makes a target unique: `discord:123`, `telegram:-100123:45`. */
export function targetKey(target: Pick<AnnouncementTarget, 'platform' | 'id'>): string {
  return `${target.platform}:${target.id}`;
}
