/**
 * Browser backend on @noble (audited, pure JS). Used where node:crypto does not exist; the
 * verification path of receipts and Merkle proofs runs on it in the web client.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import type { CryptoBackend } from './backend.js';

export const webCrypto: CryptoBackend = {
  name: 'web',
  sha256: (data) => sha256(data),
  sha256d: (data) => sha256(sha256(data)),
  ed25519Sign: (seed, message) => ed25519.sign(message, seed),
  ed25519PublicKey: (seed) => ed25519.getPublicKey(seed),
  ed25519Verify: (publicKey, message, signature) => {
    try {
      // Strict RFC 8032 decoding, matching OpenSSL; keys.ts adds the shared canonicality rules.
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
  randomBytes: (length) => randomBytes(length),
};

export default webCrypto;
