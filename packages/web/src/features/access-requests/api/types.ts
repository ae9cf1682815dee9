/** Request documents of contract 2.12–2.16 and the grants list. */
export interface AccessRequest {
  _id: string;
  health_record_id: string;
  patient_id: string;
  health_authority_id: string;
  health_authority_name?: string;
  status?: string;
  created_at?: string;
  /** Who asks (added for consent with context). */
  doctor_id?: string;
  doctor_name?: string;
}

export interface Grant {
  _id: string;
  health_record_id: string;
  health_authority_id: string;
  health_authority_name: string;
  status: 'accepted' | 'consumed' | 'revoked';
  accepted_at: string;
  doctor_name?: string;
  /** A revocation waiting for the chain's acknowledgement. */
  revoking?: boolean;
  /** When the grant lapses, if the server sets one. */
  expires_at?: string;
}

/** A grant's state as the patient reads it. */
export type GrantState = 'Active' | 'Used' | 'Expired' | 'Revoked';

export function grantState(g: Grant, now = Date.now()): GrantState {
  if (g.status === 'revoked') return 'Revoked';
  if (g.status === 'consumed') return 'Used';
  if (g.expires_at !== undefined && Date.parse(g.expires_at) <= now) return 'Expired';
  return 'Active';
}
