/**
 * AES-256-GCM with a random 96-bit nonce (NIST SP 800-38D): the one authenticated cipher the API
 * uses, for records, wrapped data keys and wrapped private keys. A sealed box is
 * `nonce(12) ‖ ciphertext ‖ tag(16)`; any change to it, or to the associated data, fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE = 12;
const TAG = 16;
export const KEY_SIZE = 32;

export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Buffer {
  if (key.length !== KEY_SIZE) throw new RangeError(`"key" expected ${KEY_SIZE} bytes, got ${key.length}`);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function open(key: Uint8Array, box: Uint8Array, aad: Uint8Array): Buffer {
  if (box.length < NONCE + TAG) throw new DecryptError(`sealed box of ${box.length} bytes is too short`);
  const b = Buffer.from(box);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, b.subarray(0, NONCE));
    decipher.setAAD(aad);
    decipher.setAuthTag(b.subarray(b.length - TAG));
    return Buffer.concat([decipher.update(b.subarray(NONCE, b.length - TAG)), decipher.final()]);
  } catch {
    throw new DecryptError('authentication failed: the sealed data or its context was altered');
  }
}
