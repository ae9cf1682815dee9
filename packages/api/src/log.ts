/**
 * The API's logger. Errors are logged by name, code and message only: a database driver's error
 * carries the query and its parameters (password hashes, wrapped keys, ciphertext), and a
 * constraint's `detail` quotes the offending value. Requests are logged by route pattern, never by
 * URL (paths carry personal IDs), and without headers (tokens) or bodies.
 */
import { type Logger, pino } from 'pino';

export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e) };
  const err = e as Error & { code?: unknown; constraint?: unknown };
  return {
    type: err.name,
    message: err.message,
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    ...(typeof err.constraint === 'string' ? { constraint: err.constraint } : {}),
    stack: err.stack?.split('\n').slice(1, 6).join('\n'),
  };
}

export const logSerializers = {
  err: safeError,
  req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
    method: req.method,
    route: req.routeOptions?.url ?? 'unmatched',
    id: req.id,
  }),
};

export function createApiLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { service: 'chartproof-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: logSerializers,
    },
    destination,
  );
}
