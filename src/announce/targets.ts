/**
 * Who receives a post: static targets from the environment plus subscriptions, each filtered by
 * its tags.
 */
import type { Post } from '../posts/types.ts';
import type { AnnouncePolicy, AnnouncementTarget, Subscription, TargetOptions } from './port.ts';
import { targetKey } from '../state/target-key.ts';
import { normalizeTag } from '../util/text.ts';

/** Whether a post passes a tag filter (an empty filter passes everything). */
export function matchesTags(post: Pick<Post, 'tags'>, filter: readonly string[] | undefined): boolean {
  if (!filter || filter.length === 0) return true;
  const wanted = new Set(filter.map(normalizeTag));
  return post.tags.some((tag) => wanted.has(normalizeTag(tag)));
}

/** A subscription as a delivery target. */
export function subscriptionTarget(sub: Subscription): AnnouncementTarget {
  return {
    platform: sub.platform,
    id: sub.place,
    ...(Object.keys(sub.options).length ? { options: sub.options } : {}),
    ...(sub.tags.length ? { tags: sub.tags } : {}),
  };
}

/**
 * The targets a post goes to, one per target key: static targets first (they take every post),
 * then subscriptions whose tags match.
 */
export function targetsFor(post: Post, statics: readonly AnnouncementTarget[], subscriptions: readonly Subscription[]): AnnouncementTarget[] {
  const chosen = new Map<string, AnnouncementTarget>();
  for (const target of [...statics, ...subscriptions.map(subscriptionTarget)]) {
    const key = targetKey(target);
    if (!chosen.has(key) && matchesTags(post, target.tags)) chosen.set(key, target);
  }
  return [...chosen.values()];
}

/** Splits a comma-separated list (an environment variable) into trimmed, non-empty entries. */
export function splitList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = typeof value === 'string' ? value.split(',') : value;
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** One platform's configured targets: entries as configured, read by that platform's policy. */
export interface ConfiguredTargets {
  policy: Pick<AnnouncePolicy, 'parseTarget'>;
  /** A list or a comma-separated string (an environment variable). */
  entries: string | readonly string[];
  /** Where the entries came from (`ANNOUNCE_DISCORD_CHANNELS`), the prefix of every problem. */
  source: string;
  /** Options every target of this list gets (say, `{ crosspost: true }`). */
  defaults?: TargetOptions;
}

/** Reads configured targets: the targets, and one line per bad entry (`SOURCE: "entry" is not ...`). */
export function readTargets(lists: readonly ConfiguredTargets[]): { targets: AnnouncementTarget[]; problems: string[] } {
  const targets: AnnouncementTarget[] = [];
  const problems: string[] = [];
  for (const { policy, entries, source, defaults } of lists) {
    for (const entry of splitList(entries)) {
      const parsed = policy.parseTarget(entry, defaults);
      if ('problem' in parsed) problems.push(`${source}: ${parsed.problem}`);
      else targets.push(parsed.target);
    }
  }
  return { targets, problems };
}

/** The static targets of every platform; throws one message listing every bad entry. */
export function staticTargets(lists: readonly ConfiguredTargets[]): AnnouncementTarget[] {
  const { targets, problems } = readTargets(lists);
  if (problems.length) throw new Error(`briefbot: bad announcement targets:\n- ${problems.join('\n- ')}`);
  return targets;
}
