/**
 * Ed25519 keys and domain-separated signatures (RFC 8032 via the `#crypto` backend).
 *
 * Every signed message is `tag ‖ 0x00 ‖ genesisHash ‖ payload`: a signature made for one network
 * (genesis) or one purpose (a transaction type, a block, an acknowledgement) never verifies for
 * another.
 *
 * Consensus needs every verifier to agree on every signature, and Ed25519 libraries differ at
 * the edges (ZIP-215). So, before the backend runs, we require what RFC 8032 §5.1.7 strictly
 * implies and some libraries skip: S < L and canonical encodings of R and A. Account keys must
 * also be torsion-free points (checked once, when a key enters the chain), which makes the
 * cofactored and cofactorless verification equations agree for honest R.
 */

import { ed25519 } from '@noble/curves/ed25519.js';
import { z } from 'zod';
import backend from '#crypto';
import { type PublicKey, PublicKeySchema, type Signature } from './brand.js';
import { assertBytes, bytesToHex, concatBytes, hexToBytes } from './bytes.js';
import type { SignatureCheck } from './crypto/backend.js';

export type { SignatureCheck } from './crypto/backend.js';

import { tagBytes } from './hash.js';

export interface KeyPair {
  readonly publicKey: PublicKey;
  /** The 32-byte RFC 8032 seed. */
  readonly secretKey: Uint8Array;
}

// Group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
const L_LE = hexToBytes('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
// Field prime p = 2^255 - 19, little-endian.
const P_LE = hexToBytes('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');

/** a < b for little-endian unsigned integers of equal length. */
function lessThanLE(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = a.length - 1; i >= 0; i--) {
    if (a[i] !== b[i]) return a[i]! < b[i]!;
  }
  return false;
}

/** A point encoding is canonical when its y coordinate (sign bit cleared) is below p. */
function isCanonicalPointEncoding(enc: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const y = i === 31 ? enc[i]! & 0x7f : enc[i]!;
    if (y !== P_LE[i]) return y < P_LE[i]!;
  }
  return false;
}

export function isCanonicalSignature(sig: Uint8Array): boolean {
  return (
    sig.length === 64 && isCanonicalPointEncoding(sig.subarray(0, 32)) && lessThanLE(sig.subarray(32), L_LE)
  );
}

/**
 * Whether a public key may be an account or validator key: a canonical encoding of a point on the
 * curve, in the prime-order subgroup (so neither small-order nor carrying a torsion component).
 */
export function isValidAccountKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32 || !isCanonicalPointEncoding(publicKey)) return false;
  // The subgroup check is a full scalar multiplication in pure JS (about 1 ms), and a node meets
  // each registration twice (mempool, then block): remember the answers.
  const id = bytesToHex(publicKey);
  const known = accountKeyChecks.get(id);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    const point = ed25519.Point.fromBytes(publicKey, false);
    ok = !point.isSmallOrder() && point.isTorsionFree();
  } catch {
    ok = false;
  }
  if (accountKeyChecks.size >= ACCOUNT_KEY_CACHE)
    accountKeyChecks.delete(accountKeyChecks.keys().next().value!);
  accountKeyChecks.set(id, ok);
  return ok;
}

const ACCOUNT_KEY_CACHE = 50_000;
const accountKeyChecks = new Map<string, boolean>();

export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  assertBytes('seed', seed, 32);
  return {
    publicKey: bytesToHex(backend.ed25519PublicKey(seed)) as PublicKey,
    secretKey: new Uint8Array(seed),
  };
}

export function generateKeyPair(): KeyPair {
  return keyPairFromSeed(backend.randomBytes(32));
}

export function randomBytes(length: number): Uint8Array {
  return backend.randomBytes(length);
}

export function signingMessage(tag: string, genesisHash: Uint8Array, payload: Uint8Array): Uint8Array {
  assertBytes('genesisHash', genesisHash, 32);
  return concatBytes(tagBytes(tag), genesisHash, payload);
}

