/**
 * The block tree and the ledger state of its best chain, kept durable in a KeyValueStore.
 *
 * Every block is checked (block.ts, then against its parent here) before it is stored. A block
 * that extends the tip has its transactions checked and applied at once; a block on a side
 * branch is stored and its transactions checked only if that branch comes to have the most work,
 * when the chain reorganises: the abandoned blocks are reverted (their transactions returned to
 * the caller, for the mempool) and the new branch applied. One store commit per block.
 *
 * Writes are serialised: `addBlock` calls run one at a time in call order, and their commits
 * reach the store in that order; the next block's checks may overlap the previous block's commit
 * (see `addBlock`).
 */
import {
  type Block,
  blockSignatureCheck,
  checkBlock,
  checkProofOfWork,
  decodeBlock,
  encodeBlock,
} from './block.js';
import type { BlockHash, TxId } from './brand.js';
import { bytesToHex, hexToBytes } from './bytes.js';
import { nextBits, type RetargetPoint } from './difficulty.js';
import { isLedgerError, LedgerError } from './errors.js';
import { findForkPoint, hasMoreWork, pathFrom, selectBestTip } from './fork-choice.js';
import type { Genesis } from './genesis.js';
import { type BlockHeader, decodeHeader, HEADER_SIZE, hashHeaderBytes } from './header.js';
import { verifyManyBytes } from './keys.js';
import { targetFromCompact, workFromTarget } from './pow.js';
import { LedgerState } from './state.js';
import {
  BLOCK_KEY_SIZE,
  blockBytesFromValue,
  blockKey,
  blockKeyRange,
  blockValue,
  corruptBlock as corrupt,
  GENESIS_KEY,
  LAYOUT_VERSION,
  parseBlockKey,
  TIP_KEY,
  VERSION_KEY,
  versionBytes,
} from './store/layout.js';
import { migrateLayout } from './store/migrate.js';
import type { KeyValueStore, WriteOp } from './store/store.js';
import { checkTimestamp } from './timestamp.js';
import { encodeTransaction, type TxEncoding } from './tx/encoding.js';
import type { Transaction } from './tx/schema.js';
import { txSignatureCheck } from './tx/signing.js';

export type BlockStatus = 'connected' | 'side' | 'invalid';

export interface BlockEntry {
  readonly hash: BlockHash;
  readonly header: BlockHeader;
  readonly height: number;
  /** Cumulative work from genesis up to and including this block. */
  readonly work: bigint;
  readonly parent: BlockEntry | null;
  status: BlockStatus;
}

/** The entry of a block (or a header not yet backed by one) on `parent`, its work added up. */
export function childEntry(parent: BlockEntry, header: BlockHeader, hash: BlockHash): BlockEntry {
  return {
    hash,
    header,
    height: header.height,
    work: parent.work + workFromTarget(targetFromCompact(header.bits)),
    parent,
    status: 'side',
  };
}

export interface Reorg {
  readonly fork: BlockEntry;
  /** Blocks taken off the best chain, tip first. */
  readonly disconnected: readonly Block[];
  /** Blocks put on the best chain, oldest first (the added block last). */
  readonly connected: readonly Block[];
}

export type AddBlockResult =
  | { readonly status: 'known'; readonly entry: BlockEntry }
  | { readonly status: 'extended'; readonly entry: BlockEntry }
  | { readonly status: 'side'; readonly entry: BlockEntry }
  | { readonly status: 'reorg'; readonly entry: BlockEntry; readonly reorg: Reorg };

export interface AddBlockOptions {
  /** The validating node's clock, for the future-timestamp rule. */
  now?: number;
  /**
   * Signatures this node has already checked (its mempool), keyed by `signatureKey(id, sig)`:
   * not checked again. The key must cover the signature, since a transaction id does not.
   */
  verifiedSignatures?: { has(key: string): boolean };
  /**
   * Called once the chain has taken the block in (connected, stored as a side block, or found
   * known or invalid) and will take the next, possibly before the block is durable.
   */
  onConnected?: () => void;
}

