/**
 * The time grammar: Korean and English time expressions in a member's message ("어제 나온 보안 글",
 * "이번 주 AI 소식", "nvidia posts since Monday") become an inclusive range of calendar dates in the
 * site's time zone, and the rest of the message (the topic) is what remains once the expression,
 * its particles and a participle that only carried it are taken out.
 *
 * Conventions (test/conversation/README.md, the labelled set this grammar is scored on):
 * calendar units are whole (이번 주 = Monday–Sunday, 이번 달 = the whole month); rolling spans end
 * today, today included (최근 3일 = 3 days; a month counts 30 days); 요즘 / bare 최근 / recently
 * = the last 30 days; `N월` is this year's unless N is after the current month; a bare weekday is
 * its most recent day, today included; since / 부터 + a unit = from its start through today; a bare
 * four-digit year counts only with 년 or a preposition (`2026년`, `in 2025`, not `CES 2026`).
 *
 * Pure: no clock (the caller passes `now`), no I/O. Words come from time-words.json.
 */
import words from './time-words.json' with { type: 'json' };
import {
  dayIn,
  dayOf,
  isoOf,
  isRealDate,
  monthSpan,
  partsOf,
  todayIn,
  weekStart,
  weekdayOf,
  yearSpan,
  type Day,
} from './calendar.ts';

/** An inclusive range of calendar dates (`YYYY-MM-DD`) in the site's time zone. */
export interface DateRange {
  from: string;
  to: string;
}

/** What {@link readTime} found in a message. */
export interface TimeReading {
  /** The dates the message asks about; absent when it names none. */
  range?: DateRange;
  /**
   * True for the loose ranges of 요즘 / 최근 / recently (the last 30 days by convention): a list of
   * the newest posts may ignore them, a topic search filters by them.
   */
  vague?: boolean;
  /** The message without the time expression and what only belonged to it; the whole text when there is none. */
  topic: string;
  /** The expressions read, as written (for logs and tests). */
  expressions: string[];
}

/** A span of days a rule resolved to. `untilNow` marks "지금까지": an end without a start. */
interface Span {
  from: Day;
  to: Day;
  vague?: boolean;
  untilNow?: boolean;
}

interface RuleContext {
  today: Day;
  now: Date;
  timeZone: string;
  /** The whole message, for rules that look at the word before their match. */
  text: string;
}

interface Rule {
  pattern: RegExp;
  resolve(match: RegExpExecArray, ctx: RuleContext): Span | undefined;
}

/** A rule's match in the message, widened to what belongs to it (particles, prepositions). */
interface Found {
  start: number;
  end: number;
  span: Span;
  since: boolean;
  until: boolean;
  /** Written after "from": the start of a "from X to Y" range. */
  from: boolean;
  expression: string;
}

const alternation = (forms: Iterable<string>): string =>
  [...forms].sort((a, b) => b.length - a.length).map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

const KO_NUMBERS: Record<string, number> = words.koreanNumbers;
const KO_DAY_COUNTS: Record<string, number> = words.koreanDayCounts;
const EN_NUMBERS: Record<string, number> = words.englishNumbers;
const KO_WEEKDAYS: Record<string, number> = words.koreanWeekdays;
const EN_WEEKDAYS: Record<string, number> = words.englishWeekdays;
const EN_MONTHS: Record<string, number> = words.englishMonths;
const EN_MONTHS_ALONE = new Set(words.englishMonthsAlone);
const EN_WEEKDAYS_ALONE = new Set(Object.keys(EN_WEEKDAYS).filter((name) => name.endsWith('day')));

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const PARTICLE = `(?:${alternation(words.koreanParticles)})`;
const PART_OF_DAY = `(?:${alternation(words.koreanPartsOfDay)})`;
/** A Korean expression ends where a particle, a part of the day or the word ends. */
const KO_END = `(?=${PARTICLE}*(?:${PART_OF_DAY}${PARTICLE}*)?${E})`;
const KO_NUM = `(\\d{1,3}|${alternation(Object.keys(KO_NUMBERS))})`;
const EN_NUM = `(\\d{1,3}|${alternation(Object.keys(EN_NUMBERS))})`;
const KO_WEEKDAY = `(${alternation(Object.keys(KO_WEEKDAYS))})(?:요일|욜)`;
const EN_WEEKDAY = `(${alternation(Object.keys(EN_WEEKDAYS))})s?`;
const EN_MONTH = `(${alternation(Object.keys(EN_MONTHS))})\\.?`;
const ORDINAL = '(?:st|nd|rd|th)?';
const KO_YEAR_WORD = '(\\d{4})년도?|(올해|올|금년|작년|지난해|재작년)';

