/**
 * The API's view of the chain: typed calls over the node RPC (`NodeRpcClient` from
 * @chartproof/node, which fails over across the configured nodes), with the node's answers
 * mapped onto the API's error model once:
 *
 * - no node answering (or a node on another network) → 503 "Blockchain unavailable", never a hang;
 * - a transaction the chain refuses → ChainRejected, carrying the ledger's code and text;
 * - not found → null.
 *
 * It authenticates to the node with the keys `keys` gives at each connect (PROTOCOL.md §7): the
 * nodes answer submissions and per-key or per-record queries only to a key the chain accepts.
 */
import type { BlockHash, Genesis, KeyPair, PublicKey, Receipt, Transaction, TxId } from '@chartproof/ledger';
import {
  type CheckpointInfo,
  type GrantInfo,
  NodeRpcClient,
  type RecordInfo,
  RpcClientError,
  type TxInfo,
} from '@chartproof/node';
import { ApiError } from '../errors.js';

export interface Acknowledged {
  readonly tx_id: TxId;
  readonly block_hash: BlockHash;
  readonly height: number;
  readonly acknowledged_by: readonly PublicKey[];
}

/** The node's answers, as its queries type them (the RPC sends them as they are). */
export type { GrantInfo, TxInfo };
export type AnchorInfo = RecordInfo;
/** An audit checkpoint as the chain holds it. */
export type ChainCheckpoint = CheckpointInfo;

export class ChainRejected extends Error {
  override readonly name = 'ChainRejected';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LEDGER_REJECTION = /^(TX_|BAD_ENCODING|NOT_CANONICAL)/;
export const UNAVAILABLE = 'Blockchain unavailable';

export interface ChainClientOptions {
  readonly readTimeoutMs: number;
  readonly submitTimeoutMs: number;
  /** Told of every failed call, by code, for metrics. */
  readonly onError?: (code: string) => void;
  /** The keys to authenticate with, preferred first, asked for at every connect to a node. */
  readonly keys?: () => readonly KeyPair[];
}

export class ChainClient {
  private networkChecked = false;
  readonly rpc: NodeRpcClient;

  constructor(
    readonly urls: readonly string[],
    readonly genesis: Genesis,
    private readonly options: ChainClientOptions = { readTimeoutMs: 10_000, submitTimeoutMs: 60_000 },
  ) {
    // Fails over across every configured node; a request no node can take fails within
    // `unavailableAfterMs` (503), never waiting for its whole timeout.
    this.rpc = new NodeRpcClient(urls, {
      timeoutMs: options.readTimeoutMs,
      reconnectMaxMs: 2_000,
      unavailableAfterMs: 5_000,
      ...(options.keys !== undefined ? { auth: { genesis, key: options.keys } } : {}),
    });
  }

  close(): Promise<void> {
    return this.rpc.close();
  }

  private async call<T>(method: string, params: unknown, timeoutMs: number): Promise<T | null> {
    if (!this.networkChecked && method !== 'status') await this.checkNetwork();
    try {
      return await this.rpc.call<T>(method, params, timeoutMs);
    } catch (e) {
      if (!(e instanceof RpcClientError)) throw e;
      this.options.onError?.(e.code);
      if (e.code === 'NOT_FOUND') return null;
      if (LEDGER_REJECTION.test(e.code)) throw new ChainRejected(e.code, e.message);
      if (e.code === 'NOT_ACKNOWLEDGED') throw new ChainRejected(e.code, e.message);
      throw unavailable(e.code === 'TIMEOUT' ? 'no chain node answered in time' : e.message);
    }
  }

  /** A node on another genesis would prove nothing about ours: refuse to use it. */
  private async checkNetwork(): Promise<void> {
    const s = await this.status();
    if (s.genesis !== this.genesis.hash) {
      this.options.onError?.('GENESIS_MISMATCH');
      throw unavailable(
        `the node at ${this.rpc.url} is on network ${s.genesis}, not ${this.genesis.hash}; check PEER_FOR_COMMUNICATION`,
      );
    }
    this.networkChecked = true;
  }

  async status(): Promise<{ genesis: string; height: number; block_interval_ms: number; quorum: number }> {
    const s = await this.call<{ genesis: string; height: number; block_interval_ms: number; quorum: number }>(
      'status',
      {},
      this.options.readTimeoutMs,
    );
    if (s === null) throw unavailable('status not available');
    return s;
  }

  /** Resolves once a majority of validators acknowledge the transaction. */
  async submit(tx: Transaction): Promise<Acknowledged> {
    const timeout = this.options.submitTimeoutMs;
    const r = await this.call<Acknowledged & { status: string }>(
      'submit',
      { tx, timeout_ms: timeout },
      timeout + 5_000,
    );
    if (r === null || r.status !== 'acknowledged') throw unavailable('the transaction was not acknowledged');
    return r;
  }

  receipt(by: { record_id: string } | { tx_id: string }): Promise<Receipt | null> {
    return this.call<Receipt>('receipt', by, this.options.readTimeoutMs);
  }

  record(recordId: string): Promise<AnchorInfo | null> {
    return this.call<AnchorInfo>('record', { record_id: recordId }, this.options.readTimeoutMs);
  }

  tx(txId: string): Promise<TxInfo | null> {
    return this.call<TxInfo>('tx', { tx_id: txId }, this.options.readTimeoutMs);
  }

  account(key: string): Promise<{ key: string; role: string; subject: string | null } | null> {
    return this.call('account', { key }, this.options.readTimeoutMs);
  }

  grant(requestId: string): Promise<GrantInfo | null> {
    return this.call<GrantInfo>('grant', { request_id: requestId }, this.options.readTimeoutMs);
  }

  /** Every audit checkpoint of a service key on the best chain, in order. */
  async checkpoints(signer: string): Promise<{ end: number; checkpoints: ChainCheckpoint[] }> {
    const out: ChainCheckpoint[] = [];
    let end = 0;
    for (let from = 1; ; ) {
      const page = await this.call<{ end: number; checkpoints: ChainCheckpoint[] }>(
        'checkpoints',
        { signer, from, limit: 1000 },
        this.options.readTimeoutMs,
      );
      if (page === null) break;
      end = page.end;
      out.push(...page.checkpoints);
      const last = page.checkpoints.at(-1);
      if (last === undefined || last.to >= page.end || page.checkpoints.length < 1000) break;
      from = last.to + 1;
    }
    return { end, checkpoints: out };
  }

  /** Every anchor of a patient, in chain order, at most `max`. */
  async anchors(patient: string, max = 500): Promise<AnchorInfo[]> {
    const out: AnchorInfo[] = [];
    for (let offset = 0; out.length < max; ) {
      const page = await this.call<{ total: number; anchors: AnchorInfo[] }>(
        'anchors',
        { patient, offset, limit: Math.min(500, max - out.length) },
        this.options.readTimeoutMs,
      );
      if (page === null || page.anchors.length === 0) break;
      out.push(...page.anchors);
      offset += page.anchors.length;
      if (offset >= page.total) break;
    }
    return out;
  }
}

export function unavailable(detail: string): ApiError {
  return new ApiError(503, `${UNAVAILABLE}: ${detail}`);
}
