/**
 * SHA-256 (FIPS 180-4) and the domain-separated hashes built on it. Every hash the ledger
 * commits to starts with a tag naming its purpose, so a value hashed for one purpose can
 * never be passed off as another (a record commitment as a transaction id, say).
 */
import backend from '#crypto';
import { concatBytes, utf8ToBytes } from './bytes.js';

export const sha256 = (data: Uint8Array): Uint8Array => backend.sha256(data);
export const sha256d = (data: Uint8Array): Uint8Array => backend.sha256d(data);

const tagCache = new Map<string, Uint8Array>();

/** The tag's UTF-8 bytes and a 0x00 separator: tags never contain NUL, so no tag prefixes another. */
export function tagBytes(tag: string): Uint8Array {
  let bytes = tagCache.get(tag);
  if (bytes === undefined) {
    if (tag.includes('\0')) throw new RangeError(`"tag" must not contain NUL, got ${JSON.stringify(tag)}`);
    bytes = concatBytes(utf8ToBytes(tag), new Uint8Array([0]));
    tagCache.set(tag, bytes);
  }
  return bytes;
}

export function taggedHash(tag: string, ...parts: Uint8Array[]): Uint8Array {
  return sha256(concatBytes(tagBytes(tag), ...parts));
}

export const Tags = Object.freeze({
  TX: 'chartproof/v1/tx/',
  BLOCK: 'chartproof/v1/block',
  ACK: 'chartproof/v1/ack',
  HANDSHAKE: 'chartproof/v1/handshake',
  /** A node RPC client proving its key (node rpc/rpc-auth.ts). */
  RPC_AUTH: 'chartproof/rpc-auth/v1',
  GENESIS: 'chartproof/v1/genesis',
  RECORD: 'chartproof/record/v1',
} as const);
