/**
 * Which URLs a node dials, and when: the configured peers for good, and learned addresses (the
 * address book) in the outbound slots the configured ones leave, each redialled with exponential
 * backoff and jitter.
 *
 * Nothing a peer says about addresses is believed: a URL counts as connected only while a
 * connection we dialled there is ready, or while the key that answered our last dial there is
 * connected (a `hello.listen` claim proves nothing). So an outsider that claims a validator's URL
 * cannot stop the node from redialling that validator, and no number of `addr` messages can
 * take the slot of a configured peer.
 */
import type { PublicKey } from '@chartproof/ledger';
import type { Logger } from 'pino';
import { AddressBook } from './address-book.js';
import type { Peer } from './peer.js';

export interface DialerOptions {
  /** Our own URL: never dialled. */
  readonly listenUrl: string | null;
  readonly maxOutbound: number;
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  /** Whether plain ws:// may be dialled to a host other than loopback. */
  readonly allowPlaintextRemote: boolean;
  readonly isValidator: (key: PublicKey) => boolean;
}

export interface DialerFns {
  readyPeers(): readonly Peer[];
  /** Opens an outbound connection; its handshake is reported with `proved`, its end with `ended`. */
  open(url: string): void;
}

/** A URL we keep dialling. */
interface DialTarget {
  readonly url: string;
  /** `configured` (--peers) is dialled for good; `learned` comes from the address book. */
  kind: 'configured' | 'learned';
  attempt: number;
  timer: NodeJS.Timeout | null;
  /** The key that completed the handshake on our last dial here: who is at this URL. */
  provenKey: PublicKey | null;
}

export class Dialer {
  readonly addresses = new AddressBook();
  private readonly targets = new Map<string, DialTarget>();
  /** Outbound peers whose handshake completed, even if then closed as a duplicate. */
  private readonly proven = new WeakSet<Peer>();
  private closed = false;

  constructor(
    private readonly options: DialerOptions,
    private readonly fns: DialerFns,
    private readonly log: Logger,
  ) {}

  /** Dial targets by kind, for status and tests. */
  get list(): { configured: string[]; learned: string[] } {
    const of = (kind: DialTarget['kind']) =>
      [...this.targets.values()].filter((t) => t.kind === kind).map((t) => t.url);
    return { configured: of('configured'), learned: of('learned') };
  }

  /** Keeps a connection to a configured peer's `url` for good, redialling with backoff. */
  addConfigured(url: string): void {
    if (this.closed || !this.dialable(url)) return;
    const existing = this.targets.get(url);
    if (existing !== undefined) {
      existing.kind = 'configured';
      return;
    }
    this.addresses.drop(url, Date.now());
    this.targets.set(url, { url, kind: 'configured', attempt: 0, timer: null, provenKey: null });
    this.dial(url);
  }

  /** Addresses from a ready peer's `addr`: into the address book, dialled in the slots left. */
  learn(urls: readonly string[], source: PublicKey): void {
    if (this.closed) return;
    const now = Date.now();
    for (const url of urls) {
      if (this.targets.has(url) || url === this.options.listenUrl || !this.dialable(url, false)) continue;
      this.addresses.learn(url, source, now);
    }
    this.fillLearnedSlots();
  }

  private dialable(url: string, warn = true): boolean {
    if (url === this.options.listenUrl) return false;
    if (!this.options.allowPlaintextRemote && url.startsWith('ws://') && !isLoopbackUrl(url)) {
      if (warn) {
        this.log.warn(
          { url },
          'refusing plain ws:// to a remote host: use wss:// (or --allow-plaintext-remote)',
        );
      }
      return false;
    }
    return true;
  }

  /** Dials the best learned addresses while outbound slots are left over by the other targets. */
  private fillLearnedSlots(): void {
    const free = this.options.maxOutbound - this.targets.size;
    if (this.closed || free <= 0) return;
    for (const url of this.addresses.candidates((u) => this.targets.has(u)).slice(0, free)) {
      this.targets.set(url, { url, kind: 'learned', attempt: 0, timer: null, provenKey: null });
      this.dial(url);
    }
  }

