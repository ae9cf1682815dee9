/**
 * Merkle tree hashing and inclusion proofs as in RFC 6962 §2.1 (restated in RFC 9162 §2.1):
 * leaves are hashed as SHA-256(0x00 ‖ data), interior nodes as SHA-256(0x01 ‖ left ‖ right), and
 * a level with an odd node carries it up unchanged. No leaf is ever duplicated, so two different
 * leaf lists never share a root (Bitcoin's CVE-2012-2459), and a leaf can never pass for a node.
 */
import { bytesToHex, concatBytes, equalBytes } from './bytes.js';
import { LedgerError } from './errors.js';
import { sha256 } from './hash.js';

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** The root of a tree with no leaves: SHA-256 of the empty string (RFC 6962 §2.1). */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

export function hashLeaf(data: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, data));
}

export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** Root over already-hashed leaves, bottom-up; equals RFC 6962's recursive MTH for every size. */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  let level = leafHashes.slice();
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashChildren(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

/** The audit path of RFC 6962 §2.1.1 for leaf `index`, ordered from the leaf up to the root. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Uint8Array[] {
  const size = leafHashes.length;
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new LedgerError('PROOF_BAD_INDEX', `leaf index ${index} out of range for tree size ${size}`, {
      index,
      size,
    });
  }
  const path: Uint8Array[] = [];
  let level = leafHashes.slice();
  let i = index;
  while (level.length > 1) {
    const sibling = i ^ 1;
    if (sibling < level.length) path.push(level[sibling]!);
    const next: Uint8Array[] = [];
    for (let j = 0; j + 1 < level.length; j += 2) next.push(hashChildren(level[j]!, level[j + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
    i >>= 1;
  }
  return path;
}

/** Bit length of a u32; exact, unlike Math.log2 near powers of two. */
function bitLength(x: number): number {
  return 32 - Math.clz32(x);
}

function popCount(x: number): number {
  let n = 0;
  for (let v = x; v > 0; v = Math.floor(v / 2)) n += v % 2;
  return n;
}

/** How many hashes the proof of `index` in a tree of `size` must have (inner + border levels). */
export function inclusionProofLength(index: number, size: number): number {
  // `>>> 0`: JavaScript's ^ yields a signed 32-bit result, negative for trees above 2^31 leaves.
  const inner = bitLength((index ^ (size - 1)) >>> 0);
  return inner + popCount(Math.floor(index / 2 ** inner));
}

/** The root that `path` implies for the leaf (RFC 9162 §2.1.3.2), or a LedgerError if it is malformed. */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
): Uint8Array {
  if (!Number.isSafeInteger(size) || size < 1 || size > 0xffff_ffff) {
    throw new LedgerError('PROOF_BAD_SIZE', `tree size ${size} is not an integer in 1..2^32-1`, { size });
  }
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new LedgerError('PROOF_BAD_INDEX', `leaf index ${index} out of range for tree size ${size}`, {
      index,
      size,
    });
  }
  const want = inclusionProofLength(index, size);
  if (path.length !== want) {
    throw new LedgerError('PROOF_BAD_SIZE', `wrong proof size ${path.length}, want ${want}`, {
      got: path.length,
      want,
    });
  }
  // fn walks the leaf's position up the tree, sn the last node's; where fn is the last node of an
  // odd level it has no right sibling, so the shift skips that level.
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of path) {
    if (p.length !== 32) {
      throw new LedgerError('PROOF_BAD_SIZE', `proof hash of ${p.length} bytes, want 32`, { got: p.length });
    }
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>>= 1;
        sn >>>= 1;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>>= 1;
    sn >>>= 1;
  }
  return r;
}

/** Throws PROOF_ROOT_MISMATCH (with both roots) unless the proof ties the leaf to `root`. */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const got = rootFromInclusionProof(leafHash, index, size, path);
  if (!equalBytes(got, root)) {
    throw new LedgerError(
      'PROOF_ROOT_MISMATCH',
      `proof leads to root ${bytesToHex(got)}, want ${bytesToHex(root)}`,
      {
        got: bytesToHex(got),
        want: bytesToHex(root),
      },
    );
  }
}
