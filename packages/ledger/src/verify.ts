/**
 * The browser-safe surface: everything a client needs to check a receipt or a record commitment
 * offline against a genesis file, with no Node built-ins (crypto via @noble under the `browser`
 * export condition).
 */
export { type Ack, AckSchema, verifyAck } from './ack.js';
export type { BlockHash, Hash32, Id128, PublicKey, Signature, TxId } from './brand.js';
export { bytesToHex, equalBytes, hexToBytes, utf8ToBytes } from './bytes.js';
export { recordCommitment, SALT_SIZE } from './commitment.js';
export { isLedgerError, LedgerError, LedgerErrorCode } from './errors.js';
export { type Genesis, type GenesisDoc, parseGenesis } from './genesis.js';
export { type BlockHeader, decodeHeader, hashHeaderBytes } from './header.js';
export { canonicalJson } from './jcs.js';
export { hashLeaf, merkleRoot, rootFromInclusionProof, verifyInclusion } from './merkle.js';
export { buildReceipt, type Receipt, type ReceiptCheck, ReceiptSchema, verifyReceipt } from './receipt.js';
export {
  type AnchorField,
  type AnchorFieldCheck,
  checkRecordAnchor,
  type ExpectedAnchor,
  type RecordAnchorCheck,
} from './record-anchor.js';
export type { Transaction } from './tx/schema.js';
export { txId, verifyTransactionSignature } from './tx/signing.js';
