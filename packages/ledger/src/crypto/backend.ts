/**
 * The primitives the ledger needs from a crypto library. Two implementations exist: `node.ts`
 * (node:crypto, used by every server process) and `web.ts` (@noble, used in the browser). The
 * package's `#crypto` import picks one by export condition; both must pass the same vectors.
 *
 * Ed25519 here is the raw primitive. The consensus rules on top of it (canonical S and R, no
 * small-order or torsioned keys) live in `keys.ts`, so they are identical whatever the backend.
 */
export interface SignatureCheck {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

export interface CryptoBackend {
  readonly name: 'node' | 'web';
  sha256(data: Uint8Array): Uint8Array;
  /** SHA-256(SHA-256(data)): the block hash. */
  sha256d(data: Uint8Array): Uint8Array;
  /** Ed25519 (RFC 8032) with a 32-byte seed as the secret key. */
  ed25519Sign(seed: Uint8Array, message: Uint8Array): Uint8Array;
  ed25519PublicKey(seed: Uint8Array): Uint8Array;
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
  /**
   * Many verifications at once, answers in input order. node:crypto runs them on the libuv
   * thread pool, on every core; the web backend one after the other.
   */
  ed25519VerifyMany(items: readonly SignatureCheck[]): Promise<boolean[]>;
  randomBytes(length: number): Uint8Array;
}
