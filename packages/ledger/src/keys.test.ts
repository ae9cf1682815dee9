import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVector } from '../test/load-vectors.js';
import type { Ed25519File } from '../test/vector-types.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import type { CryptoBackend } from './crypto/backend.js';
import { nodeCrypto } from './crypto/node.js';
import { webCrypto } from './crypto/web.js';
import {
  encodeKeyFile,
  generateKeyPair,
  isCanonicalSignature,
  isValidAccountKey,
  keyPairFromSeed,
  parseKeyFile,
  sign,
  signingMessage,
  verify,
  verifyBytes,
} from './keys.js';
import { testKey } from './testing.js';

const backends: CryptoBackend[] = [nodeCrypto, webCrypto];
const rfc = loadVector<Ed25519File>('ed25519/rfc8032.json').cases;
const G1 = new Uint8Array(32).fill(1);
const G2 = new Uint8Array(32).fill(2);

describe('keys', () => {
  it('RFC 8032 §7.1: seeds give the published keys and the signatures verify', () => {
    for (const c of rfc) {
      expect(keyPairFromSeed(hexToBytes(c.secretKey!)).publicKey).toBe(c.publicKey);
      expect(verifyBytes(hexToBytes(c.publicKey), hexToBytes(c.message), hexToBytes(c.signature))).toBe(true);
    }
  });

  it('both backends sign identically and verify each other (deterministic Ed25519)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 64 }),
        (seed, msg) => {
          const pub = nodeCrypto.ed25519PublicKey(seed);
          expect(bytesToHex(webCrypto.ed25519PublicKey(seed))).toBe(bytesToHex(pub));
          const sig = nodeCrypto.ed25519Sign(seed, msg);
          expect(bytesToHex(webCrypto.ed25519Sign(seed, msg))).toBe(bytesToHex(sig));
          for (const b of backends) expect(b.ed25519Verify(pub, msg, sig)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('flipping any bit of signature, message or key makes verification fail on both backends', () => {
    const seed = testKey('mutations').secretKey;
    const pub = hexToBytes(testKey('mutations').publicKey);
    const msg = new TextEncoder().encode('chartproof mutation test message');
    const sig = nodeCrypto.ed25519Sign(seed, msg);
    fc.assert(
      fc.property(fc.constantFrom('sig', 'msg', 'key'), fc.nat(), (what, at) => {
        const s = Uint8Array.from(sig); // a copy: sig is a Buffer, whose slice() is a view
        const m = Uint8Array.from(msg);
        const k = Uint8Array.from(pub);
        const target = what === 'sig' ? s : what === 'msg' ? m : k;
        target[(at >> 3) % target.length]! ^= 1 << (at & 7);
        for (const b of backends) expect(b.ed25519Verify(k, m, s), `${b.name} ${what} ${at}`).toBe(false);
        expect(verifyBytes(k, m, s)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('a signature for one tag or one genesis does not verify for another', () => {
    const k = testKey('domain');
    const payload = new TextEncoder().encode('{"x":1}');
    const sig = sign(k.secretKey, 'chartproof/v1/ack', G1, payload);
    expect(verify(k.publicKey, 'chartproof/v1/ack', G1, payload, sig)).toBe(true);
    expect(verify(k.publicKey, 'chartproof/v1/block', G1, payload, sig)).toBe(false);
    expect(verify(k.publicKey, 'chartproof/v1/ack', G2, payload, sig)).toBe(false);
    // The NUL after the tag keeps "tag" + "x..." apart from "tagx" + "...".
    expect(bytesToHex(signingMessage('ab', G1, payload))).not.toBe(
      bytesToHex(signingMessage('a', G1, payload)),
    );
    expect(() => signingMessage('a\0b', G1, payload)).toThrow(RangeError);
    expect(() => signingMessage('a', new Uint8Array(31), payload)).toThrow(
      /"genesisHash" expected Uint8Array of length 32/,
    );
  });

  it('verify never throws on malformed hex', () => {
    const k = testKey('domain');
    const sig = sign(k.secretKey, 't', G1, new Uint8Array(0));
    type V = Parameters<typeof verify>;
    expect(verify('zz' as V[0], 't', G1, new Uint8Array(0), sig)).toBe(false);
    expect(verify(k.publicKey, 't', G1, new Uint8Array(0), sig.toUpperCase() as V[4])).toBe(false);
  });

  it('isCanonicalSignature enforces S < L and canonical R', () => {
    const sig = hexToBytes(rfc[0]!.signature);
    expect(isCanonicalSignature(sig)).toBe(true);
    const highS = Uint8Array.from(sig);
    highS[63] = 0x10; // S >= 2^252 + ... > L
    highS[62] = 0xff;
    expect(isCanonicalSignature(highS)).toBe(false);
    const badR = Uint8Array.from(sig);
    badR.set(hexToBytes('eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f'), 0);
    expect(isCanonicalSignature(badR)).toBe(false);
    expect(isCanonicalSignature(sig.subarray(0, 63))).toBe(false);
  });

  it('generated and test keys are valid account keys', () => {
    expect(isValidAccountKey(hexToBytes(generateKeyPair().publicKey))).toBe(true);
    fc.assert(
      fc.property(fc.string(), (name) => {
        expect(isValidAccountKey(hexToBytes(testKey(name).publicKey))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('key files round-trip and refuse a mismatched pair', () => {
    const k = testKey('file');
    expect(parseKeyFile(encodeKeyFile(k))).toEqual(k);
    expect(() => parseKeyFile({ ...encodeKeyFile(k), public_key: testKey('other').publicKey })).toThrow(
      /does not match/,
    );
    expect(() => parseKeyFile({ public_key: k.publicKey, secret_key: 'AB'.repeat(32) })).toThrow();
  });
});
