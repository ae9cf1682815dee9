/**
 * Every committed vector, checked against the ledger modules (node backend through `#crypto`)
 * and, at the primitive level, against both crypto backends directly.
 */
import { describe, expect, it } from 'vitest';
import { recordCommitment } from '../src/commitment.js';
import type { CryptoBackend } from '../src/crypto/backend.js';
import { nodeCrypto } from '../src/crypto/node.js';
import { webCrypto } from '../src/crypto/web.js';
import { isLedgerError } from '../src/errors.js';
import { type BlockHeader, decodeHeader, encodeHeader, hashHeader } from '../src/header.js';
import { canonicalJson } from '../src/jcs.js';
import { isValidAccountKey, verifyBytes, verifyManyBytes } from '../src/keys.js';
import { hashLeaf, inclusionProof, merkleRoot, verifyInclusion } from '../src/merkle.js';
import { testGenesis, testKey } from '../src/testing.js';
import type { Transaction } from '../src/tx/schema.js';
import {
  parseTransaction,
  signTransaction,
  txId,
  txLeafData,
  verifyTransactionSignature,
} from '../src/tx/signing.js';
import { ed25519Batch, errorCode, hex, listVectors, loadVector, unhex } from './load-vectors.js';
import type {
  CommitmentFile,
  Ed25519File,
  HeaderFile,
  InclusionFile,
  JcsFile,
  JcsInvalidFile,
  JcsNumbersFile,
  MerkleRootsFile,
  TxFile,
} from './vector-types.js';

const backends: CryptoBackend[] = [nodeCrypto, webCrypto];

describe('vector files', () => {
  it('each says where its data comes from', () => {
    const files = listVectors();
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const v = loadVector<{ source?: unknown; desc?: unknown }>(f);
      expect(typeof v.source, f).toBe('string');
      expect(typeof v.desc, f).toBe('string');
    }
  });
});

describe('jcs vectors', () => {
  const groups = listVectors('jcs').filter((f) => !f.includes('numbers') && !f.includes('invalid'));
  for (const file of groups) {
    it(`canonicalizes ${file}`, () => {
      for (const c of loadVector<JcsFile>(file).cases) {
        expect(canonicalJson(JSON.parse(c.input)), c.name).toBe(c.output);
        // The output is itself canonical: canonicalizing it again changes nothing.
        expect(canonicalJson(JSON.parse(c.output)), c.name).toBe(c.output);
      }
    });
  }

  it('serializes the numbers of RFC 8785 Appendix B', () => {
    const { cases } = loadVector<JcsNumbersFile>('jcs/rfc8785-numbers.json');
    expect(cases.length).toBe(26);
    for (const c of cases) {
      const n = Buffer.from(c.ieee, 'hex').readDoubleBE(0);
      if (c.output === null)
        expect(
          errorCode(() => canonicalJson(n)),
          c.ieee,
        ).toBe('BAD_ENCODING');
      else expect(canonicalJson(n), c.ieee).toBe(c.output);
    }
  });

  it('refuses JSON text without a canonical form', () => {
    for (const c of loadVector<JcsInvalidFile>('jcs/invalid.json').cases) {
      expect(
        errorCode(() => canonicalJson(JSON.parse(c.input))),
        c.name,
      ).toBe(c.wantErr);
    }
  });
});

