import { describe, expect, it } from 'vitest';
import { checksum, checksumOf } from './checksum.ts';

describe('state file checksum', () => {
  it('of parts fed one by one (empty ones too) is the checksum of the whole, and tells a flipped bit', () => {
    const parts = [new Uint8Array(new Uint32Array([1, 2]).buffer), Buffer.from('{"a":1}'), new Uint8Array(new Int32Array(0).buffer), new Uint8Array(3)];
    const sum = checksum();
    for (const part of parts) sum.update(part);
    const whole = Buffer.concat(parts);
    expect(sum.digest()).toBe(checksumOf(whole));
    whole[9]! ^= 0x04;
    expect(checksumOf(whole)).not.toBe(sum.digest());
  });
});
