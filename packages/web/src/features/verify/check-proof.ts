/**
 * The in-browser proof check. Nothing the API says is taken on trust: the commitment is
 * recomputed from the plaintext and salt, the receipt is verified against a genesis fetched from
 * a node (and its hash compared with what the API claims), and a receipt fetched from that node
 * must prove the same transaction. Loaded on demand: it brings the ledger's verifier and @noble.
 */
import {
  checkRecordAnchor,
  type Genesis,
  hexToBytes,
  isLedgerError,
  parseGenesis,
  type ReceiptCheck,
  recordCommitment,
  verifyReceipt,
} from '@chartproof/ledger/verify';

export interface ProofCheck {
  label: string;
  ok: boolean;
  detail: string;
}

export interface ProofInput {
  recordId: string;
  record: unknown;
  salt: string;
  /** The commitment the API (or the saved file) states. */
  commitment: string;
  receipt: unknown;
  genesisDoc: unknown;
  /** A genesis hash claimed elsewhere (the API), which must match the node's genesis. */
  claimedGenesisHash?: string;
  /** Where the anchor says the transaction is (API). */
  anchor?: { tx_id: string; block_hash: string; height: number };
  /** A receipt fetched independently from a node. */
  nodeReceipt?: { node: string; receipt: unknown } | { node: string; error: string };
}

export interface ProofResult {
  ok: boolean;
  checks: ProofCheck[];
  genesisHash: string | null;
  receipt: ReceiptCheck | null;
  recomputedCommitment: string | null;
}

const why = (e: unknown): string => (isLedgerError(e) || e instanceof Error ? e.message : String(e));

export function checkRecordProof(input: ProofInput): ProofResult {
  const checks: ProofCheck[] = [];
  const add = (label: string, ok: boolean, detail: string) => checks.push({ label, ok, detail });

  let genesis: Genesis | null = null;
  try {
    genesis = parseGenesis(input.genesisDoc);
    add('Genesis from the node parses', true, `network ${genesis.doc.network}, genesis ${genesis.hash}`);
  } catch (e) {
    add('Genesis from the node parses', false, why(e));
  }
  if (genesis !== null && input.claimedGenesisHash !== undefined) {
    const same = input.claimedGenesisHash === genesis.hash;
    add(
      "The API's network is the node's network",
      same,
      same ? genesis.hash : `API says ${input.claimedGenesisHash}, node's genesis hashes to ${genesis.hash}`,
    );
  }

  let recomputed: string | null = null;
  try {
    recomputed = recordCommitment(input.record, hexToBytes(input.salt));
    const same = recomputed === input.commitment;
    add(
      'Commitment recomputed from the record matches',
      same,
      same
        ? recomputed
        : `recomputed ${recomputed}, stated ${input.commitment}: the record or its salt was altered`,
    );
  } catch (e) {
    add('Commitment recomputed from the record matches', false, why(e));
  }

  const anchor = checkRecordAnchor(input.receipt, { record_id: input.recordId, commitment: recomputed });
  if (!anchor.anchored) {
    add('Receipt anchors this record', false, 'the receipt does not hold a record.anchor transaction');
  } else {
    const { record_id, commitment } = anchor.fields;
    add(
      'Receipt anchors this record',
      record_id.ok,
      record_id.ok ? input.recordId : `receipt is for record ${record_id.onChain}, not ${input.recordId}`,
    );
    add(
      'On-chain commitment matches the record',
      commitment.ok,
      commitment.ok
        ? commitment.onChain
        : `chain holds ${commitment.onChain}, record gives ${recomputed ?? '(not computed)'}`,
    );
  }

  let receipt: ReceiptCheck | null = null;
  if (genesis !== null) {
    try {
      receipt = verifyReceipt(input.receipt, genesis);
      add(
        'Receipt verifies against the genesis',
        true,
        `block ${receipt.height} (${receipt.blockHash}), acknowledged by ${receipt.acknowledgedBy.length} of ${genesis.validators.size} validators`,
      );
    } catch (e) {
      add('Receipt verifies against the genesis', false, why(e));
    }
  }

  if (receipt !== null && input.anchor !== undefined) {
    const a = input.anchor;
    const same =
      a.tx_id === receipt.txId && a.block_hash === receipt.blockHash && a.height === receipt.height;
    add(
      "The API's anchor is the receipt's",
      same,
      same
        ? `transaction ${a.tx_id} in block ${a.height}`
        : `API says tx ${a.tx_id} in ${a.block_hash} at ${a.height}; receipt proves ${receipt.txId} in ${receipt.blockHash} at ${receipt.height}`,
    );
  }

  if (input.nodeReceipt !== undefined) {
    const label = `Receipt from ${input.nodeReceipt.node} proves the same commitment`;
    if ('error' in input.nodeReceipt) {
      add(label, false, input.nodeReceipt.error);
    } else if (genesis !== null) {
      try {
        const second = verifyReceipt(input.nodeReceipt.receipt, genesis);
        const again = checkRecordAnchor(input.nodeReceipt.receipt, {
          record_id: input.recordId,
          commitment: recomputed,
        });
        const commitment = again.anchored ? again.fields.commitment : undefined;
        const same = commitment?.ok === true && (receipt === null || second.txId === receipt.txId);
        add(
          label,
          same,
          same
            ? `transaction ${second.txId} in block ${second.height}, ${second.acknowledgedBy.length} acknowledgements`
            : `node's receipt holds commitment ${commitment?.onChain} (tx ${second.txId})`,
        );
      } catch (e) {
        add(label, false, why(e));
      }
    }
  }

  return {
    ok: checks.every((c) => c.ok),
    checks,
    genesisHash: genesis?.hash ?? null,
    receipt,
    recomputedCommitment: recomputed,
  };
}
