/**
 * A deliberately naive RFC 6962 §2.1 Merkle tree, written straight from the recursive MTH and
 * PATH definitions (the shape of transparency-dev/merkle testonly/reference_test.go). It exists
 * only to cross-check merkle.ts and to decide, independently of it, what every vector expects.
 * Hashing goes to node:crypto directly so that a bug in hash.ts cannot hide here too.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

export const refLeafHash = (data: Uint8Array): Uint8Array => sha256(Uint8Array.of(0), data);
const refNode = (l: Uint8Array, r: Uint8Array): Uint8Array => sha256(Uint8Array.of(1), l, r);

/** The largest power of two strictly smaller than n (n > 1): the RFC's k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over leaf data. */
export function refRoot(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return refLeafHash(leaves[0]!);
  const k = splitPoint(leaves.length);
  return refNode(refRoot(leaves.slice(0, k)), refRoot(leaves.slice(k)));
}

/** PATH(m, D[n]), ordered from the leaf up, as the RFC concatenates it. */
export function refPath(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  const n = leaves.length;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...refPath(m, leaves.slice(0, k)), refRoot(leaves.slice(k))];
  return [...refPath(m - k, leaves.slice(k)), refRoot(leaves.slice(0, k))];
}

/** How many hashes PATH(m, D[n]) holds. */
export function refPathLength(m: number, n: number): number {
  if (n === 1) return 0;
  const k = splitPoint(n);
  return 1 + (m < k ? refPathLength(m, k) : refPathLength(m - k, n - k));
}

/** Folds a path back up the same recursion PATH was built by. */
function refFold(leafHash: Uint8Array, m: number, n: number, path: readonly Uint8Array[]): Uint8Array {
  if (n === 1) return leafHash;
  const k = splitPoint(n);
  const sibling = path[path.length - 1]!;
  const rest = path.slice(0, -1);
  return m < k
    ? refNode(refFold(leafHash, m, k, rest), sibling)
    : refNode(sibling, refFold(leafHash, m - k, n - k, rest));
}

export type RefProofError = 'PROOF_BAD_SIZE' | 'PROOF_BAD_INDEX' | 'PROOF_ROOT_MISMATCH';

/** What a verifier must answer for this proof: null when it proves the leaf, else the error code. */
export function refVerify(
  leafHash: Uint8Array,
  index: number,
  size: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
): RefProofError | null {
  if (!Number.isSafeInteger(size) || size < 1 || size > 0xffff_ffff) return 'PROOF_BAD_SIZE';
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) return 'PROOF_BAD_INDEX';
  if (path.length !== refPathLength(index, size)) return 'PROOF_BAD_SIZE';
  if (path.some((p) => p.length !== 32)) return 'PROOF_BAD_SIZE';
  const got = refFold(leafHash, index, size, path);
  return Buffer.from(got).equals(Buffer.from(root)) ? null : 'PROOF_ROOT_MISMATCH';
}
