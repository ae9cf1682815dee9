/**
 * Access tokens (contract 1.3): HS256 JWTs with the claims the client reads (`sub` = user id,
 * `user_type` = one of the four role strings, `exp` = 1 h), plus the reference's `fresh`, `type`,
 * `jti`, `iat`, `nbf`. Only HS256 is accepted on the way back in. Two additions (issue #14):
 * `pwv`, the user's password version when the token was issued (a token from before a password
 * change is refused), and `must_change_password`, present and true while the user's password
 * is a generated one that must be replaced first (the web app reads it to show the change screen).
 */
import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { USER_TYPES, type UserType } from '../db/tables.js';

export const TOKEN_LIFETIME_S = 3600;

export interface TokenClaims {
  readonly sub: string;
  readonly user_type: UserType;
  readonly exp: number;
  readonly iat: number;
  /** The password version the token was issued under (0 for tokens without the claim). */
  readonly pwv: number;
}

/** What a session is issued under: the user's password version, and whether it must change. */
export interface SessionState {
  readonly password_version: number;
  readonly must_change_password: boolean;
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

/** Verified tokens kept (oldest dropped first): a bench of 500 creates in flight uses 50. */
const VERIFIED_MAX = 10_000;

export class Tokens {
  /**
   * Tokens whose signature and claims were verified once, with their claims. Every request
   * carries a token and jose verifies HS256 through WebCrypto, an asynchronous job per call: in
   * the profile of the API bench that was 11 % of the API's CPU (about 1 ms a request). A token
   * never changes, so its signature is checked once; its expiry is checked on every use. A token
   * not verified before is looked up by value in a Map, which reveals nothing about valid ones.
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(private readonly secret: Uint8Array) {}

  async issue(
    sub: string,
    userType: UserType,
    nowS = Math.floor(Date.now() / 1000),
    session: SessionState = { password_version: 0, must_change_password: false },
  ): Promise<string> {
    return new SignJWT({
      fresh: false,
      type: 'access',
      user_type: userType,
      pwv: session.password_version,
      ...(session.must_change_password ? { must_change_password: true } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt(nowS)
      .setNotBefore(nowS)
      .setExpirationTime(nowS + TOKEN_LIFETIME_S)
      .sign(this.secret);
  }

  async check(token: string, nowS = Math.floor(Date.now() / 1000)): Promise<TokenCheck> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      // jose's rule: expired once `exp` is not after now.
      if (known.exp > nowS) return { ok: true, claims: known };
      this.verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
      const userType = payload.user_type as UserType;
      if (
        typeof payload.sub !== 'string' ||
        !USER_TYPES.includes(userType) ||
        typeof payload.exp !== 'number' ||
        payload.type !== 'access' ||
        (payload.pwv !== undefined && !Number.isSafeInteger(payload.pwv))
      ) {
        return { ok: false, reason: 'invalid' };
      }
      const claims = {
        sub: payload.sub,
        user_type: userType,
        exp: payload.exp,
        iat: payload.iat ?? 0,
        pwv: (payload.pwv as number | undefined) ?? 0,
      };
      if (this.verified.size >= VERIFIED_MAX) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
      return { ok: true, claims };
    } catch (e) {
      return { ok: false, reason: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
