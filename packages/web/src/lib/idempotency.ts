/**
 * Idempotency keys for the API's creating calls (record creation, access requests): one key per
 * thing the user means to create, reused by every retry of it, so a lost answer retried never
 * makes a second record. Built from getRandomValues, which, unlike crypto.randomUUID, browsers
 * also give pages served over plain http on a hospital LAN.
 */
import { ApiError } from './api-error';

export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Retry a creating call only when its answer never arrived (status 0: the network, not the
 * server, failed), twice at most: with the same key, the server answers for what the first
 * attempt created.
 */
export const retryLostAnswers = (failures: number, error: unknown): boolean =>
  failures < 2 && error instanceof ApiError && error.status === 0;
