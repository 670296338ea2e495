import { describe, expect, it } from 'vitest';
import { isWithin, readTime } from './time.ts';

const SEOUL = 'Asia/Seoul';
// Wednesday 2026-03-18, 14:00 in Seoul.
const WEDNESDAY = new Date('2026-03-18T14:00:00+09:00');

function range(text: string, now = WEDNESDAY): string | undefined {
  const reading = readTime(text, now, SEOUL);
  return reading.range ? `${reading.range.from}..${reading.range.to}` : undefined;
}

describe('readTime', () => {
  it.each([
    ['오늘 글', '2026-03-18..2026-03-18'],
    ['어젯밤 올라온 거', '2026-03-17..2026-03-17'],
    ['그저께 글', '2026-03-16..2026-03-16'],
    ['이번 주 글', '2026-03-16..2026-03-22'],
    ['지지난주 글', '2026-03-02..2026-03-08'],
    ['지난주 금요일 글', '2026-03-13..2026-03-13'],
    ['금요일 글', '2026-03-13..2026-03-13'],
    ['수요일 글', '2026-03-18..2026-03-18'],
    ['지난 수요일 글', '2026-03-11..2026-03-11'],
    ['주말 글', '2026-03-14..2026-03-15'],
    ['이번 주말 글', '2026-03-21..2026-03-22'],
    ['이달 글', '2026-03-01..2026-03-31'],
    ['전월 글', '2026-02-01..2026-02-28'],
    ['3월 글', '2026-03-01..2026-03-31'],
    ['11월 글', '2025-11-01..2025-11-30'],
    ['작년 11월 글', '2025-11-01..2025-11-30'],
    ['2024년 5월 글', '2024-05-01..2024-05-31'],
    ['3월 20일 글', '2025-03-20..2025-03-20'],
    ['20일 글', '2026-02-20..2026-02-20'],
    ['10일 글', '2026-03-10..2026-03-10'],
    ['재작년 글', '2024-01-01..2024-12-31'],
    ['최근 이틀 글', '2026-03-17..2026-03-18'],
    ['2주 동안 올라온 글', '2026-03-05..2026-03-18'],
    ['최근 두 달 글', '2026-01-18..2026-03-18'],
    ['이틀 전 글', '2026-03-16..2026-03-16'],
    ['2주 전 글', '2026-03-02..2026-03-08'],
    ['한 달 전 글', '2026-02-01..2026-02-28'],
    ['요새 핫한 글', '2026-02-17..2026-03-18'],
    ['2월부터 올라온 글', '2026-02-01..2026-03-18'],
    ['3월 2일부터 3월 5일까지 글', '2026-03-02..2026-03-05'],
    ['2026.03.01 글', '2026-03-01..2026-03-01'],
    ['posts from the past week', '2026-03-12..2026-03-18'],
    ['posts from the week before last', '2026-03-02..2026-03-08'],
    ['since last week', '2026-03-09..2026-03-18'],
    ['since January', '2026-01-01..2026-03-18'],
    ['in May', '2025-05-01..2025-05-31'],
    ['on the 3rd of March', '2026-03-03..2026-03-03'],
    ['March 3rd, 2025', '2025-03-03..2025-03-03'],
    ['in 2024', '2024-01-01..2024-12-31'],
    ['3 days ago', '2026-03-15..2026-03-15'],
    ['last 2 weeks', '2026-03-05..2026-03-18'],
    ['this friday', '2026-03-20..2026-03-20'],
    ['last wednesday', '2026-03-11..2026-03-11'],
    ['on sat', '2026-03-14..2026-03-14'],
    ['lately', '2026-02-17..2026-03-18'],
    ['from Mar 2 to Mar 5', '2026-03-02..2026-03-05'],
    ['2026-02-01..2026-02-14', '2026-02-01..2026-02-14'],
    ['2월 초 글', '2026-02-01..2026-02-10'],
    ['2월 중순', '2026-02-11..2026-02-20'],
    ['2월 말 글', '2026-02-21..2026-02-28'],
    ['올해 상반기 글', '2026-01-01..2026-06-30'],
    ['작년 하반기', '2025-07-01..2025-12-31'],
    ['이번 분기', '2026-01-01..2026-03-31'],
    ['지난 분기 글', '2025-10-01..2025-12-31'],
    ['2분기 글', '2025-04-01..2025-06-30'],
    ['Q1 2026 posts', '2026-01-01..2026-03-31'],
    ['며칠 전 글', '2026-03-12..2026-03-18'],
    ['this past weekend', '2026-03-14..2026-03-15'],
    ['earlier this week', '2026-03-16..2026-03-22'],
    ['2026-02-01 ~ 2026-02-14 글', '2026-02-01..2026-02-14'],
  ])('%s → %s', (text, expected) => {
    expect(range(text)).toBe(expected);
  });

  it.each([
    'Rust 1.95 릴리스',
    '주 4일제',
    '3일 만에 만든 게임',
    '하루 만에 배우는 Go',
    'Black Friday 세일',
    'may I ask something',
    'march of the penguins',
    'best laptops 2026',
    'sat down with the team',
    '10월드컵',
    '최신 글',
    '2026-02-30 글',
    'git 분기 전략',
  ])('finds no time in %j', (text) => {
    expect(range(text)).toBeUndefined();
  });

  it('reads the date in the site zone, not in UTC', () => {
    // 23:30 UTC on Tuesday is Wednesday 08:30 in Seoul.
    expect(range('오늘 글', new Date('2026-03-17T23:30:00Z'))).toBe('2026-03-18..2026-03-18');
    expect(readTime('today', new Date('2026-03-17T23:30:00Z'), 'UTC').range).toEqual({ from: '2026-03-17', to: '2026-03-17' });
  });

  it('gives the topic without the expression, its particles and the participle that carried it', () => {
    expect(readTime('지난주에 올라온 쿠버네티스 글', WEDNESDAY, SEOUL).topic).toBe('쿠버네티스 글');
    expect(readTime('오늘자 뉴스', WEDNESDAY, SEOUL).topic).toBe('뉴스');
    expect(readTime("this week's rust posts?", WEDNESDAY, SEOUL).topic).toBe('rust posts?');
    expect(readTime('Rust 1.95 릴리스', WEDNESDAY, SEOUL).topic).toBe('Rust 1.95 릴리스');
  });

  it('marks the loose 요즘 / recently range as vague, and calendar ranges not', () => {
    expect(readTime('요즘 AI', WEDNESDAY, SEOUL).vague).toBe(true);
    expect(readTime('이번 주 AI', WEDNESDAY, SEOUL).vague).toBeUndefined();
  });
});

describe('isWithin', () => {
  it('compares the date in the site zone', () => {
    const range = { from: '2026-03-18', to: '2026-03-18' };
    expect(isWithin(new Date('2026-03-17T15:00:00Z'), range, SEOUL)).toBe(true);
    expect(isWithin(new Date('2026-03-17T14:59:59Z'), range, SEOUL)).toBe(false);
  });
});
