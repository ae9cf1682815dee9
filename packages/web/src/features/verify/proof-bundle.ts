/**
 * The saved proof: everything needed to re-check a record offline, in one JSON file. The
 * genesis inside is the one fetched from a node, and its hash is printed so it can be compared
 * with the network's published one.
 */
export interface ProofBundle {
  chartproof_proof: 1;
  record_id: string;
  record: Record<string, unknown>;
  salt: string;
  commitment: string;
  receipt: unknown;
  genesis: unknown;
  /** Where the genesis came from, and when the bundle was saved. */
  node: string;
  saved_at: string;
}

export function parseProofBundle(json: unknown): ProofBundle {
  if (json === null || typeof json !== 'object')
    throw new Error('Not a ChartProof proof file: not a JSON object');
  const b = json as Partial<ProofBundle>;
  if (b.chartproof_proof !== 1) throw new Error('Not a ChartProof proof file: "chartproof_proof" is missing');
  for (const key of ['record_id', 'salt', 'commitment'] as const) {
    if (typeof b[key] !== 'string') throw new Error(`Proof file: "${key}" must be a string`);
  }
  if (b.record === null || typeof b.record !== 'object')
    throw new Error('Proof file: "record" must be an object');
  if (b.receipt === undefined) throw new Error('Proof file: "receipt" is missing');
  if (b.genesis === undefined) throw new Error('Proof file: "genesis" is missing');
  return b as ProofBundle;
}

export function downloadJson(filename: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
