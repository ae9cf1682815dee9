/**
 * The messages between the API and the PGlite worker thread, and how a database error crosses
 * the thread boundary: as plain fields, so that `code` ('23505' for a unique violation), the
 * constraint and the detail reach the services as they would from PGlite in-process.
 */

export const INT8 = 20;

export interface WorkerInit {
  readonly dataDir: string;
}

export type ToWorker =
  | { readonly id: number; readonly sql: string; readonly params: readonly unknown[] }
  | { readonly id: number; readonly close: true };

export interface SerializedError {
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

export type FromWorker =
  | { readonly ready: true }
  | { readonly fatal: SerializedError }
  | { readonly id: number; readonly rows: unknown[]; readonly affectedRows?: number }
  | { readonly id: number; readonly closed: true }
  | { readonly id: number; readonly error: SerializedError };

/** The fields of a Postgres error notice that callers read, among them `code`. */
const FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

export function serializeError(e: unknown): SerializedError {
  const fields: Record<string, string> = {};
  if (typeof e === 'object' && e !== null) {
    for (const f of FIELDS) {
      const v = (e as Record<string, unknown>)[f];
      if (typeof v === 'string') fields[f] = v;
    }
  }
  return { message: e instanceof Error ? e.message : String(e), fields };
}

/** An Error carrying the database's fields (`err.code`, `err.constraint`, …). */
export function deserializeError(s: SerializedError): Error {
  return Object.assign(new Error(s.message), s.fields);
}
