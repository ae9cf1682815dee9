/** The bare node:crypto Ed25519 verify loop the capacity goal is measured against. */
import * as crypto from 'node:crypto';
import { testKey } from '@chartproof/ledger/testing';
import { rateOver } from './measure.js';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Verifications per second of one ~330-byte message (a transaction's signing message) with a prebuilt KeyObject. */
export function ed25519VerifyRate(ms: number): number {
  const key = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, Buffer.from(testKey('bench').secretKey)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = crypto.createPublicKey(key);
  const message = crypto.randomBytes(330);
  const signature = crypto.sign(null, message, key);
  return rateOver(ms, 200, () => {
    for (let i = 0; i < 200; i++) {
      if (!crypto.verify(null, message, publicKey, signature)) throw new Error('verify failed');
    }
  });
}
