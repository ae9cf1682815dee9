import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refEncodeHeader, refSha256d } from '../test/reference/header.js';
import type { BlockHash, Hash32, PublicKey } from './brand.js';
import { bytesToHex } from './bytes.js';
import { isLedgerError } from './errors.js';
import {
  type BlockHeader,
  decodeHeader,
  encodeHeader,
  HEADER_SIZE,
  hashHeader,
  hashHeaderBytes,
  NONCE_OFFSET,
} from './header.js';

const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(bytesToHex);
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const headerArb: fc.Arbitrary<BlockHeader> = fc.record({
  version: u32,
  height: u32,
  prevHash: hash32.map((h) => h as BlockHash),
  merkleRoot: hash32.map((h) => h as Hash32),
  timestamp: fc.maxSafeNat(),
  bits: u32,
  nonce: fc.maxSafeNat(),
  miner: hash32.map((h) => h as PublicKey),
});

describe('header', () => {
  it('decode(encode(h)) = h, and encoding matches the naive DataView layout', () => {
    fc.assert(
      fc.property(headerArb, (h) => {
        const bytes = encodeHeader(h);
        expect(bytes.length).toBe(HEADER_SIZE);
        expect(bytesToHex(bytes)).toBe(bytesToHex(refEncodeHeader(h)));
        expect(decodeHeader(bytes)).toEqual(h);
        expect(hashHeader(h)).toBe(bytesToHex(refSha256d(bytes)));
      }),
      { numRuns: 200 },
    );
  });

  it('encode(decode(b)) = b for any 124 bytes whose u64 fields are below 2^53', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 124, maxLength: 124 }), (b) => {
        b[72]! &= 0x00;
        b[73]! &= 0x1f;
        b[84]! &= 0x00;
        b[85]! &= 0x1f;
        expect(bytesToHex(encodeHeader(decodeHeader(b)))).toBe(bytesToHex(b));
      }),
    );
  });

  it('the nonce is the only field in bytes 84..91', () => {
    fc.assert(
      fc.property(headerArb, fc.maxSafeNat(), (h, nonce) => {
        const a = encodeHeader(h);
        const b = encodeHeader({ ...h, nonce });
        for (let i = 0; i < HEADER_SIZE; i++)
          if (i < NONCE_OFFSET || i >= NONCE_OFFSET + 8) expect(a[i]).toBe(b[i]);
      }),
      { numRuns: 50 },
    );
  });

  it('refuses other lengths and u64 fields above 2^53-1 as BAD_ENCODING', () => {
    for (const len of [0, 123, 125]) {
      try {
        decodeHeader(new Uint8Array(len));
        expect.unreachable();
      } catch (e) {
        expect(isLedgerError(e, 'BAD_ENCODING')).toBe(true);
      }
    }
    const b = new Uint8Array(HEADER_SIZE);
    b[72] = 0x01;
    expect(() => decodeHeader(b)).toThrow(/exceeds 2\^53-1/);
    expect(hashHeaderBytes(new Uint8Array(HEADER_SIZE))).toBe(
      bytesToHex(refSha256d(new Uint8Array(HEADER_SIZE))),
    );
  });

  it('encode refuses uppercase hex fields, naming them', () => {
    const h: BlockHeader = {
      version: 1,
      height: 0,
      prevHash: 'AB'.repeat(32) as BlockHash,
      merkleRoot: '00'.repeat(32) as Hash32,
      timestamp: 0,
      bits: 0,
      nonce: 0,
      miner: '00'.repeat(32) as PublicKey,
    };
    expect(() => encodeHeader(h)).toThrow(/"prevHash"/);
  });
});