/** Key of a checked signature: the id alone would vouch for any signature over the same body. */
export function signatureKey(id: TxId, sig: string): string {
  return `${id}:${sig}`;
}

const BLOCK_CACHE_SIZE = 256;
/** Blocks at the tip whose every rule, signatures included, is checked again on open. */
export const VERIFY_ON_OPEN = 6;

const noop = () => undefined;

export class Chain {
  readonly genesis: Genesis;
  readonly state: LedgerState;
  private readonly store: KeyValueStore;
  private readonly entries = new Map<BlockHash, BlockEntry>();
  /** The best chain by height: best[h] is the entry at height h. */
  private readonly best: BlockEntry[] = [];
  private readonly cache = new Map<BlockHash, Block>();
  private queue: Promise<unknown> = Promise.resolve();
  /** The last queued store commit (see `commit`). */
  private committed: Promise<void> = Promise.resolve();
  private broken: LedgerError | null = null;

  private constructor(genesis: Genesis, store: KeyValueStore) {
    this.genesis = genesis;
    this.store = store;
    this.state = new LedgerState(genesis.doc.central_authority);
    const root: BlockEntry = {
      hash: genesis.hash,
      header: genesis.header,
      height: 0,
      work: workFromTarget(targetFromCompact(genesis.header.bits)),
      parent: null,
      status: 'connected',
    };
    this.entries.set(root.hash, root);
    this.best.push(root);
  }

  /**
   * Opens the chain in `store`, checking every stored block's hashes and rules again and
   * replaying the best chain into the state. A store whose content fails is reported with
   * STORE_CORRUPT naming the block, never used.
   */
  static async open(genesis: Genesis, store: KeyValueStore): Promise<Chain> {
    const chain = new Chain(genesis, store);
    const storedGenesis = store.get(GENESIS_KEY);
    if (storedGenesis === undefined) {
      await store.commit([
        { key: GENESIS_KEY, value: genesis.hashBytes },
        { key: VERSION_KEY, value: versionBytes(LAYOUT_VERSION) },
      ]);
      return chain;
    }
    if (bytesToHex(storedGenesis) !== genesis.hash) {
      throw new LedgerError(
        'GENESIS_MISMATCH',
        `store belongs to network ${bytesToHex(storedGenesis)}, genesis file is ${genesis.hash}: use another --data directory`,
        { stored: bytesToHex(storedGenesis), genesis: genesis.hash },
      );
    }
    await migrateLayout(store);
    await chain.load();
    return chain;
  }

  get tip(): BlockEntry {
    return this.best[this.best.length - 1]!;
  }

  get height(): number {
    return this.best.length - 1;
  }

  getEntry(hash: BlockHash): BlockEntry | undefined {
    return this.entries.get(hash);
  }

  /** The best-chain entry at `height`, if the chain is that long. */
  entryAtHeight(height: number): BlockEntry | undefined {
    return this.best[height];
  }

