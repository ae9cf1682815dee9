/**
 * A deterministic receipt: three test validators, a patient anchor in block 2, acknowledgements
 * by validators 0 and 1 of block 3 (a descendant), so the receipt carries one linking header.
 * Ed25519 is deterministic and the miner searches nonces from 0, so the bytes never change.
 */
import { signAck } from '../src/ack.js';
import type { Hash32, Id128 } from '../src/brand.js';
import { Chain } from '../src/chain-state.js';
import { encodeHeader } from '../src/header.js';
import { hashLeaf, inclusionProof } from '../src/merkle.js';
import { buildReceipt, type Receipt } from '../src/receipt.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { buildBlock, testGenesis, testKey } from '../src/testing.js';
import { signTransaction, txLeafData } from '../src/tx/signing.js';

export async function receiptFixture(): Promise<{
  receipt: Receipt;
  genesis: ReturnType<typeof testGenesis>;
}> {
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
  const anchors = [0, 1, 2].map((i) =>
    signTransaction(
      'record.anchor',
      {
        record_id: `${i}`.padStart(32, 'a') as Id128,
        patient: patient.publicKey,
        creator: ha.publicKey,
        date: '2025-11-04T12:17:34.969Z',
        commitment: `${i}`.padStart(64, 'c') as Hash32,
      },
      ha,
      g,
    ),
  );
  const b2 = buildBlock(chain, chain.tip, anchors, { miner: testKey('validator-1') });
  await chain.addBlock(b2);
  const b3 = buildBlock(chain, chain.tip, [], { miner: testKey('validator-2') });
  await chain.addBlock(b3);
  const leaves = b2.txs.map((tx) => hashLeaf(txLeafData(tx)));
  const receipt = buildReceipt({
    genesis,
    tx: b2.txs[1]!,
    blockHeader: b2.headerBytes,
    blockSignature: b2.signature,
    index: 1,
    size: leaves.length,
    path: inclusionProof(leaves, 1),
    headers: [encodeHeader(b3.header)],
    acks: [
      signAck(testKey('validator-0'), 3, b3.hash, genesis),
      signAck(testKey('validator-1'), 2, b2.hash, genesis),
    ],
  });
  return { receipt, genesis };
}
