/**
 * A record's receipt as this API's node holds it. The database may already know a record is
 * acknowledged (another API server, or this one through another node, saw the quorum) while the
 * node this server asks has not yet received the block or every acknowledgement: nodes converge
 * within a block or two. Telling a patient "not anchored" in that gap would be a false alarm, so
 * for a record the database holds as anchored the lookup waits, bounded, for the node to catch up.
 * A record still pending answers at once: there is nothing to wait for.
 */
import type { Receipt } from '@chartproof/ledger';
import type { RecordStatus } from '../db/tables.js';

export type ReceiptAnswer = Receipt | 'not_found' | 'not_acknowledged';

export interface LaggingNodeWait {
  /** The longest the lookup waits for a node behind the database. */
  readonly waitMs: number;
  readonly pollMs: number;
}

export const LAGGING_NODE_WAIT: LaggingNodeWait = { waitMs: 5_000, pollMs: 200 };

export async function receiptOf(
  status: RecordStatus,
  fetch: () => Promise<ReceiptAnswer>,
  wait: LaggingNodeWait = LAGGING_NODE_WAIT,
): Promise<ReceiptAnswer> {
  const deadline = Date.now() + wait.waitMs;
  for (;;) {
    const answer = await fetch();
    if (typeof answer !== 'string' || status !== 'anchored' || Date.now() >= deadline) return answer;
    await new Promise((r) => setTimeout(r, Math.min(wait.pollMs, Math.max(0, deadline - Date.now()))));
  }
}