  isOnBestChain(hash: BlockHash): boolean {
    const e = this.entries.get(hash);
    return e !== undefined && this.best[e.height] === e;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Decoded block from cache or store; undefined for genesis (it has no body) or unknown hashes. */
  getBlock(hash: BlockHash): Block | undefined {
    const hit = this.cache.get(hash);
    if (hit !== undefined) return hit;
    const entry = this.entries.get(hash);
    if (entry === undefined || entry.height === 0) return undefined;
    const value = this.store.get(blockKey(entry.height, hash));
    if (value === undefined) return undefined;
    const bytes = blockBytesFromValue(value);
    if (bytes === null) throw corrupt(hash, 'its checksum does not match its bytes');
    const block = decodeBlock(bytes, this.genesis);
    this.remember(block);
    return block;
  }

  /** The compact target a child of `parent` must carry. */
  nextBitsAfter(parent: BlockEntry): number {
    const p = this.genesis.params;
    return nextBits(p, this.genesis.powLimit, this.ancestorPoints(parent, p.retarget_window + 1));
  }

  /** Median time past of the blocks up to `parent`: a child must be later. */
  ancestorTimestamps(parent: BlockEntry): number[] {
    return this.ancestorPoints(parent, this.genesis.params.median_time_span).map((a) => a.timestamp);
  }

  private ancestorPoints(parent: BlockEntry, count: number): RetargetPoint[] {
    const out: RetargetPoint[] = [];
    for (let e: BlockEntry | null = parent; e !== null && out.length < count; e = e.parent) {
      out.push({ timestamp: e.header.timestamp, bits: e.header.bits });
    }
    return out.reverse();
  }

  /**
   * Rules a header must meet against its parent: height, target from the retarget rule,
   * timestamp after the median time past and not too far ahead, and its own proof-of-work.
   * Used for blocks here and for headers-first sync before bodies arrive.
   */
  checkHeader(header: BlockHeader, hash: BlockHash, parent: BlockEntry, now: number): void {
    const at = { height: header.height, hash };
    if (header.prevHash !== parent.hash) {
      throw LedgerError.inBlock(
        'HEADER_BAD_PREV',
        at,
        `previous hash ${header.prevHash}, parent is ${parent.hash}`,
      );
    }
    if (parent.status === 'invalid') {
      throw LedgerError.inBlock('HEADER_BAD_PREV', at, `parent ${parent.hash} is invalid`);
    }
    if (header.height !== parent.height + 1) {
      throw LedgerError.inBlock(
        'HEADER_BAD_HEIGHT',
        at,
        `height ${header.height}, want ${parent.height + 1}`,
      );
    }
    const want = this.nextBitsAfter(parent);
    if (header.bits !== want) {
      throw LedgerError.inBlock(
        'HEADER_BAD_TARGET',
        at,
        `bits 0x${header.bits.toString(16)}, retarget rule gives 0x${want.toString(16)}`,
      );
    }
    checkProofOfWork(hash, header, this.genesis);
    checkTimestamp(
      at,
      header.timestamp,
      this.ancestorTimestamps(parent),
      now,
      this.genesis.params.max_future_ms,
    );
  }

  /** Resolves once every `addBlock` called so far has finished (for a clean close). */
  async idle(): Promise<void> {
    await this.queue;
    await this.committed;
  }

  /**
   * Validates and stores a block; see the module comment. Throws a LedgerError if invalid, and
   * resolves only once the block is durable, so nothing is acknowledged before that.
   *
   * Blocks are taken one at a time, but one that extends the tip lets the next be checked while
   * its own commit is still being synced to disk (`onConnected` says when): a syncing node then
   * spends its fsync waits on the next block's signatures.
   */
  addBlock(block: Block, options: AddBlockOptions = {}): Promise<AddBlockResult> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = this.queue.then(() => this.addBlockNow(block, options, release));
    const taken = Promise.race([released, run.then(noop, noop)]);
    this.queue = taken;
    if (options.onConnected !== undefined) void taken.then(options.onConnected);
    return run;
  }

  /**
   * Queues a store commit behind the previous one, so commits reach the store in block order.
   * A failed commit leaves blocks connected in memory that are not on disk (later ones may
   * already sit on them), so the chain refuses every further block with STORE_FAILED: the
   * process must restart, and its chain reopens from what the store holds.
   */
  private commit(ops: WriteOp[]): Promise<void> {
    const next = this.committed.then(() => {
      if (this.broken !== null) throw this.broken;
      return this.store.commit(ops);
    });
    this.committed = next.catch((e: unknown) => {
      this.broken ??= new LedgerError(
        'STORE_FAILED',
        `a store commit failed (${(e as Error)?.message ?? String(e)}): restart the node; its chain reopens from the store`,
      );
    });
    return next.catch((e: unknown) => {
      throw this.broken ?? e;
    });
  }

