/**
 * Blocks: a header, the miner's signature over the block hash, and the transactions.
 *
 * Stored and hashed form: header (124 bytes) ‖ signature (64 bytes) ‖ UTF-8 JCS of the transaction
 * array. Wire form (JSON): {"header": hex, "signature": hex, "txs": [...]}.
 *
 * `checkBlock` holds the rules that need no chain: encoding, limits, proof-of-work, validator
 * signature, Merkle root, duplicate transactions. Rules against the parent live in chain-state.ts.
 */
import { z } from 'zod';
import {
  type BlockHash,
  HeaderHexSchema,
  type PublicKey,
  type Signature,
  SignatureSchema,
  type TxId,
} from './brand.js';
import { bytesToHex, bytesToUtf8, concatBytes, hexToBytes } from './bytes.js';
import { LedgerError } from './errors.js';
import type { Genesis } from './genesis.js';
import { Tags } from './hash.js';
import {
  type BlockHeader,
  decodeHeader,
  encodeHeader,
  HEADER_SIZE,
  HEADER_VERSION,
  hashHeaderBytes,
} from './header.js';
import { canonicalBytes } from './jcs.js';
import { type KeyPair, type SignatureCheck, sign, signatureCheck, verifyCheck } from './keys.js';
import { hashLeaf, merkleRoot } from './merkle.js';
import { isCanonicalCompact, meetsTarget, targetBytes, targetFromCompact } from './pow.js';
import type { TxEncoding } from './tx/encoding.js';
import type { Transaction } from './tx/schema.js';
import { parseTransaction, txId, txLeafData } from './tx/signing.js';

export const SIGNATURE_SIZE = 64;

export interface Block {
  readonly header: BlockHeader;
  readonly headerBytes: Uint8Array;
  readonly hash: BlockHash;
  readonly signature: Signature;
  readonly txs: readonly Transaction[];
  /** Ids in block order; computed once when the block is decoded. */
  readonly txIds: readonly TxId[];
}

export const BlockJsonSchema = z
  .object({
    header: HeaderHexSchema,
    signature: SignatureSchema,
    txs: z.array(z.unknown()),
  })
  .strict();
export type BlockJson = z.infer<typeof BlockJsonSchema>;

export function blockToJson(block: Block): BlockJson {
  return { header: bytesToHex(block.headerBytes), signature: block.signature, txs: [...block.txs] };
}

