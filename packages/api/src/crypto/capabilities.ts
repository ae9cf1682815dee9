/**
 * The opaque `key` / `secret_key` strings of the contract (section 5, F12): HMAC-SHA256 tokens
 * naming a principal and a record, never the data key. A token is valid only for the principal it
 * was issued to, and only while the server still finds that principal entitled.
 *
 *   patient token  HMAC(cap, "patient:" + patient_id + ":" + record_id)   own records, 2.10
 *   owner token    HMAC(cap, "ha:" + ha_id + ":" + record_id)             the creating HA's doctors
 *   grant token    HMAC(cap, "grant:" + request_id + ":" + record_id)     one approved request
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export class Capabilities {
  constructor(private readonly secret: Uint8Array) {}

  private token(message: string): string {
    return createHmac('sha256', this.secret).update(message, 'utf8').digest('base64url');
  }

  patient(patientId: string, recordId: string): string {
    return this.token(`patient:${patientId}:${recordId}`);
  }

  owner(healthAuthorityId: string, recordId: string): string {
    return this.token(`ha:${healthAuthorityId}:${recordId}`);
  }

  grant(requestId: string, recordId: string): string {
    return this.token(`grant:${requestId}:${recordId}`);
  }
}

/** Constant-time equality of a presented token with the expected one. */
export function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