const rx = (source: string): RegExp => new RegExp(source, 'giu');

function numberOf(text: string | undefined): number {
  if (text === undefined) return NaN;
  const lower = text.toLowerCase();
  return /^\d+$/.test(lower) ? Number(lower) : (KO_NUMBERS[lower] ?? EN_NUMBERS[lower] ?? NaN);
}

function single(day: Day): Span {
  return { from: day, to: day };
}

function week(start: Day): Span {
  return { from: start, to: start + 6 };
}

function rolling(days: number, today: Day): Span | undefined {
  return days >= 1 && days <= 3660 ? { from: today - days + 1, to: today } : undefined;
}

/** Days in a rolling span of `count` units (a month counts 30 days, a year 365). */
function unitDays(unit: string): number | undefined {
  if (/^(일|days?)$/i.test(unit)) return 1;
  if (/^(주|주일|weeks?)$/i.test(unit)) return 7;
  if (/^(개월|달|months?)$/i.test(unit)) return 30;
  if (/^(년|해|years?)$/i.test(unit)) return 365;
  return undefined;
}

/** The year a Korean year word or a written year names; `undefined` when neither was written. */
function koreanYear(written: string | undefined, word: string | undefined, today: Day): number | undefined {
  const current = partsOf(today).year;
  if (written) return Number(written);
  if (word === undefined) return undefined;
  if (word === '작년' || word === '지난해') return current - 1;
  if (word === '재작년') return current - 2;
  return current;
}

/** A month with no year: this year's, or last year's when it is after the current month. */
function recentMonth(month: number, today: Day): Span | undefined {
  if (month < 1 || month > 12) return undefined;
  const { year, month: current } = partsOf(today);
  return monthSpan(month > current ? year - 1 : year, month);
}

/** A month and day with no year: this year's, or last year's when it is after today. */
function recentDate(month: number, day: number, year: number | undefined, today: Day): Span | undefined {
  const current = partsOf(today).year;
  const candidate = year ?? current;
  if (!isRealDate(candidate, month, day) && !(year === undefined && isRealDate(current - 1, month, day))) return undefined;
  const date = dayOf(candidate, month, day);
  if (year === undefined && date > today) return isRealDate(current - 1, month, day) ? single(dayOf(current - 1, month, day)) : undefined;
  return single(date);
}

function yearOf(year: number): Span | undefined {
  return year >= 1990 && year <= 2100 ? yearSpan(year) : undefined;
}

/** The most recent `weekday` (0 = Monday), today included; `strict` excludes today (last Friday). */
function recentWeekday(weekday: number, today: Day, strict: boolean): Day {
  const back = (weekdayOf(today) - weekday + 7) % 7;
  return today - (back === 0 && strict ? 7 : back);
}

/** The weekend (Saturday–Sunday) of the week starting `monday`. */
function weekendOf(monday: Day): Span {
  return { from: monday + 5, to: monday + 6 };
}

/** The word right before `index` in `text`, lower-cased (for "Cyber Monday", "in may"). */
function wordBefore(text: string, index: number): string {
  return /([\p{L}]+)\s*$/u.exec(text.slice(0, index))?.[1]?.toLowerCase() ?? '';
}

