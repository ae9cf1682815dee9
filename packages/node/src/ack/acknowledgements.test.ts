import { type BlockHash, type PublicKey, signAck } from '@chartproof/ledger';
import { testGenesis, testKey } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import { AckTracker, MAX_ACKS_PER_VALIDATOR } from './acknowledgements.js';

const genesis = testGenesis({ validators: 3 });
const v = [0, 1, 2].map((i) => testKey(`validator-${i}`));
const hashAt = (h: number, branch = 'a') =>
  (branch === 'a' ? h.toString(16).padStart(64, '0') : `f${h.toString(16).padStart(63, '0')}`) as BlockHash;
/** Our best chain is branch a at every height up to `tip`. */
const bestUpTo =
  (tip: number) =>
  (hash: BlockHash, height: number): boolean =>
    height <= tip && hash === hashAt(height);
const ack = (validator: number, height: number, branch = 'a') =>
  signAck(v[validator]!, height, hashAt(height, branch), genesis);

describe('AckTracker', () => {
  it('acknowledges a block once a strict majority of validators cover it', () => {
    const t = new AckTracker(genesis.validators, genesis.quorum);
    expect(genesis.quorum).toBe(2);
    const best = bestUpTo(10);
    expect(t.add(ack(0, 5))).toBe(true);
    expect(t.isAcknowledged(5, best)).toBe(false);
    expect(t.add(ack(1, 5))).toBe(true);
    expect(t.isAcknowledged(5, best)).toBe(true);
    expect(new Set(t.coverage(5, best))).toEqual(new Set([v[0]!.publicKey, v[1]!.publicKey]));
    expect(t.isAcknowledged(6, best)).toBe(false);
  });

  it('counts an acknowledgement of a descendant as covering its ancestors', () => {
    const t = new AckTracker(genesis.validators, genesis.quorum);
    t.add(ack(0, 9));
    t.add(ack(2, 7));
    const best = bestUpTo(10);
    for (let h = 1; h <= 7; h++) expect(t.isAcknowledged(h, best)).toBe(true);
    expect(t.isAcknowledged(8, best)).toBe(false);
    expect(t.coverage(8, best)).toEqual([v[0]!.publicKey]);
  });

  it('does not count acknowledgements of blocks off our best chain', () => {
    const t = new AckTracker(genesis.validators, genesis.quorum);
    t.add(ack(0, 6));
    t.add(ack(1, 6, 'b'));
    t.add(ack(1, 8, 'b'));
    const best = bestUpTo(10);
    expect(t.isAcknowledged(5, best)).toBe(false);
    expect(t.coverage(5, best)).toEqual([v[0]!.publicKey]);
    // Once validator-1 acknowledges a block on our chain, it counts again.
    t.add(ack(1, 5));
    expect(t.isAcknowledged(5, best)).toBe(true);
    // A block above our tip is not on our best chain yet.
    const t2 = new AckTracker(genesis.validators, genesis.quorum);
    t2.add(ack(0, 12));
    t2.add(ack(1, 12));
    expect(t2.isAcknowledged(3, bestUpTo(10))).toBe(false);
  });

  it('ignores duplicates and keys that are not genesis validators', () => {
    const t = new AckTracker(genesis.validators, genesis.quorum);
    expect(t.add(ack(0, 3))).toBe(true);
    expect(t.add(ack(0, 3))).toBe(false);
    const stranger = signAck(testKey('stranger'), 3, hashAt(3), genesis);
    expect(t.add(stranger)).toBe(false);
    expect(t.get(v[0]!.publicKey, hashAt(3))).toEqual(ack(0, 3));
    expect(t.get(testKey('stranger').publicKey as PublicKey, hashAt(3))).toBeUndefined();
    expect(t.isAcknowledged(3, bestUpTo(3))).toBe(false);
  });

  it('keeps acknowledgements sorted by height whatever their arrival order, and bounded', () => {
    const t = new AckTracker(genesis.validators, genesis.quorum);
    t.add(ack(0, 9));
    t.add(ack(0, 2));
    t.add(ack(0, 5));
    expect(t.heights()).toEqual({ [v[0]!.publicKey]: 9 });
    expect(t.recent(2).map((a) => a.height)).toEqual([5, 9]);
    for (let h = 10; h < 10 + MAX_ACKS_PER_VALIDATOR; h++) t.add(ack(1, h));
    expect(t.recent(1e9).filter((a) => a.validator === v[1]!.publicKey).length).toBe(MAX_ACKS_PER_VALIDATOR);
  });
});
