/**
 * Headers-first sync. From a peer with more work we ask for headers after our locator, check
 * each against its parent (target, timestamps, proof-of-work) as it arrives, and keep them in
 * memory only; blocks are requested once the peer's header chain shows more work than ours, in
 * order, a bounded window at a time. A header chain that ends with less work than ours is
 * dropped (and its sender charged): cheap low-work headers never fill memory or disk.
 *
 * Written against injected functions (lodestar's SyncChainFns), so the state machine runs in
 * tests without sockets.
 */
import {
  type BlockEntry,
  type BlockHash,
  type BlockHeader,
  bytesToHex,
  childEntry,
  decodeHeader,
  encodeHeader,
  hashHeaderBytes,
  hexToBytes,
  isLedgerError,
} from '@chartproof/ledger';
import { isAheadOfOurClock, Penalty } from '../p2p/ban-score.js';
import { Limits } from '../p2p/messages.js';
import { buildLocator, findLocatorFork } from './locator.js';

/** The chain as sync sees it. */
export interface SyncChain {
  readonly tip: BlockEntry;
  getEntry(hash: BlockHash): BlockEntry | undefined;
  entryAtHeight(height: number): BlockEntry | undefined;
  isOnBestChain(hash: BlockHash): boolean;
  checkHeader(header: BlockHeader, hash: BlockHash, parent: BlockEntry, now: number): void;
}

export interface SyncPeer {
  readonly label: string;
  lastTip: { height: number; hash: string; work: bigint };
}

export interface SyncFns<P extends SyncPeer> {
  sendGetHeaders(peer: P, locator: BlockHash[]): void;
  sendHeaders(peer: P, headers: string[]): void;
  requestBlocks(peer: P, hashes: BlockHash[]): void;
  penalize(peer: P, points: number, reason: string): void;
  now(): number;
}

export interface SyncOptions {
  /** Blocks requested and not yet received, per peer. */
  readonly blockWindow: number;
  /** Headers held in memory per peer before their chain has shown enough work. */
  readonly maxPendingHeaders: number;
  /** A peer that answers nothing for this long loses its sync slot (no penalty). */
  readonly stallMs: number;
}

/** How far (in blocks) a peer's answered chain may end below our tip before that is its fault. */
export const RACE_DEPTH = 6;

function decodeAll(hexes: readonly string[]): Array<{ header: BlockHeader; hash: BlockHash }> {
  return hexes.map((hex) => {
    const bytes = hexToBytes(hex);
    return { header: decodeHeader(bytes), hash: hashHeaderBytes(bytes) };
  });
}

export const defaultSyncOptions: SyncOptions = {
  blockWindow: 256,
  maxPendingHeaders: 100_000,
  stallMs: 30_000,
};

interface PeerSync {
  /** Checked headers not yet on our chain, in order; blocks are fetched from the front. */
  pending: BlockEntry[];
  /** `pending` by hash. */
  index: Map<BlockHash, BlockEntry>;
  /** How many of `pending` have been requested. */
  requested: number;
  headersInFlight: boolean;
  /** The last headers batch was full: the peer has more. */
  more: boolean;
  /** The peer announced a tip while we synced with it: look again when done. */
  announced: boolean;
  lastActivity: number;
}

export class HeaderSync<P extends SyncPeer> {
  private readonly peers = new Map<P, PeerSync>();

  constructor(
    private readonly chain: SyncChain,
    private readonly fns: SyncFns<P>,
    private readonly options: SyncOptions = defaultSyncOptions,
  ) {}

  /** Whether any peer is being synced from. */
  get active(): boolean {
    for (const s of this.peers.values()) if (s.headersInFlight || s.pending.length > 0) return true;
    return false;
  }

  /** Starts a sync with `peer` if it claims more work than we have. */
  maybeSync(peer: P): void {
    if (peer.lastTip.work <= this.chain.tip.work) return;
    const s = this.state(peer);
    if (s.headersInFlight || s.pending.length > 0) return;
    this.askHeaders(peer, s);
  }

  removePeer(peer: P): void {
    this.peers.delete(peer);
  }

  /** Answers a peer's getheaders from our best chain. */
  onGetHeaders(peer: P, locator: readonly BlockHash[]): void {
    const fork = findLocatorFork(locator, (h) =>
      this.chain.isOnBestChain(h) ? this.chain.getEntry(h)?.height : undefined,
    );
    const out: string[] = [];
    for (let h = fork + 1; h <= this.chain.tip.height && out.length < Limits.MAX_HEADERS; h++) {
      out.push(bytesToHex(encodeHeader(this.chain.entryAtHeight(h)!.header)));
    }
    this.fns.sendHeaders(peer, out);
  }

