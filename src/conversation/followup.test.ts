import { describe, expect, it } from 'vitest';
import { carryTopic, planFollowUp, pointsBack } from './followup.ts';
import type { Turn } from './memory.ts';

const card: Turn = { at: 0, shown: 'card', postIds: ['nvidia-vp', 'nvidia-gpu'], topic: '엔비디아' };
const list: Turn = { at: 0, shown: 'list', postIds: ['a', 'b', 'c'], topic: '보안', page: 2, range: { from: '2026-03-09', to: '2026-03-15' } };
const answer: Turn = { at: 0, shown: 'answer', postIds: ['openclaw'], topic: 'openclaw', question: 'OpenClaw 취약점 패치됐어?' };

describe('planFollowUp', () => {
  it('points date, link and more at the post shown first', () => {
    expect(planFollowUp('followup-date', card)).toEqual({ kind: 'date', postId: 'nvidia-vp' });
    expect(planFollowUp('followup-link', list)).toEqual({ kind: 'link', postId: 'a' });
    expect(planFollowUp('followup-more', answer)).toEqual({ kind: 'more', postId: 'openclaw', question: 'OpenClaw 취약점 패치됐어?' });
  });

  it('points at the item a follow-up picks from a list, the last one with -1, and at nothing past the end', () => {
    expect(planFollowUp('followup-link', list, 2)).toEqual({ kind: 'link', postId: 'b' });
    expect(planFollowUp('followup-date', list, -1)).toEqual({ kind: 'date', postId: 'c' });
    expect(planFollowUp('followup-more', list, 4)).toEqual({ kind: 'nothing' });
  });

  it('pages on after a list, and leaves out what a card showed', () => {
    expect(planFollowUp('followup-other', list)).toEqual({ kind: 'other', topic: '보안', exclude: [], page: 3, range: list.range });
    expect(planFollowUp('followup-other', card)).toEqual({ kind: 'other', topic: '엔비디아', exclude: ['nvidia-vp', 'nvidia-gpu'], page: 1 });
  });

  it('has nothing to refer to without a remembered turn, or with a turn that showed no post', () => {
    expect(planFollowUp('followup-link', undefined)).toEqual({ kind: 'nothing' });
    expect(planFollowUp('followup-date', { ...card, postIds: [] })).toEqual({ kind: 'nothing' });
    expect(planFollowUp('summary', card)).toEqual({ kind: 'nothing' });
  });
});

describe('carryTopic', () => {
  it('gives a question that points back the conversation topic and focus', () => {
    expect(carryTopic({ route: 'ask', query: '그거 오픈소스야?' }, card)).toEqual({ route: 'ask', query: '엔비디아 그거 오픈소스야?', focus: ['nvidia-vp', 'nvidia-gpu'] });
    expect(pointsBack('is it open source?')).toBe(true);
  });

  it('leaves a request with its own topic, another route, or no conversation alone', () => {
    expect(carryTopic({ route: 'summary', query: '쿠버네티스' }, card)).toEqual({ route: 'summary', query: '쿠버네티스' });
    expect(carryTopic({ route: 'latest', query: '' }, card)).toEqual({ route: 'latest', query: '' });
    expect(carryTopic({ route: 'ask', query: '이거 뭐야?' }, undefined)).toEqual({ route: 'ask', query: '이거 뭐야?' });
  });
});
