/**
 * Browser backend on @noble (audited, pure JS). Used where node:crypto does not exist; the
 * verification path of receipts and Merkle proofs runs on it in the web client.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, concatBytes, equalBytes } from '@noble/curves/utils.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { CryptoBackend } from './backend.js';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;

/**
 * RFC 8032 §5.1.7 with the cofactorless equation, exactly as OpenSSL checks it: decode A
 * strictly, require S < L, and compare the canonical encoding of [S]B − [k]A with R's bytes.
 * @noble's own `verify` checks the cofactored equation instead; the RFC allows either, but
 * the two disagree on signatures whose R (or key) carries a torsion component, and every
 * verifier of one chain has to give the same answer as the nodes' OpenSSL.
 */
function verifyCofactorless(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToNumberLE(signature.subarray(32));
  if (s >= L) return false;
  const A = Point.fromBytes(publicKey, false);
  const k = Point.Fn.create(bytesToNumberLE(sha512(concatBytes(r, publicKey, message))));
  const check = Point.BASE.multiplyUnsafe(s).subtract(A.multiplyUnsafe(k));
  return equalBytes(check.toBytes(), r);
}

export const webCrypto: CryptoBackend = {
  name: 'web',
  sha256: (data) => sha256(data),
  sha256d: (data) => sha256(sha256(data)),
  ed25519Sign: (seed, message) => ed25519.sign(message, seed),
  ed25519PublicKey: (seed) => ed25519.getPublicKey(seed),
  ed25519Verify: (publicKey, message, signature) => {
    try {
      // keys.ts adds the shared canonicality rules on top.
      return verifyCofactorless(publicKey, message, signature);
    } catch {
      return false;
    }
  },
  ed25519VerifyMany: async (items) =>
    items.map((c) => webCrypto.ed25519Verify(c.publicKey, c.message, c.signature)),
  randomBytes: (length) => randomBytes(length),
};

export default webCrypto;
