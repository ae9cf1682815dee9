/**
 * The session token lives in localStorage["authToken"] (contract 1.3). Its claims are read
 * without verifying the signature: the server checks it on every call, the client only needs
 * `sub` and `user_type` to pick screens.
 */
export const ROLES = ['patients', 'doctors', 'health_authorities', 'central_authority'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  readonly id: string;
  readonly role: Role;
  /** Seconds since the epoch, as in the JWT. */
  readonly exp: number | null;
  /** Present while the password is a generated one: the app shows only the change screen. */
  readonly mustChangePassword?: true;
}

const KEY = 'authToken';

export const getToken = (): string | null => localStorage.getItem(KEY);
export const setToken = (token: string): void => localStorage.setItem(KEY, token);
export const clearToken = (): void => localStorage.removeItem(KEY);

function decodeSegment(segment: string): unknown {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The user a token names, or null if it is not a JWT with a known role. */
export function userFromToken(token: string): SessionUser | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = decodeSegment(parts[1]!) as {
      sub?: unknown;
      user_type?: unknown;
      exp?: unknown;
      must_change_password?: unknown;
    };
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.user_type as Role)) return null;
    return {
      id: claims.sub,
      role: claims.user_type as Role,
      exp: typeof claims.exp === 'number' ? claims.exp : null,
      ...(claims.must_change_password === true ? { mustChangePassword: true as const } : {}),
    };
  } catch {
    return null;
  }
}
