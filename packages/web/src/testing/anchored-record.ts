/**
 * A record as the API stores it, anchored by the ledger's own receipt fixture: what a node would
 * serve for a record the API anchored (test keys, trivial proof-of-work).
 */

import { testReceipt } from '@chartproof/ledger/testing';
import { hexToBytes, recordCommitment } from '@chartproof/ledger/verify';

export const RECORD_ID = 'e2e659351b784cddad9ecfa02b541f36';
export const SALT = '11'.repeat(32);
export const RECORD = {
  _id: RECORD_ID,
  date: '04-11-2025',
  diagnosis: 'Hypertension',
  patient_id: '27c5e47361af401987d5a7f0cbba3d99',
  health_authority_name: 'Central Health Institute',
};

export async function anchoredRecord() {
  const commitment = recordCommitment(RECORD, hexToBytes(SALT));
  const { receipt, genesis, genesisDoc, blockHash } = await testReceipt({ record_id: RECORD_ID, commitment });
  return { receipt, genesisDoc, genesisHash: genesis.hash, commitment, blockHash, txId: receipt.tx_id };
}
