import { api } from '../../../lib/api-client';
import { path } from '../../../lib/url-path';
import type { AuditEntry } from './get-audit';

export interface AuditProof {
  entry: AuditEntry;
  leaf: string;
  checkpoint: { from: number; to: number; root: string; tx_id: string };
  proof: { index: number; size: number; path: string[] };
  receipt: unknown;
}

/** GET /api/audit/{seq}/proof; 409 while the entry is not yet checkpointed on chain. */
export const getAuditProof = (seq: number): Promise<AuditProof> => api(path`/api/audit/${seq}/proof`);
