/**
 * A naive block header encoder written from the layout table in design.md and header.ts's
 * comment (DataView, field by field), and SHA-256d straight from node:crypto. Used by the
 * vector generator to produce expected encodings without calling header.ts.
 */
import { createHash } from 'node:crypto';

export interface RefHeader {
  version: number;
  height: number;
  prevHash: string;
  merkleRoot: string;
  timestamp: number;
  bits: number;
  nonce: number;
  miner: string;
}

export function refEncodeHeader(h: RefHeader): Uint8Array {
  const buf = new ArrayBuffer(124);
  const dv = new DataView(buf);
  const bytes = new Uint8Array(buf);
  dv.setUint32(0, h.version);
  dv.setUint32(4, h.height);
  bytes.set(Buffer.from(h.prevHash, 'hex'), 8);
  bytes.set(Buffer.from(h.merkleRoot, 'hex'), 40);
  dv.setBigUint64(72, BigInt(h.timestamp));
  dv.setUint32(80, h.bits);
  dv.setBigUint64(84, BigInt(h.nonce));
  bytes.set(Buffer.from(h.miner, 'hex'), 92);
  return bytes;
}

export function refSha256d(data: Uint8Array): Uint8Array {
  const once = createHash('sha256').update(data).digest();
  return new Uint8Array(createHash('sha256').update(once).digest());
}
