/**
 * The Merkle, header, JCS, commitment and signature vectors again, with `#crypto` resolved to the
 * browser backend (@noble) as the `browser` export condition would: the web client's receipt
 * check must reach the same answers as the nodes.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('#crypto', async () => await import('../src/crypto/web.js'));

const backend = (await import('#crypto')).default;
const { decodeHeader, encodeHeader, hashHeader } = await import('../src/header.js');
const { hashLeaf, merkleRoot, verifyInclusion } = await import('../src/merkle.js');
const { verifyBytes, verifyManyBytes } = await import('../src/keys.js');
const { recordCommitment } = await import('../src/commitment.js');
const { testGenesis } = await import('../src/testing.js');
const { txId, verifyTransactionSignature, parseTransaction } = await import('../src/tx/signing.js');
const { ed25519Batch, errorCode, hex, listVectors, loadVector, unhex } = await import('./load-vectors.js');
type HeaderFile = import('./vector-types.js').HeaderFile;
type InclusionFile = import('./vector-types.js').InclusionFile;
type MerkleRootsFile = import('./vector-types.js').MerkleRootsFile;
type Ed25519File = import('./vector-types.js').Ed25519File;
type TxFile = import('./vector-types.js').TxFile;
type CommitmentFile = import('./vector-types.js').CommitmentFile;
type RecordAnchorFile = import('./vector-types.js').RecordAnchorFile;
type BlockHeader = import('../src/header.js').BlockHeader;

describe('vectors on the web backend', () => {
  it('runs with @noble, not node:crypto', () => {
    expect(backend.name).toBe('web');
  });

  it('merkle roots and every inclusion case', () => {
    const roots = loadVector<MerkleRootsFile>('merkle/roots.json');
    const leafHashes = roots.leaves.map((l) => hashLeaf(unhex(l)));
    for (let n = 0; n < roots.roots.length; n++)
      expect(hex(merkleRoot(leafHashes.slice(0, n)))).toBe(roots.roots[n]);
    for (const file of listVectors('merkle/inclusion')) {
      for (const c of loadVector<InclusionFile>(file).cases) {
        const got = errorCode(() =>
          verifyInclusion(unhex(c.leafHash), c.leafIndex, c.treeSize, c.proof.map(unhex), unhex(c.root)),
        );
        expect(got, `${file} ${c.name}`).toBe(c.wantErr);
      }
    }
  });

  it('header encodings and hashes', () => {
    const v = loadVector<HeaderFile>('header/headers.json');
    for (const c of v.cases) {
      expect(hex(encodeHeader(c.header as BlockHeader))).toBe(c.encoding);
      expect(decodeHeader(unhex(c.encoding))).toEqual(c.header);
      expect(hashHeader(c.header as BlockHeader)).toBe(c.hash);
    }
    expect(testGenesis().hash).toBe(v.cases[0]!.hash);
  });

  it('ed25519 verifyBytes on every vector', () => {
    for (const file of ['ed25519/rfc8032.json', 'ed25519/edge-cases.json']) {
      for (const c of loadVector<Ed25519File>(file).cases) {
        expect(verifyBytes(unhex(c.publicKey), unhex(c.message), unhex(c.signature)), c.name).toBe(
          c.verifyBytes,
        );
      }
    }
  });

  it('ed25519 verifyManyBytes on every vector, in one batch', async () => {
    const { cases, checks } = ed25519Batch();
    expect(await verifyManyBytes(checks)).toEqual(cases.map((c) => c.verifyBytes));
  });

  it('transaction ids and signatures, and the bad-signature siblings', () => {
    const v = loadVector<TxFile>('tx/transactions.json');
    const gh = unhex(v.genesisHash);
    for (const c of v.cases) {
      const tx = parseTransaction(c.tx, v.maxTxBytes);
      expect(txId(tx, gh)).toBe(c.txId);
      expect(verifyTransactionSignature(tx, gh)).toBe(true);
    }
    for (const c of v.badSignatures) {
      expect(
        verifyTransactionSignature(parseTransaction(c.tx, v.maxTxBytes), unhex(c.genesisHash)),
        c.name,
      ).toBe(false);
    }
  });

  it('record commitments', () => {
    for (const c of loadVector<CommitmentFile>('commitment/commitments.json').cases) {
      expect(recordCommitment(c.record, unhex(c.salt))).toBe(c.commitment);
    }
  });

  it('record anchor vectors', async () => {
    const { checkRecordAnchor } = await import('../src/record-anchor.js');
    const file = loadVector<RecordAnchorFile>('record-anchor/anchors.json');
    for (const c of file.cases) {
      let commitment: string | null = null;
      try {
        commitment = recordCommitment(c.record, unhex(c.salt));
      } catch {}
      const { patient, creator } = c;
      const check = checkRecordAnchor('receipt' in c ? c.receipt : file.receipt, {
        record_id: c.record_id,
        commitment,
        ...(patient !== undefined ? { patient } : {}),
        ...(creator !== undefined ? { creator } : {}),
      });
      expect(check.ok, c.name).toBe(c.wantAnchored && c.wantFailed.length === 0);
    }
  });

  it('the receipt vector verifies on the web backend, and fails with a changed digit', async () => {
    const { readFileSync } = await import('node:fs');
    const { verifyReceipt } = await import('../src/receipt.js');
    const { parseGenesis } = await import('../src/genesis.js');
    const file = JSON.parse(readFileSync(new URL('./vectors/receipt/receipt.json', import.meta.url), 'utf8'));
    const genesis = parseGenesis(file.genesis);
    expect(verifyReceipt(file.receipt, genesis).height).toBe(2);
    const bad = structuredClone(file.receipt);
    bad.acks[0].sig = (bad.acks[0].sig[0] === '0' ? '1' : '0') + bad.acks[0].sig.slice(1);
    expect(errorCode(() => verifyReceipt(bad, genesis))).toBe('RECEIPT_INVALID');
  });
});
