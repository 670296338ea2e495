/**
 * The Prometheus metrics with prom-client loaded once the bot is up, not before its first
 * reindex: importing prom-client (and building the registry with Node's process metrics) was
 * some 20 ms of a 0.5 s restart on the real corpus (bench/restart.ts). Until then every event is
 * kept, in order, and replayed into the registry when it is built, so the counts are the same;
 * a scrape that comes first waits for the load. What prom-client measures by itself (GC,
 * event-loop lag) starts with the load, a moment after the start instead of at it.
 */
import type { Metrics } from '../util/metrics.ts';
import type { PrometheusMetrics, PrometheusMetricsOptions } from './metrics.ts';

/** {@link PrometheusMetrics} as the bot uses them, whose registry is built by {@link load}. */
export interface DeferredPrometheusMetrics extends Metrics {
  /** The exposition text for GET /metrics (loads the registry first when it is not yet). */
  render(): Promise<string>;
  /** The exposition's content type (prom-client's; its usual value until the registry is built). */
  readonly contentType: string;
  /**
   * Builds the registry, once, and replays into it the events counted so far. A load that
   * failed is tried again by the next call (a scrape), the events still kept.
   */
  load(): Promise<PrometheusMetrics>;
}

/** prom-client's content type for the text format 0.0.4 (the value `Registry.contentType` has by default). */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Imports prom-client (through metrics.ts) and builds the registry. */
const importAndCreate = async (options: PrometheusMetricsOptions): Promise<PrometheusMetrics> => (await import('./metrics.ts')).createPrometheusMetrics(options);

/** Metrics that keep their events until {@link DeferredPrometheusMetrics.load}; `create` builds the registry (tests pass their own). */
export function deferredPrometheusMetrics(options: PrometheusMetricsOptions, create: (options: PrometheusMetricsOptions) => Promise<PrometheusMetrics> = importAndCreate): DeferredPrometheusMetrics {
  let loaded: PrometheusMetrics | undefined;
  let loading: Promise<PrometheusMetrics> | undefined;
  const pending: ((metrics: Metrics) => void)[] = [];
  const report = (event: (metrics: Metrics) => void) => (loaded ? event(loaded) : pending.push(event));
  // A failed import is not kept: a scrape after a passing failure (a file briefly unreadable
  // during a deploy) would otherwise get the same rejection for the life of the process.
  const load = () =>
    (loading ??= create(options).then(
      (metrics) => {
        for (const event of pending.splice(0)) event(metrics);
        loaded = metrics;
        return metrics;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return {
    load,
    render: async () => (await load()).render(),
    get contentType() {
      return loaded?.contentType ?? PROMETHEUS_CONTENT_TYPE;
    },
    reply: (event) => report((metrics) => metrics.reply(event)),
    reindex: (event) => report((metrics) => metrics.reindex(event)),
    delivery: (event) => report((metrics) => metrics.delivery(event)),
    rateLimited: (event) => report((metrics) => metrics.rateLimited(event)),
  };
}
