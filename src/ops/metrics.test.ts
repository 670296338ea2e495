import { describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from './metrics.ts';

describe('prometheus metrics', () => {
  it('counts replies by command and outcome, no-match searches, latency, reindex, deliveries and 429s', async () => {
    const metrics = createPrometheusMetrics({
      commands: ['summary', 'tag'],
      processMetrics: false,
      posts: () => 310,
      deliveries: () => [
        { labels: { platform: 'discord', state: 'pending' }, value: 2 },
        { labels: { platform: 'telegram', state: 'failed' }, value: 1 },
      ],
    });
    metrics.reply({ platform: 'discord', command: 'summary', outcome: 'ok', seconds: 0.002 });
    metrics.reply({ platform: 'discord', command: 'summary', outcome: 'no_match', seconds: 0.003 });
    metrics.reply({ platform: 'telegram', command: 'answer', outcome: 'error', seconds: 0.2 });
    metrics.reindex({ outcome: 'ok', seconds: 0.8, posts: 310 });
    metrics.delivery({ platform: 'telegram', outcome: 'sent' });
    metrics.rateLimited({ platform: 'discord' });
    const text = await metrics.render();
    expect(text).toContain('briefbot_replies_total{platform="discord",command="summary",outcome="ok"} 1');
    expect(text).toContain('briefbot_replies_total{platform="discord",command="summary",outcome="no_match"} 1');
    expect(text).toContain('briefbot_replies_total{platform="telegram",command="answer",outcome="error"} 1');
    expect(text).toContain('briefbot_searches_no_match_total{platform="discord",command="summary"} 1');
    expect(text).toContain('briefbot_reply_duration_seconds_bucket{le="0.0025",platform="discord",command="summary"} 1');
    expect(text).toContain('briefbot_reindex_duration_seconds_count{outcome="ok"} 1');
    expect(text).toContain('briefbot_posts 310');
    expect(text).toContain('briefbot_announcement_deliveries{platform="discord",state="pending"} 2');
    expect(text).toContain('briefbot_announcement_deliveries_total{platform="telegram",outcome="sent"} 1');
    expect(text).toContain('briefbot_rate_limited_total{platform="discord"} 1');
  });

  it('never turns user text or ids into label values', async () => {
    const metrics = createPrometheusMetrics({ commands: ['summary'], processMetrics: false });
    metrics.reply({ platform: '-1001234567', command: '엔비디아 찾아줘', outcome: 'ok', seconds: 0.001 });
    metrics.delivery({ platform: '@my_channel', outcome: 'sent' });
    const text = await metrics.render();
    expect(text).not.toContain('엔비디아');
    expect(text).not.toContain('1001234567');
    expect(text).not.toContain('my_channel');
    expect(text).toContain('briefbot_replies_total{platform="other",command="other",outcome="ok"} 1');
  });

  it('keeps two bots in one process apart (a registry each) and exports process metrics when asked', async () => {
    const a = createPrometheusMetrics({ commands: ['summary'] });
    const b = createPrometheusMetrics({ commands: ['summary'] });
    a.rateLimited({ platform: 'telegram' });
    expect(await b.render()).not.toContain('briefbot_rate_limited_total{platform="telegram"} 1');
    expect(await a.render()).toContain('briefbot_process_resident_memory_bytes');
  });
});
