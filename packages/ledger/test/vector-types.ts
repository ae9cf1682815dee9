import type { RefHeader } from './reference/header.js';
/** The shapes of the JSON files under test/vectors/, shared by the generator and the suites. */

export interface VectorFile {
  source: string;
  desc: string;
}

export interface JcsFile extends VectorFile {
  cases: { name: string; input: string; output: string }[];
}
export interface JcsInvalidFile extends VectorFile {
  cases: { name: string; input: string; wantErr: string }[];
}
export interface JcsNumbersFile extends VectorFile {
  cases: { ieee: string; output: string | null }[];
}

export interface MerkleRootsFile extends VectorFile {
  leaves: string[];
  leafHashes: string[];
  /** roots[n] is the root of the first n leaves; roots[0] is the empty tree. */
  roots: string[];
}
export interface InclusionCase {
  name: string;
  desc: string;
  leafHash: string;
  leafIndex: number;
  treeSize: number;
  proof: string[];
  root: string;
  wantErr: string | null;
}
export interface InclusionFile extends VectorFile {
  cases: InclusionCase[];
}

/** A header's fields as the vectors write them: the naive reference's own shape. */
export type HeaderFields = RefHeader;
export interface HeaderFile extends VectorFile {
  cases: { name: string; header: HeaderFields; encoding: string; hash: string }[];
  invalid: { name: string; desc: string; encoding: string; wantErr: string }[];
}

export interface TxFile extends VectorFile {
  genesisHash: string;
  maxTxBytes: number;
  keys: Record<string, { seed: string; publicKey: string }>;
  cases: {
    name: string;
    signer: string;
    tx: { type: string; signer: string; body: Record<string, unknown>; sig: string };
    signingMessage: string;
    txId: string;
    leafData: string;
    leafHash: string;
  }[];
  invalid: { name: string; desc: string; json: unknown; wantErr: string; field: string | null }[];
  badSignatures: { name: string; desc: string; tx: unknown; genesisHash: string }[];
}

export interface Ed25519Case {
  name: string;
  desc: string;
  publicKey: string;
  message: string;
  signature: string;
  /** The raw RFC 8032 §5.1.7 cofactorless check both backends perform: [S]B = R + [k]A, byte-exact R. */
  backend: boolean | null;
  /** keys.ts verifyBytes: the backend check plus canonical S, R, A and no small-order A. */
  verifyBytes: boolean;
  isValidAccountKey: boolean;
}
export interface Ed25519File extends VectorFile {
  cases: (Ed25519Case & { secretKey?: string })[];
}

export interface CommitmentFile extends VectorFile {
  cases: { name: string; record: unknown; salt: string; canonical: string; commitment: string }[];
}

export interface RecordAnchorCase {
  name: string;
  desc: string;
  record: unknown;
  /** Hex; not always valid hex, so that "no commitment" is a case. */
  salt: string;
  record_id: string;
  patient?: string | undefined;
  creator?: string | undefined;
  /** Absent: the file's receipt. */
  receipt?: unknown;
  wantAnchored: boolean;
  wantFailed: ('record_id' | 'commitment' | 'patient' | 'creator')[];
}
export interface RecordAnchorFile extends VectorFile {
  /** The commitment the file's receipt anchors: that of the happy path's record and salt. */
  commitment: string;
  receipt: unknown;
  cases: RecordAnchorCase[];
}
