/**
 * A 32-bit checksum of the bytes of a state file, so that a file damaged on disk (a flipped
 * byte, a write cut short) is ignored instead of served: CRC-32 (zlib's, about 20 ms for 84 MB)
 * where Node has it (20.15 and later), else the first four bytes of SHA-1 (a file written by
 * the other is then ignored once and written again).
 */
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array, value?: number) => number;
const crc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** Fed in parts, in order; {@link digest} once at the end. */
export interface Checksum {
  update(bytes: Uint8Array): void;
  digest(): number;
}

export function checksum(): Checksum {
  if (crc32) {
    let value = 0;
    // Empty parts skipped: Node 20's crc32 of an empty view of an empty buffer gives 0, not the value it was given.
    return { update: (bytes) => void (bytes.byteLength > 0 && (value = crc32(bytes, value))), digest: () => value };
  }
  const hash = createHash('sha1');
  return { update: (bytes) => void hash.update(bytes), digest: () => hash.digest().readUInt32LE(0) };
}

/** The checksum of one buffer. */
export function checksumOf(bytes: Uint8Array): number {
  const sum = checksum();
  sum.update(bytes);
  return sum.digest();
}
