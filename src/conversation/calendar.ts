/**
 * Calendar arithmetic on whole days, for the time grammar. A day is a plain integer (days since
 * 1970-01-01 in the proleptic Gregorian calendar), so "the Monday of this week" or "the last day
 * of the previous month" is integer arithmetic with no clock and no time zone inside it; the only
 * zone-aware step is {@link todayIn}, which asks the posts module what date it is in the site's zone.
 */
import { wallTimeInZone } from '../posts/dates.ts';

/** Days since 1970-01-01 (a calendar date, not an instant). */
export type Day = number;

const MS_PER_DAY = 86_400_000;

/** The day of a calendar date (`month` 1-based). Out-of-range parts roll over like `Date.UTC`. */
export function dayOf(year: number, month: number, day: number): Day {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** Year, month (1-based) and day of month of `day`. */
export function partsOf(day: Day): { year: number; month: number; day: number } {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD` of `day`. */
export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day of an ISO `YYYY-MM-DD` date. */
export function dayOfIso(iso: string): Day {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** 0 = Monday … 6 = Sunday (weeks start on Monday, as Korean and ISO calendars count them). */
export function weekdayOf(day: Day): number {
  // 1970-01-01 was a Thursday (3 in this numbering).
  return (((day + 3) % 7) + 7) % 7;
}

/** The Monday of the week that holds `day`. */
export function weekStart(day: Day): Day {
  return day - weekdayOf(day);
}

/** True when year/month/day name a real calendar date (no 30 February). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return partsOf(dayOf(year, month, day)).day === day;
}

/** First and last day of a month (`month` may be out of range: 0 is December of the year before). */
export function monthSpan(year: number, month: number): { from: Day; to: Day } {
  return { from: dayOf(year, month, 1), to: dayOf(year, month + 1, 0) };
}

/** First and last day of a year. */
export function yearSpan(year: number): { from: Day; to: Day } {
  return { from: dayOf(year, 1, 1), to: dayOf(year, 12, 31) };
}

/** The calendar date at `now` in `timeZone` (a UTC instant late on the 31st is already the 1st in Seoul). */
export function todayIn(now: Date, timeZone: string): Day {
  const wall = wallTimeInZone(now, timeZone);
  return dayOf(wall.year, wall.month, wall.day);
}

/** The calendar date in `timeZone` of an instant (a post's publication time). */
export function dayIn(instant: Date, timeZone: string): Day {
  return todayIn(instant, timeZone);
}