describe('merkle vectors', () => {
  const roots = loadVector<MerkleRootsFile>('merkle/roots.json');

  it('match the RFC 6962 test tree roots published by certificate-transparency and transparency-dev', () => {
    // Facts from outside this repo (transparency-dev/merkle testonly, sizes 1..8), not generated here.
    expect(roots.roots.slice(1, 9)).toEqual([
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    ]);
  });

  it('leaf hashes and roots for every size 0..9', () => {
    const leafHashes = roots.leaves.map((l) => hashLeaf(unhex(l)));
    expect(leafHashes.map(hex)).toEqual(roots.leafHashes);
    for (let n = 0; n < roots.roots.length; n++)
      expect(hex(merkleRoot(leafHashes.slice(0, n))), `size ${n}`).toBe(roots.roots[n]);
  });

  const files = listVectors('merkle/inclusion');
  it('cover every leaf of every tree size 1..9', () => {
    expect(files.length).toBe(45);
  });

  for (const file of files) {
    it(`inclusion ${file}`, () => {
      const { cases } = loadVector<InclusionFile>(file);
      expect(cases[0]!.name).toBe('happy-path');
      const happy = cases[0]!;
      const leafHashes = roots.leafHashes.slice(0, happy.treeSize).map(unhex);
      expect(inclusionProof(leafHashes, happy.leafIndex).map(hex)).toEqual(happy.proof);
      expect(cases.length).toBeGreaterThan(8);
      for (const c of cases) {
        const got = errorCode(() =>
          verifyInclusion(unhex(c.leafHash), c.leafIndex, c.treeSize, c.proof.map(unhex), unhex(c.root)),
        );
        expect(got, c.name).toBe(c.wantErr);
      }
    });
  }
});

describe('header vectors', () => {
  const v = loadVector<HeaderFile>('header/headers.json');
  it('encode, decode and hash', () => {
    for (const c of v.cases) {
      const h = c.header as BlockHeader;
      expect(hex(encodeHeader(h)), c.name).toBe(c.encoding);
      expect(decodeHeader(unhex(c.encoding)), c.name).toEqual(c.header);
      expect(hashHeader(h), c.name).toBe(c.hash);
    }
  });
  it('the test genesis vector is testGenesis()', () => {
    expect(v.cases[0]!.hash).toBe(testGenesis().hash);
  });
  it('refuse malformed encodings', () => {
    for (const c of v.invalid)
      expect(
        errorCode(() => decodeHeader(unhex(c.encoding))),
        c.name,
      ).toBe(c.wantErr);
  });
});

describe('primitives agree on both backends', () => {
  const headers = loadVector<HeaderFile>('header/headers.json');
  const roots = loadVector<MerkleRootsFile>('merkle/roots.json');
  for (const b of backends) {
    it(`${b.name}: sha256d of every header vector, sha256 of every leaf`, () => {
      for (const c of headers.cases) expect(hex(b.sha256d(unhex(c.encoding))), c.name).toBe(c.hash);
      for (const [i, l] of roots.leaves.entries()) {
        expect(hex(b.sha256(Uint8Array.of(0, ...unhex(l))))).toBe(roots.leafHashes[i]);
      }
      expect(hex(b.sha256(new Uint8Array(0)))).toBe(roots.roots[0]);
    });

    it(`${b.name}: ed25519 RFC 8032 keys and signatures, and every edge case`, () => {
      const rfc = loadVector<Ed25519File>('ed25519/rfc8032.json');
      for (const c of rfc.cases) {
        expect(hex(b.ed25519PublicKey(unhex(c.secretKey!))), c.name).toBe(c.publicKey);
        expect(hex(b.ed25519Sign(unhex(c.secretKey!), unhex(c.message))), c.name).toBe(c.signature);
      }
      const edge = loadVector<Ed25519File>('ed25519/edge-cases.json');
      for (const c of [...rfc.cases, ...edge.cases]) {
        if (c.backend === null) continue;
        expect(b.ed25519Verify(unhex(c.publicKey), unhex(c.message), unhex(c.signature)), c.name).toBe(
          c.backend,
        );
      }
    });

    it(`${b.name}: ed25519VerifyMany gives each edge case's answer, in order`, async () => {
      const cases = ['ed25519/rfc8032.json', 'ed25519/edge-cases.json']
        .flatMap((f) => loadVector<Ed25519File>(f).cases)
        .filter((c) => c.backend !== null);
      const checks = cases.map((c) => ({
        publicKey: unhex(c.publicKey),
        message: unhex(c.message),
        signature: unhex(c.signature),
      }));
      // Twice over, reversed the second time: answers must follow the input, not completion order.
      const answers = await b.ed25519VerifyMany([...checks, ...checks.slice().reverse()]);
      expect(answers).toEqual([...cases, ...cases.slice().reverse()].map((c) => c.backend));
    });
  }
});