const NAMED_DAY_PREFIXES = new Set(words.namedDayPrefixes);
const EN_PREPOSITIONS = new Set([...words.englishPrepositions, 'this', 'last', 'past', 'early', 'late', 'mid', 'before']);

const KOREAN_RULES: Rule[] = [
  {
    // 2026-02-01..2026-02-14, 2026-02-01~2026-02-14: the form a command option or a button carries
    pattern: rx(`${B}(\\d{4})-(\\d{1,2})-(\\d{1,2})\\s*(?:\\.\\.|~|–)\\s*(\\d{4})-(\\d{1,2})-(\\d{1,2})(?![\\p{N}])`),
    resolve: (m) => {
      if (!isRealDate(+m[1]!, +m[2]!, +m[3]!) || !isRealDate(+m[4]!, +m[5]!, +m[6]!)) return undefined;
      const from = dayOf(+m[1]!, +m[2]!, +m[3]!);
      const to = dayOf(+m[4]!, +m[5]!, +m[6]!);
      return from <= to ? { from, to } : undefined;
    },
  },
  {
    // 2026-02-03, 2026.02.03, 2026/2/3 (also in English text)
    pattern: rx(`${B}(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})\\.?(?![\\p{N}])`),
    resolve: (m) => (isRealDate(+m[1]!, +m[2]!, +m[3]!) ? single(dayOf(+m[1]!, +m[2]!, +m[3]!)) : undefined),
  },
  {
    // 1월 15일, 2026년 1월 15일, 작년 12월 31일
    pattern: rx(`${B}(?:(?:${KO_YEAR_WORD})\\s*)?(\\d{1,2})월\\s*(\\d{1,2})일${KO_END}`),
    resolve: (m, { today }) => recentDate(+m[3]!, +m[4]!, koreanYear(m[1], m[2], today), today),
  },
  {
    // 2월 초 (1–10일), 2월 중순 (11–20일), 2월 말 (21일–끝)
    pattern: rx(`${B}(?:(?:${KO_YEAR_WORD})\\s*)?(\\d{1,2})월\\s*(초|초순|중순|말|하순)${KO_END}`),
    resolve: (m, { today }) => {
      const year = koreanYear(m[1], m[2], today);
      const month = +m[3]!;
      const span = year === undefined ? recentMonth(month, today) : month >= 1 && month <= 12 ? monthSpan(year, month) : undefined;
      if (!span) return undefined;
      const part = m[4]!;
      if (part.startsWith('초')) return { from: span.from, to: span.from + 9 };
      if (part === '중순') return { from: span.from + 10, to: span.from + 19 };
      return { from: span.from + 20, to: span.to };
    },
  },
  {
    // 상반기 / 하반기 (of this year, 작년, 2025년)
    pattern: rx(`${B}(?:(?:${KO_YEAR_WORD})\\s*)?(상반기|하반기)${KO_END}`),
    resolve: (m, { today }) => {
      const year = koreanYear(m[1], m[2], today) ?? partsOf(today).year;
      return m[3] === '상반기' ? { from: dayOf(year, 1, 1), to: dayOf(year, 6, 30) } : { from: dayOf(year, 7, 1), to: dayOf(year, 12, 31) };
    },
  },
  {
    // 이번 분기, 지난 분기, 1분기, 2025년 3분기
    pattern: rx(`${B}(?:(?:${KO_YEAR_WORD})\\s*)?(?:(이번|지난|저번)\\s*|([1-4])\\s*)분기${KO_END}`),
    resolve: (m, { today }) => {
      const { year: current, month } = partsOf(today);
      const thisQuarter = Math.floor((month - 1) / 3);
      if (m[3]) return quarter(current, thisQuarter - (m[3] === '이번' ? 0 : 1));
      const year = koreanYear(m[1], m[2], today);
      const q = +m[4]! - 1;
      return quarter(year ?? (q > thisQuarter ? current - 1 : current), q);
    },
  },
  {
    // 1월, 2026년 1월, 올 1월
    pattern: rx(`${B}(?:(?:${KO_YEAR_WORD})\\s*)?(\\d{1,2})월${KO_END}`),
    resolve: (m, { today }) => {
      const year = koreanYear(m[1], m[2], today);
      const month = +m[3]!;
      if (year === undefined) return recentMonth(month, today);
      return month >= 1 && month <= 12 ? monthSpan(year, month) : undefined;
    },
  },
  { pattern: rx(`${B}(\\d{4})년도?${KO_END}`), resolve: (m) => yearOf(+m[1]!) },
  {
    // 15일 (this month's, or last month's when after today); not 주 4일 (a four-day week) or 3일 만에
    pattern: rx(`${B}(?<!주\\s?)(\\d{1,2})일(?!\\s*(?:만에|만|동안|간|째|치|전|후|뒤))${KO_END}`),
    resolve: (m, { today }) => {
      const { year, month } = partsOf(today);
      const day = +m[1]!;
      if (isRealDate(year, month, day) && dayOf(year, month, day) <= today) return single(dayOf(year, month, day));
      const previous = partsOf(dayOf(year, month, 0));
      return isRealDate(previous.year, previous.month, day) ? single(dayOf(previous.year, previous.month, day)) : undefined;
    },
  },
  { pattern: rx(`${B}(?:어제\\s*오늘|오늘\\s*어제)${KO_END}`), resolve: (_m, { today }) => ({ from: today - 1, to: today }) },
  { pattern: rx(`${B}(?:오늘|금일|당일)${KO_END}`), resolve: (_m, { today }) => single(today) },
  { pattern: rx(`${B}(?:어제|어저께|어젯밤|어젯|전날)${KO_END}`), resolve: (_m, { today }) => single(today - 1) },
  { pattern: rx(`${B}(?:그제|그저께|그젯밤)${KO_END}`), resolve: (_m, { today }) => single(today - 2) },
  {
    // 이번 주 월요일, 지난주 금요일
    pattern: rx(`${B}(이번|요번|금|지난|저번|지지난)\\s*주\\s*${KO_WEEKDAY}${KO_END}`),
    resolve: (m, { today }) => single(weekStart(today) + weekOffset(m[1]!) + KO_WEEKDAYS[m[2]!]!),
  },
  {
    // 이번 주말, 지난 주말, 주말
    pattern: rx(`${B}(?:(이번|요번|지난|저번)\\s*)?주말${KO_END}`),
    resolve: (m, { today }) => {
      if (m[1]) return weekendOf(weekStart(today) + weekOffset(m[1]));
      return weekendOf(weekStart(today) - (weekdayOf(today) >= 5 ? 0 : 7));
    },
  },
  { pattern: rx(`${B}(이번|요번|지난|저번|지지난)\\s*주${KO_END}`), resolve: (m, { today }) => week(weekStart(today) + weekOffset(m[1]!)) },
  { pattern: rx(`${B}(금주|전주)${KO_END}`), resolve: (m, { today }) => week(weekStart(today) + (m[1] === '금주' ? 0 : -7)) },
  {
    pattern: rx(`${B}(?:이번\\s*달|요번\\s*달|이달|금월|이번\\s*월)${KO_END}`),
    resolve: (_m, { today }) => monthSpan(partsOf(today).year, partsOf(today).month),
  },
  {
    pattern: rx(`${B}(?:지난\\s*달|저번\\s*달|전달|전월)${KO_END}`),
    resolve: (_m, { today }) => monthSpan(partsOf(today).year, partsOf(today).month - 1),
  },
  { pattern: rx(`${B}(?:올해|금년|올\\s*한\\s*해)${KO_END}`), resolve: (_m, { today }) => yearSpan(partsOf(today).year) },
  { pattern: rx(`${B}(?:작년|지난해|지난\\s*해|전년)${KO_END}`), resolve: (_m, { today }) => yearSpan(partsOf(today).year - 1) },
  { pattern: rx(`${B}재작년${KO_END}`), resolve: (_m, { today }) => yearSpan(partsOf(today).year - 2) },
  {
    // 최근 3일, 지난 7일간, 최근 한 달, 2주 동안 (a count of units needs 최근/지난 before it or 간/동안/이내 after it)
    pattern: rx(`${B}(?:(최근|지난|요|근)\\s*)?${KO_NUM}\\s*(일|주일|주|개월|달|년|해|시간)(?=\\s*(간|동안|사이|이내|내)?)${KO_END}`),
    resolve: (m, ctx) => rollingCount(m[1], numberOf(m[2]), m[3]!, m[4], ctx),
  },
  {
    // 최근 일주일, 지난 이틀간, 보름 동안
    pattern: rx(`${B}(?:(최근|지난|요)\\s*)?(${alternation(Object.keys(KO_DAY_COUNTS))})(?=\\s*(간|동안|사이|이내|내)?)${KO_END}`),
    resolve: (m, { today }) => (m[1] || m[3] ? rolling(KO_DAY_COUNTS[m[2]!]!, today) : undefined),
  },
  {
    // 5일 전, 이틀 전, 2주 전, 한 달 전
    pattern: rx(`${B}(?:${KO_NUM}\\s*(일|주일|주|개월|달|년|해)|(${alternation(Object.keys(KO_DAY_COUNTS))}))\\s*전${KO_END}`),
    resolve: (m, { today }) => (m[3] ? single(today - KO_DAY_COUNTS[m[3]]!) : ago(numberOf(m[1]), m[2]!, today)),
  },
  { pattern: rx(`${B}(?:최근\\s*며칠|요\\s*며칠|며칠\\s*사이|며칠\\s*전)${KO_END}`), resolve: (_m, { today }) => ({ ...rolling(7, today)!, vague: true }) },
  { pattern: rx(`${B}(?:최근|지난)\\s*몇\\s*(주|달|개월)${KO_END}`), resolve: (m, { today }) => ({ ...rolling(m[1] === '주' ? 30 : 90, today)!, vague: true }) },
  { pattern: rx(`${B}(?:요즘|요즈음|요새|근래|최근)${KO_END}`), resolve: (_m, { today }) => ({ ...rolling(30, today)!, vague: true }) },
  {
    // 금요일, 지난 금요일 (the one before today)
    pattern: rx(`${B}(?:(지난|저번|이번)\\s*)?${KO_WEEKDAY}${KO_END}`),
    resolve: (m, { today }) => {
      const weekday = KO_WEEKDAYS[m[2]!]!;
      if (m[1] === '이번') return single(weekStart(today) + weekday);
      return single(recentWeekday(weekday, today, Boolean(m[1])));
    },
  },
  { pattern: rx(`${B}(?:지금|현재|오늘|여태|이제)\\s*까지${E}`), resolve: (_m, { today }) => ({ from: today, to: today, untilNow: true }) },
];

