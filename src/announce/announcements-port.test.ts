import { describe, expect, it } from 'vitest';
import { openStore } from '../state/store.ts';
import { ManualClock } from './clock.ts';
import { createAnnouncementsPort, subscriptionOptions } from './announcements-port.ts';
import { makePost } from '../../test/announce/helpers.ts';

function port(nextPublicationAt?: Date) {
  const store = openStore(':memory:');
  const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
  const capabilities = new Map([
    ['loud', { mentions: true, crosspost: true }],
    ['quiet', { mentions: false, crosspost: false }],
  ]);
  const statics = [{ platform: 'loud', id: 'hall' }];
  return { store, port: createAnnouncementsPort({ store, clock, capabilities, statics, nextPublicationAt: () => nextPublicationAt }) };
}

describe('subscriptionOptions', () => {
  it.each([
    ['both capabilities', { mentions: true, crosspost: true }, { mentionRoleId: '9', crosspost: true }],
    ['mentions only', { mentions: true, crosspost: false }, { mentionRoleId: '9' }],
    ['neither', { mentions: false, crosspost: false }, {}],
    ['no announcer', undefined, {}],
  ])('keeps what the platform can do: %s', (_name, capabilities, expected) => {
    expect(subscriptionOptions(capabilities, { mentionRoleId: '9', crosspost: true })).toEqual(expected);
  });
});

describe('createAnnouncementsPort', () => {
  it("answers each platform's capabilities, and none for a platform without an announcer", () => {
    const { port: p } = port();
    expect(p.capabilities('loud')).toEqual({ mentions: true, crosspost: true });
    expect(p.capabilities('console')).toBeUndefined();
  });

  it('stores a subscription with clean tags and only the options its platform can honour', () => {
    const { port: p } = port();
    expect(p.subscribe('quiet', 'room', [' AI ', 'ai', '', 'GPU'], { mentionRoleId: '9', crosspost: true, by: 'quiet:1' })).toEqual({
      platform: 'quiet',
      place: 'room',
      tags: ['ai', 'GPU'],
      options: {},
      createdAt: new Date('2026-03-01T00:00:00Z'),
      createdBy: 'quiet:1',
    });
    expect(p.subscribe('loud', 'hall', [], { mentionRoleId: '9' }).options).toEqual({ mentionRoleId: '9' });
  });

  it("cancels a subscription's pending deliveries on unsubscribe, unless the place is also a static target", () => {
    const { store, port: p } = port();
    store.recordPost(makePost('a'), 'announced', 0);
    p.subscribe('loud', 'hall', []);
    p.subscribe('loud', 'side', []);
    store.enqueue('a', { platform: 'loud', id: 'hall' }, 0);
    store.enqueue('a', { platform: 'loud', id: 'side' }, 0);
    expect([p.unsubscribe('loud', 'hall'), p.unsubscribe('loud', 'side'), p.unsubscribe('loud', 'side')]).toEqual([true, true, false]);
    expect(store.outbox('pending').map((r) => r.targetKey)).toEqual(['loud:hall']);
    expect(store.outbox('cancelled').map((r) => r.targetKey)).toEqual(['loud:side']);
  });

  it('reports the status from the store and the scheduler', () => {
    const next = new Date('2026-04-01T00:00:00Z');
    const { port: p } = port(next);
    expect(p.status()).toMatchObject({ postsKnown: 0, staticTargets: [{ platform: 'loud', id: 'hall' }], deliveries: { pending: 0 }, nextPublicationAt: next });
    expect(p.status().lastReindex).toBeUndefined();
  });
});
