/**
 * node:crypto backend. Key objects are cached per key because building one from raw bytes
 * (DER wrapping + parsing) costs more than the Ed25519 verification itself.
 */
import * as crypto from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CryptoBackend } from './backend.js';

// DER prefixes that wrap a raw 32-byte Ed25519 key (RFC 8410): SPKI for public, PKCS#8 for seeds.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const CACHE_LIMIT = 10_000;

const PARALLELISM = Math.max(1, availableParallelism());

const publicKeys = new Map<string, crypto.KeyObject>();
const privateKeys = new Map<string, crypto.KeyObject>();

function cached(cache: Map<string, crypto.KeyObject>, raw: Uint8Array, make: () => crypto.KeyObject) {
  const id = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  let key = cache.get(id);
  if (key === undefined) {
    key = make();
    // A full cache is simply dropped: keys are cheap to rebuild and the set of accounts is small.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(id, key);
  }
  return key;
}

function publicKeyObject(raw: Uint8Array): crypto.KeyObject {
  return cached(publicKeys, raw, () =>
    crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }),
  );
}

function privateKeyObject(seed: Uint8Array): crypto.KeyObject {
  return cached(privateKeys, seed, () =>
    crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
  );
}

// Buffers are returned as they are (Buffer is a Uint8Array): wrapping each hash in a new view
// would cost the mining loop a measurable share of its rate. Callers never mutate results.
const view = (b: Buffer): Uint8Array => b;

export const nodeCrypto: CryptoBackend = {
  name: 'node',
  sha256: (data) => view(crypto.hash('sha256', data, 'buffer')),
  sha256d: (data) => view(crypto.hash('sha256', crypto.hash('sha256', data, 'buffer'), 'buffer')),
  ed25519Sign: (seed, message) => view(crypto.sign(null, message, privateKeyObject(seed))),
  ed25519PublicKey: (seed) => {
    const der = crypto.createPublicKey(privateKeyObject(seed)).export({ format: 'der', type: 'spki' });
    return view(der.subarray(SPKI_PREFIX.length));
  },
  ed25519Verify: (publicKey, message, signature) => {
    try {
      return crypto.verify(null, message, publicKeyObject(publicKey), signature);
    } catch {
      // An undecodable key is a failed verification, not a crash.
      return false;
    }
  },
  ed25519VerifyMany: async (items) => {
    // The calling thread takes its share instead of idling while the pool works: with two cores,
    // half here and half on the pool finishes first.
    const here = Math.ceil(items.length / PARALLELISM);
    const pooled = items.slice(here).map(
      (c) =>
        new Promise<boolean>((resolve) => {
          let key: crypto.KeyObject;
          try {
            key = publicKeyObject(c.publicKey);
          } catch {
            resolve(false);
            return;
          }
          crypto.verify(null, c.message, key, c.signature, (err, ok) => resolve(err === null && ok));
        }),
    );
    const mine = items
      .slice(0, here)
      .map((c) => nodeCrypto.ed25519Verify(c.publicKey, c.message, c.signature));
    return [...mine, ...(await Promise.all(pooled))];
  },
  randomBytes: (length) => view(crypto.randomBytes(length)),
};

export default nodeCrypto;