/** Quarter `index` (0–3, may be -1: the last one of the year before) of `year`. */
function quarter(year: number, index: number): Span {
  const first = dayOf(year, index * 3 + 1, 1);
  return { from: first, to: dayOf(year, index * 3 + 4, 0) };
}

function weekOffset(word: string): number {
  if (word === '지지난') return -14;
  return word === '지난' || word === '저번' ? -7 : 0;
}

/** 최근 3일 / 지난 2주 / 24시간: needs a prefix or a 간/동안 suffix, else it is a count (주 4일, 3일 만에). */
function rollingCount(prefix: string | undefined, count: number, unit: string, suffix: string | undefined, ctx: RuleContext): Span | undefined {
  if (!prefix && !suffix) return undefined;
  if (!Number.isFinite(count)) return undefined;
  if (unit === '시간' || /^hours?$/i.test(unit)) {
    if (count < 1 || count > 24 * 400) return undefined;
    return { from: dayIn(new Date(ctx.now.getTime() - count * 3_600_000), ctx.timeZone), to: ctx.today };
  }
  const days = unitDays(unit);
  return days === undefined ? undefined : rolling(count * days, ctx.today);
}

/** N일 전 = that day; N주 전 = that week; N달 전 = that month; N년 전 = that year. */
function ago(count: number, unit: string, today: Day): Span | undefined {
  if (!Number.isFinite(count) || count < 1 || count > 400) return undefined;
  const days = unitDays(unit);
  if (days === 1) return single(today - count);
  if (days === 7) return week(weekStart(today - 7 * count));
  const { year, month } = partsOf(today);
  if (days === 30) return monthSpan(year, month - count);
  return days === 365 ? yearOf(year - count) : undefined;
}

