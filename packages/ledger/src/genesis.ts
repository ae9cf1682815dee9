/**
 * The genesis file: the network's identity and constitution. It names the network, the central
 * authority (root of trust for accounts), the validator keys (the only keys that may mine and
 * acknowledge blocks) and the consensus parameters. Its block hash is the network id: every
 * signature commits to it, so nothing signed for one network is valid on another.
 */
import { z } from 'zod';
import { type BlockHash, type Hash32, type PublicKey, PublicKeySchema } from './brand.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import { LedgerError } from './errors.js';
import { Tags, taggedHash } from './hash.js';
import { type BlockHeader, encodeHeader, HEADER_VERSION, hashHeaderBytes, ZERO_HASH } from './header.js';
import { canonicalBytes } from './jcs.js';
import { isValidAccountKey } from './keys.js';
import { compactFromTarget, isCanonicalCompact, targetFromCompact } from './pow.js';

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const ConsensusParamsSchema = z
  .object({
    /** The interval difficulty retargets toward. */
    block_interval_ms: int(50, 3_600_000),
    /** Compact target of block 1. */
    initial_bits: z.number().int().refine(isCanonicalCompact, 'expected a canonical compact target'),
    /**
     * The easiest target any block may have: the difficulty floor. Miners work only when there
     * are transactions, so idle hours look like slow blocks; the floor keeps them from driving
     * the cost of a block down to nothing (see difficulty.ts).
     */
    pow_limit_bits: z.number().int().refine(isCanonicalCompact, 'expected a canonical compact target'),
    /** How many past intervals the retarget averages over. */
    retarget_window: int(1, 1000),
    /** A single interval counts at most this many block intervals in the average. */
    max_interval_factor: int(1, 64),
    max_block_txs: int(1, 100_000),
    max_block_bytes: int(1024, 32 * 1024 * 1024),
    max_tx_bytes: int(256, 1024 * 1024),
    /** How far a block's timestamp may run ahead of a node's clock. */
    max_future_ms: int(0, 24 * 3_600_000),
    /** How many past blocks form the median time past. */
    median_time_span: int(1, 101),
  })
  .strict();
export type ConsensusParams = z.infer<typeof ConsensusParamsSchema>;

export const GenesisSchema = z
  .object({
    chartproof_genesis: z.literal(1),
    network: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'expected a lowercase network name of 1..64 characters'),
    timestamp: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    central_authority: PublicKeySchema,
    validators: z.array(PublicKeySchema).min(1).max(64),
    consensus: ConsensusParamsSchema,
  })
  .strict()
  .superRefine((g, ctx) => {
    if (new Set(g.validators).size !== g.validators.length) {
      ctx.addIssue({ code: 'custom', path: ['validators'], message: 'validator keys must be unique' });
    }
    for (const [i, key] of [g.central_authority, ...g.validators].entries()) {
      if (!isValidAccountKey(hexToBytes(key))) {
        ctx.addIssue({
          code: 'custom',
          path: i === 0 ? ['central_authority'] : ['validators', i - 1],
          message: 'not a valid Ed25519 key (non-canonical, small-order or torsioned point)',
        });
      }
    }
    if (targetFromCompact(g.consensus.initial_bits) > targetFromCompact(g.consensus.pow_limit_bits)) {
      ctx.addIssue({
        code: 'custom',
        path: ['consensus', 'initial_bits'],
        message: 'initial target is easier than pow_limit_bits',
      });
    }
  });
export type GenesisDoc = z.infer<typeof GenesisSchema>;

/** A parsed genesis with what every rule needs precomputed. */
export interface Genesis {
  readonly doc: GenesisDoc;
  readonly header: BlockHeader;
  readonly headerBytes: Uint8Array;
  readonly hash: BlockHash;
  readonly hashBytes: Uint8Array;
  readonly params: ConsensusParams;
  readonly validators: ReadonlySet<PublicKey>;
  readonly powLimit: bigint;
  /** Strict majority of the validators: the acknowledgement quorum. */
  readonly quorum: number;
}

export function parseGenesis(json: unknown): Genesis {
  const r = GenesisSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new LedgerError(
      'GENESIS_INVALID',
      `genesis ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      {
        field: issue.path.join('.'),
      },
    );
  }
  const doc = r.data;
  const header: BlockHeader = {
    version: HEADER_VERSION,
    height: 0,
    prevHash: ZERO_HASH,
    merkleRoot: bytesToHex(taggedHash(Tags.GENESIS, canonicalBytes(doc))) as Hash32,
    timestamp: doc.timestamp,
    bits: doc.consensus.initial_bits,
    nonce: 0,
    miner: '0'.repeat(64) as PublicKey,
  };
  const headerBytes = encodeHeader(header);
  const hash = hashHeaderBytes(headerBytes);
  return Object.freeze({
    doc,
    header,
    headerBytes,
    hash,
    hashBytes: hexToBytes(hash),
    params: doc.consensus,
    validators: new Set(doc.validators),
    powLimit: targetFromCompact(doc.consensus.pow_limit_bits),
    quorum: Math.floor(doc.validators.length / 2) + 1,
  });
}

export interface CreateGenesisOptions {
  network: string;
  centralAuthority: PublicKey;
  validators: readonly PublicKey[];
  timestamp?: number;
  consensus?: Partial<ConsensusParams>;
}

/**
 * Defaults for a local network of three validators sharing two cores: about 300k hashes per
 * block (about one second at the combined rate of three low-priority miners), and a floor of
 * 1/15 of that. Block times are exponential: a transaction waits on average one whole interval
 * after it enters a template, so the interval bounds both latency and, for a fixed number of
 * submissions in flight, throughput; a shorter one is a genesis choice
 * (`chartproof genesis --block-interval-ms`). Between hosts, keep it at twenty round trips or
 * more, so that validators rarely mine on the same parent.
 */
export const DEFAULT_CONSENSUS: ConsensusParams = Object.freeze({
  block_interval_ms: 1000,
  initial_bits: compactFromTarget((1n << 256n) / 300_000n),
  pow_limit_bits: compactFromTarget((1n << 256n) / 20_000n),
  retarget_window: 20,
  max_interval_factor: 4,
  max_block_txs: 4000,
  max_block_bytes: 4 * 1024 * 1024,
  max_tx_bytes: 4096,
  max_future_ms: 120_000,
  median_time_span: 11,
});

export function createGenesis(options: CreateGenesisOptions): GenesisDoc {
  const doc = {
    chartproof_genesis: 1 as const,
    network: options.network,
    timestamp: options.timestamp ?? Date.now(),
    central_authority: options.centralAuthority,
    validators: [...options.validators],
    consensus: { ...DEFAULT_CONSENSUS, ...options.consensus },
  };
  parseGenesis(doc); // refuse to create what could not be loaded
  return doc;
}
