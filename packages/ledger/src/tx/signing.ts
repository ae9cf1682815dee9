/**
 * Transaction ids and signatures. The signed payload is JCS({type, signer, body}) under the tag
 * `chartproof/v1/tx/<type>` and the genesis hash; the id is SHA-256 of that same message. The id
 * therefore leaves out the signature: re-encoding a signature can never mint a second id for the
 * same transaction, and a replay is always a duplicate id.
 */
import type { Signature, TxId } from '../brand.js';
import { bytesToHex } from '../bytes.js';
import { LedgerError } from '../errors.js';
import { sha256, Tags } from '../hash.js';
import { canonicalBytes } from '../jcs.js';
import { type KeyPair, type SignatureCheck, sign, signatureCheck, signingMessage, verify } from '../keys.js';
import { signedPayload, type TxEncoding } from './encoding.js';
import {
  type Transaction,
  TransactionSchema,
  type TxBody,
  type TxType,
  type UnsignedTransaction,
} from './schema.js';

export function txTag(type: TxType): string {
  return Tags.TX + type;
}

const payload = signedPayload;

export function txId(tx: UnsignedTransaction, genesisHash: Uint8Array): TxId {
  return bytesToHex(sha256(signingMessage(txTag(tx.type), genesisHash, payload(tx)))) as TxId;
}

export function signTransaction<T extends TxType>(
  type: T,
  body: TxBody<T>,
  key: KeyPair,
  genesisHash: Uint8Array,
): Extract<Transaction, { type: T }> {
  const unsigned = { type, signer: key.publicKey, body } as UnsignedTransaction;
  const sig: Signature = sign(key.secretKey, txTag(type), genesisHash, payload(unsigned));
  return { ...unsigned, sig } as Extract<Transaction, { type: T }>;
}

/** Block validation passes the `encoding` it already has; otherwise the payload is computed here. */
export function verifyTransactionSignature(
  tx: Transaction,
  genesisHash: Uint8Array,
  encoding?: TxEncoding,
): boolean {
  return verify(tx.signer, txTag(tx.type), genesisHash, encoding?.payload ?? payload(tx), tx.sig);
}

/** What `verifyTransactionSignature` checks, as one item of a batch (keys.verifyManyBytes). */
export function txSignatureCheck(
  tx: Transaction,
  genesisHash: Uint8Array,
  encoding: TxEncoding,
): SignatureCheck {
  return signatureCheck(tx.signer, txTag(tx.type), genesisHash, encoding.payload, tx.sig);
}

/** The bytes a Merkle leaf commits to: the whole transaction, signature included. */
export function txLeafData(tx: Transaction): Uint8Array {
  return canonicalBytes(tx);
}

/**
 * Parses untrusted input into a transaction: schema first, then the size limit on its canonical
 * form. Throws TX_SCHEMA naming the field, or TX_TOO_LARGE.
 */
export function parseTransaction(json: unknown, maxBytes: number): Transaction {
  const r = TransactionSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    throw new LedgerError('TX_SCHEMA', `transaction ${field}: ${issue.message}`, { field });
  }
  const size = canonicalBytes(r.data).length;
  if (size > maxBytes) {
    throw new LedgerError('TX_TOO_LARGE', `transaction is ${size} bytes, limit ${maxBytes}`, {
      size,
      maxBytes,
    });
  }
  return r.data;
}