  private async addBlockNow(
    block: Block,
    options: AddBlockOptions,
    release: () => void,
  ): Promise<AddBlockResult> {
    if (this.broken !== null) throw this.broken;
    const known = this.entries.get(block.hash);
    if (known !== undefined) {
      if (known.status === 'invalid') {
        throw LedgerError.inBlock(
          'BLOCK_BAD_TX',
          { height: block.header.height, hash: block.hash },
          'block was already found invalid',
          { hash: block.hash },
        );
      }
      return { status: 'known', entry: known };
    }
    const parent = this.entries.get(block.header.prevHash);
    if (parent === undefined) {
      throw LedgerError.inBlock(
        'BLOCK_UNKNOWN_PARENT',
        { height: block.header.height, hash: block.hash },
        `parent ${block.header.prevHash} is unknown`,
        {
          parent: block.header.prevHash,
        },
      );
    }
    this.checkHeader(block.header, block.hash, parent, options.now ?? Date.now());
    // Each transaction is canonicalised once, for the Merkle root, its signature and the store.
    const encodings = block.txs.map(encodeTransaction);
    // The miner's signature is checked with the transactions' below, in one batch over every core;
    // addBlock calls are queued, so nothing else changes the chain meanwhile.
    checkBlock(block, this.genesis, { encodings, checkSignature: false });
    await this.checkSignatures(block, encodings, options.verifiedSignatures);

    const entry = childEntry(parent, block.header, block.hash);
    const bytes = blockValue(
      encodeBlock(
        block,
        encodings.map((e) => e.leaf),
      ),
    );

    if (parent === this.tip) {
      this.connect(block, entry); // throws, leaving nothing applied, if a transaction is invalid
      // Known before the commit resolves: readers meanwhile see the new tip and its transactions
      // in the state, so its entry and block must be found too (a receipt asked for then).
      this.entries.set(entry.hash, entry);
      this.remember(block);
      const durable = this.commit([
        { key: blockKey(entry.height, block.hash), value: bytes },
        { key: TIP_KEY, value: hexToBytes(block.hash) },
      ]);
      release();
      await durable;
      return { status: 'extended', entry };
    }

    await this.commit([{ key: blockKey(entry.height, block.hash), value: bytes }]);
    this.entries.set(entry.hash, entry);
    this.remember(block);
    if (!hasMoreWork(entry, this.tip)) return { status: 'side', entry };
    const reorg = this.reorganise(entry, block);
    await this.commit([{ key: TIP_KEY, value: hexToBytes(this.tip.hash) }]);
    if (reorg === null) {
      throw LedgerError.inBlock(
        'BLOCK_BAD_TX',
        { height: block.header.height, hash: block.hash },
        'branch holds an invalid transaction',
        { hash: block.hash },
      );
    }
    return { status: 'reorg', entry, reorg };
  }

  /** The miner's signature, then every transaction signature not already checked by this node. */
  private async checkSignatures(
    block: Block,
    encodings: readonly TxEncoding[],
    verified?: { has(key: string): boolean },
  ): Promise<void> {
    const todo: number[] = [];
    for (const [i, tx] of block.txs.entries()) {
      if (!verified?.has(signatureKey(block.txIds[i]!, tx.sig))) todo.push(i);
    }
    const genesisHash = this.genesis.hashBytes;
    const ok = await verifyManyBytes([
      blockSignatureCheck(block, this.genesis),
      ...todo.map((i) => txSignatureCheck(block.txs[i]!, genesisHash, encodings[i]!)),
    ]);
    const at = { height: block.header.height, hash: block.hash };
    if (!ok[0]) throw LedgerError.inBlock('BLOCK_BAD_SIGNATURE', at, 'miner signature does not verify');
    const bad = ok.indexOf(false, 1);
    if (bad < 0) return;
    const i = todo[bad - 1]!;
    const id = block.txIds[i]!;
    throw LedgerError.inBlock('BLOCK_BAD_TX', at, `transaction ${i} (${id}) has a bad signature`, {
      index: i,
      txId: id,
    });
  }

