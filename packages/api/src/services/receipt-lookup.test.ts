import { testReceipt } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import { type ReceiptAnswer, receiptOf } from './receipt-lookup.js';

const { receipt } = await testReceipt({ record_id: 'e2e659351b784cddad9ecfa02b541f36' });
const fast = { waitMs: 2_000, pollMs: 5 };

/** A node that answers `lag` times with `first`, then with the receipt. */
function laggingNode(first: 'not_found' | 'not_acknowledged', lag: number) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fetch: async (): Promise<ReceiptAnswer> => (calls++ < lag ? first : receipt),
  };
}

describe('receiptOf (a node behind the database)', () => {
  it.each(['not_found', 'not_acknowledged'] as const)(
    'waits for a node that answers %s for a record the database holds as anchored',
    async (first) => {
      const node = laggingNode(first, 3);
      expect(await receiptOf('anchored', node.fetch, fast)).toBe(receipt);
      expect(node.calls).toBe(4);
    },
  );

  it('answers a pending record at once: the node is not behind, the record is', async () => {
    const node = laggingNode('not_acknowledged', 3);
    expect(await receiptOf('pending', node.fetch, fast)).toBe('not_acknowledged');
    expect(node.calls).toBe(1);
  });

  it('gives up after the bound and reports what the node said', async () => {
    const node = laggingNode('not_found', Number.POSITIVE_INFINITY);
    const started = Date.now();
    expect(await receiptOf('anchored', node.fetch, { waitMs: 50, pollMs: 5 })).toBe('not_found');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(node.calls).toBeGreaterThan(1);
  });
});
