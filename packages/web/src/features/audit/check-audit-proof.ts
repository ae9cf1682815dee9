/**
 * An audit entry is on chain if its leaf is in the Merkle tree whose root an audit.checkpoint
 * transaction carries, and a receipt proves that transaction against the genesis.
 */
import { hexToBytes, parseGenesis, verifyInclusion, verifyReceipt } from '@chartproof/ledger/verify';
import { plural } from '../../lib/format';
import type { AuditProof } from './api/get-audit-proof';

/** `detail` is the verdict in words; `technical` says which leaf of which checkpoint, when it holds. */
export function checkAuditProof(
  proof: AuditProof,
  genesisDoc: unknown,
): { ok: boolean; detail: string; technical?: string } {
  try {
    const genesis = parseGenesis(genesisDoc);
    const receipt = verifyReceipt(proof.receipt, genesis);
    const tx = receipt.tx;
    if (tx.type !== 'audit.checkpoint')
      return { ok: false, detail: `receipt holds a ${tx.type}, not an audit.checkpoint` };
    if (tx.body.root !== proof.checkpoint.root)
      return {
        ok: false,
        detail: `checkpoint root ${proof.checkpoint.root} is not the chain's ${tx.body.root}`,
      };
    verifyInclusion(
      hexToBytes(proof.leaf),
      proof.proof.index,
      proof.proof.size,
      proof.proof.path.map((h) => hexToBytes(h)),
      hexToBytes(tx.body.root),
    );
    return {
      ok: true,
      // The validators are the hospitals' nodes; each acknowledgement is one hospital's confirmation.
      detail: `Sealed in block ${receipt.height}, confirmed by ${plural(receipt.acknowledgedBy.length, 'hospital')}`,
      technical: `entry ${proof.entry.seq} is leaf ${proof.proof.index} of checkpoint ${tx.body.from}–${tx.body.to}, in block ${receipt.height}`,
    };
  } catch (e) {
    return { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
}
