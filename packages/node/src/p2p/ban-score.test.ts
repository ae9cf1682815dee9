import { describe, expect, it } from 'vitest';
import {
  BAN_THRESHOLD,
  BanScores,
  MAX_ENTRIES,
  MAX_VALIDATOR_BACKOFF_MS,
  Penalty,
  SCORE_HALFLIFE_MS,
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
