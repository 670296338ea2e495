/**
 * The Prometheus side of {@link Metrics}: a prom-client registry of its own (not the global
 * one, so two bots in one test process never share counters), the default process metrics,
 * and gauges read at scrape time from injected functions.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../util/metrics.ts';

/** A gauge value read when Prometheus scrapes, e.g. deliveries by platform and state. */
export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

export interface PrometheusMetricsOptions {
  /** Command names that may appear as a label; any other name is counted as `other`. */
  commands: readonly string[];
  /** Platform names that may appear as a label. Default: discord, telegram, console. */
  platforms?: readonly string[];
  /** Announcement deliveries now in the database, by platform and state (pending/sent/failed). */
  deliveries?: () => GaugeSample[];
  /** Posts now serving. */
  posts?: () => number | undefined;
  /** Also export Node's process metrics (memory, event loop lag, GC). Default true. */
  processMetrics?: boolean;
}

export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The exposition text for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

const OUTCOMES = new Set(['ok', 'no_match', 'user_error', 'error', 'sent', 'failed', 'retry']);

/** Keeps a label to a known, bounded set: anything unexpected (user text, an id) becomes `other`. */
function bounded(value: string, allowed: ReadonlySet<string>): string {
  return allowed.has(value) ? value : 'other';
}

/**
 * Builds the registry and the {@link Metrics} that feeds it. Long because it is the table of
 * every metric the bot exposes, each declared once next to the others.
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'briefbot_' });
  const commands = new Set([...options.commands, 'answer']);
  const platforms = new Set(options.platforms ?? ['discord', 'telegram', 'console']);
  const registers = [registry];

  const replies = new Counter({
    name: 'briefbot_replies_total',
    help: 'Commands and free-text answers replied, by platform, command and outcome (ok, no_match, user_error, error).',
    labelNames: ['platform', 'command', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'briefbot_reply_duration_seconds',
    help: 'Time from an invocation reaching the core to its reply being ready, by platform and command.',
    labelNames: ['platform', 'command'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const noMatch = new Counter({
    name: 'briefbot_searches_no_match_total',
    help: 'Searches that found no post good enough to show, by platform and command.',
    labelNames: ['platform', 'command'] as const,
    registers,
  });
  const reindexDuration = new Histogram({
    name: 'briefbot_reindex_duration_seconds',
    help: 'Time to load and index the posts, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const postsGauge = new Gauge({
    name: 'briefbot_posts',
    help: 'Posts in the catalog now serving.',
    registers,
    collect() {
      const n = options.posts?.();
      if (n !== undefined) this.set(n);
    },
  });
  const deliveries = new Counter({
    name: 'briefbot_announcement_deliveries_total',
    help: 'Announcement delivery attempts since start, by platform and outcome (sent, failed, retry).',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  new Gauge({
    name: 'briefbot_announcement_deliveries',
    help: 'Announcement deliveries recorded in the database, by platform and state (pending, sent, failed).',
    labelNames: ['platform', 'state'] as const,
    registers,
    collect() {
      if (!options.deliveries) return;
      this.reset();
      for (const { labels, value } of options.deliveries()) this.set({ platform: bounded(labels.platform ?? '', platforms), state: labels.state ?? 'other' }, value);
    },
  });
  const rateLimited = new Counter({
    name: 'briefbot_rate_limited_total',
    help: 'Rate limits met (429 answers, or waits the client imposed), by platform.',
    labelNames: ['platform'] as const,
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    render: () => registry.metrics(),
    reply({ platform, command, outcome, seconds }) {
      const labels = { platform: bounded(platform, platforms), command: bounded(command, commands) };
      replies.inc({ ...labels, outcome: bounded(outcome, OUTCOMES) });
      latency.observe(labels, seconds);
      if (outcome === 'no_match') noMatch.inc(labels);
    },
    reindex({ outcome, seconds, posts }) {
      reindexDuration.observe({ outcome: outcome === 'ok' ? 'ok' : 'error' }, seconds);
      if (posts !== undefined) postsGauge.set(posts);
    },
    delivery({ platform, outcome }) {
      deliveries.inc({ platform: bounded(platform, platforms), outcome: bounded(outcome, OUTCOMES) });
    },
    rateLimited({ platform }) {
      rateLimited.inc({ platform: bounded(platform, platforms) });
    },
  };
}
