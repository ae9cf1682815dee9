/**
 * Who may read a Prometheus /metrics page. Metrics tell an outsider the request mix, the load and
 * the runtime version, so they are not public: with a token configured (METRICS_TOKEN) only its
 * bearer reads them, from anywhere; without one, only callers on the loopback interface do (the
 * peer address of the socket: a proxy on the same host makes every caller look local, so set a
 * token there). The API server and the nodes apply the same rule.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface MetricsCaller {
  /** The socket's peer address (never a forwarded header). */
  readonly remoteAddress: string | undefined;
  readonly authorization?: string | undefined;
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/** Compares in constant time, lengths included: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

export function metricsAllowed(caller: MetricsCaller, token: string | undefined | null): boolean {
  if (token === undefined || token === null || token === '') return isLoopback(caller.remoteAddress);
  const m = /^Bearer\s+(\S+)\s*$/i.exec(caller.authorization ?? '');
  return m !== null && sameSecret(m[1]!, token);
}