  /** Checks and applies the block's transactions on the tip; all or nothing. */
  private connect(block: Block, entry: BlockEntry): void {
    let applied = 0;
    try {
      for (const [i, tx] of block.txs.entries()) {
        const id = block.txIds[i]!;
        this.state.check(tx, id);
        this.state.apply(tx, id, { blockHash: block.hash, height: entry.height, index: i });
        applied++;
      }
    } catch (e) {
      for (let i = applied - 1; i >= 0; i--) this.state.revert(block.txs[i]!, block.txIds[i]!);
      if (isLedgerError(e)) {
        throw LedgerError.inBlock('BLOCK_BAD_TX', { height: entry.height, hash: entry.hash }, e.message, {
          reason: e.code,
          index: applied,
        });
      }
      throw e;
    }
    entry.status = 'connected';
    this.best.push(entry);
  }

  private disconnect(block: Block, entry: BlockEntry): void {
    for (let i = block.txs.length - 1; i >= 0; i--) this.state.revert(block.txs[i]!, block.txIds[i]!);
    entry.status = 'side';
    this.best.pop();
  }

  /**
   * Moves the tip to `newTip`. If a block of the new branch turns out invalid, it and its
   * descendants are marked invalid, the old chain is restored, and null is returned.
   */
  private reorganise(newTip: BlockEntry, newBlock: Block): Reorg | null {
    const oldTip = this.tip;
    const fork = findForkPoint(oldTip, newTip);
    const disconnected: Block[] = [];
    while (this.tip !== fork) {
      const entry = this.tip;
      const block = this.mustGetBlock(entry.hash);
      this.disconnect(block, entry);
      disconnected.push(block);
    }
    const connected: Block[] = [];
    for (const entry of pathFrom(fork, newTip)) {
      const block = entry === newTip ? newBlock : this.mustGetBlock(entry.hash);
      try {
        this.connect(block, entry);
        connected.push(block);
      } catch (e) {
        if (!isLedgerError(e)) throw e;
        this.markInvalid(entry);
        for (let i = connected.length - 1; i >= 0; i--) this.disconnect(connected[i]!, this.tip);
        for (let i = disconnected.length - 1; i >= 0; i--) {
          this.connect(disconnected[i]!, this.entries.get(disconnected[i]!.hash)!);
        }
        return null;
      }
    }
    return { fork, disconnected, connected };
  }

  /** Marks `bad` and all its descendants: entries are inserted parents first, so one pass does. */
  private markInvalid(bad: BlockEntry): void {
    bad.status = 'invalid';
    for (const e of this.entries.values()) {
      if (e.parent !== null && e.parent.status === 'invalid' && e.height > bad.height) e.status = 'invalid';
    }
  }

  private mustGetBlock(hash: BlockHash): Block {
    const block = this.getBlock(hash);
    if (block === undefined)
      throw new LedgerError('STORE_CORRUPT', `block ${hash} is indexed but missing from the store`);
    return block;
  }

