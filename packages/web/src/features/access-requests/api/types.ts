/** Request documents of contract 2.12–2.16 and the grants list. */
export interface AccessRequest {
  _id: string;
  health_record_id: string;
  patient_id: string;
  health_authority_id: string;
  health_authority_name?: string;
  status?: string;
}

export interface Grant {
  _id: string;
  health_record_id: string;
  health_authority_id: string;
  health_authority_name: string;
  status: 'accepted' | 'consumed';
  accepted_at: string;
}