describe('ed25519 vectors through keys.ts', () => {
  for (const file of ['ed25519/rfc8032.json', 'ed25519/edge-cases.json']) {
    it(`verifyBytes and isValidAccountKey on ${file}`, () => {
      for (const c of loadVector<Ed25519File>(file).cases) {
        expect(verifyBytes(unhex(c.publicKey), unhex(c.message), unhex(c.signature)), c.name).toBe(
          c.verifyBytes,
        );
        expect(isValidAccountKey(unhex(c.publicKey)), c.name).toBe(c.isValidAccountKey);
      }
    });
  }

  it('verifyManyBytes gives verifyBytes answers on every vector, in one batch past the parallel threshold', async () => {
    const { cases, checks } = ed25519Batch();
    expect(await verifyManyBytes(checks)).toEqual(cases.map((c) => c.verifyBytes));
  });
});

describe('transaction vectors', () => {
  const v = loadVector<TxFile>('tx/transactions.json');
  const genesis = testGenesis();

  it('are for testGenesis() and the testKey seeds', () => {
    expect(v.genesisHash).toBe(genesis.hash);
    for (const [name, k] of Object.entries(v.keys)) {
      expect(hex(testKey(name).secretKey)).toBe(k.seed);
      expect(testKey(name).publicKey).toBe(k.publicKey);
    }
  });

  it('cover all five types', () => {
    expect(v.cases.map((c) => c.tx.type).sort()).toEqual([
      'access.grant',
      'access.revoke',
      'account.register',
      'audit.checkpoint',
      'record.anchor',
    ]);
  });

  for (const c of v.cases) {
    it(`${c.name}: signature, id, leaf`, () => {
      const tx = parseTransaction(c.tx, v.maxTxBytes);
      const signed = signTransaction(tx.type, tx.body as never, testKey(c.signer), genesis.hashBytes);
      expect(signed).toEqual(c.tx);
      expect(txId(tx, genesis.hashBytes)).toBe(c.txId);
      expect(hex(txLeafData(tx))).toBe(c.leafData);
      expect(hex(hashLeaf(txLeafData(tx)))).toBe(c.leafHash);
      expect(verifyTransactionSignature(tx, genesis.hashBytes)).toBe(true);
      for (const b of backends) {
        expect(b.ed25519Verify(unhex(tx.signer), unhex(c.signingMessage), unhex(tx.sig)), b.name).toBe(true);
      }
    });
  }

  it('parseTransaction refuses each invalid sibling, naming the field', () => {
    for (const c of v.invalid) {
      const limit =
        c.wantErr === 'TX_TOO_LARGE' ? txLeafData(c.json as Transaction).length - 1 : v.maxTxBytes;
      let err: unknown;
      try {
        parseTransaction(c.json, limit);
      } catch (e) {
        err = e;
      }
      expect(isLedgerError(err), c.name).toBe(true);
      if (!isLedgerError(err)) continue;
      expect(err.code, c.name).toBe(c.wantErr);
      if (c.field !== null) {
        expect(err.details.field, c.name).toBe(c.field);
        expect(err.message, c.name).toContain(c.field);
      }
    }
  });

  it('no bad-signature sibling verifies', () => {
    for (const c of v.badSignatures) {
      const tx = parseTransaction(c.tx, v.maxTxBytes);
      expect(verifyTransactionSignature(tx, unhex(c.genesisHash)), c.name).toBe(false);
    }
  });
});

describe('commitment vectors', () => {
  it('recordCommitment', () => {
    for (const c of loadVector<CommitmentFile>('commitment/commitments.json').cases) {
      expect(canonicalJson(c.record), c.name).toBe(c.canonical);
      expect(recordCommitment(c.record, unhex(c.salt)), c.name).toBe(c.commitment);
    }
  });
});