export function sign(
  secretKey: Uint8Array,
  tag: string,
  genesisHash: Uint8Array,
  payload: Uint8Array,
): Signature {
  assertBytes('secretKey', secretKey, 32);
  return bytesToHex(backend.ed25519Sign(secretKey, signingMessage(tag, genesisHash, payload))) as Signature;
}

// The y coordinates (little-endian, sign bit clear) of the eight points of order dividing 8:
// 1 (identity), p-1 (order 2), 0 (order 4) and the two of order 8. Every point with one of
// these y is small-order, whatever its sign bit.
const SMALL_ORDER_Y: readonly Uint8Array[] = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
].map((h) => hexToBytes(h));

function isSmallOrderEncoding(enc: Uint8Array): boolean {
  return SMALL_ORDER_Y.some((y) => {
    for (let i = 0; i < 32; i++) if ((i === 31 ? enc[i]! & 0x7f : enc[i]!) !== y[i]) return false;
    return true;
  });
}

/**
 * Never throws for bad signatures or keys: a malformed input is simply not a valid signature.
 * A small-order key is refused too: with R = identity and S = 0 it "signs" many messages, and
 * OpenSSL accepts that while @noble's strict mode does not, so the backends would disagree.
 */
export function verifyBytes(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  return strictlyEncoded(publicKey, signature) && backend.ed25519Verify(publicKey, message, signature);
}

/** The rules every backend's check runs behind, so that all give the same answer. */
function strictlyEncoded(publicKey: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || !isCanonicalPointEncoding(publicKey)) return false;
  if (isSmallOrderEncoding(publicKey)) return false;
  return isCanonicalSignature(signature);
}

/**
 * The bytes `verify` would check; a key or signature that is not hex gives a check that fails
 * (empty key), so a batch keeps one answer per item.
 */
export function signatureCheck(
  publicKey: PublicKey,
  tag: string,
  genesisHash: Uint8Array,
  payload: Uint8Array,
  signature: Signature,
): SignatureCheck {
  const message = signingMessage(tag, genesisHash, payload);
  try {
    return { publicKey: hexToBytes(publicKey), message, signature: hexToBytes(signature) };
  } catch {
    return { publicKey: new Uint8Array(0), message, signature: new Uint8Array(0) };
  }
}

/**
 * `verifyBytes` of many, answers in input order, spread over every core by the backend. Even a
 * pair gains: a block of one transaction carries two signatures (measured: a pair verified one
 * here and one on the pool took 150-210 us, against 250-400 us one after the other).
 */
export async function verifyManyBytes(items: readonly SignatureCheck[]): Promise<boolean[]> {
  if (items.length < 2) return items.map(verifyCheck);
  const out: boolean[] = new Array(items.length).fill(false);
  const passed: number[] = [];
  for (const [i, c] of items.entries()) if (strictlyEncoded(c.publicKey, c.signature)) passed.push(i);
  const answers = await backend.ed25519VerifyMany(passed.map((i) => items[i]!));
  for (const [j, i] of passed.entries()) out[i] = answers[j]!;
  return out;
}

export function verify(
  publicKey: PublicKey,
  tag: string,
  genesisHash: Uint8Array,
  payload: Uint8Array,
  signature: Signature,
): boolean {
  return verifyCheck(signatureCheck(publicKey, tag, genesisHash, payload, signature));
}

export function verifyCheck(c: SignatureCheck): boolean {
  return verifyBytes(c.publicKey, c.message, c.signature);
}

/** The key file an operator keeps (mode 0600): `{"public_key": hex, "secret_key": hex}`. */
export const KeyFileSchema = z.object({
  public_key: PublicKeySchema,
  secret_key: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
});

export function parseKeyFile(json: unknown): KeyPair {
  const file = KeyFileSchema.parse(json);
  const pair = keyPairFromSeed(hexToBytes(file.secret_key));
  if (pair.publicKey !== file.public_key) {
    throw new RangeError('key file: public_key does not match secret_key');
  }
  return pair;
}

export function encodeKeyFile(pair: KeyPair): z.infer<typeof KeyFileSchema> {
  return { public_key: pair.publicKey, secret_key: bytesToHex(pair.secretKey) };
}
