/**
 * Command-line options of the benchmarks: boolean switches and integer options, checked up front.
 * An unknown option or a stray argument prints one line and exits 2.
 */
export interface BenchArgs {
  has(name: string): boolean;
  /** The integer after `name`, or `fallback` when the option is absent; below `min` exits 2. */
  int(name: string, fallback: number, min?: number): number;
}

export function benchArgs(
  argv: readonly string[],
  options: { switches: readonly string[]; integers: readonly string[] },
): BenchArgs {
  const integers = new Set(options.integers);
  const known = new Set([...options.switches, ...options.integers]);
  const fail = (line: string): never => {
    console.error(line);
    process.exit(2);
  };
  for (const [i, a] of argv.entries()) {
    if (a.startsWith('--') && !known.has(a)) fail(`unknown option ${a}; known: ${[...known].join(' ')}`);
    if (!a.startsWith('--') && !(i > 0 && integers.has(argv[i - 1]!))) fail(`unexpected argument ${a}`);
  }
  return {
    has: (name) => argv.includes(name),
    int(name, fallback, min = 1) {
      const i = argv.indexOf(name);
      if (i < 0) return fallback;
      const v = Number(argv[i + 1]);
      if (!Number.isSafeInteger(v) || v < min) fail(`${name} expects an integer of at least ${min}`);
      return v;
    },
  };
}
