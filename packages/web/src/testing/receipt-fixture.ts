/**
 * A real receipt for a real record commitment, built with the ledger itself (test keys, trivial
 * proof-of-work): what a node would serve for a record the API anchored.
 */
import {
  buildReceipt,
  Chain,
  hashLeaf,
  type Id128,
  inclusionProof,
  MemoryStore,
  type Receipt,
  recordCommitment,
  signAck,
  signTransaction,
  txLeafData,
} from '@chartproof/ledger';
import { buildBlock, testGenesis, testGenesisDoc, testKey } from '@chartproof/ledger/testing';

export const RECORD_ID = 'e2e659351b784cddad9ecfa02b541f36';
export const SALT = '11'.repeat(32);
export const RECORD = {
  _id: RECORD_ID,
  date: '04-11-2025',
  diagnosis: 'Hypertension',
  patient_id: '27c5e47361af401987d5a7f0cbba3d99',
  health_authority_name: 'Central Health Institute',
};

export async function receiptFor(record: unknown = RECORD, salt = SALT) {
  const genesis = testGenesis();
  const g = genesis.hashBytes;
  const ca = testKey('central-authority');
  const ha = testKey('hospital');
  const patient = testKey('patient');
  const chain = await Chain.open(genesis, new MemoryStore());
  const reg = (key: typeof ha, role: 'health_authority' | 'patient', subject: string) =>
    signTransaction('account.register', { account: key.publicKey, role, subject: subject as Id128 }, ca, g);
  await chain.addBlock(
    buildBlock(chain, chain.tip, [
      reg(ha, 'health_authority', '01'.repeat(16)),
      reg(patient, 'patient', '02'.repeat(16)),
    ]),
  );
  const commitment = recordCommitment(record, Uint8Array.from(Buffer.from(salt, 'hex')));
  const anchor = signTransaction(
    'record.anchor',
    {
      record_id: RECORD_ID as Id128,
      patient: patient.publicKey,
      creator: ha.publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment,
    },
    ha,
    g,
  );
  const b2 = buildBlock(chain, chain.tip, [anchor], { miner: testKey('validator-1') });
  await chain.addBlock(b2);
  const leaves = b2.txs.map((tx) => hashLeaf(txLeafData(tx)));
  const receipt: Receipt = buildReceipt({
    genesis,
    tx: b2.txs[0]!,
    blockHeader: b2.headerBytes,
    blockSignature: b2.signature,
    index: 0,
    size: leaves.length,
    path: inclusionProof(leaves, 0),
    headers: [],
    acks: [
      signAck(testKey('validator-0'), 2, b2.hash, genesis),
      signAck(testKey('validator-1'), 2, b2.hash, genesis),
    ],
  });
  return {
    receipt,
    genesisDoc: testGenesisDoc(),
    genesisHash: genesis.hash,
    commitment,
    blockHash: b2.hash,
    txId: receipt.tx_id,
  };
}
