/**
 * Structured logs: one JSON line per event on stderr (pino), quiet by default ("warn"), chosen
 * by option rather than NODE_ENV. Nothing secret is ever logged: keys appear as public keys only.
 */
import { type Logger, pino } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLogger(level: LogLevel, bindings: Record<string, unknown> = {}): Logger {
  return pino(
    { level, base: { ...bindings }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination(2),
  );
}

export type { Logger };
