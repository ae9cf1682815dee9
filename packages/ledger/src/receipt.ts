/**
 * Receipts: one self-contained JSON document proving that a transaction is on the chain that a
 * majority of the genesis validators hold. It carries the transaction, its Merkle inclusion proof,
 * the header of its block with the miner's signature, the headers of the descendants up to the
 * acknowledged blocks, and a quorum of signed acknowledgements.
 *
 * `verifyReceipt` checks it offline against the genesis alone: transaction signature and id,
 * Merkle path to the header's root, proof-of-work and validator keys of every header, the header
 * links, and the acknowledgement signatures and quorum. Nothing is taken from the server on
 * trust: a root counts only through headers that validators signed. Browser-safe.
 */
import { z } from 'zod';
import { type Ack, AckSchema, verifyAck } from './ack.js';
import { blockSignaturePayload, checkProofOfWork } from './block.js';
import {
  type BlockHash,
  BlockHashSchema,
  HeaderHexSchema,
  type PublicKey,
  SignatureSchema,
  type TxId,
  TxIdSchema,
} from './brand.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import { isLedgerError, LedgerError } from './errors.js';
import type { Genesis } from './genesis.js';
import { Tags } from './hash.js';
import { type BlockHeader, decodeHeader, HEADER_VERSION, hashHeaderBytes } from './header.js';
import { verify } from './keys.js';
import { hashLeaf, verifyInclusion } from './merkle.js';
import { type Transaction, TransactionSchema } from './tx/schema.js';
import { txId, txLeafData, verifyTransactionSignature } from './tx/signing.js';

export const ReceiptSchema = z
  .object({
    chartproof_receipt: z.literal(1),
    genesis: BlockHashSchema,
    tx: TransactionSchema,
    tx_id: TxIdSchema,
    block: z.object({ header: HeaderHexSchema, signature: SignatureSchema }).strict(),
    proof: z
      .object({
        index: z.number().int().min(0),
        size: z.number().int().min(1),
        path: z.array(BlockHashSchema).max(64),
      })
      .strict(),
    headers: z.array(HeaderHexSchema).max(10_000),
    acks: z.array(AckSchema).max(256),
  })
  .strict();
export type Receipt = z.infer<typeof ReceiptSchema>;

export interface ReceiptCheck {
  readonly txId: TxId;
  readonly tx: Transaction;
  readonly blockHash: BlockHash;
  readonly height: number;
  readonly timestamp: number;
  /** Validators whose acknowledgement covers the block. */
  readonly acknowledgedBy: readonly PublicKey[];
}

function invalid(reason: string, message: string): LedgerError {
  return new LedgerError('RECEIPT_INVALID', `receipt: ${message}`, { reason });
}

/** Throws RECEIPT_INVALID (with a `reason` detail) unless the receipt proves its transaction. */
export function verifyReceipt(json: unknown, genesis: Genesis): ReceiptCheck {
  const parsed = ReceiptSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid('schema', `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const r = parsed.data;
  if (r.genesis !== genesis.hash)
    throw invalid('genesis', `made for network ${r.genesis}, not ${genesis.hash}`);

  const id = txId(r.tx, genesis.hashBytes);
  if (id !== r.tx_id) throw invalid('tx_id', `transaction hashes to ${id}, receipt says ${r.tx_id}`);
  if (!verifyTransactionSignature(r.tx, genesis.hashBytes))
    throw invalid('tx_signature', 'transaction signature does not verify');

  const chain = [r.block.header, ...r.headers].map((hex, i) => {
    const bytes = hexToBytes(hex);
    try {
      return { header: decodeHeader(bytes), hash: hashHeaderBytes(bytes), i };
    } catch (e) {
      if (isLedgerError(e)) throw invalid('header', `header ${i}: ${e.message}`);
      throw e;
    }
  });
  const anchor = chain[0]!;
  for (const [k, { header, hash }] of chain.entries()) {
    checkHeaderAlone(header, hash, genesis);
    if (k > 0) {
      const prev = chain[k - 1]!;
      if (header.prevHash !== prev.hash || header.height !== prev.header.height + 1) {
        throw invalid('header_link', `header ${k} (height ${header.height}) does not follow header ${k - 1}`);
      }
    }
  }
  if (
    !verify(
      anchor.header.miner,
      Tags.BLOCK,
      genesis.hashBytes,
      blockSignaturePayload(anchor.hash),
      r.block.signature,
    )
  ) {
    throw invalid('block_signature', `block ${anchor.hash} is not signed by its miner`);
  }

  try {
    verifyInclusion(
      hashLeaf(txLeafData(r.tx)),
      r.proof.index,
      r.proof.size,
      r.proof.path.map((h) => hexToBytes(h)),
      hexToBytes(anchor.header.merkleRoot),
    );
  } catch (e) {
    if (isLedgerError(e)) throw invalid('merkle', e.message);
    throw e;
  }

  const heights = new Map(chain.map((c) => [c.hash as string, c.header.height]));
  const by = new Set<PublicKey>();
  for (const ack of r.acks as Ack[]) {
    if (by.has(ack.validator))
      throw invalid('ack_duplicate', `validator ${ack.validator} acknowledges twice`);
    if (heights.get(ack.hash) !== ack.height) {
      throw invalid(
        'ack_block',
        `acknowledgement by ${ack.validator} is for block ${ack.hash}, not in this receipt`,
      );
    }
    if (!verifyAck(ack, genesis))
      throw invalid('ack_signature', `acknowledgement by ${ack.validator} does not verify`);
    by.add(ack.validator);
  }
  if (by.size < genesis.quorum) {
    throw invalid(
      'quorum',
      `${by.size} of ${genesis.validators.size} validators acknowledge, ${genesis.quorum} needed`,
    );
  }
  return {
    txId: id,
    tx: r.tx,
    blockHash: anchor.hash,
    height: anchor.header.height,
    timestamp: anchor.header.timestamp,
    acknowledgedBy: [...by],
  };
}

function checkHeaderAlone(header: BlockHeader, hash: BlockHash, genesis: Genesis): void {
  if (header.version !== HEADER_VERSION)
    throw invalid('header', `header ${hash} has version ${header.version}`);
  if (!genesis.validators.has(header.miner))
    throw invalid('header', `block ${hash} was mined by ${header.miner}, not a validator`);
  try {
    checkProofOfWork(hash, header, genesis);
  } catch (e) {
    if (isLedgerError(e)) throw invalid('pow', e.message);
    throw e;
  }
}

export interface ReceiptParts {
  readonly genesis: Genesis;
  readonly tx: Transaction;
  readonly blockHeader: Uint8Array;
  readonly blockSignature: string;
  readonly index: number;
  readonly size: number;
  readonly path: readonly Uint8Array[];
  readonly headers: readonly Uint8Array[];
  readonly acks: readonly Ack[];
}

export function buildReceipt(p: ReceiptParts): Receipt {
  return {
    chartproof_receipt: 1,
    genesis: p.genesis.hash,
    tx: p.tx,
    tx_id: txId(p.tx, p.genesis.hashBytes),
    block: {
      header: bytesToHex(p.blockHeader),
      signature: p.blockSignature as Receipt['block']['signature'],
    },
    proof: { index: p.index, size: p.size, path: p.path.map((h) => bytesToHex(h) as BlockHash) },
    headers: p.headers.map((h) => bytesToHex(h)),
    acks: [...p.acks],
  };
}
