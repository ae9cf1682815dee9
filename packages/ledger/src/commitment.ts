/**
 * Record commitments: SHA-256("chartproof/record/v1" ‖ salt ‖ JCS(record)) with a random 32-byte
 * salt kept inside the encrypted envelope. Nodes see only the commitment; without the salt, a
 * guessed diagnosis cannot be confirmed against the chain.
 */

import type { Hash32 } from './brand.js';
import { assertBytes, bytesToHex, concatBytes, utf8ToBytes } from './bytes.js';
import { sha256, Tags } from './hash.js';
import { canonicalBytes } from './jcs.js';

export const SALT_SIZE = 32;
const DOMAIN = utf8ToBytes(Tags.RECORD);

export function recordCommitment(record: unknown, salt: Uint8Array): Hash32 {
  assertBytes('salt', salt, SALT_SIZE);
  return bytesToHex(sha256(concatBytes(DOMAIN, salt, canonicalBytes(record)))) as Hash32;
}
