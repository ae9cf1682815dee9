// Child process of crash.int.test.ts: appends blocks to the LMDB store in argv[2] until it is
// killed, printing "height hash" on stdout after each addBlock resolves, i.e. after its commit
// was reported durable. The test bundles it to plain JavaScript first: the parent kills it with
// SIGKILL, and a test runner's transform layer in between would only blur what is being tested.
import type { Hash32, Id128, KeyPair, Transaction } from '../src/index.js';
import { Chain, LmdbStore, signTransaction } from '../src/index.js';
import { buildBlock, testGenesis, testKey } from '../src/testing.js';

const genesis = testGenesis();
const ca = testKey('central-authority');
const hospital = testKey('hospital');
const patient = testKey('patient');
const id128 = (n: number) => n.toString(16).padStart(32, '0') as Id128;

const store = new LmdbStore({ path: process.argv[2]! });
const chain = await Chain.open(genesis, store);
process.stdout.write(`open ${chain.height} ${chain.tip.hash}\n`);

if (chain.height === 0) {
  const register = (key: KeyPair, role: 'health_authority' | 'patient', subject: Id128) =>
    signTransaction('account.register', { account: key.publicKey, role, subject }, ca, genesis.hashBytes);
  const block = buildBlock(chain, chain.tip, [
    register(hospital, 'health_authority', id128(1)),
    register(patient, 'patient', id128(2)),
  ]);
  await chain.addBlock(block);
  process.stdout.write(`${block.header.height} ${block.hash}\n`);
}

for (;;) {
  const height = chain.height + 1;
  // One or two anchors a block, with record ids derived from the height: unique across restarts.
  const txs: Transaction[] = [];
  for (let i = 0; i < 1 + (height % 2); i++) {
    const record = height * 2 + i;
    txs.push(
      signTransaction(
        'record.anchor',
        {
          record_id: id128(record),
          patient: patient.publicKey,
          creator: hospital.publicKey,
          date: '2025-11-04T12:17:34.969Z',
          commitment: record.toString(16).padStart(64, '0') as Hash32,
        },
        hospital,
        genesis.hashBytes,
      ),
    );
  }
  const block = buildBlock(chain, chain.tip, txs);
  await chain.addBlock(block);
  process.stdout.write(`${block.header.height} ${block.hash}\n`);
}
