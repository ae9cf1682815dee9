/**
 * Receipts from three node processes verify offline against the genesis alone; a copy with any
 * one hex digit changed (Merkle path, block header and signature, headers, acknowledgements,
 * transaction fields) fails with RECEIPT_INVALID, and one acknowledgement short of the quorum
 * fails with reason "quorum".
 */
import { isLedgerError, parseGenesis, verifyReceipt } from '@chartproof/ledger';
import { testGenesisDoc } from '@chartproof/ledger/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanUpAfterSuite, type NodeProcess, TestNetwork } from './harness.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = ReadonlyArray<string | number>;

const HEX = '0123456789abcdef';

/** Paths of every hex string under the parts of a receipt a forger would touch. */
function hexSites(receipt: Json): Path[] {
  const roots: Path[] = [['proof', 'path'], ['block'], ['headers'], ['acks'], ['tx'], ['tx_id']];
  const out: Path[] = [];
  const walk = (v: Json, path: Path) => {
    if (typeof v === 'string') {
      if (/^[0-9a-f]+$/.test(v) && v.length >= 32) out.push(path);
    } else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  for (const root of roots) walk(get(receipt, root), root);
  return out;
}

function get(v: Json, path: Path): Json {
  return path.reduce<Json>((x, k) => (x as Record<string | number, Json>)[k]!, v);
}

function withDigit(receipt: Json, path: Path, position: number, shift: number): Json {
  const copy = structuredClone(receipt);
  const parent = get(copy, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  const s = parent[key] as string;
  const i = position % s.length;
  const digit = HEX[(HEX.indexOf(s[i]!) + shift) % 16]!;
  parent[key] = s.slice(0, i) + digit + s.slice(i + 1);
  return copy;
}

function reasonOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isLedgerError(e) && e.code === 'RECEIPT_INVALID') return String(e.details.reason);
    throw e;
  }
  return 'valid';
}

describe('receipts from node processes', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 300 } }));
  const genesis = parseGenesis(net.doc);
  let nodes: NodeProcess[] = [];
  let txIdOf = '';
  const receipts: Json[] = [];

  beforeAll(async () => {
    nodes = await net.startThree();
    // Several transactions in one block give the receipt a Merkle path of some length.
    const answers = await Promise.all(
      net.registerTxs('receipt', 24).map((tx, i) => nodes[i % 3]!.submit(tx)),
    );
    expect(answers.every((r) => r.status === 'acknowledged')).toBe(true);
    txIdOf = answers[5]!.tx_id;
    for (const n of nodes) receipts.push(await n.rpc.call<Json>('receipt', { tx_id: txIdOf }, 5_000));
  }, 90_000);
  cleanUpAfterSuite(net);

  it('should verify the receipt of every node offline against the genesis', () => {
    for (const r of receipts) {
      const check = verifyReceipt(JSON.parse(JSON.stringify(r)), genesis);
      expect(check.txId).toBe(txIdOf);
      expect(check.acknowledgedBy.length).toBeGreaterThanOrEqual(genesis.quorum);
    }
  });

  it('should reject a receipt with any one hex digit changed', () => {
    for (const r of receipts) {
      const sites = hexSites(r);
      expect(sites.length).toBeGreaterThan(8);
      fc.assert(
        fc.property(
          fc.nat(sites.length - 1),
          fc.nat(),
          fc.integer({ min: 1, max: 15 }),
          (site, position, shift) => {
            const forged = withDigit(r, sites[site]!, position, shift);
            expect(reasonOf(() => verifyReceipt(forged, genesis))).not.toBe('valid');
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('should reject a receipt with one acknowledgement short of the quorum', () => {
    for (const r of receipts) {
      const short = structuredClone(r) as { acks: Json[] };
      short.acks = short.acks.slice(0, genesis.quorum - 1);
      expect(reasonOf(() => verifyReceipt(short, genesis))).toBe('quorum');
    }
  });
});
