import { describe, expect, it } from 'vitest';
import { route, type Context, type Route } from './router.ts';

const NOW = new Date('2026-03-18T14:00:00+09:00');
const routeOf = (text: string, context: Context = 'none'): Route => route(text, context, NOW, 'Asia/Seoul').route;

describe('route', () => {
  it.each<[string, Context, Route]>([
    ['언제 나왔어?', 'after-card', 'followup-date'],
    ['이거 언제 글이야', 'after-answer', 'followup-date'],
    ['when did this come out?', 'after-card', 'followup-date'],
    ['publication date?', 'after-card', 'followup-date'],
    ['원문 좀', 'after-card', 'followup-link'],
    ['원문은?', 'after-answer', 'followup-link'],
    ['링크 있어?', 'after-card', 'followup-link'],
    ["where's the source?", 'after-answer', 'followup-link'],
    ['link please', 'after-card', 'followup-link'],
    ['자세하게 설명해줘', 'after-card', 'followup-more'],
    ['계속', 'after-answer', 'followup-more'],
    ['can you elaborate?', 'after-answer', 'followup-more'],
    ['더', 'after-card', 'followup-more'],
    ['더', 'after-list', 'followup-other'],
    ['다른 거 없어?', 'after-card', 'followup-other'],
    ['비슷한 글 더', 'after-card', 'followup-other'],
    ['next page', 'after-list', 'followup-other'],
    ['what else?', 'after-answer', 'followup-other'],
    ['그거 오픈소스야?', 'after-card', 'ask'],
    ['도커는?', 'after-list', 'summary'],
    ['what about rust?', 'after-card', 'summary'],
    ['원문 링크', 'none', 'summary'],
    ['언제 나왔어?', 'none', 'ask'],
  ])('%j (%s) → %s', (text, context, expected) => {
    expect(routeOf(text, context)).toBe(expected);
  });

  it.each<[string, Route]>([
    ['고마워!', 'thanks'],
    ['ok thanks', 'thanks'],
    ['👍👍', 'thanks'],
    ['hey there', 'greeting'],
    ['안녕!', 'greeting'],
    ['뭐 할 줄 알아?', 'help'],
    ['how does this work?', 'help'],
    ['', 'help'],
    ['태그 보여줘', 'tags'],
    ['무슨 주제 다뤄?', 'tags'],
    ['최신글 보여줘', 'latest'],
    ['anything new?', 'latest'],
    ['가장 최근 글', 'latest'],
    ['오늘 글', 'latest'],
    ['최신 AI 글', 'topic-list'],
    ['rust 글 있어?', 'topic-list'],
    ['posts about kubernetes', 'topic-list'],
    ['작년 보안 글', 'topic-list'],
    ['쿠버네티스 1.36 뭐가 바뀌었어?', 'ask'],
    ['왜 러스트가 빠른지 설명해줘', 'ask'],
    ['러스트 정리해줘', 'summary'],
    ['wasm', 'summary'],
    ['안녕 엔비디아 알려줘', 'summary'],
  ])('%j → %s', (text, expected) => {
    expect(routeOf(text)).toBe(expected);
  });

  it('names the topic without request words, particles and the time expression', () => {
    expect(route('엔비디아 알려줘', 'none', NOW, 'Asia/Seoul').query).toBe('엔비디아');
    expect(route('지난주 보안 관련 글 목록 보여줘', 'none', NOW, 'Asia/Seoul')).toEqual({
      route: 'topic-list',
      query: '보안',
      range: { from: '2026-03-09', to: '2026-03-15' },
    });
    expect(route('최근 글 3개', 'none', NOW, 'Asia/Seoul')).toMatchObject({ route: 'latest', count: 3, vague: true });
  });

  it('keeps a question whole (less its time expression) as the query', () => {
    expect(route('어제 나온 글에서 VP가 누구야?', 'none', NOW, 'Asia/Seoul')).toMatchObject({
      route: 'ask',
      query: '글에서 VP가 누구야?',
      range: { from: '2026-03-17', to: '2026-03-17' },
    });
  });
});

describe('follow-ups that pick an item of the list shown', () => {
  it.each([
    ['2번 링크', 'followup-link', 2],
    ['두번째 글 날짜', 'followup-date', 2],
    ['세 번째 거 원문', 'followup-link', 3],
    ['마지막 거 언제야', 'followup-date', -1],
    ['3번 자세히', 'followup-more', 3],
  ] as const)('%j → %s, item %d', (text, expected, pick) => {
    expect(route(text, 'after-list', NOW, 'Asia/Seoul')).toEqual({ route: expected, query: '', pick });
  });

  it('picks nothing without a follow-up around the ordinal, or without a conversation', () => {
    expect(route('2번', 'after-list', NOW, 'Asia/Seoul').route).not.toMatch(/^followup/);
    expect(route('2번 링크', 'none', NOW, 'Asia/Seoul').pick).toBeUndefined();
  });
});