/** Decodes a block from untrusted JSON (schema, transaction shapes and sizes); not yet validated. */
export function blockFromJson(json: unknown, genesis: Genesis): Block {
  const r = BlockJsonSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new LedgerError('BAD_ENCODING', `block ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (r.data.txs.length > genesis.params.max_block_txs) {
    throw new LedgerError(
      'BLOCK_TOO_MANY_TXS',
      `block has ${r.data.txs.length} transactions, limit ${genesis.params.max_block_txs}`,
    );
  }
  const headerBytes = hexToBytes(r.data.header);
  const txs = r.data.txs.map((t, i) => {
    try {
      return parseTransaction(t, genesis.params.max_tx_bytes);
    } catch (e) {
      throw new LedgerError('BLOCK_BAD_TX', `block transaction ${i}: ${(e as Error).message}`, { index: i });
    }
  });
  return makeBlock(headerBytes, r.data.signature, txs, genesis);
}

function makeBlock(
  headerBytes: Uint8Array,
  signature: Signature,
  txs: Transaction[],
  genesis: Genesis,
): Block {
  return {
    header: decodeHeader(headerBytes),
    headerBytes,
    hash: hashHeaderBytes(headerBytes),
    signature,
    txs,
    txIds: txs.map((tx) => txId(tx, genesis.hashBytes)),
  };
}

/**
 * `leaves` (each transaction's JCS, as validation computed them) saves encoding the
 * transactions again: JCS of an array is its elements' JCS in order, comma-separated, bracketed.
 */
export function encodeBlock(block: Block, leaves?: readonly Uint8Array[]): Uint8Array {
  const signature = hexToBytes(block.signature);
  if (leaves === undefined) return concatBytes(block.headerBytes, signature, canonicalBytes(block.txs));
  const parts: Uint8Array[] = [block.headerBytes, signature, OPEN_BRACKET];
  for (const [i, leaf] of leaves.entries()) {
    if (i > 0) parts.push(COMMA);
    parts.push(leaf);
  }
  parts.push(CLOSE_BRACKET);
  return concatBytes(...parts);
}
const OPEN_BRACKET = new Uint8Array([0x5b]);
const COMMA = new Uint8Array([0x2c]);
const CLOSE_BRACKET = new Uint8Array([0x5d]);

export function decodeBlock(bytes: Uint8Array, genesis: Genesis): Block {
  if (bytes.length < HEADER_SIZE + SIGNATURE_SIZE) {
    throw new LedgerError(
      'BAD_ENCODING',
      `block of ${bytes.length} bytes is shorter than header and signature`,
    );
  }
  const headerBytes = bytes.slice(0, HEADER_SIZE);
  const signature = bytesToHex(bytes.subarray(HEADER_SIZE, HEADER_SIZE + SIGNATURE_SIZE)) as Signature;
  let txsJson: unknown;
  try {
    txsJson = JSON.parse(bytesToUtf8(bytes.subarray(HEADER_SIZE + SIGNATURE_SIZE)));
  } catch (e) {
    throw new LedgerError('BAD_ENCODING', `block transactions are not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(txsJson)) throw new LedgerError('BAD_ENCODING', 'block transactions are not an array');
  return makeBlock(
    headerBytes,
    signature,
    txsJson.map((t) => parseTransaction(t, genesis.params.max_tx_bytes)),
    genesis,
  );
}

export function computeMerkleRoot(txs: readonly Transaction[]): Uint8Array {
  return merkleRoot(txs.map((tx) => hashLeaf(txLeafData(tx))));
}

export function blockSignaturePayload(hash: BlockHash): Uint8Array {
  return hexToBytes(hash);
}

export function signBlockHash(hash: BlockHash, key: KeyPair, genesis: Genesis): Signature {
  return sign(key.secretKey, Tags.BLOCK, genesis.hashBytes, blockSignaturePayload(hash));
}

export interface CheckBlockOptions {
  /** False skips the miner signature (a header-only check elsewhere has done it). */
  checkSignature?: boolean;
  /** The transactions' encodings, computed by the caller from `block.txs` for this check. */
  encodings?: readonly TxEncoding[];
}

/** What the miner-signature rule of `checkBlock` checks, as one item of a batch. */
export function blockSignatureCheck(block: Block, genesis: Genesis): SignatureCheck {
  return signatureCheck(
    block.header.miner as PublicKey,
    Tags.BLOCK,
    genesis.hashBytes,
    blockSignaturePayload(block.hash),
    block.signature,
  );
}

