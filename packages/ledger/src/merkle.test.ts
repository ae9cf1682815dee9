import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../test/load-vectors.js';
import { refLeafHash, refPath, refRoot } from '../test/reference/merkle.js';
import { bytesToHex } from './bytes.js';
import {
  EMPTY_ROOT,
  hashLeaf,
  inclusionProof,
  inclusionProofLength,
  merkleRoot,
  rootFromInclusionProof,
  verifyInclusion,
} from './merkle.js';

const leavesArb = (max: number) =>
  fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: max });

describe('merkle', () => {
  it('the empty root is SHA-256 of nothing', () => {
    expect(bytesToHex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot([])).toEqual(EMPTY_ROOT);
  });

  it('matches the naive RFC 6962 MTH and PATH for random trees up to 300 leaves', () => {
    fc.assert(
      fc.property(leavesArb(300), fc.nat(), (leaves, seed) => {
        const hashes = leaves.map(hashLeaf);
        expect(hashes.map(bytesToHex)).toEqual(leaves.map((l) => bytesToHex(refLeafHash(l))));
        const root = merkleRoot(hashes);
        expect(bytesToHex(root)).toBe(bytesToHex(refRoot(leaves)));
        const index = seed % leaves.length;
        const path = inclusionProof(hashes, index);
        expect(path.map(bytesToHex)).toEqual(refPath(index, leaves).map(bytesToHex));
        expect(inclusionProofLength(index, leaves.length)).toBe(path.length);
        verifyInclusion(hashes[index]!, index, leaves.length, path, root);
      }),
      { numRuns: 60 },
    );
  });

  it('any changed byte in the leaf, a path element or the root fails', () => {
    fc.assert(
      fc.property(
        leavesArb(40).filter((l) => l.length > 1),
        fc.nat(),
        fc.constantFrom('leaf', 'path', 'root'),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (leaves, seed, where, at, xor) => {
          const hashes = leaves.map(hashLeaf);
          const index = seed % leaves.length;
          const leaf = Uint8Array.from(hashes[index]!);
          const path = inclusionProof(hashes, index).map((p) => Uint8Array.from(p));
          const root = Uint8Array.from(merkleRoot(hashes));
          const target = where === 'leaf' ? leaf : where === 'root' ? root : path[at % path.length]!;
          target[at % 32]! ^= xor;
          expect(errorCode(() => verifyInclusion(leaf, index, leaves.length, path, root))).toBe(
            'PROOF_ROOT_MISMATCH',
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaf data never hashes to an interior node: the 0x00 / 0x01 prefixes differ (second preimage)', () => {
    const [a, b] = ['a', 'b'].map((s) => hashLeaf(new TextEncoder().encode(s)));
    const node = merkleRoot([a!, b!]);
    // The two child hashes, submitted as one leaf's data, must not reproduce their parent.
    const forged = new Uint8Array([...a!, ...b!]);
    expect(hashLeaf(forged)).not.toEqual(node);
    expect(errorCode(() => verifyInclusion(hashLeaf(forged), 0, 1, [], node))).toBe('PROOF_ROOT_MISMATCH');
  });

  it('different leaf lists never share a root (no duplicated last leaf, CVE-2012-2459)', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((s) => hashLeaf(new TextEncoder().encode(s)));
    expect(merkleRoot([a!, b!, c!])).not.toEqual(merkleRoot([a!, b!, c!, c!]));
  });

  it('reports index and size errors with their numbers', () => {
    const hashes = [hashLeaf(new Uint8Array(1))];
    expect(errorCode(() => inclusionProof(hashes, 1))).toBe('PROOF_BAD_INDEX');
    expect(errorCode(() => rootFromInclusionProof(hashes[0]!, 0, 0, []))).toBe('PROOF_BAD_SIZE');
    expect(errorCode(() => rootFromInclusionProof(hashes[0]!, 0, 1.5, []))).toBe('PROOF_BAD_SIZE');
    expect(() => rootFromInclusionProof(hashes[0]!, 0, 2, [])).toThrow('wrong proof size 0, want 1');
  });

  it('proof lengths are right for trees above 2^31 leaves', () => {
    // Computed from the RFC recursion: the leftmost leaf of a 2^31+1 tree sits 32 levels down,
    // the last one right under the root.
    expect(inclusionProofLength(0, 2 ** 31 + 1)).toBe(32);
    expect(inclusionProofLength(2 ** 31, 2 ** 31 + 1)).toBe(1);
    expect(inclusionProofLength(0xffff_fffe, 0xffff_ffff)).toBe(31);
  });
});
