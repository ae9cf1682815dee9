/**
 * Throttling of failed logins, the OWASP ASVS V2.2.1 way: a soft limit that slows guessing
 * without letting anyone lock an account they do not own.
 *
 * - Per (account, source address): a few free failures, then each further try waits twice as
 *   long as the one before (capped). One address guessing at one account slows only itself.
 * - Per account: a ceiling on failures in a window, from all addresses together. Each address
 *   counts for at most 1/MIN_SOURCES of it, so no single address can reach it alone. Over the
 *   ceiling, an address that already failed on the account waits for the window to pass, while
 *   one that never failed there still gets its try: the owner's right password keeps working.
 *
 * Pure: the clock is passed in; the route keeps one instance per process.
 */
import type { Limits } from '../config.js';

export interface ThrottleLimits {
  /** Failures per (account, address) before delays start. */
  readonly freeFailures: number;
  /** The first delay; each further failure doubles it. */
  readonly delayBaseMs: number;
  readonly delayMaxMs: number;
  /** Failures per window on one account, from all addresses, before the ceiling applies. */
  readonly accountCeiling: number;
  readonly windowMs: number;
}

/** How many addresses at least it takes to reach an account's ceiling. */
export const MIN_SOURCES = 5;
/** Entries kept per map; the oldest go first (a flood of ids must not grow memory). */
const MAX_ENTRIES = 100_000;

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly scope: 'source' | 'account'; readonly retryAfterMs: number };

interface PairState {
  failures: number;
  last: number;
}

interface AccountState {
  readonly start: number;
  total: number;
  readonly bySource: Map<string, number>;
}

/**
 * The address a client is counted under: an IPv4-mapped IPv6 address as IPv4, and an IPv6
 * address by its /64 (one host usually holds a whole /64, so its addresses are one source).
 */
export function sourceOf(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4 !== null) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = ip.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function bounded<K, V>(map: Map<K, V>): void {
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as K);
}

/** The throttle configured from the API's limits (logins and password changes use one each). */
export function throttleFromLimits(limits: Limits): LoginThrottle {
  return new LoginThrottle({
    freeFailures: limits.loginFreeFailures,
    delayBaseMs: limits.loginDelayBaseMs,
    delayMaxMs: limits.loginDelayMaxMs,
    accountCeiling: limits.loginFailuresPerUser,
    windowMs: limits.loginLockMs,
  });
}

export class LoginThrottle {
  private readonly pairs = new Map<string, PairState>();
  private readonly accounts = new Map<string, AccountState>();
  private readonly share: number;

  constructor(private readonly limits: ThrottleLimits) {
    // (MIN_SOURCES - 1) addresses at their full share stay below the ceiling.
    this.share = Math.floor((limits.accountCeiling - 1) / (MIN_SOURCES - 1));
  }

  private delayAfter(failures: number): number {
    const over = failures - this.limits.freeFailures;
    return Math.min(this.limits.delayBaseMs * 2 ** over, this.limits.delayMaxMs);
  }

  private pair(account: string, source: string, now: number): PairState | undefined {
    const key = `${account}\u0000${source}`;
    const p = this.pairs.get(key);
    if (p !== undefined && now - p.last >= this.limits.windowMs) {
      this.pairs.delete(key);
      return undefined;
    }
    return p;
  }

  private account(account: string, now: number): AccountState | undefined {
    const a = this.accounts.get(account);
    if (a !== undefined && now - a.start >= this.limits.windowMs) {
      this.accounts.delete(account);
      return undefined;
    }
    return a;
  }

  /** Whether a login of `account` from address `ip` may be tried now. */
  check(account: string, ip: string, now: number): Verdict {
    const source = sourceOf(ip);
    const p = this.pair(account, source, now);
    if (p !== undefined && p.failures >= this.limits.freeFailures) {
      const until = p.last + this.delayAfter(p.failures);
      if (now < until) return { ok: false, scope: 'source', retryAfterMs: until - now };
    }
    const a = this.account(account, now);
    if (a !== undefined && a.total >= this.limits.accountCeiling && (a.bySource.get(source) ?? 0) > 0) {
      return { ok: false, scope: 'account', retryAfterMs: a.start + this.limits.windowMs - now };
    }
    return { ok: true };
  }

  failed(account: string, ip: string, now: number): void {
    const source = sourceOf(ip);
    const p = this.pair(account, source, now);
    if (p === undefined) {
      this.pairs.set(`${account}\u0000${source}`, { failures: 1, last: now });
      bounded(this.pairs);
    } else {
      p.failures++;
      p.last = now;
    }
    let a = this.account(account, now);
    if (a === undefined) {
      a = { start: now, total: 0, bySource: new Map() };
      this.accounts.set(account, a);
      bounded(this.accounts);
    }
    const mine = a.bySource.get(source) ?? 0;
    a.bySource.set(source, mine + 1);
    bounded(a.bySource);
    if (mine < this.share) a.total++;
  }

  /** The right password from this address: its own delays end (the account's count stays). */
  succeeded(account: string, ip: string): void {
    this.pairs.delete(`${account}\u0000${sourceOf(ip)}`);
  }
}
