/**
 * Operations: the HTTP server for health, readiness and metrics, and the Prometheus metrics.
 * Neutral: it sees the bot's parts only through injected check functions and the
 * {@link Metrics} interface of src/util/metrics.ts, never a platform library.
 */
export { fromConnection, readiness, type CheckResult, type HealthCheck, type Readiness } from './health.ts';
// Types only from metrics.ts: it imports prom-client, which deferred-metrics.ts loads once the bot is up.
export type { GaugeSample, PrometheusMetrics, PrometheusMetricsOptions } from './metrics.ts';
export { deferredPrometheusMetrics, type DeferredPrometheusMetrics } from './deferred-metrics.ts';
export { startOpsServer, type OpsServer, type OpsServerOptions, type RequestHandler } from './server.ts';
export { countedSender, timedLoad, writableDatabase } from './instrument.ts';
