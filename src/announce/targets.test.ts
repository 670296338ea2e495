import { describe, expect, it } from 'vitest';
import { matchesTags, readTargets, staticTargets, targetsFor } from './targets.ts';
import { looseTestPolicy, makePost } from '../../test/announce/helpers.ts';

describe('staticTargets', () => {
  it("reads every list with its platform's policy, options every target gets included", () => {
    const policy = looseTestPolicy('memory');
    expect(staticTargets([{ policy, entries: ' a , b', source: 'ANNOUNCE_MEMORY', defaults: { loud: true } }])).toEqual([
      { platform: 'memory', id: 'a', options: { loud: true } },
      { platform: 'memory', id: 'b', options: { loud: true } },
    ]);
  });

  it('prefixes every problem with where the entry came from', () => {
    const policy = { parseTarget: (entry: string) => ({ problem: `"${entry}" is no good` }) };
    expect(readTargets([{ policy, entries: ['x', 'y'], source: 'ANNOUNCE_MEMORY' }])).toEqual({
      targets: [],
      problems: ['ANNOUNCE_MEMORY: "x" is no good', 'ANNOUNCE_MEMORY: "y" is no good'],
    });
    expect(() => staticTargets([{ policy, entries: 'x', source: 'ANNOUNCE_MEMORY' }])).toThrow('briefbot: bad announcement targets:\n- ANNOUNCE_MEMORY: "x" is no good');
  });
});

describe('tag filters', () => {
  it('match tags ignoring case, spaces, hyphens and a leading #', () => {
    const post = makePost('p', { tags: ['생성형 AI', 'Raspberry-Pi-Pico-2'] });
    expect(matchesTags(post, ['#생성형ai'])).toBe(true);
    expect(matchesTags(post, ['raspberry pi pico 2'])).toBe(true);
    expect(matchesTags(post, ['GPU'])).toBe(false);
    expect(matchesTags(post, [])).toBe(true);
  });

  it('send a post once to a place that is both a static target and a subscription', () => {
    const post = makePost('p', { tags: ['Web'] });
    const sub = { platform: 'discord' as const, place: '1300000000000000001', tags: ['GPU'], options: {}, createdAt: new Date(0) };
    const other = { ...sub, place: '1300000000000000002' };
    expect(targetsFor(post, [{ platform: 'discord', id: '1300000000000000001' }], [sub, other])).toEqual([{ platform: 'discord', id: '1300000000000000001' }]);
  });

  it("carry a subscription's options into its target", () => {
    const post = makePost('p', { tags: ['GPU'] });
    const sub = { platform: 'discord', place: '1300000000000000003', tags: ['GPU'], options: { mentionRoleId: '9' }, createdAt: new Date(0) };
    expect(targetsFor(post, [], [sub])).toEqual([{ platform: 'discord', id: '1300000000000000003', options: { mentionRoleId: '9' }, tags: ['GPU'] }]);
  });
});
