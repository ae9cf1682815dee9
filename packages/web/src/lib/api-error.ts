/**
 * A failed call, carrying the text to show. Server bodies are `{error, message}`; older routes
 * send only one of the two, so `error` wins and `message` is the fallback (contract 1.5).
 * Arguments in the API's order (packages/api/src/errors.ts): status, message, then the rest of
 * the body; status 0 is a call that never reached a server.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_FAILURE = 'Cannot reach the server. Check your connection and try again.';
export const UNREADABLE_REPLY = 'Error. Try again.';

export function serverMessage(body: unknown): string | null {
  if (body === null || typeof body !== 'object') return null;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error === 'string' && error.length > 0) return error;
  if (typeof message === 'string' && message.length > 0) return message;
  return null;
}

/**
 * Server texts the app words its own way. The contract keeps the reference's spelling on the
 * wire, where existing clients match on it; a person reading the screen gets it spelled right.
 */
const SHOWN_AS: ReadonlyMap<string, string> = new Map([['Patinet not found!', 'Patient not found!']]);

/** The text any screen shows for a failure, whatever threw it. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return SHOWN_AS.get(e.message) ?? e.message;
  if (e instanceof Error && e.message) return e.message;
  return UNREADABLE_REPLY;
}

/** A verify verdict is a failure when its text says "invalid", whatever else it says (2.8). */
export const isValidVerdict = (text: string): boolean => !text.toLowerCase().includes('invalid');
