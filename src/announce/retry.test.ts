import { describe, expect, it } from 'vitest';
import { DeliveryError } from './port.ts';
import { backoffDelay, decideDelivery, defaultRetryPolicy, type DeliveryDecision } from './retry.ts';

describe('backoffDelay', () => {
  it('doubles from the base, stays under the cap, and spreads by the jitter', () => {
    const p = { ...defaultRetryPolicy, baseDelayMs: 1000, maxDelayMs: 5000, jitter: 0.5 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, p, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(2, p, () => 0)).toBe(1000);
    expect(backoffDelay(2, p, () => 1)).toBe(3000);
  });
});

describe('decideDelivery', () => {
  const policy = { ...defaultRetryPolicy, baseDelayMs: 1000, maxDelayMs: 60_000, maxTransientAttempts: 3, maxAttempts: 6, maxRetryAfterMs: 30_000, jitter: 0 };
  const now = 1_000_000;
  const transient = new DeliveryError('transient', '502 Bad Gateway');
  const cases: [string, { attempts: number; transientFailures: number }, DeliveryError | undefined, DeliveryDecision][] = [
    ['a success is sent', { attempts: 4, transientFailures: 2 }, undefined, { outcome: 'sent' }],
    ['a permanent error fails at once', { attempts: 0, transientFailures: 0 }, new DeliveryError('permanent', '403 Missing Permissions'), { outcome: 'failed', why: 'permanent', reason: '403 Missing Permissions' }],
    ['a first transient error backs off the base delay', { attempts: 0, transientFailures: 0 }, transient, { outcome: 'retry', at: now + 1000, why: 'transient', lastError: 'transient (1): 502 Bad Gateway', transientFailures: 1, blockPlatform: false }],
    ['a second one in a row doubles it', { attempts: 1, transientFailures: 1 }, transient, { outcome: 'retry', at: now + 2000, why: 'transient', lastError: 'transient (2): 502 Bad Gateway', transientFailures: 2, blockPlatform: false }],
    ['the last transient error allowed in a row fails', { attempts: 2, transientFailures: 2 }, transient, { outcome: 'failed', why: 'too-many-transient', reason: 'gave up after 3 transient errors: 502 Bad Gateway' }],
    ['transient errors after a 429 count from one again', { attempts: 3, transientFailures: 0 }, transient, { outcome: 'retry', at: now + 1000, why: 'transient', lastError: 'transient (1): 502 Bad Gateway', transientFailures: 1, blockPlatform: false }],
    ['a 429 waits what the platform asked and resets the transient count', { attempts: 1, transientFailures: 1 }, new DeliveryError('rate-limited', '429', { retryAfterMs: 7000 }), { outcome: 'retry', at: now + 7000, why: 'rate-limited', lastError: 'rate limited: 429', transientFailures: 0, blockPlatform: false }],
    ['a global 429 blocks the platform', { attempts: 0, transientFailures: 0 }, new DeliveryError('rate-limited', 'global', { retryAfterMs: 3000, global: true }), { outcome: 'retry', at: now + 3000, why: 'rate-limited', lastError: 'rate limited: global', transientFailures: 0, blockPlatform: true }],
    ['a 429 without retry_after waits a second', { attempts: 0, transientFailures: 0 }, new DeliveryError('rate-limited', '429'), { outcome: 'retry', at: now + 1000, why: 'rate-limited', lastError: 'rate limited: 429', transientFailures: 0, blockPlatform: false }],
    ['a 429 asking too long is capped', { attempts: 0, transientFailures: 0 }, new DeliveryError('rate-limited', '429', { retryAfterMs: 3_600_000 }), { outcome: 'retry', at: now + 30_000, why: 'rate-limited', lastError: 'rate limited: 429', transientFailures: 0, blockPlatform: false }],
    ['the last attempt of any kind fails, 429s included', { attempts: 5, transientFailures: 0 }, new DeliveryError('rate-limited', '429', { retryAfterMs: 10 }), { outcome: 'failed', why: 'too-many-attempts', reason: 'gave up after 6 attempts: 429' }],
    ['a permanent error wins over the attempt limit', { attempts: 5, transientFailures: 0 }, new DeliveryError('permanent', 'chat not found'), { outcome: 'failed', why: 'permanent', reason: 'chat not found' }],
  ];

  it.each(cases)('%s', (_name, row, error, expected) => {
    expect(decideDelivery(row, error, policy, now, () => 0.5)).toEqual(expected);
  });

  it('spreads a backoff by the jitter share', () => {
    const jittery = { ...policy, jitter: 0.5 };
    const at = (r: number) => (decideDelivery({ attempts: 0, transientFailures: 0 }, transient, jittery, now, () => r) as { at: number }).at - now;
    expect([at(0), at(0.5), at(1)]).toEqual([500, 1000, 1500]);
  });
});
