/** Custodial signing keys: unwrapped from their row only for the moment they sign. */
import { type KeyPair, keyPairFromSeed } from '@chartproof/ledger';
import { unwrapSecret } from '../crypto/envelope.js';

export function custodialKey(masterKey: Uint8Array, ownerId: string, wrapped: Uint8Array): KeyPair {
  const seed = unwrapSecret(masterKey, ownerId, wrapped);
  const pair = keyPairFromSeed(seed);
  seed.fill(0);
  return pair;
}
