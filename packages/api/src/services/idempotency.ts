/**
 * The `Idempotency-Key` request header (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field") on the two creating routes, record creation and access requests: a client that did not
 * get the answer to a POST sends it again with the same key and gets the first one's result,
 * never a second record or request. The key is stored on the row the request created
 * (migration 2026_12_07), scoped to the doctor who sent it, with a hash of the body so that a key
 * reused for a different body is refused (422) instead of silently answering for another record.
 *
 * Pure rules only; the services do the lookups.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@chartproof/ledger';
import { ApiError, badRequest } from '../errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Visible ASCII, as the draft's sf-string allows, and short enough to index. */
const KEY = /^[\x21-\x7e]{1,128}$/;

export const INVALID_KEY = 'Invalid Idempotency-Key header: expected 1 to 128 visible ASCII characters';
export const KEY_REUSED =
  'Idempotency-Key was already used for a different request: send a new key for a new request';

/** The header's value, or undefined when the client sent none; a malformed one is a 400. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw badRequest(INVALID_KEY, { field: 'Idempotency-Key' });
  }
  return header;
}

/** What makes two requests "the same": the body's RFC 8785 canonical JSON, hashed. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * A retry must carry the body of the request that first used the key (422 otherwise, as the draft
 * says). Rows created without a key never match a key, so `stored` is always set here.
 */
export function assertSameRequest(stored: string | null, hash: string): void {
  if (stored !== hash) throw new ApiError(422, KEY_REUSED, { field: 'Idempotency-Key' });
}
