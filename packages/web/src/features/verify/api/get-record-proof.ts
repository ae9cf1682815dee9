import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { HealthRecord } from '../../../types/records';

export interface RecordProof {
  record_id: string;
  /** The server's own verdict (as 2.8 words it). */
  result?: string;
  record: HealthRecord;
  salt: string;
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

/** GET /api/health-records/{id}/proof: the plaintext, its salt and the chain receipt. */
export const getRecordProof = (id: string): Promise<RecordProof> =>
  api(path`/api/health-records/${id}/proof`);
