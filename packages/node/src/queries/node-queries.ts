/**
 * What a node answers about its chain: the one interface the client RPC (rpc/handlers.ts) and the
 * read-only HTTP (http/explorer-api.ts) both read through. A query returns its answer or throws a
 * QueryError; "not there" is always `QueryError('NOT_FOUND')`, never `undefined` or a flag.
 */
import type {
  AccountRole,
  BlockHash,
  BlockHeader,
  BlockJson,
  GenesisDoc,
  Id128,
  PublicKey,
  Receipt,
  Transaction,
  TxId,
} from '@chartproof/ledger';

export const QueryErrorCode = Object.freeze({
  NOT_FOUND: 'NOT_FOUND',
  /** The transaction is on chain, but a quorum of validators has not acknowledged it yet. */
  NOT_ACKNOWLEDGED: 'NOT_ACKNOWLEDGED',
} as const);
export type QueryErrorCode = (typeof QueryErrorCode)[keyof typeof QueryErrorCode];

/** Codes and messages are the RPC's wire answers (`{code, message}`), which the API reads. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly code: QueryErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new QueryError(QueryErrorCode.NOT_FOUND, message);

export interface PeerStatus {
  readonly key: PublicKey | null;
  readonly direction: 'inbound' | 'outbound';
  readonly address: string;
  readonly height: number;
  readonly validator: boolean;
}

export interface NodeStatus {
  readonly agent: string;
  readonly network: string;
  readonly genesis: BlockHash;
  readonly node_key: PublicKey;
  readonly validator: boolean;
  readonly mining: boolean;
  readonly height: number;
  readonly tip: BlockHash;
  readonly tip_timestamp: number;
  readonly work: string;
  readonly mempool: number;
  readonly syncing: boolean;
  readonly peers: readonly PeerStatus[];
  readonly acknowledged_heights: Record<string, number>;
  readonly quorum: number;
  readonly block_interval_ms: number;
}

export type TxInfo =
  | { readonly tx_id: TxId; readonly tx: Transaction; readonly status: 'pending' }
  | {
      readonly tx_id: TxId;
      readonly tx: Transaction;
      readonly status: 'acknowledged' | 'mined';
      readonly block_hash: BlockHash;
      readonly height: number;
      readonly index: number;
      readonly timestamp: number;
      readonly confirmations: number;
    };

export type RecordInfo = TxInfo & {
  readonly record_id: Id128;
  readonly patient: PublicKey;
  readonly creator: PublicKey;
  readonly commitment: string;
  readonly date: string;
};

export interface AnchorPage {
  readonly patient: PublicKey;
  readonly total: number;
  readonly offset: number;
  readonly anchors: readonly RecordInfo[];
}

export interface AccountInfo {
  readonly key: PublicKey;
  readonly role: AccountRole;
  /** The off-chain id of the holder; null for the central authority, named by the genesis. */
  readonly subject: Id128 | null;
}

export interface GrantInfo {
  readonly request_id: Id128;
  readonly record_id: Id128;
  readonly grantee: PublicKey;
  readonly grant_tx: TxId;
  readonly revoke_tx: TxId | null;
  readonly live: boolean;
}

export interface CheckpointInfo {
  readonly from: number;
  readonly to: number;
  readonly root: string;
  readonly tx_id: TxId;
  readonly block_hash: BlockHash;
  readonly height: number;
}

export interface CheckpointPage {
  readonly signer: PublicKey;
  /** Where the signer's last checkpoint on the best chain ends (0 before the first). */
  readonly end: number;
  readonly checkpoints: readonly CheckpointInfo[];
}

export interface BlockSummary {
  readonly height: number;
  readonly hash: BlockHash;
  readonly timestamp: number;
  readonly miner: PublicKey;
  readonly txs: number;
}

export interface BlockInfo {
  readonly hash: BlockHash;
  readonly height: number;
  readonly on_best_chain: boolean;
  readonly confirmations: number;
  readonly header: BlockHeader;
  readonly encoded?: BlockJson;
  readonly tx_ids?: readonly TxId[];
}

export type ReceiptQuery = { readonly record_id: Id128 } | { readonly tx_id: TxId };

export interface NodeQueries {
  status(): NodeStatus;
  genesis(): GenesisDoc;
  /** Best-chain blocks from `before - 1` (or the tip) downwards, newest first. */
  blocks(before: number | null, limit: number): { readonly height: number; readonly blocks: BlockSummary[] };
  block(hash: BlockHash): BlockInfo;
  tx(id: TxId): TxInfo;
  record(id: Id128): RecordInfo;
  anchors(patient: PublicKey, offset: number, limit: number): AnchorPage;
  account(key: PublicKey): AccountInfo;
  grant(requestId: Id128): GrantInfo;
  /** A signer's audit checkpoints on the best chain that cover seq `from` onwards, oldest first. */
  checkpoints(signer: PublicKey, from: number, limit: number): CheckpointPage;
  /** Throws NOT_ACKNOWLEDGED while the transaction lacks a quorum of acknowledgements. */
  receipt(by: ReceiptQuery): Receipt;
}
