/**
 * One error type for every consensus rule. Callers branch on `code` and read the fields that code
 * carries; they never parse the message. The message names what was wrong and where
 * (block height and hash, transaction id), for logs and operators.
 */

export const LedgerErrorCode = Object.freeze({
  // encoding
  BAD_ENCODING: 'BAD_ENCODING',
  NOT_CANONICAL: 'NOT_CANONICAL',
  // transactions
  TX_SCHEMA: 'TX_SCHEMA',
  TX_TOO_LARGE: 'TX_TOO_LARGE',
  TX_BAD_SIGNATURE: 'TX_BAD_SIGNATURE',
  TX_UNKNOWN_SIGNER: 'TX_UNKNOWN_SIGNER',
  TX_WRONG_ROLE: 'TX_WRONG_ROLE',
  TX_DUPLICATE: 'TX_DUPLICATE',
  TX_ACCOUNT_EXISTS: 'TX_ACCOUNT_EXISTS',
  TX_UNKNOWN_ACCOUNT: 'TX_UNKNOWN_ACCOUNT',
  TX_RECORD_EXISTS: 'TX_RECORD_EXISTS',
  TX_UNKNOWN_RECORD: 'TX_UNKNOWN_RECORD',
  TX_NOT_RECORD_PATIENT: 'TX_NOT_RECORD_PATIENT',
  TX_GRANT_EXISTS: 'TX_GRANT_EXISTS',
  TX_UNKNOWN_GRANT: 'TX_UNKNOWN_GRANT',
  TX_CHECKPOINT_GAP: 'TX_CHECKPOINT_GAP',
  // headers and blocks
  HEADER_BAD_VERSION: 'HEADER_BAD_VERSION',
  HEADER_BAD_HEIGHT: 'HEADER_BAD_HEIGHT',
  HEADER_BAD_PREV: 'HEADER_BAD_PREV',
  HEADER_BAD_TARGET: 'HEADER_BAD_TARGET',
  HEADER_INSUFFICIENT_WORK: 'HEADER_INSUFFICIENT_WORK',
  TIMESTAMP_TOO_EARLY: 'TIMESTAMP_TOO_EARLY',
  TIMESTAMP_TOO_FAR_AHEAD: 'TIMESTAMP_TOO_FAR_AHEAD',
  BLOCK_NOT_VALIDATOR: 'BLOCK_NOT_VALIDATOR',
  BLOCK_BAD_SIGNATURE: 'BLOCK_BAD_SIGNATURE',
  BLOCK_BAD_MERKLE_ROOT: 'BLOCK_BAD_MERKLE_ROOT',
  BLOCK_TOO_MANY_TXS: 'BLOCK_TOO_MANY_TXS',
  BLOCK_TOO_LARGE: 'BLOCK_TOO_LARGE',
  BLOCK_DUPLICATE_TX: 'BLOCK_DUPLICATE_TX',
  BLOCK_BAD_TX: 'BLOCK_BAD_TX',
  BLOCK_UNKNOWN_PARENT: 'BLOCK_UNKNOWN_PARENT',
  BLOCK_KNOWN: 'BLOCK_KNOWN',
  // proofs and receipts
  PROOF_BAD_INDEX: 'PROOF_BAD_INDEX',
  PROOF_BAD_SIZE: 'PROOF_BAD_SIZE',
  PROOF_ROOT_MISMATCH: 'PROOF_ROOT_MISMATCH',
  RECEIPT_INVALID: 'RECEIPT_INVALID',
  // genesis and store
  GENESIS_INVALID: 'GENESIS_INVALID',
  GENESIS_MISMATCH: 'GENESIS_MISMATCH',
  STORE_CORRUPT: 'STORE_CORRUPT',
  STORE_VERSION: 'STORE_VERSION',
  STORE_FAILED: 'STORE_FAILED',
  STORE_CLOSED: 'STORE_CLOSED',
} as const);
export type LedgerErrorCode = (typeof LedgerErrorCode)[keyof typeof LedgerErrorCode];

export type LedgerErrorDetails = Record<string, string | number | boolean | null | undefined>;

export class LedgerError extends Error {
  override readonly name = 'LedgerError';
  readonly code: LedgerErrorCode;
  readonly details: LedgerErrorDetails;

  constructor(code: LedgerErrorCode, message: string, details: LedgerErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** Prefixes the block's height and hash, as every header and block error should carry them. */
  static inBlock(
    code: LedgerErrorCode,
    block: { height: number; hash: string },
    message: string,
    details: LedgerErrorDetails = {},
  ): LedgerError {
    return new LedgerError(code, `block ${block.height} ${block.hash.slice(0, 16)}: ${message}`, {
      height: block.height,
      hash: block.hash,
      ...details,
    });
  }
}

export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}
