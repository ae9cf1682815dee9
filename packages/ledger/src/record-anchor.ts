/**
 * "This receipt anchors this record": the one comparison of a receipt's transaction with the
 * record it is said to prove, shared by the API's integrity check and the browser's proof check
 * (as transparency-dev/merkle has one VerifyInclusion for every caller). It reads the
 * transaction through the wire schema and compares; whether the receipt is on the chain is
 * `verifyReceipt`'s question, asked separately so each caller can report the two apart.
 * Browser-safe.
 */
import { z } from 'zod';
import { TransactionSchema } from './tx/schema.js';

/** The fields of a record.anchor body that tie it to one record. */
export type AnchorField = 'record_id' | 'commitment' | 'patient' | 'creator';

/**
 * What the anchor must state. `commitment` is null where the caller could not recompute it (a
 * malformed salt), so no anchor matches; the keys are compared only where the caller knows them.
 */
export interface ExpectedAnchor {
  readonly record_id: string;
  readonly commitment: string | null;
  readonly patient?: string;
  readonly creator?: string;
}

export interface AnchorFieldCheck {
  readonly ok: boolean;
  readonly onChain: string;
  readonly expected: string | null;
}

export type AnchorFieldChecks = {
  readonly record_id: AnchorFieldCheck;
  readonly commitment: AnchorFieldCheck;
} & {
  readonly [F in 'patient' | 'creator']?: AnchorFieldCheck;
};

export type RecordAnchorCheck =
  /** The receipt holds no well-formed record.anchor transaction. */
  | { readonly anchored: false; readonly ok: false }
  | { readonly anchored: true; readonly ok: boolean; readonly fields: AnchorFieldChecks };

const AnchorTxSchema = z.object({ tx: TransactionSchema });

export function checkRecordAnchor(receipt: unknown, expected: ExpectedAnchor): RecordAnchorCheck {
  const parsed = AnchorTxSchema.safeParse(receipt);
  if (!parsed.success || parsed.data.tx.type !== 'record.anchor') return { anchored: false, ok: false };
  const body = parsed.data.tx.body;
  const field = (onChain: string, want: string | null): AnchorFieldCheck => ({
    ok: want !== null && onChain === want,
    onChain,
    expected: want,
  });
  const fields: AnchorFieldChecks = {
    record_id: field(body.record_id, expected.record_id),
    commitment: field(body.commitment, expected.commitment),
    ...(expected.patient !== undefined ? { patient: field(body.patient, expected.patient) } : {}),
    ...(expected.creator !== undefined ? { creator: field(body.creator, expected.creator) } : {}),
  };
  return { anchored: true, ok: Object.values(fields).every((f) => f.ok), fields };
}
