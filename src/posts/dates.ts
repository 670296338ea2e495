/**
 * Jekyll's notion of a post date, with IANA time zones resolved through `Intl` (no tz database of
 * our own). Pure: no fs, no clock.
 */

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** True when `zone` is an IANA zone name this runtime knows (`Asia/Seoul`, `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC at `instant`, in minutes (Seoul: +540). DST-correct via Intl. */
export function zoneOffsetMinutes(zone: string, instant: Date): number {
  let formatter = offsetFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(zone, formatter);
  }
  // Wall-clock fields in the zone, read back as if they were UTC, minus the instant = the offset.
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallAsUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const instantSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - instantSeconds) / 60_000);
}

/** Wall-clock fields (month 1-based). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * The instant at which clocks in `zone` show `wall`. In a DST gap (a wall time that never
 * happens) the result lands after the gap; in an overlap, on the earlier of the two instants
 * (what Ruby's Time.local, and so Jekyll, does).
 */
export function instantFromZonedWallTime(wall: WallTime, zone: string): Date {
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  // Offsets in force a day before and a day after cover any single transition around this time.
  const before = zoneOffsetMinutes(zone, new Date(wallAsUtc - 86_400_000));
  const after = zoneOffsetMinutes(zone, new Date(wallAsUtc + 86_400_000));
  const valid = [...new Set([before, after])]
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((instant) => wallAsUtc - zoneOffsetMinutes(zone, new Date(instant)) * 60_000 === instant)
    .sort((a, b) => a - b);
  // Overlap: two valid instants, take the earlier. Gap: none; the offset before the jump puts
  // the time after it (02:30 in a 02:00→03:00 gap becomes 03:30).
  return new Date(valid[0] ?? wallAsUtc - before * 60_000);
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** `instant` as ISO 8601 in `zone`'s offset at that instant: `2026-02-03T05:00:36+09:00`. */
export function formatIsoInZone(instant: Date, zone: string): string {
  const offset = zoneOffsetMinutes(zone, instant);
  const shifted = new Date(instant.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const zonePart = `${sign}${pad(Math.trunc(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const millis = shifted.getUTCMilliseconds();
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    (millis ? `.${pad(millis, 3)}` : '') +
    zonePart
  );
}

/** Wall-clock fields of `instant` in `zone` (for permalink placeholders). */
export function wallTimeInZone(instant: Date, zone: string): WallTime {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(zone, instant) * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

// 2026-02-03 | 2026-2-3 | 2026-02-03 05:00 | 2026-02-03T05:00:36.5Z | 2026-02-03 05:00:36 +0900 | ... +09:00 | ... +9
const JEKYLL_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:(Z|z|UTC|GMT)|([+-])(\d{1,2})(?::?(\d{2}))?)?$/;

/**
 * Parses a front-matter date the way Jekyll accepts it. A date without a zone is wall time in
 * `zone` (the site's `timezone`). Returns undefined for anything else, including impossible
 * calendar dates such as `2026-02-30`.
 */
export function parseJekyllDate(raw: string, zone: string): Date | undefined {
  const match = JEKYLL_DATE.exec(raw.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac, utc, sign, offH, offM] = match;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.round(Number(`0.${frac}`) * 1000) : 0,
  };
  if (!isValidWallTime(wall)) return undefined;
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  if (utc) return new Date(wallAsUtc);
  if (sign) {
    const minutes = Number(offH) * 60 + Number(offM ?? 0);
    if (minutes > 18 * 60) return undefined;
    return new Date(wallAsUtc - (sign === '-' ? -minutes : minutes) * 60_000);
  }
  return instantFromZonedWallTime(wall, zone);
}

function isValidWallTime(wall: WallTime): boolean {
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.hour > 23 || wall.minute > 59 || wall.second > 60) {
    return false;
  }
  const daysInMonth = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
  return wall.day <= daysInMonth;
}

/** `YYYY-MM-DD-` at the start of a post file name, as a date at midnight in `zone`. */
export function dateFromFileName(baseName: string, zone: string): Date | undefined {
  const match = /^(\d{4}-\d{1,2}-\d{1,2})-/.exec(baseName);
  return match?.[1] ? parseJekyllDate(match[1], zone) : undefined;
}