  /** Stops dialling a learned address (dropped from the book) and gives its slot to another. */
  private retire(url: string): void {
    const target = this.targets.get(url);
    if (target === undefined || target.kind !== 'learned') return;
    if (target.timer !== null) clearTimeout(target.timer);
    this.targets.delete(url);
    this.fillLearnedSlots();
  }

  /** Whether the node at the target's URL is connected, by our dial or by its proven key. */
  private reaches(target: DialTarget): boolean {
    return this.fns
      .readyPeers()
      .some((p) => p.url === target.url || (target.provenKey !== null && p.key === target.provenKey));
  }

  private dial(url: string): void {
    const target = this.targets.get(url);
    if (this.closed || target === undefined) return;
    if (this.reaches(target)) {
      this.scheduleRedial(target, false);
      return;
    }
    this.fns.open(url);
  }

  /**
   * Dials again after a backoff: a failed dial doubles it; a target already reached is checked
   * again after the longest backoff.
   */
  private scheduleRedial(target: DialTarget, failed: boolean): void {
    if (this.closed || target.timer !== null || this.targets.get(target.url) !== target) return;
    target.attempt = failed ? target.attempt + 1 : 0;
    const delay = failed
      ? Math.min(
          this.options.reconnectBaseMs * 2 ** Math.min(target.attempt, 16),
          this.options.reconnectMaxMs,
        )
      : this.options.reconnectMaxMs;
    // Jitter keeps three nodes restarted together from redialling in lockstep.
    target.timer = setTimeout(
      () => {
        target.timer = null;
        this.dial(target.url);
      },
      delay * (0.75 + Math.random() * 0.5),
    );
    target.timer.unref();
  }

  /** An outbound connection ended: redial, or count a failed dial against a learned address. */
  ended(peer: Peer): void {
    const target = peer.url === null ? undefined : this.targets.get(peer.url);
    if (target === undefined) return;
    if (
      !this.proven.has(peer) &&
      target.kind === 'learned' &&
      this.addresses.failed(target.url, Date.now())
    ) {
      this.log.debug({ url: target.url }, 'learned address failed repeatedly: dropped');
      this.retire(target.url);
      return;
    }
    this.scheduleRedial(target, true);
  }

  /** A ready peer left: the targets proven to be that key are redialled now, not at their next check. */
  left(key: PublicKey, except: string | null): void {
    if (this.closed) return;
    for (const t of this.targets.values()) {
      if (t.provenKey !== key || t.url === except || t.timer === null) continue;
      clearTimeout(t.timer);
      t.timer = null;
      t.attempt = 0;
      this.scheduleRedial(t, true);
    }
  }

  /**
   * Our dial to `peer.url` completed the handshake with `key`: that key is now who is at the
   * URL. A learned address that reaches a key some other target already reaches only takes a
   * slot, so it is dropped.
   */
  proved(peer: Peer, key: PublicKey): void {
    const target = peer.url === null ? undefined : this.targets.get(peer.url);
    if (target === undefined) return;
    this.proven.add(peer);
    target.attempt = 0;
    target.provenKey = key;
    const now = Date.now();
    const twins = [...this.targets.values()].filter((t) => t !== target && t.provenKey === key);
    if (target.kind === 'learned' && twins.length > 0) {
      this.addresses.drop(target.url, now);
      this.retire(target.url);
      return;
    }
    for (const t of twins) {
      if (t.kind !== 'learned') continue;
      this.addresses.drop(t.url, now);
      this.retire(t.url);
    }
    if (target.kind === 'learned') {
      const isValidator = this.options.isValidator(key);
      for (const moved of this.addresses.succeeded(target.url, key, isValidator, now)) this.retire(moved);
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.targets.values()) if (t.timer !== null) clearTimeout(t.timer);
    this.targets.clear();
  }
}

function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
  } catch {
    return false;
  }
}
