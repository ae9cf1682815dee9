/**
 * Acknowledgements: a validator's signed statement "block `hash` at `height` is on my best chain".
 * Signed over (tag, genesis hash, height, block hash). A block is acknowledged — the write concern
 * "majority" — once a strict majority of the genesis validators have acknowledged it or a
 * descendant of it. The signed acknowledgements are what make a receipt worth something: the
 * witnesses of a Merkle path's root, as cosigned checkpoints are in transparency logs.
 */
import { z } from 'zod';
import {
  type BlockHash,
  BlockHashSchema,
  type PublicKey,
  PublicKeySchema,
  type Signature,
  SignatureSchema,
} from './brand.js';
import { concatBytes, hexToBytes, writeU32BE } from './bytes.js';
import type { Genesis } from './genesis.js';
import { Tags } from './hash.js';
import { type KeyPair, sign, verify } from './keys.js';

export const AckSchema = z
  .object({
    validator: PublicKeySchema,
    height: z.number().int().min(0).max(0xffff_ffff),
    hash: BlockHashSchema,
    sig: SignatureSchema,
  })
  .strict();
export type Ack = z.infer<typeof AckSchema>;

function ackPayload(height: number, hash: BlockHash): Uint8Array {
  const h = new Uint8Array(4);
  writeU32BE(h, 0, height);
  return concatBytes(h, hexToBytes(hash));
}

export function signAck(key: KeyPair, height: number, hash: BlockHash, genesis: Genesis): Ack {
  return {
    validator: key.publicKey,
    height,
    hash,
    sig: sign(key.secretKey, Tags.ACK, genesis.hashBytes, ackPayload(height, hash)) as Signature,
  };
}

/** A valid acknowledgement is signed by a genesis validator over this network's genesis. */
export function verifyAck(ack: Ack, genesis: Genesis): boolean {
  return (
    genesis.validators.has(ack.validator as PublicKey) &&
    verify(ack.validator, Tags.ACK, genesis.hashBytes, ackPayload(ack.height, ack.hash), ack.sig)
  );
}
