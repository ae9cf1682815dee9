import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { HealthRecord } from '../../../types/records';

export interface RecordProof {
  record_id: string;
  /** The server's own verdict (as 2.8 words it). */
  result?: string;
  /** Absent (with `record_withheld`) for a caller who may not read the record (a used grant). */
  record?: HealthRecord;
  salt?: string;
  record_withheld?: true;
  commitment: string;
  receipt: unknown;
  anchor: {
    tx_id: string;
    block_hash: string;
    height: number;
    confirmations: number;
    acknowledged_by: string[];
  };
  genesis_hash: string;
  nodes: string[];
}

/** GET /api/health-records/{id}/proof: the chain receipt, and the plaintext and its salt for readers. */
export const getRecordProof = (id: string): Promise<RecordProof> =>
  api(path`/api/health-records/${id}/proof`);
