/** The fast chaos scenarios (test/chaos/scenarios.ts) in npm test: nothing lost, recovery bounded. */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from './scenarios.ts';

describe('chaos (fast scenarios)', () => {
  for (const scenario of SCENARIOS.filter((s) => s.fast)) {
    it(scenario.name, async () => {
      const result = await scenario.run();
      expect(result.lost).toBe(0);
      expect(result.recoveryMs).toBeGreaterThanOrEqual(0);
      expect(result.recoveryMs).toBeLessThan(10_000);
      expect(result.note).not.toMatch(/NOT|HUNG|DID NOT|silent/);
    }, 40_000);
  }
});
