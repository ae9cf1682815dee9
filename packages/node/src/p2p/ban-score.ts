/**
 * Misbehaviour accounting, pure (the clock is passed in). Every rejection names its price in
 * points (bcoin's VerifyError score); a peer reaching BAN_THRESHOLD is disconnected and its node
 * key discouraged for a backoff that doubles with each offence. A genesis validator's backoff is
 * capped short: a network of 3 to 7 hospitals cannot afford to lose one for good, so it is
 * re-admitted once the backoff ends (and the operator is told in the logs).
 */

export const Penalty = Object.freeze({
  /** Not JSON, fails its schema, binary or oversized frame, message before handshake. */
  MALFORMED: 100,
  /** A block or header that breaks a consensus rule (PoW, signature, Merkle root, target). */
  INVALID_BLOCK: 100,
  /** A transaction with a bad signature or shape; state conflicts are not the peer's fault. */
  INVALID_TX: 100,
  /** A block whose parent we do not know, sent without being asked. */
  ORPHAN_BLOCK: 10,
  /** Headers that do not connect to anything we know. */
  UNCONNECTING_HEADERS: 10,
  /** A header chain that ended with less work than ours. */
  LOW_WORK_HEADERS: 25,
  /** A `headers` reply we never asked for: tips are announced with `announce`, never `headers`. */
  UNSOLICITED: 20,
});

/**
 * A block or header whose timestamp is too far ahead of our clock is not charged: either clock may
 * be wrong (ours included), and the block becomes valid as time passes (Bitcoin's "time-too-new").
 * Charging it would discourage a validator for every block it mined while its clock ran ahead, a
 * backoff that doubles each time and outlasts the fix of the clock. Proof-of-work still bounds
 * how many such blocks anyone can send.
 */
export function isAheadOfOurClock(e: { readonly code: string }): boolean {
  return e.code === 'TIMESTAMP_TOO_FAR_AHEAD';
}

/** Points at which a peer is disconnected and discouraged. */
export const BAN_THRESHOLD = 100;
/**
 * Slack below BAN_THRESHOLD that still counts as reaching it. Points decay continuously, so five
 * 20-point charges a few milliseconds apart add up to 99.99…, not 100: without the slack the
 * documented count (100 / price) would be one short. A twentieth of a point is the decay of a
 * full score over about 0.4 s: a burst reaches the threshold at the documented count, while
 * charges seconds or minutes apart still decay as documented (50 points every half-life stays
 * below the threshold for ten charges).
 */
export const THRESHOLD_SLACK = 0.05;
/** Points decay by half every SCORE_HALFLIFE_MS, so occasional faults never add up to a ban. */
export const SCORE_HALFLIFE_MS = 10 * 60_000;
/** First discouragement; each further one doubles it. */
export const BASE_BACKOFF_MS = 60_000;
/** Longest discouragement of a genesis validator. */
export const MAX_VALIDATOR_BACKOFF_MS = 10 * 60_000;
/** Longest discouragement of any other node. */
export const MAX_BACKOFF_MS = 24 * 3600_000;
/** Bounded memory: the least recently penalised entries are forgotten first. */
export const MAX_ENTRIES = 1000;

interface Entry {
  score: number;
  updated: number;
  offences: number;
  until: number;
}

export interface PenaltyOutcome {
  readonly score: number;
  /** Set when this penalty crossed the threshold: the key is discouraged until then. */
  readonly discouragedUntil: number | null;
}

export class BanScores {
  private readonly entries = new Map<string, Entry>();
  private readonly backoffBaseMs: number;

  constructor(options: { backoffBaseMs?: number } = {}) {
    this.backoffBaseMs = options.backoffBaseMs ?? BASE_BACKOFF_MS;
  }

  penalize(key: string, points: number, now: number, isValidator: boolean): PenaltyOutcome {
    const e = this.entries.get(key) ?? { score: 0, updated: now, offences: 0, until: 0 };
    e.score = decay(e.score, now - e.updated) + points;
    e.updated = now;
    let discouragedUntil: number | null = null;
    if (e.score >= BAN_THRESHOLD - THRESHOLD_SLACK) {
      const cap = isValidator ? MAX_VALIDATOR_BACKOFF_MS : MAX_BACKOFF_MS;
      const backoff = Math.min(this.backoffBaseMs * 2 ** e.offences, Math.max(cap, this.backoffBaseMs));
      e.offences++;
      e.score = 0;
      e.until = now + backoff;
      discouragedUntil = e.until;
    }
    this.entries.delete(key);
    this.entries.set(key, e);
    if (this.entries.size > MAX_ENTRIES) this.evict(now);
    return { score: e.score, discouragedUntil };
  }

  /**
   * Forgets the least recently penalised key that is not discouraged now, so that filling the
   * table with fresh keys can never end a discouragement early; only if every key is
   * discouraged does the oldest go.
   */
  private evict(now: number): void {
    for (const [key, e] of this.entries) {
      if (e.until <= now) {
        this.entries.delete(key);
        return;
      }
    }
    this.entries.delete(this.entries.keys().next().value!);
  }

  /** The end of the key's discouragement, or null if it may connect. */
  discouragedUntil(key: string, now: number): number | null {
    const e = this.entries.get(key);
    return e !== undefined && e.until > now ? e.until : null;
  }
}

function decay(score: number, elapsedMs: number): number {
  return elapsedMs <= 0 ? score : score * 0.5 ** (elapsedMs / SCORE_HALFLIFE_MS);
}
