/**
 * The addresses a node learned from `addr` messages, pure (the clock is passed in). Anyone who
 * completes a handshake may send `addr`, so nothing in it is trusted: the book is bounded in
 * total and per sender, an address that fails MAX_FAILURES dials in a row is dropped and not
 * re-learned for FORGET_MS, and an address is only ever tied to a node key by a dial of ours
 * that completed the handshake there. Addresses proven to be genesis validators are pinned:
 * they are never dropped for failures (a hospital's node may be down for hours) and are dialled
 * before any other learned address. Configured `--peers` are not in the book at all.
 */

export const AddressBookLimits = Object.freeze({
  /** Learned addresses kept; `addr` carries at most 100 at a time. */
  MAX_ENTRIES: 256,
  /** Addresses held from any one sender, so that one outsider cannot fill the book. */
  MAX_PER_SOURCE: 32,
  /** Failed dials in a row after which an address that is not pinned is dropped. */
  MAX_FAILURES: 3,
  /** How long a dropped address is ignored when it is announced again. */
  FORGET_MS: 10 * 60_000,
  /** Dropped addresses remembered; the oldest is forgotten first. */
  MAX_DROPPED: 1024,
});

interface Entry {
  /** Node key of the peer that told us, or '' for addresses that a dial proved first. */
  readonly source: string;
  failures: number;
  /** Set once a dial of ours reached a genesis validator there. */
  validator: string | null;
}

export class AddressBook {
  private readonly entries = new Map<string, Entry>();
  private readonly dropped = new Map<string, number>();

  get size(): number {
    return this.entries.size;
  }

  has(url: string): boolean {
    return this.entries.has(url);
  }

  isPinned(url: string): boolean {
    return this.entries.get(url)?.validator != null;
  }

  /** Adds an address announced by `source`; false when it is refused or already known. */
  learn(url: string, source: string, now: number): boolean {
    if (this.entries.has(url)) return false;
    const droppedAt = this.dropped.get(url);
    if (droppedAt !== undefined) {
      if (now - droppedAt < AddressBookLimits.FORGET_MS) return false;
      this.dropped.delete(url);
    }
    let fromSource = 0;
    for (const e of this.entries.values()) if (e.source === source) fromSource++;
    if (fromSource >= AddressBookLimits.MAX_PER_SOURCE) return false;
    if (this.entries.size >= AddressBookLimits.MAX_ENTRIES && !this.evictFailing()) return false;
    this.entries.set(url, { source, failures: 0, validator: null });
    return true;
  }

  /**
   * A dial of ours completed the handshake at `url` with `key`. A genesis validator's address is
   * pinned, and any other address pinned to the same validator is dropped (it moved): those are
   * returned, for the caller to stop dialling them.
   */
  succeeded(url: string, key: string, isValidator: boolean, now: number): string[] {
    const e = this.entries.get(url);
    if (e === undefined) return [];
    e.failures = 0;
    if (!isValidator) return [];
    const moved = [...this.entries].filter(([u, o]) => u !== url && o.validator === key).map(([u]) => u);
    for (const u of moved) this.drop(u, now);
    e.validator = key;
    return moved;
  }

  /** A dial of ours failed; true when the address was dropped for it. */
  failed(url: string, now: number): boolean {
    const e = this.entries.get(url);
    if (e === undefined) return false;
    e.failures++;
    if (e.validator !== null || e.failures < AddressBookLimits.MAX_FAILURES) return false;
    this.drop(url, now);
    return true;
  }

  /** Drops an address and ignores it for FORGET_MS (e.g. it answered with a key we already reach). */
  drop(url: string, now: number): void {
    this.entries.delete(url);
    this.dropped.delete(url);
    this.dropped.set(url, now);
    if (this.dropped.size > AddressBookLimits.MAX_DROPPED)
      this.dropped.delete(this.dropped.keys().next().value!);
  }

  /** Addresses to dial, best first: pinned validators, then the fewest failures, then the oldest. */
  candidates(skip: (url: string) => boolean): string[] {
    const rank = (e: Entry) => (e.validator !== null ? -1 : e.failures);
    return [...this.entries]
      .filter(([url]) => !skip(url))
      .sort(([, a], [, b]) => rank(a) - rank(b))
      .map(([url]) => url);
  }

  /** Makes room by dropping the most-failed address that is not pinned; false if none has failed. */
  private evictFailing(): boolean {
    let worst: [string, Entry] | undefined;
    for (const kv of this.entries) {
      if (
        kv[1].validator === null &&
        kv[1].failures > 0 &&
        (worst === undefined || kv[1].failures > worst[1].failures)
      )
        worst = kv;
    }
    if (worst === undefined) return false;
    this.entries.delete(worst[0]);
    return true;
  }
}
