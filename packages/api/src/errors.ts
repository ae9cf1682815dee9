/**
 * One error model for the whole API. Every 4xx/5xx body is `{error, message}` with the same
 * human-readable text (contract 1.5), built in exactly one place: `errorBody`. Services throw
 * ApiError with the contract's exact strings; anything else becomes a 500 whose details stay in
 * the server log.
 */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    /** Extra fields the contract puts beside error/message (e.g. `valid: false`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorBody(message: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...extra, error: message, message };
}

export const badRequest = (message: string, extra?: Record<string, unknown>) =>
  new ApiError(400, message, extra);
export const unauthorized = (message: string, extra?: Record<string, unknown>) =>
  new ApiError(401, message, extra);
export const forbidden = (message: string) => new ApiError(403, message);
export const notFound = (message: string) => new ApiError(404, message);
export const conflict = (message: string) => new ApiError(409, message);

export const INTERNAL_ERROR = 'Internal server error';
