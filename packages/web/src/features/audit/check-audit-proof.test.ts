import {
  buildReceipt,
  bytesToHex,
  Chain,
  hashLeaf,
  inclusionProof,
  MemoryStore,
  merkleRoot,
  signAck,
  signTransaction,
  txLeafData,
} from '@chartproof/ledger';
import { buildBlock, testGenesis, testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { describe, expect, it } from 'vitest';
import type { AuditProof } from './api/get-audit-proof';
import { checkAuditProof } from './check-audit-proof';

/** A real audit.checkpoint over two entries in block 1, acknowledged by three validators. */
async function fixture(): Promise<AuditProof> {
  const genesis = testGenesis();
  const chain = await Chain.open(genesis, new MemoryStore());
  const leaves = [
    hashLeaf(new TextEncoder().encode('entry 1')),
    hashLeaf(new TextEncoder().encode('entry 2')),
  ];
  const root = bytesToHex(merkleRoot(leaves));
  const tx = signTransaction(
    'audit.checkpoint',
    { from: 1, to: 2, root: root as never },
    testKey('central-authority'),
    genesis.hashBytes,
  );
  const block = buildBlock(chain, chain.tip, [tx]);
  const receipt = buildReceipt({
    genesis,
    tx,
    blockHeader: block.headerBytes,
    blockSignature: block.signature,
    index: 0,
    size: 1,
    path: inclusionProof([hashLeaf(txLeafData(tx))], 0),
    headers: [],
    acks: [0, 1, 2].map((i) => signAck(testKey(`validator-${i}`), 1, block.hash, genesis)),
  });
  return {
    entry: {} as AuditProof['entry'],
    leaf: bytesToHex(leaves[1]!),
    checkpoint: { from: 1, to: 2, root, tx_id: receipt.tx_id },
    proof: { index: 1, size: 2, path: inclusionProof(leaves, 1).map((h) => bytesToHex(h)) },
    receipt,
  };
}

describe('checkAuditProof', () => {
  it('says the check in words: the block it is sealed in and how many hospitals confirmed it', async () => {
    const proof = await fixture();
    const r = checkAuditProof({ ...proof, entry: { ...proof.entry, seq: 2 } }, testGenesisDoc());
    expect(r).toMatchObject({ ok: true, detail: 'Sealed in block 1, confirmed by 3 hospitals' });
    expect(r.technical).toMatch(/^entry 2 is leaf 1 of checkpoint 1–2, in block 1$/);
  });

  it('fails, in the ledger’s words, for an entry that is not in the checkpoint', async () => {
    const proof = await fixture();
    const r = checkAuditProof({ ...proof, leaf: '00'.repeat(32) }, testGenesisDoc());
    expect(r.ok).toBe(false);
    expect(r.detail).not.toMatch(/^Sealed/);
  });
});
