/**
 * Read-only HTTP of a chain node (PROTOCOL.md §8): public data, CORS *, no credentials. Kept
 * apart from the API client on purpose: the in-browser proof check must not depend on the API.
 */
import { ApiError, serverMessage, UNREADABLE_REPLY } from './api-error';

export async function nodeGet<T>(base: string, path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/+$/, '')}${path}`, signal ? { signal } : {});
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, `Cannot reach node ${base}`);
  }
  let data: unknown;
  try {
    data = await res.json();
  } catch {
    throw new ApiError(res.status, `${UNREADABLE_REPLY} (node ${base}, HTTP ${res.status})`);
  }
  if (!res.ok)
    throw new ApiError(res.status, serverMessage(data) ?? `Node ${base}: HTTP ${res.status}`, data);
  return data as T;
}
