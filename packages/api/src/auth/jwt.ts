/**
 * Access tokens (contract 1.3): HS256 JWTs with the claims the client reads (`sub` = user id,
 * `user_type` = one of the four role strings, `exp` = 1 h), plus the reference's `fresh`, `type`,
 * `jti`, `iat`, `nbf`. Only HS256 is accepted on the way back in.
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
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: 'expired' | 'invalid' };

export class Tokens {
  constructor(private readonly secret: Uint8Array) {}

  async issue(sub: string, userType: UserType, nowS = Math.floor(Date.now() / 1000)): Promise<string> {
    return new SignJWT({ fresh: false, type: 'access', user_type: userType })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt(nowS)
      .setNotBefore(nowS)
      .setExpirationTime(nowS + TOKEN_LIFETIME_S)
      .sign(this.secret);
  }

  async check(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
      const userType = payload.user_type as UserType;
      if (
        typeof payload.sub !== 'string' ||
        !USER_TYPES.includes(userType) ||
        typeof payload.exp !== 'number' ||
        payload.type !== 'access'
      ) {
        return { ok: false, reason: 'invalid' };
      }
      return {
        ok: true,
        claims: { sub: payload.sub, user_type: userType, exp: payload.exp, iat: payload.iat ?? 0 },
      };
    } catch (e) {
      return { ok: false, reason: e instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}
