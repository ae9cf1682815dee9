/**
 * An expected failure of a command (bad arguments, a missing file, a port in use): printed as one
 * line, no stack, exit code 1. Anything else is a bug and prints its stack.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
