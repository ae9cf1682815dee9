import { describe, expect, it } from 'vitest';
import {
  BAN_THRESHOLD,
  BanScores,
  MAX_ENTRIES,
  MAX_VALIDATOR_BACKOFF_MS,
  Penalty,
  SCORE_HALFLIFE_MS,
  THRESHOLD_SLACK,
} from './ban-score.js';

const T0 = 1_000_000;

describe('BanScores', () => {
  it('discourages a key once its score reaches the threshold, not before', () => {
    const bans = new BanScores({ backoffBaseMs: 1000 });
    expect(bans.penalize('k', BAN_THRESHOLD - 1, T0, false)).toEqual({
      score: BAN_THRESHOLD - 1,
      discouragedUntil: null,
    });
    expect(bans.discouragedUntil('k', T0)).toBeNull();
    const out = bans.penalize('k', 1, T0, false);
    expect(out.discouragedUntil).toBe(T0 + 1000);
    expect(out.score).toBe(0);
    expect(bans.discouragedUntil('k', T0 + 999)).toBe(T0 + 1000);
    expect(bans.discouragedUntil('k', T0 + 1000)).toBeNull();
    expect(bans.discouragedUntil('other', T0)).toBeNull();
  });

  // PROTOCOL.md §6: a key is discouraged when its score reaches 100, so a burst of charges of one
  // class ends in discouragement at exactly ceil(100 / price) charges, even though the points of
  // the first charges have decayed a little by the time the last one arrives.
  const expectedCounts = {
    MALFORMED: 1,
    INVALID_BLOCK: 1,
    INVALID_TX: 1,
    ORPHAN_BLOCK: 10,
    UNCONNECTING_HEADERS: 10,
    LOW_WORK_HEADERS: 4,
    UNSOLICITED: 5,
  };
  for (const [name, points] of Object.entries(Penalty)) {
    it(`discourages at exactly the documented count of ${name} charges in a burst`, () => {
      const count = expectedCounts[name as keyof typeof expectedCounts];
      expect(count).toBe(Math.ceil(BAN_THRESHOLD / points));
      for (const spacingMs of [1, 10]) {
        const bans = new BanScores({ backoffBaseMs: 1000 });
        for (let i = 1; i < count; i++) {
          const out = bans.penalize('k', points, T0 + i * spacingMs, false);
          expect(out.discouragedUntil, `${name} charge ${i} of ${count}`).toBeNull();
        }
        const last = T0 + count * spacingMs;
        expect(bans.penalize('k', points, last, false).discouragedUntil).toBe(last + 1000);
      }
    });
  }

  it('does not count a score that decayed more than the slack below the threshold', () => {
    const bans = new BanScores();
    // Five 20-point charges 10 s apart: the first four lost about 2.3 points meanwhile.
    for (let i = 0; i < 5; i++) {
      expect(bans.penalize('k', Penalty.UNSOLICITED, T0 + i * 10_000, false).discouragedUntil).toBeNull();
    }
    expect(bans.penalize('k', Penalty.UNSOLICITED, T0 + 50_000, false).discouragedUntil).not.toBeNull();
    const b2 = new BanScores();
    expect(b2.penalize('k', BAN_THRESHOLD - THRESHOLD_SLACK - 0.01, T0, false).discouragedUntil).toBeNull();
    expect(b2.penalize('k', 0.01, T0, false).discouragedUntil).not.toBeNull();
  });

  it('charges a malformed message the whole threshold at once', () => {
    const bans = new BanScores();
    expect(bans.penalize('k', Penalty.MALFORMED, T0, false).discouragedUntil).not.toBeNull();
  });

  it('halves the score every half-life, so occasional faults never add up to a ban', () => {
    const bans = new BanScores();
    bans.penalize('k', 80, T0, false);
    const after = bans.penalize('k', 0, T0 + SCORE_HALFLIFE_MS, false);
    expect(after.score).toBeCloseTo(40, 6);
    const later = bans.penalize('k', 0, T0 + 3 * SCORE_HALFLIFE_MS, false);
    expect(later.score).toBeCloseTo(10, 6);
    // 80 points, then 80 more one half-life later: 40 + 80 = 120 crosses the threshold.
    const b2 = new BanScores();
    b2.penalize('k', 80, T0, false);
    expect(b2.penalize('k', 80, T0 + SCORE_HALFLIFE_MS, false).discouragedUntil).not.toBeNull();
    // Ten orphan blocks spread over ten half-lives never reach it.
    const b3 = new BanScores();
    for (let i = 0; i < 10; i++) {
      expect(
        b3.penalize('k', Penalty.ORPHAN_BLOCK * 5, T0 + i * SCORE_HALFLIFE_MS, false).discouragedUntil,
      ).toBeNull();
    }
  });

  it('doubles the backoff with each further offence', () => {
    const bans = new BanScores({ backoffBaseMs: 1000 });
    let now = T0;
    const backoffs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const until = bans.penalize('k', 100, now, false).discouragedUntil!;
      backoffs.push(until - now);
      now = until;
    }
    expect(backoffs).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps a genesis validator’s backoff and re-admits it when the backoff ends', () => {
    const base = 60_000;
    const bans = new BanScores({ backoffBaseMs: base });
    let now = T0;
    let last = 0;
    for (let i = 0; i < 12; i++) {
      const until = bans.penalize('v', 100, now, true).discouragedUntil!;
      last = until - now;
      expect(last).toBeLessThanOrEqual(MAX_VALIDATOR_BACKOFF_MS);
      expect(bans.discouragedUntil('v', until - 1)).toBe(until);
      expect(bans.discouragedUntil('v', until)).toBeNull();
      now = until;
    }
    expect(last).toBe(MAX_VALIDATOR_BACKOFF_MS);
    // Any other key keeps doubling past the validator cap.
    const other = new BanScores({ backoffBaseMs: base });
    now = T0;
    for (let i = 0; i < 6; i++) now = other.penalize('n', 100, now, false).discouragedUntil!;
    expect(other.penalize('n', 100, now, false).discouragedUntil! - now).toBe(base * 64);
  });

  it('never makes a validator backoff shorter than the configured base', () => {
    const bans = new BanScores({ backoffBaseMs: 2 * MAX_VALIDATOR_BACKOFF_MS });
    expect(bans.penalize('v', 100, T0, true).discouragedUntil).toBe(T0 + 2 * MAX_VALIDATOR_BACKOFF_MS);
  });

  it('keeps at most MAX_ENTRIES keys, forgetting the least recently penalised key that is not discouraged', () => {
    const bans = new BanScores();
    bans.penalize('banned', 100, T0, false);
    bans.penalize('mild', 1, T0, false);
    for (let i = 0; i < MAX_ENTRIES - 2; i++) bans.penalize(`k${i}`, 1, T0, false);
    bans.penalize('overflow', 1, T0, false);
    // 'mild' was the oldest key not discouraged: it went first, and its points with it.
    expect(bans.penalize('mild', 99, T0, false).discouragedUntil).toBeNull();
    // A flood of fresh keys cannot end a discouragement early.
    for (let i = 0; i < 5 * MAX_ENTRIES; i++) bans.penalize(`flood${i}`, 1, T0, false);
    expect(bans.discouragedUntil('banned', T0)).not.toBeNull();
    const size = (bans as unknown as { entries: Map<string, unknown> }).entries.size;
    expect(size).toBe(MAX_ENTRIES);
  });

  it('forgets the oldest discouraged key only when every key is discouraged', () => {
    const bans = new BanScores();
    for (let i = 0; i < MAX_ENTRIES; i++) bans.penalize(`b${i}`, 100, T0, false);
    bans.penalize('one-more', 100, T0, false);
    expect(bans.discouragedUntil('b0', T0)).toBeNull();
    expect(bans.discouragedUntil('b1', T0)).not.toBeNull();
    expect(bans.discouragedUntil('one-more', T0)).not.toBeNull();
  });
});
