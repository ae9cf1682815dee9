/**
 * Fixtures for tests and benchmarks of every package: deterministic keys, a genesis whose
 * proof-of-work costs about two hashes a block, a synchronous block builder and a receipt. Not
 * for production use: nothing here is secret.
 */
import { signAck } from './ack.js';
import { type Block, createTemplate, sealBlock } from './block.js';
import type { BlockHash, Hash32, Id128, PublicKey } from './brand.js';
import { utf8ToBytes } from './bytes.js';
import { type BlockEntry, Chain } from './chain-state.js';
import {
  type ConsensusParams,
  createGenesis,
  type Genesis,
  type GenesisDoc,
  parseGenesis,
} from './genesis.js';
import { sha256 } from './hash.js';
import { encodeHeader } from './header.js';
import { type KeyPair, keyPairFromSeed } from './keys.js';
import { hashLeaf, inclusionProof } from './merkle.js';
import { compactFromTarget, searchNonce, targetBytes, targetFromCompact } from './pow.js';
import { buildReceipt, type Receipt } from './receipt.js';
import { MemoryStore } from './store/memory-store.js';
import type { Transaction } from './tx/schema.js';
import { signTransaction, txLeafData } from './tx/signing.js';

/** A key derived from a name: the same name always gives the same key. */
export function testKey(name: string): KeyPair {
  let key = testKeys.get(name);
  if (key === undefined) {
    key = keyPairFromSeed(sha256(utf8ToBytes(`chartproof test key: ${name}`)));
    testKeys.set(name, key);
  }
  return key;
}
const testKeys = new Map<string, KeyPair>();

export const EASY_BITS = compactFromTarget((1n << 255n) - 1n);

export function testGenesisDoc(
  options: { validators?: number; consensus?: Partial<ConsensusParams>; timestamp?: number } = {},
): GenesisDoc {
  const validators: PublicKey[] = [];
  for (let i = 0; i < (options.validators ?? 3); i++) validators.push(testKey(`validator-${i}`).publicKey);
  return createGenesis({
    network: 'chartproof-test',
    centralAuthority: testKey('central-authority').publicKey,
    validators,
    timestamp: options.timestamp ?? 1_700_000_000_000,
    // Pinned rather than DEFAULT_CONSENSUS's, so that the vectors do not move with a product default.
    consensus: {
      block_interval_ms: 1000,
      initial_bits: EASY_BITS,
      pow_limit_bits: EASY_BITS,
      ...options.consensus,
    },
  });
}

export function testGenesis(options?: Parameters<typeof testGenesisDoc>[0]): Genesis {
  return parseGenesis(testGenesisDoc(options));
}

/**
 * Builds and mines (in-process) a valid child of `parent`. The timestamp defaults to one block
 * interval after the parent, which keeps the difficulty where it is.
 */
export function buildBlock(
  chain: Chain,
  parent: BlockEntry,
  txs: readonly Transaction[],
  options: { miner?: KeyPair; timestamp?: number } = {},
): Block {
  const miner = options.miner ?? testKey('validator-0');
  const timestamp = options.timestamp ?? parent.header.timestamp + chain.genesis.params.block_interval_ms;
  const bits = chain.nextBitsAfter(parent);
  const template = createTemplate(parent, bits, timestamp, miner.publicKey, txs);
  const header = template.headerBytes.slice();
  const nonce = searchNonce(header, targetBytes(targetFromCompact(bits)), 0, Number.MAX_SAFE_INTEGER);
  return sealBlock(template, nonce, miner, chain.genesis);
}

/** The hospital and patient of the shared fixtures below. */
export const testHospital = (): KeyPair => testKey('hospital');
export const testPatient = (): KeyPair => testKey('patient');

/** A 128-bit id from a number, as 32 hex digits. */
export const testId = (n: number): Id128 => n.toString(16).padStart(32, '0') as Id128;

/** Registrations of the test hospital and patient by the test central authority. */
export function testRegistrations(genesis: Genesis): Transaction[] {
  const ca = testKey('central-authority');
  return [
    signTransaction(
      'account.register',
      { account: testHospital().publicKey, role: 'health_authority', subject: testId(1) },
      ca,
      genesis.hashBytes,
    ),
    signTransaction(
      'account.register',
      { account: testPatient().publicKey, role: 'patient', subject: testId(2) },
      ca,
      genesis.hashBytes,
    ),
  ];
}

/** A record anchor by the test hospital for the test patient; `n` must differ between anchors. */
export function testAnchor(genesis: Genesis, n: number): Transaction {
  return signTransaction(
    'record.anchor',
    {
      record_id: testId(n),
      patient: testPatient().publicKey,
      creator: testHospital().publicKey,
      date: '2025-11-04T12:17:34.969Z',
      commitment: n.toString(16).padStart(64, 'c') as Hash32,
    },
    testHospital(),
    genesis.hashBytes,
  );
}

/** The test patient's grant of record `n` to the test hospital for request `request`. */
export function testGrant(genesis: Genesis, n: number, request: number): Transaction {
  return signTransaction(
    'access.grant',
    { record_id: testId(n), grantee: testHospital().publicKey, request_id: testId(request) },
    testPatient(),
    genesis.hashBytes,
  );
}

/**
 * A deterministic receipt on testGenesis(): the test hospital and patient registered in block 1,
 * three anchors in block 2 (the receipt proves the second), acknowledgements by validator 1 of
 * block 2 and validator 0 of block 3, so the receipt carries one linking header. Ed25519 is
 * deterministic and the miner searches nonces from 0, so with the default anchor the bytes never
 * change (test/vectors/receipt). `anchor` sets the proven anchor's record id and commitment.
 */
export async function testReceipt(
  anchor: { record_id?: string; commitment?: string } = {},
): Promise<{ receipt: Receipt; genesis: Genesis; genesisDoc: GenesisDoc; blockHash: BlockHash }> {
  const genesisDoc = testGenesisDoc();
  const genesis = parseGenesis(genesisDoc);
  const g = genesis.hashBytes;
  const ca = testKey('central-authority');
  const ha = testKey('hospital');
  const patient = testKey('patient');
  const chain = await Chain.open(genesis, new MemoryStore());
  const reg = (key: KeyPair, role: 'health_authority' | 'patient', subject: string) =>
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
        record_id: ((i === 1 ? anchor.record_id : undefined) ?? `${i}`.padStart(32, 'a')) as Id128,
        patient: patient.publicKey,
        creator: ha.publicKey,
        date: '2025-11-04T12:17:34.969Z',
        commitment: ((i === 1 ? anchor.commitment : undefined) ?? `${i}`.padStart(64, 'c')) as Hash32,
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
  return { receipt, genesis, genesisDoc, blockHash: b2.hash };
}
