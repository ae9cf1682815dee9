/**
 * The exhaustiveness check that ends every `switch` over a discriminated union: a case left out
 * makes the argument's type something other than `never`, so the switch does not compile. At run
 * time (data that bypassed its schema) it throws instead of falling through silently.
 */
export function assertNever(value: never, what = 'value'): never {
  const shown = (value as { type?: unknown } | null)?.type ?? value;
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(shown)}`);
}
