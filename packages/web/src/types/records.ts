/** Health record shapes of contract 2.6–2.11, shared by the record, request and proof screens. */

/** The plaintext record: server fields plus the doctor's free-form ones (values are strings). */
export interface HealthRecord {
  _id: string;
  date: string;
  patient_id: string;
  doctor_id?: string;
  doctor_first_name?: string;
  doctor_last_name?: string;
  health_authority_id?: string;
  health_authority_name?: string;
  patient_first_name?: string;
  patient_last_name?: string;
  [field: string]: unknown;
}

/** An item of 2.9 and 2.11 own mode: the record and the opaque token Verify takes. */
export interface KeyedRecord {
  health_record: HealthRecord;
  key: string;
  /** The stored record does not decrypt (possible tampering): only its ids and date are known. */
  unreadable?: true;
  problem?: string;
  /** The commitment's salt, given with a grant's one read (decrypt) to re-check it later. */
  salt?: string;
}

export type RequestStatus = 'none' | 'pending' | 'accepted' | 'consumed' | 'revoked' | 'denied';

/** An item of 2.11 external mode: what the chain says exists, and this HA's access to it. */
export interface ExternalRecord {
  health_record_id: string;
  health_authority_id?: string;
  health_authority_name: string;
  added_at_blockchain: string;
  patient_id: string;
  key?: string;
  request_status?: RequestStatus;
}