  /** A peer's answer to our getheaders. Unasked `headers` are a protocol fault (tips come as `announce`). */
  onHeaders(peer: P, hexes: readonly string[]): void {
    const s = this.state(peer);
    if (!s.headersInFlight) {
      this.fns.penalize(peer, Penalty.UNSOLICITED, 'headers we did not ask for');
      return;
    }
    s.headersInFlight = false;
    s.lastActivity = this.fns.now();
    if (hexes.length === 0) {
      s.more = false;
      this.finishIfLowWork(peer, s);
      this.settle(peer, s);
      return;
    }
    const headers = decodeAll(hexes);
    const last = s.pending[s.pending.length - 1];
    const prev = headers[0]!.header.prevHash;
    const parent = this.chain.getEntry(prev) ?? (last?.hash === prev ? last : undefined);
    if (parent === undefined) {
      // An answer starts where our locator and the peer's chain last agree, which we know.
      this.fns.penalize(peer, Penalty.UNCONNECTING_HEADERS, 'headers do not connect to our locator');
      this.reset(s);
      return;
    }
    if (!this.ingest(peer, s, headers, parent)) return;
    const tipOfPending = s.pending[s.pending.length - 1];
    const full = s.pending.length > this.options.maxPendingHeaders;
    if (full && (tipOfPending === undefined || tipOfPending.work <= this.chain.tip.work)) {
      this.fns.penalize(
        peer,
        Penalty.LOW_WORK_HEADERS,
        `more than ${this.options.maxPendingHeaders} headers without enough work`,
      );
      this.reset(s);
      return;
    }
    s.more = hexes.length === Limits.MAX_HEADERS;
    // Past the bound with enough work, the next headers wait until blocks have drained the queue.
    if (s.more && !full) this.askHeaders(peer, s, tipOfPending?.hash);
    else if (!s.more) this.finishIfLowWork(peer, s);
    this.requestMore(peer, s);
    this.settle(peer, s);
  }

  /**
   * A tip a peer adopted, sent unasked. Never charged for not connecting or for lacking work: a
   * competing tip of equal work is no fault, and a tip whose parent we lack just means we are
   * behind. While a sync with the peer runs, it is noted and looked at once the sync ends.
   */
  onAnnounce(peer: P, hexes: readonly string[]): void {
    const s = this.state(peer);
    if (s.headersInFlight || s.pending.length > 0) {
      s.announced = true;
      return;
    }
    const headers = decodeAll(hexes);
    const parent = this.chain.getEntry(headers[0]!.header.prevHash);
    if (parent === undefined) {
      this.askHeaders(peer, s);
      return;
    }
    if (!this.ingest(peer, s, headers, parent)) return;
    const tip = s.pending[s.pending.length - 1];
    if (tip === undefined || tip.work <= this.chain.tip.work) {
      this.reset(s);
      return;
    }
    this.requestMore(peer, s);
  }

  /**
   * Checks headers against their parents and appends them to the peer's pending chain; false
   * (the peer charged, its pending chain dropped) if one breaks a rule.
   */
  private ingest(peer: P, s: PeerSync, headers: ReturnType<typeof decodeAll>, first: BlockEntry): boolean {
    const now = this.fns.now();
    let parent = first;
    for (const { header, hash } of headers) {
      const known = this.chain.getEntry(hash) ?? s.index.get(hash);
      if (known !== undefined) {
        parent = known;
        continue;
      }
      try {
        this.chain.checkHeader(header, hash, parent, now);
      } catch (e) {
        if (!isLedgerError(e)) throw e;
        // Ahead of our clock: dropped uncharged, and asked for again by a later announcement.
        if (!isAheadOfOurClock(e))
          this.fns.penalize(peer, Penalty.INVALID_BLOCK, `invalid header: ${e.message}`);
        this.reset(s);
        return false;
      }
      if (s.pending.length > 0 && parent !== s.pending[s.pending.length - 1] && !s.index.has(parent.hash)) {
        // A header chain forking from another point: start over from it.
        this.reset(s);
      }
      const entry = childEntry(parent, header, hash);
      s.pending.push(entry);
      s.index.set(hash, entry);
      parent = entry;
    }
    const tip = s.pending[s.pending.length - 1];
    if (tip !== undefined && tip.work > peer.lastTip.work) {
      peer.lastTip = { height: tip.height, hash: tip.hash, work: tip.work };
    }
    return true;
  }

  /** A sync with the peer has ended: follow up an announcement that came meanwhile. */
  private whenIdle(peer: P, s: PeerSync): void {
    if (s.announced) {
      s.announced = false;
      this.askHeaders(peer, s);
    } else {
      this.maybeSync(peer);
    }
  }

  /** A block arrived from `peer` and was processed (stored, or found invalid). */
  onBlockProcessed(peer: P, hash: BlockHash): void {
    const s = this.peers.get(peer);
    if (s === undefined) return;
    s.lastActivity = this.fns.now();
    if (!s.index.has(hash)) return;
    const i = s.pending.findIndex((e) => e.hash === hash);
    for (const e of s.pending.splice(0, i + 1)) s.index.delete(e.hash);
    s.requested = Math.max(0, s.requested - (i + 1));
    this.requestMore(peer, s);
    if (s.more && !s.headersInFlight && s.pending.length <= this.options.maxPendingHeaders) {
      this.askHeaders(peer, s, s.pending[s.pending.length - 1]?.hash);
    }
    this.settle(peer, s);
  }

