import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bigIntToBytes,
  bytesToBigInt,
  bytesToHex,
  compareBytes,
  equalBytes,
  hexToBytes,
  readU32BE,
  readU64BE,
  writeU32BE,
  writeU64BE,
} from './bytes.js';

describe('bytes', () => {
  it('hexToBytes <=> bytesToHex roundtrip', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (b) => {
        expect(bytesToHex(hexToBytes(bytesToHex(b)))).toBe(bytesToHex(b));
      }),
    );
  });

  it('rejects uppercase, odd-length and non-hex strings with the argument named', () => {
    expect(() => hexToBytes('ABCD', 'key')).toThrow(/"key" expected lowercase hex/);
    expect(() => hexToBytes('abc')).toThrow(RangeError);
    expect(() => hexToBytes('zz')).toThrow(RangeError);
    expect(() => hexToBytes(12 as unknown as string)).toThrow(TypeError);
  });

  it('u32 and u64 big-endian fields roundtrip', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff }), fc.maxSafeNat(), (a, b) => {
        const buf = new Uint8Array(12);
        writeU32BE(buf, 0, a);
        writeU64BE(buf, 4, b);
        expect(readU32BE(buf, 0)).toBe(a);
        expect(readU64BE(buf, 4)).toBe(b);
        expect(bytesToBigInt(buf.subarray(4))).toBe(BigInt(b));
      }),
    );
  });

  it('refuses u64 values above 2^53-1', () => {
    const buf = new Uint8Array(8).fill(0xff);
    expect(() => readU64BE(buf, 0)).toThrow(/exceeds/);
  });

  it('equalBytes and compareBytes agree with hex comparison', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        (a, b) => {
          const ha = bytesToHex(a);
          const hb = bytesToHex(b);
          expect(equalBytes(a, b)).toBe(ha === hb);
          expect(Math.sign(compareBytes(a, b))).toBe(ha < hb ? -1 : ha > hb ? 1 : 0);
        },
      ),
    );
  });

  it('bigIntToBytes pads and refuses overflow', () => {
    expect(bytesToHex(bigIntToBytes(1n, 4))).toBe('00000001');
    expect(() => bigIntToBytes(1n << 40n, 4)).toThrow(/does not fit/);
  });
});
