import { describe, expect, it } from 'vitest';
import { sliceYielder } from './yield.ts';

describe('sliceYielder', () => {
  it('lets waiting work run once the budget is spent, and only then', async () => {
    let clock = 0;
    const breathe = sliceYielder(8, () => clock);
    let waitingRan = false;
    setImmediate(() => {
      waitingRan = true;
    });
    clock = 5;
    expect(await breathe()).toBe(false);
    expect(waitingRan).toBe(false);
    clock = 9;
    expect(await breathe()).toBe(true);
    expect(waitingRan).toBe(true);
    clock = 12;
    expect(await breathe()).toBe(false);
  });
});
