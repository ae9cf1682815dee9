/**
 * The ledger's public surface, name by name: consensus rules, encodings, keys, proofs and the
 * chain over a key-value store. The store's key layout stays inside (only `ackKey`, for the
 * node's acknowledgements beside the blocks); the browser-safe subset is `./verify`.
 */
export { type Ack, AckSchema, signAck, verifyAck } from './ack.js';
export {
  type Block,
  type BlockJson,
  BlockJsonSchema,
  type BlockTemplate,
  blockFromJson,
  blockToJson,
  checkBlock,
  createTemplate,
  decodeBlock,
  encodeBlock,
  sealBlock,
  signBlockHash,
} from './block.js';
export {
  type BlockHash,
  BlockHashSchema,
  type Hash32,
  Hash32Schema,
  HeaderHexSchema,
  type Id128,
  Id128Schema,
  type PublicKey,
  PublicKeySchema,
  parseBlockHash,
  parseHash32,
  parseId128,
  parsePublicKey,
  parseSignature,
  parseTxId,
  type Signature,
  SignatureSchema,
  type TxId,
  TxIdSchema,
} from './brand.js';
export {
  bytesToHex,
  bytesToUtf8,
  compareBytes,
  concatBytes,
  equalBytes,
  hexToBytes,
  readU64BE,
  utf8ToBytes,
  writeU32BE,
  writeU64BE,
} from './bytes.js';
export {
  type AddBlockOptions,
  type AddBlockResult,
  type BlockEntry,
  Chain,
  childEntry,
  type Reorg,
  signatureKey,
} from './chain-state.js';
export { recordCommitment, SALT_SIZE } from './commitment.js';
export { nextBits, type RetargetPoint } from './difficulty.js';
export { isLedgerError, LedgerError, LedgerErrorCode, type LedgerErrorDetails } from './errors.js';
export {
  type ConsensusParams,
  createGenesis,
  DEFAULT_CONSENSUS,
  type Genesis,
  type GenesisDoc,
  GenesisSchema,
  parseGenesis,
} from './genesis.js';
export { sha256, sha256d, Tags, taggedHash } from './hash.js';
export {
  type BlockHeader,
  decodeHeader,
  encodeHeader,
  HEADER_SIZE,
  hashHeader,
  hashHeaderBytes,
  NONCE_OFFSET,
  ZERO_HASH,
} from './header.js';
export { canonicalBytes, canonicalJson, type JsonValue } from './jcs.js';
export {
  encodeKeyFile,
  generateKeyPair,
  type KeyPair,
  keyPairFromSeed,
  parseKeyFile,
  randomBytes,
  sign,
  verify,
} from './keys.js';
export {
  EMPTY_ROOT,
  hashLeaf,
  inclusionProof,
  merkleRoot,
  rootFromInclusionProof,
  verifyInclusion,
} from './merkle.js';
export { assertNever } from './never.js';
export { PendingState } from './pending-state.js';
export {
  compactFromTarget,
  meetsTarget,
  searchNonce,
  targetBytes,
  targetFromCompact,
  workFromTarget,
} from './pow.js';
export { buildReceipt, type Receipt, type ReceiptCheck, ReceiptSchema, verifyReceipt } from './receipt.js';
export { LedgerState, type TxLocation } from './state.js';
export { ackKey } from './store/layout.js';
export { LmdbStore, type LmdbStoreOptions } from './store/lmdb-store.js';
export { MemoryStore } from './store/memory-store.js';
export type { KeyValueStore, WriteOp } from './store/store.js';
export { checkTimestamp, medianTimePast } from './timestamp.js';
export {
  AccountRole,
  type Transaction,
  TransactionSchema,
  TX_TYPES,
  type TxBody,
  type TxType,
  type UnsignedTransaction,
} from './tx/schema.js';
export {
  parseTransaction,
  signTransaction,
  txId,
  txLeafData,
  verifyTransactionSignature,
} from './tx/signing.js';
export {
  type AccountEntry,
  checkTransaction,
  type GrantEntry,
  type LedgerView,
  type RecordEntry,
} from './tx/validate.js';