/** Rules a block must meet on its own, whatever chain it joins. */
export function checkBlock(block: Block, genesis: Genesis, options: CheckBlockOptions = {}): void {
  const { header } = block;
  const at = { height: header.height, hash: block.hash };
  if (header.version !== HEADER_VERSION) {
    throw LedgerError.inBlock('HEADER_BAD_VERSION', at, `version ${header.version}, want ${HEADER_VERSION}`);
  }
  checkProofOfWork(block.hash, header, genesis);
  if (!genesis.validators.has(header.miner)) {
    throw LedgerError.inBlock('BLOCK_NOT_VALIDATOR', at, `miner ${header.miner} is not a genesis validator`, {
      miner: header.miner,
    });
  }
  if (options.checkSignature !== false && !verifyCheck(blockSignatureCheck(block, genesis))) {
    throw LedgerError.inBlock('BLOCK_BAD_SIGNATURE', at, 'miner signature does not verify');
  }
  if (block.txs.length > genesis.params.max_block_txs) {
    throw LedgerError.inBlock(
      'BLOCK_TOO_MANY_TXS',
      at,
      `${block.txs.length} transactions, limit ${genesis.params.max_block_txs}`,
    );
  }
  const leaves = options.encodings?.map((e) => e.leaf) ?? block.txs.map(txLeafData);
  const bytes = leaves.reduce((n, l) => n + l.length, 0);
  if (bytes > genesis.params.max_block_bytes) {
    throw LedgerError.inBlock(
      'BLOCK_TOO_LARGE',
      at,
      `${bytes} transaction bytes, limit ${genesis.params.max_block_bytes}`,
    );
  }
  const root = bytesToHex(merkleRoot(leaves.map(hashLeaf)));
  if (root !== header.merkleRoot) {
    throw LedgerError.inBlock(
      'BLOCK_BAD_MERKLE_ROOT',
      at,
      `merkle root ${header.merkleRoot}, transactions give ${root}`,
    );
  }
  const seen = new Set<string>();
  for (const [i, id] of block.txIds.entries()) {
    if (seen.has(id))
      throw LedgerError.inBlock('BLOCK_DUPLICATE_TX', at, `transaction ${id} appears twice`, { index: i });
    seen.add(id);
  }
}

/** The header's own work claim: canonical target within the floor, and a hash that meets it. */
export function checkProofOfWork(hash: BlockHash, header: BlockHeader, genesis: Genesis): void {
  const at = { height: header.height, hash };
  if (!isCanonicalCompact(header.bits) || targetFromCompact(header.bits) > genesis.powLimit) {
    throw LedgerError.inBlock(
      'HEADER_BAD_TARGET',
      at,
      `bits 0x${header.bits.toString(16)} is not a valid target`,
    );
  }
  if (!meetsTarget(hexToBytes(hash), targetBytes(targetFromCompact(header.bits)))) {
    throw LedgerError.inBlock(
      'HEADER_INSUFFICIENT_WORK',
      at,
      `hash does not meet target bits 0x${header.bits.toString(16)}`,
    );
  }
}

export interface BlockTemplate {
  readonly header: BlockHeader;
  readonly headerBytes: Uint8Array;
  readonly txs: readonly Transaction[];
  /** The transactions' ids, when the template's maker already had them. */
  readonly txIds?: readonly TxId[];
}

/** An unmined block on `parent`: the miner fills in the nonce, then `sealBlock` signs it. */
/**
 * `known` lets a caller that already holds each transaction's id and Merkle leaf hash (a mempool)
 * skip canonicalising and hashing every transaction again: a miner rebuilds templates often.
 */
export function createTemplate(
  parent: { hash: BlockHash; height: number },
  bits: number,
  timestamp: number,
  miner: PublicKey,
  txs: readonly Transaction[],
  known?: { readonly ids: readonly TxId[]; readonly leafHashes: readonly Uint8Array[] },
): BlockTemplate {
  const root = known !== undefined ? merkleRoot(known.leafHashes) : computeMerkleRoot(txs);
  const header: BlockHeader = {
    version: HEADER_VERSION,
    height: parent.height + 1,
    prevHash: parent.hash,
    merkleRoot: bytesToHex(root) as BlockHeader['merkleRoot'],
    timestamp,
    bits,
    nonce: 0,
    miner,
  };
  return {
    header,
    headerBytes: encodeHeader(header),
    txs,
    ...(known !== undefined ? { txIds: known.ids } : {}),
  };
}

export function sealBlock(template: BlockTemplate, nonce: number, key: KeyPair, genesis: Genesis): Block {
  const header = { ...template.header, nonce };
  const headerBytes = encodeHeader(header);
  const hash = hashHeaderBytes(headerBytes);
  return {
    header,
    headerBytes,
    hash,
    signature: signBlockHash(hash, key, genesis),
    txs: template.txs,
    txIds: template.txIds ?? template.txs.map((tx) => txId(tx, genesis.hashBytes)),
  };
}