  private remember(block: Block): void {
    if (this.cache.size >= BLOCK_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(block.hash, block);
  }

  /**
   * Rebuilds the tree and state from the store; see `open`. Every stored block's checksum and
   * header hash are checked, the headers against their parents, and the best chain's
   * transactions are replayed into the state. Signatures are checked again only for the last
   * VERIFY_ON_OPEN blocks (as Bitcoin Core's -checkblocks does): the checksum already shows
   * that no stored byte changed, and re-verifying every signature would make a restart take
   * minutes on a long chain.
   */
  private async load(): Promise<void> {
    const headers: Array<{ hash: BlockHash; header: BlockHeader }> = [];
    for (const [key, value] of this.store.range(blockKeyRange.start, blockKeyRange.end)) {
      const named = parseBlockKey(key);
      if (named === undefined) {
        throw new LedgerError(
          'STORE_CORRUPT',
          `the store holds a block key of ${key.length} bytes, not ${BLOCK_KEY_SIZE}: the store is damaged; restore it or resync`,
        );
      }
      const { hash } = named;
      const bytes = blockBytesFromValue(value);
      if (bytes === null || bytes.length < HEADER_SIZE)
        throw corrupt(hash, 'its checksum does not match its bytes');
      const headerBytes = bytes.subarray(0, HEADER_SIZE);
      const got = hashHeaderBytes(headerBytes);
      if (got !== hash) throw corrupt(hash, `its header hashes to ${got}`);
      let header: BlockHeader;
      try {
        header = decodeHeader(Uint8Array.from(headerBytes)); // a copy (slice() of a Buffer is a view)
      } catch (e) {
        throw corrupt(hash, (e as Error).message);
      }
      if (header.height !== named.height) {
        throw corrupt(hash, `it is stored at height ${named.height} but its header says ${header.height}`);
      }
      headers.push({ hash, header }); // in key order, so by height: parents first
    }
    for (const { hash, header } of headers) {
      const parent = this.entries.get(header.prevHash);
      if (parent === undefined || parent.height !== header.height - 1) {
        throw new LedgerError(
          'STORE_CORRUPT',
          `stored block ${hash} at height ${header.height} has no stored parent ${header.prevHash}: the store is damaged; restore it or resync`,
          { hash },
        );
      }
      try {
        this.checkHeader(header, hash, parent, Number.POSITIVE_INFINITY);
      } catch (e) {
        throw new LedgerError('STORE_CORRUPT', `stored block ${hash}: ${(e as Error).message}`, { hash });
      }
      this.entries.set(hash, childEntry(parent, header, hash));
    }
    // Replay the branch with the most work (the stored tip wins ties); a branch whose
    // transactions fail is marked invalid and the next best tried.
    const storedTip = this.store.get(TIP_KEY);
    const preferred =
      storedTip === undefined ? undefined : this.entries.get(bytesToHex(storedTip) as BlockHash);
    for (;;) {
      const leaves = this.leaves();
      const target = selectBestTip(leaves, preferred);
      if (target === undefined || target === this.tip) break;
      const fork = findForkPoint(this.tip, target);
      while (this.tip !== fork) this.disconnect(this.mustGetBlock(this.tip.hash), this.tip);
      for (const entry of pathFrom(fork, target)) {
        try {
          this.connect(this.mustGetBlock(entry.hash), entry);
        } catch (e) {
          if (!isLedgerError(e)) throw e;
          this.markInvalid(entry);
          break;
        }
      }
      if (this.tip === target) break;
    }
    for (let h = Math.max(1, this.height - VERIFY_ON_OPEN + 1); h <= this.height; h++) {
      const block = this.mustGetBlock(this.best[h]!.hash);
      try {
        checkBlock(block, this.genesis);
      } catch (e) {
        throw corrupt(block.hash, (e as Error).message);
      }
    }
  }

  private leaves(): BlockEntry[] {
    const hasChild = new Set<BlockEntry>();
    for (const e of this.entries.values())
      if (e.parent !== null && e.status !== 'invalid') hasChild.add(e.parent);
    return [...this.entries.values()].filter((e) => e.status !== 'invalid' && !hasChild.has(e));
  }

  /** Transactions of abandoned blocks that the new chain does not hold: what goes back to the mempool. */
  static returnedTransactions(reorg: Reorg): Transaction[] {
    const kept = new Set<TxId>(reorg.connected.flatMap((b) => b.txIds));
    const out: Transaction[] = [];
    for (const block of [...reorg.disconnected].reverse()) {
      for (const [i, tx] of block.txs.entries()) if (!kept.has(block.txIds[i]!)) out.push(tx);
    }
    return out;
  }
}
