/** Options of a node, with the defaults of every subsystem in one place. */
import type { Genesis, GenesisDoc, KeyPair } from '@chartproof/ledger';
import type { LogLevel } from './log.js';

export interface NodeOptions {
  readonly genesis: GenesisDoc | Genesis;
  /** The node key: a genesis validator's key makes this node mine and acknowledge. */
  readonly key: KeyPair;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** ws:// or wss:// URLs of peers to keep connected to. */
  readonly peers: readonly string[];
  /** LMDB directory; null keeps the chain in memory (tests only). */
  readonly dataDir: string | null;
  /** Mine when validator (default). */
  readonly mine: boolean;
  readonly logLevel: LogLevel;
  readonly tls?: {
    readonly cert: string | Buffer;
    readonly key: string | Buffer;
    readonly ca?: string | Buffer;
  };
  /** Dial and accept plain ws:// beyond loopback (links between hosts should use wss://). */
  readonly allowPlaintextRemote: boolean;
  /** Dial peers learned from other peers (peer exchange); off keeps to the configured `peers`. */
  readonly discover: boolean;
  /** The URL other nodes should dial for us; defaults to ws(s)://host:port. */
  readonly advertise?: string;
  /** Bearer token for /metrics; unset: loopback callers only (http/metrics-access.ts). */
  readonly metricsToken?: string;
  readonly maxFrameBytes: number;
  readonly maxInbound: number;
  readonly maxOutbound: number;
  readonly maxPeerQueue: number;
  readonly maxSendBuffer: number;
  readonly handshakeTimeoutMs: number;
  readonly pingIntervalMs: number;
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  /** First discouragement of a misbehaving key (doubles each time). */
  readonly discourageBaseMs: number;
  /** Requests in flight on one RPC connection (beyond: OVERLOADED). */
  readonly rpcMaxInFlight: number;
  readonly rpcMaxConnections: number;
  /** RPC connections not authenticated, at most (of rpcMaxConnections); a new one evicts the oldest. */
  readonly rpcMaxUnauthenticated: number;
  /** An RPC connection must authenticate within this, or is closed. */
  readonly rpcAuthTimeoutMs: number;
  /** An RPC connection with nothing in flight that sends nothing for this long is closed. */
  readonly rpcIdleTimeoutMs: number;
  readonly mempoolMaxTxs: number;
  readonly mempoolMaxBytes: number;
}

export const defaultNodeOptions = {
  host: '127.0.0.1',
  port: 0,
  peers: [] as string[],
  dataDir: null,
  mine: true,
  logLevel: 'warn' as LogLevel,
  allowPlaintextRemote: false,
  discover: true,
  // A full block plus framing; the genesis may allow bigger blocks, see frameLimit().
  maxFrameBytes: 8 * 1024 * 1024,
  maxInbound: 32,
  maxOutbound: 16,
  maxPeerQueue: 5000,
  maxSendBuffer: 64 * 1024 * 1024,
  handshakeTimeoutMs: 10_000,
  pingIntervalMs: 30_000,
  reconnectBaseMs: 250,
  reconnectMaxMs: 15_000,
  discourageBaseMs: 60_000,
  rpcMaxInFlight: 5000,
  rpcMaxConnections: 64,
  rpcMaxUnauthenticated: 8,
  rpcAuthTimeoutMs: 10_000,
  rpcIdleTimeoutMs: 300_000,
  mempoolMaxTxs: 50_000,
  mempoolMaxBytes: 64 * 1024 * 1024,
} satisfies Partial<NodeOptions>;

export type NodeOptionsInput = Partial<NodeOptions> & Pick<NodeOptions, 'genesis' | 'key'>;

export function resolveOptions(input: NodeOptionsInput): NodeOptions {
  return { ...defaultNodeOptions, ...input } as NodeOptions;
}
