/** The shape of a command: what `chartproof help` prints, and the handler given the raw arguments. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly examples: readonly string[];
  run(argv: string[]): Promise<void>;
}