  /**
   * The peer answered `notfound` for blocks. Honest nodes keep every block they sent a header
   * for, but a peer that cannot serve its own chain must not hold the sync slot until the stall
   * timer: the slot is dropped (no charge) and the periodic check starts over with any peer.
   */
  onNotFound(peer: P, hashes: readonly BlockHash[]): void {
    const s = this.peers.get(peer);
    if (s === undefined || !hashes.some((h) => s.index.has(h))) return;
    this.reset(s);
  }

  /**
   * Ends the sync with a peer once nothing is in flight and what is left of its header chain no
   * longer beats ours (our chain may have outgrown it while its blocks were on the way); without
   * this the leftover headers would keep the slot busy and every later announcement from the
   * peer would wait behind them for good.
   */
  private settle(peer: P, s: PeerSync): void {
    if (s.headersInFlight || s.requested > 0 || s.more) return;
    const tip = s.pending[s.pending.length - 1];
    if (tip !== undefined && tip.work > this.chain.tip.work) return;
    // The peer's whole answered chain is no better than ours: what it claimed before is disproved,
    // and only a new announcement starts another sync (no getheaders loop on a stale claim).
    if (peer.lastTip.work > this.chain.tip.work) {
      const shown = tip ?? this.chain.tip;
      peer.lastTip = { height: shown.height, hash: shown.hash, work: shown.work };
    }
    const announced = s.announced;
    this.reset(s);
    s.announced = announced;
    this.whenIdle(peer, s);
  }

  /** Drops sync slots of peers that went quiet, so another peer can serve. */
  checkStalls(): P[] {
    const stalled: P[] = [];
    const now = this.fns.now();
    for (const [peer, s] of this.peers) {
      if ((s.headersInFlight || s.requested > 0) && now - s.lastActivity > this.options.stallMs) {
        this.reset(s);
        stalled.push(peer);
      }
    }
    return stalled;
  }

  /**
   * Drops an answered header chain that ended with no more work than ours. Our chain may simply
   * have grown while the answer was on its way (validators race), so only a chain that ends more
   * than RACE_DEPTH blocks below our tip is charged: the peer claimed work it does not have.
   */
  private finishIfLowWork(peer: P, s: PeerSync): void {
    const tip = s.pending[s.pending.length - 1];
    if (tip !== undefined && !s.more && tip.work <= this.chain.tip.work && s.requested === 0) {
      if (this.chain.tip.height - tip.height > RACE_DEPTH) {
        this.fns.penalize(peer, Penalty.LOW_WORK_HEADERS, 'header chain ended with far less work than ours');
      }
      this.reset(s);
    }
  }

  private requestMore(peer: P, s: PeerSync): void {
    const tip = s.pending[s.pending.length - 1];
    if (tip === undefined || tip.work <= this.chain.tip.work) return;
    const room = this.options.blockWindow - s.requested;
    const unrequested = s.pending.length - s.requested;
    if (room <= 0 || unrequested <= 0) return;
    const size = Math.min(room, Limits.MAX_GETDATA_BLOCKS, unrequested);
    // Top up a batch at a time, not one getdata per block received: while blocks are in flight,
    // wait until a quarter of the window is free (or what is left fits).
    if (s.requested > 0 && size < Math.min(Math.ceil(this.options.blockWindow / 4), unrequested)) return;
    const batch = s.pending.slice(s.requested, s.requested + size);
    s.requested += batch.length;
    this.fns.requestBlocks(
      peer,
      batch.map((e) => e.hash),
    );
  }

  private askHeaders(peer: P, s: PeerSync, from?: BlockHash): void {
    const locator = buildLocator(this.chain.tip.height, (h) => this.chain.entryAtHeight(h)!.hash);
    if (from !== undefined) locator.unshift(from);
    s.headersInFlight = true;
    s.lastActivity = this.fns.now();
    this.fns.sendGetHeaders(peer, locator.slice(0, Limits.MAX_LOCATOR));
  }

  private reset(s: PeerSync): void {
    s.pending = [];
    s.index = new Map();
    s.requested = 0;
    s.headersInFlight = false;
    s.more = false;
    s.announced = false;
  }

  private state(peer: P): PeerSync {
    let s = this.peers.get(peer);
    if (s === undefined) {
      s = {
        pending: [],
        index: new Map(),
        requested: 0,
        headersInFlight: false,
        announced: false,
        more: false,
        lastActivity: this.fns.now(),
      };
      this.peers.set(peer, s);
    }
    return s;
  }
}
