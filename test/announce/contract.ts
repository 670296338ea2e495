/**
 * The contract every announcer keeps, as one suite each announcer runs against its own platform
 * (the way unstorage runs one suite for every driver). A harness gives the announcer and a view of
 * what its platform received; the suite checks the policy (name, limits, targets, capabilities)
 * and the send (delivery, errors mapped to `DeliveryError` without retrying, options honoured).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limiterFor } from '../../src/announce/limiter.ts';
import { DeliveryError, MENTION_ROLE, type Announcer, type AnnouncementTarget, type DeliveryErrorKind } from '../../src/announce/port.ts';
import { targetKey } from '../../src/state/store.ts';
import { makePost } from './helpers.ts';

export interface ContractHarness {
  announcer: Announcer;
  /** Entries the platform's configuration accepts; the first one is sent to. */
  goodEntries: readonly string[];
  /** Entries it must refuse. */
  badEntries: readonly string[];
  /** A role id valid on the platform, for the `mentions` capability. */
  roleId: string;
  /** What the platform received for a target id, one string per message, oldest first. */
  received(targetId: string): string[];
  /** Sends asked of the platform so far (failed ones included). */
  requests(): number;
  /** Makes the platform's next send fail this way. */
  failNext(kind: DeliveryErrorKind): void;
  close?(): Promise<void>;
}

const post = makePost('contract-post', { title: 'Contract test post', tags: ['AI'] });

async function rejection(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected the send to fail');
}

export function announcerContract(name: string, setup: () => Promise<ContractHarness>): void {
  describe(`announcer contract: ${name}`, () => {
    let h: ContractHarness;
    let target: AnnouncementTarget;
    let nonce = 0;
    const send = (t: AnnouncementTarget) => h.announcer.send(t, post, { nonce: `contract-${name}-${++nonce}`, locale: 'en' });
    beforeAll(async () => {
      h = await setup();
      const parsed = h.announcer.parseTarget(h.goodEntries[0]!);
      if (!('target' in parsed)) throw new Error(`${name}: the first good entry does not parse`);
      target = parsed.target;
    });
    afterAll(async () => h?.close?.());

    it('declares a platform name and limits a limiter accepts', () => {
      expect(h.announcer.platform).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(() => limiterFor(h.announcer.globalLimit)).not.toThrow();
      for (const entry of h.goodEntries) {
        const parsed = h.announcer.parseTarget(entry);
        if (!('target' in parsed)) throw new Error(`${entry} should parse`);
        for (const limit of h.announcer.targetLimits(parsed.target)) expect(() => limiterFor(limit)).not.toThrow();
      }
    });

    it('reads good entries as its own targets, with the defaults as options', () => {
      for (const entry of h.goodEntries) {
        const parsed = h.announcer.parseTarget(entry, { contract: true });
        expect(parsed).toMatchObject({ target: { platform: h.announcer.platform, options: { contract: true } } });
        if ('target' in parsed) expect(targetKey(parsed.target)).toBe(`${h.announcer.platform}:${parsed.target.id}`);
      }
    });

    it('refuses bad entries with a problem naming the entry, never by throwing', () => {
      for (const entry of h.badEntries) {
        const parsed = h.announcer.parseTarget(entry);
        expect(parsed).toEqual({ problem: expect.stringContaining(`"${entry}"`) });
      }
    });

    it('declares its capabilities', () => {
      expect(h.announcer.capabilities).toEqual({ mentions: expect.any(Boolean), crosspost: expect.any(Boolean) });
    });

    it("delivers a post to a target with the post's title and link, and returns the message id", async () => {
      const before = h.received(target.id).length;
      const { messageId } = await send(target);
      expect(messageId).toMatch(/\S/);
      const received = h.received(target.id);
      expect(received).toHaveLength(before + 1);
      expect(received.at(-1)).toContain(post.title);
      expect(received.at(-1)).toContain(post.url);
    });

    it('mentions a role when it can, and never otherwise', async () => {
      await send({ ...target, options: { [MENTION_ROLE]: h.roleId } });
      expect(h.received(target.id).at(-1)!.includes(h.roleId)).toBe(h.announcer.capabilities.mentions);
      await send(target);
      expect(h.received(target.id).at(-1)).not.toContain(h.roleId);
    });

    for (const kind of ['rate-limited', 'transient', 'permanent'] as const) {
      it(`reports a ${kind} failure as a DeliveryError of that kind after one request`, async () => {
        h.failNext(kind);
        const before = h.requests();
        const error = await rejection(send(target));
        expect(error.kind).toBe(kind);
        if (kind === 'rate-limited') expect(error.retryAfterMs).toBeGreaterThan(0);
        expect(h.requests() - before).toBe(1);
      });
    }

    it('delivers again after a failure', async () => {
      h.failNext('transient');
      await rejection(send(target));
      const before = h.received(target.id).length;
      await send(target);
      expect(h.received(target.id)).toHaveLength(before + 1);
    });
  });
}
