/**
 * The only place that talks HTTP to the API. It sends the headers the contract describes
 * (Bearer token; a JSON content type, also on body-less calls, except where the reference
 * client sends none), turns every non-2xx into an ApiError with the server's own words, and
 * reports a 401 on an authenticated call as an ended session.
 */
import { env } from '../config/env';
import { ApiError, NETWORK_FAILURE, serverMessage, UNREADABLE_REPLY } from './api-error';
import { reportSessionExpired } from './session-expiry';
import { getToken } from './token';

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** false for the public calls (login, network). */
  auth?: boolean;
  /**
   * false where a 401 can mean a wrong password typed into the form (the password change): the
   * caller then decides whether the session ended.
   */
  endsSessionOn401?: boolean;
  /** false where the reference client sends only Authorization (contract 1.2). */
  jsonContentType?: boolean;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`, on creating calls: a retry with it never creates twice. */
  idempotencyKey?: string;
}

export async function api<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const {
    method = 'GET',
    body,
    auth = true,
    jsonContentType = true,
    signal,
    idempotencyKey,
    endsSessionOn401 = true,
  } = req;
  const headers: Record<string, string> = {};
  if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
  if (jsonContentType || body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth ? getToken() : null;
  if (token !== null) headers.Authorization = `Bearer ${token}`;

  let res: Response;
  try {
    res = await fetch(`${env.apiUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, NETWORK_FAILURE);
  }

  let data: unknown = null;
  const text = await res.text();
  if (text.length > 0) {
    try {
      data = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, res.ok ? UNREADABLE_REPLY : `${UNREADABLE_REPLY} (HTTP ${res.status})`);
    }
  }
  if (!res.ok) {
    const message = serverMessage(data) ?? `Request failed (HTTP ${res.status})`;
    if (res.status === 401 && auth && endsSessionOn401) reportSessionExpired(message);
    throw new ApiError(res.status, message, data);
  }
  return data as T;
}
