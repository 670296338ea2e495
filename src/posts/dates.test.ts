import { describe, expect, it } from 'vitest';
import { dateFromFileName, formatIsoInZone, parseJekyllDate, zoneOffsetMinutes } from './dates.ts';

describe('parseJekyllDate', () => {
  const seoul = 'Asia/Seoul';
  it.each([
    ['2026-02-03 05:00:36 +0900', '2026-02-02T20:00:36.000Z'],
    ['2026-02-03 05:00:36 +09:00', '2026-02-02T20:00:36.000Z'],
    ['2026-02-03T05:00:36Z', '2026-02-03T05:00:36.000Z'],
    ['2026-02-03T05:00:36.250-05:00', '2026-02-03T10:00:36.250Z'],
    ['2026-02-03 05:00', '2026-02-02T20:00:00.000Z'],
    ['2026-02-03 05:00:36', '2026-02-02T20:00:36.000Z'],
    ['2026-02-03', '2026-02-02T15:00:00.000Z'],
    ['2026-2-3', '2026-02-02T15:00:00.000Z'],
  ])('reads %s (no zone means the site zone, Seoul)', (raw, expected) => {
    expect(parseJekyllDate(raw, seoul)?.toISOString()).toBe(expected);
  });

  it.each(['2026-02-30', '2026-13-01 10:00', 'next tuesday', '2026-02-03 25:00', ''])('rejects %j', (raw) => {
    expect(parseJekyllDate(raw, seoul)).toBeUndefined();
  });

  it('reads a zone-less time in New York with the offset in force that day (DST)', () => {
    expect(parseJekyllDate('2026-01-05 12:00:00', 'America/New_York')?.toISOString()).toBe('2026-01-05T17:00:00.000Z');
    expect(parseJekyllDate('2026-07-04 12:00:00', 'America/New_York')?.toISOString()).toBe('2026-07-04T16:00:00.000Z');
  });

  it('moves a wall time inside the spring-forward gap past the gap', () => {
    // 2026-03-08 02:30 does not exist in New York; clocks jump from 02:00 EST to 03:00 EDT.
    expect(parseJekyllDate('2026-03-08 02:30:00', 'America/New_York')?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the earlier instant for a wall time that happens twice (fall back)', () => {
    expect(parseJekyllDate('2026-11-01 01:30:00', 'America/New_York')?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('formatIsoInZone', () => {
  it('writes the instant with the site zone offset', () => {
    expect(formatIsoInZone(new Date('2026-02-02T20:00:36Z'), 'Asia/Seoul')).toBe('2026-02-03T05:00:36+09:00');
    expect(formatIsoInZone(new Date('2026-07-04T16:00:00Z'), 'America/New_York')).toBe('2026-07-04T12:00:00-04:00');
    expect(formatIsoInZone(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01T00:00:00+00:00');
    expect(formatIsoInZone(new Date('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T05:30:00+05:30');
  });

  it('knows offsets through Intl, including half-hour zones and DST', () => {
    expect(zoneOffsetMinutes('Asia/Seoul', new Date('2026-06-01T00:00:00Z'))).toBe(540);
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-01-15T00:00:00Z'))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Berlin', new Date('2026-07-15T00:00:00Z'))).toBe(120);
  });
});

describe('dateFromFileName', () => {
  it('reads YYYY-MM-DD- as midnight in the site zone', () => {
    expect(dateFromFileName('2026-02-02-some-post.md', 'Asia/Seoul')?.toISOString()).toBe('2026-02-01T15:00:00.000Z');
    expect(dateFromFileName('some-post.md', 'Asia/Seoul')).toBeUndefined();
  });
});