const ENGLISH_RULES: Rule[] = [
  {
    // Jan 15, January 15th, 2026
    pattern: rx(`\\b${EN_MONTH}\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, { today }) => recentDate(EN_MONTHS[m[1]!.toLowerCase()]!, +m[2]!, m[3] ? +m[3] : undefined, today),
  },
  {
    // 15 January, the 15th of January 2026
    pattern: rx(`\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${EN_MONTH}(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, { today }) => recentDate(EN_MONTHS[m[2]!.toLowerCase()]!, +m[1]!, m[3] ? +m[3] : undefined, today),
  },
  {
    // December 2025, Feb 2026, in January, since march (not "may I ask")
    pattern: rx(`\\b${EN_MONTH}(?:,?\\s+(\\d{4}))?\\b`),
    resolve: (m, { today, text }) => {
      const name = m[1]!.toLowerCase();
      const month = EN_MONTHS[name]!;
      if (m[2]) return yearOf(+m[2]) && monthSpan(+m[2], month);
      if (!EN_MONTHS_ALONE.has(name) && !EN_PREPOSITIONS.has(wordBefore(text, m.index))) return undefined;
      return recentMonth(month, today);
    },
  },
  { pattern: rx(`\\b(?:in|since|from|during|of|for|until|through|after|before)\\s+(\\d{4})\\b`), resolve: (m) => yearOf(+m[1]!) },
  {
    // Q1 2026, Q3 (this year's, or last year's when it is still ahead)
    pattern: rx(`\\bQ([1-4])(?:\\s+(\\d{4}))?\\b`),
    resolve: (m, { today }) => {
      const { year, month } = partsOf(today);
      const q = +m[1]! - 1;
      return quarter(m[2] ? +m[2] : q > Math.floor((month - 1) / 3) ? year - 1 : year, q);
    },
  },
  { pattern: rx(`\\b(?:today|tonight|this\\s+(?:morning|afternoon|evening))\\b`), resolve: (_m, { today }) => single(today) },
  { pattern: rx(`\\b(?:the\\s+)?day\\s+before\\s+yesterday\\b`), resolve: (_m, { today }) => single(today - 2) },
  { pattern: rx(`\\b(?:yesterday(?:\\s+(?:morning|afternoon|evening|night))?|last\\s+night)\\b`), resolve: (_m, { today }) => single(today - 1) },
  {
    pattern: rx(`\\b(this\\s+past|this|last|past|the)\\s+weekend\\b|\\bweekend\\b`),
    resolve: (m, { today }) => {
      if (/^this\\s+past$/i.test(m[1] ?? '')) return weekendOf(weekStart(today) - (weekdayOf(today) >= 5 ? 0 : 7));
      if (m[1]?.toLowerCase() === 'this') return weekendOf(weekStart(today));
      if (m[1] && m[1].toLowerCase() !== 'the') return weekendOf(weekStart(today) - 7);
      return weekendOf(weekStart(today) - (weekdayOf(today) >= 5 ? 0 : 7));
    },
  },
  {
    pattern: rx(`\\b(?:(?:the\\s+)?(last|past|previous)\\s+${EN_NUM}\\s+(days?|weeks?|months?|years?|hours?))\\b`),
    resolve: (m, ctx) => rollingCount(m[1], numberOf(m[2]), m[3]!, undefined, ctx),
  },
  { pattern: rx(`\\b(?:the\\s+(?:last|past)|past)\\s+(day|week|month|year)\\b`), resolve: (m, ctx) => rollingCount('past', 1, m[1]!, undefined, ctx) },
  { pattern: rx(`\\bthe\\s+week\\s+before\\s+last\\b`), resolve: (_m, { today }) => week(weekStart(today) - 14) },
  { pattern: rx(`\\b(?:(?:earlier|later)\\s+)?(this|last|previous)\\s+week\\b`), resolve: (m, { today }) => week(weekStart(today) - (m[1]!.toLowerCase() === 'this' ? 0 : 7)) },
  {
    pattern: rx(`\\b(?:(?:earlier|later)\\s+)?(this|last|previous)\\s+month\\b`),
    resolve: (m, { today }) => monthSpan(partsOf(today).year, partsOf(today).month - (m[1]!.toLowerCase() === 'this' ? 0 : 1)),
  },
  {
    pattern: rx(`\\b(?:(?:earlier|later)\\s+)?(this|last|previous)\\s+year\\b`),
    resolve: (m, { today }) => yearSpan(partsOf(today).year - (m[1]!.toLowerCase() === 'this' ? 0 : 1)),
  },
  { pattern: rx(`\\b${EN_NUM}\\s+(days?|weeks?|months?|years?)\\s+ago\\b`), resolve: (m, { today }) => ago(numberOf(m[1]), m[2]!, today) },
  { pattern: rx(`\\b(?:recently|lately|these\\s+days|of\\s+late|in\\s+recent\\s+(?:days|weeks))\\b`), resolve: (_m, { today }) => ({ ...rolling(30, today)!, vague: true }) },
  {
    // monday, last friday, this wed (abbreviations only after a preposition or this/last)
    pattern: rx(`\\b(?:(last|this|past)\\s+)?${EN_WEEKDAY}\\b`),
    resolve: (m, { today, text }) => {
      const name = m[2]!.toLowerCase();
      const before = wordBefore(text, m.index);
      if (NAMED_DAY_PREFIXES.has(before)) return undefined;
      if (!m[1] && !EN_WEEKDAYS_ALONE.has(name) && !EN_PREPOSITIONS.has(before)) return undefined;
      const weekday = EN_WEEKDAYS[name]!;
      const qualifier = m[1]?.toLowerCase();
      if (qualifier === 'this') return single(weekStart(today) + weekday);
      return single(recentWeekday(weekday, today, qualifier !== undefined));
    },
  },
  { pattern: rx(`\\b(?:until|till|up\\s+to)\\s+(?:now|today)\\b|\\bso\\s+far\\b|\\bto\\s+date\\b`), resolve: (_m, { today }) => ({ from: today, to: today, untilNow: true }) },
];

const RULES = [...KOREAN_RULES, ...ENGLISH_RULES];

const KO_TAIL = new RegExp(`^(?:\\s*${PART_OF_DAY})?(${PARTICLE}*)(?:\\s+(?:${alternation(words.koreanParticiples)})${E})?`, 'u');
const EN_LEAD = new RegExp(`(?:^|\\s)((?:${alternation(words.englishPrepositions)})\\s+(?:the\\s+)?)$`, 'iu');
const EN_TAIL = /^(?:['’]s\b|\s+onwards?\b)/iu;
const SINCE_PARTICLES = /부터|이후|이래/u;
const SINCE_WORDS = new Set(words.englishSinceWords);

/** Every rule's matches, widened to their particles, prepositions and participle. */
function findAll(text: string, ctx: RuleContext): Found[] {
  const found: Found[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let m = rule.pattern.exec(text); m; m = rule.pattern.exec(text)) {
      const span = rule.resolve(m, ctx);
      if (span) found.push(widen(text, m.index, m.index + m[0].length, span));
    }
  }
  return found;
}

function widen(text: string, start: number, end: number, span: Span): Found {
  const expression = text.slice(start, end);
  const tail = KO_TAIL.exec(text.slice(end))!;
  const particles = tail[1] ?? '';
  let to = end + tail[0].length;
  const enTail = EN_TAIL.exec(text.slice(to));
  if (enTail) to += enTail[0].length;
  const lead = EN_LEAD.exec(text.slice(0, start));
  const from = lead ? start - lead[1]!.length : start;
  const leadWord = lead?.[1]?.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  return {
    start: from,
    end: to,
    span,
    since: SINCE_PARTICLES.test(particles) || SINCE_WORDS.has(leadWord) || /onward/i.test(enTail?.[0] ?? ''),
    until: particles.includes('까지') || /^(until|till|through|to)$/.test(leadWord),
    from: leadWord === 'from',
    expression,
  };
}

/** Earliest first, longest first at the same place; overlapping matches after the first are dropped. */
function choose(found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const chosen: Found[] = [];
  for (const candidate of sorted) {
    const last = chosen[chosen.length - 1];
    if (!last || candidate.start >= last.end) chosen.push(candidate);
  }
  return chosen;
}

/** One range from the expressions: "X부터 Y까지" / "from X to Y" join two; since X runs to today; else the first. */
function combine(chosen: Found[], today: Day): Span | undefined {
  const [first, second] = chosen;
  if (!first) return undefined;
  if (first.span.untilNow) return second ? combine(chosen.slice(1), today) : undefined;
  if (second && (second.until || second.span.untilNow) && (first.since || first.from)) {
    const end = second.span.untilNow ? today : second.span.to;
    if (end >= first.span.from) return { from: first.span.from, to: end };
  }
  if (first.since) return { from: first.span.from, to: Math.max(today, first.span.from) };
  return first.span;
}

function topicWithout(text: string, chosen: Found[]): string {
  let topic = '';
  let at = 0;
  for (const found of chosen) {
    topic += `${text.slice(at, found.start)} `;
    at = found.end;
  }
  topic += text.slice(at);
  return topic.replace(/\s+/g, ' ').replace(/\s+([?!.,…])/g, '$1').trim();
}

/**
 * Reads the time expression of `text` at the instant `now`, in the site's `timeZone`
 * (`Asia/Seoul`). Returns the whole text as the topic and no range when it names no time.
 *
 * @example readTime('어제 나온 보안 글', now, 'Asia/Seoul') // { range: { from: '2026-02-03', to: '2026-02-03' }, topic: '보안 글' }
 */
export function readTime(text: string, now: Date, timeZone: string): TimeReading {
  const normalized = text.normalize('NFKC');
  const ctx: RuleContext = { today: todayIn(now, timeZone), now, timeZone, text: normalized };
  const chosen = choose(findAll(normalized, ctx));
  const span = combine(chosen, ctx.today);
  if (!span) return { topic: text.trim(), expressions: [] };
  return {
    range: { from: isoOf(span.from), to: isoOf(span.to) },
    ...(span.vague ? { vague: true } : {}),
    topic: topicWithout(normalized, chosen),
    expressions: chosen.map((found) => found.expression),
  };
}

/** True when `instant` falls on a date of `range` in `timeZone`. */
export function isWithin(instant: Date, range: DateRange, timeZone: string): boolean {
  const date = isoOf(dayIn(instant, timeZone));
  return date >= range.from && date <= range.to;
}
