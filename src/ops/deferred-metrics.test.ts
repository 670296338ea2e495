import { describe, expect, it, vi } from 'vitest';
import { deferredPrometheusMetrics } from './deferred-metrics.ts';
import { createPrometheusMetrics, type PrometheusMetricsOptions } from './metrics.ts';

describe('prometheus metrics loaded after the start', () => {
  const options: PrometheusMetricsOptions = { commands: ['summary'], processMetrics: false, posts: () => 101 };

  it('builds no registry until asked, and then counts every event from the start, in order', async () => {
    const create = vi.fn(async (o: PrometheusMetricsOptions) => createPrometheusMetrics(o));
    const metrics = deferredPrometheusMetrics(options, create);
    metrics.reindex({ outcome: 'ok', seconds: 0.3, posts: 101 });
    metrics.reply({ platform: 'console', command: 'summary', outcome: 'ok', seconds: 0.002 });
    metrics.reply({ platform: 'console', command: 'summary', outcome: 'no_match', seconds: 0.004 });
    expect(create).not.toHaveBeenCalled();
    const [first, second] = [metrics.load(), metrics.load()];
    expect(await first).toBe(await second);
    metrics.rateLimited({ platform: 'telegram' });
    const text = await metrics.render();
    expect(create).toHaveBeenCalledTimes(1);
    expect(text).toContain('briefbot_reindex_duration_seconds_count{outcome="ok"} 1');
    expect(text).toContain('briefbot_replies_total{platform="console",command="summary",outcome="ok"} 1');
    expect(text).toContain('briefbot_searches_no_match_total{platform="console",command="summary"} 1');
    expect(text).toContain('briefbot_rate_limited_total{platform="telegram"} 1');
    expect(text).toContain('briefbot_posts 101');
    expect(metrics.contentType).toBe((await first).contentType);
  });

  it('a scrape before the load waits for it and sees the events before it', async () => {
    const metrics = deferredPrometheusMetrics(options);
    metrics.delivery({ platform: 'discord', outcome: 'sent' });
    const text = await metrics.render();
    expect(text).toContain('briefbot_announcement_deliveries_total{platform="discord",outcome="sent"} 1');
    // The content type before the load is the registry's own.
    expect(deferredPrometheusMetrics(options).contentType).toBe(createPrometheusMetrics(options).contentType);
  });

  it('a load that failed is tried again by the next scrape, with the events kept meanwhile', async () => {
    const create = vi
      .fn<(o: PrometheusMetricsOptions) => Promise<ReturnType<typeof createPrometheusMetrics>>>()
      .mockRejectedValueOnce(new Error('cannot find module prom-client'))
      .mockImplementation(async (o) => createPrometheusMetrics(o));
    const metrics = deferredPrometheusMetrics(options, create);
    metrics.reply({ platform: 'console', command: 'summary', outcome: 'ok', seconds: 0.002 });
    await expect(metrics.render()).rejects.toThrow('prom-client');
    metrics.reply({ platform: 'console', command: 'summary', outcome: 'ok', seconds: 0.003 });
    const text = await metrics.render();
    expect(create).toHaveBeenCalledTimes(2);
    expect(text).toContain('briefbot_replies_total{platform="console",command="summary",outcome="ok"} 2');
  });
});
