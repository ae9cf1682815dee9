/**
 * The two canonical encodings of a transaction, from one canonicalisation of its body: the
 * signed payload JCS({type, signer, body}) and the Merkle leaf JCS(transaction). Validating a
 * block needs both for every transaction, and canonicalising the body is most of the work.
 *
 * JCS of an object is its members as canonical `key:value` pairs sorted by key and joined by
 * commas (RFC 8785 §3.2.3). The envelope's keys sort body < sig < signer < type, so both forms
 * are assembled around the canonical body, each member value canonicalised on its own; the
 * result is byte for byte what canonicalising the whole object gives (encoding.test.ts).
 */
import { utf8ToBytes } from '../bytes.js';
import { canonicalBytes, canonicalJson } from '../jcs.js';
import type { Transaction, UnsignedTransaction } from './schema.js';

export interface TxEncoding {
  /** JCS({type, signer, body}): what the signature and the transaction id cover. */
  readonly payload: Uint8Array;
  /** JCS(transaction), signature included: what the Merkle leaf commits to. */
  readonly leaf: Uint8Array;
}

/** `"signer":…,"type":…}`: the members after body (and sig), closing the object. */
const tail = (tx: UnsignedTransaction) =>
  `"signer":${canonicalJson(tx.signer)},"type":${canonicalJson(tx.type)}}`;

// Objects that are not plain envelopes (never a parsed transaction: its schema is strict, but
// an unparsed object may miss a member, carry others or not be a plain object), and any input
// jcs.ts refuses, take the general path: the result, or the error, is exactly that of
// canonicalising the object itself.
const defined = (tx: UnsignedTransaction) =>
  tx.type !== undefined && tx.signer !== undefined && tx.body !== undefined;

const generalPayload = (tx: UnsignedTransaction) =>
  canonicalBytes({ type: tx.type, signer: tx.signer, body: tx.body });

export function signedPayload(tx: UnsignedTransaction): Uint8Array {
  if (!defined(tx)) return generalPayload(tx);
  try {
    return utf8ToBytes(`{"body":${canonicalJson(tx.body)},${tail(tx)}`);
  } catch {
    return generalPayload(tx); // throws, naming the member's full path
  }
}

/** The four envelope members and nothing else, all defined. */
function isEnvelope(tx: Transaction): boolean {
  const proto = Object.getPrototypeOf(tx);
  return (
    (proto === Object.prototype || proto === null) &&
    Object.keys(tx).length === 4 &&
    ['type', 'signer', 'body', 'sig'].every((k) => Object.hasOwn(tx, k)) &&
    defined(tx) &&
    tx.sig !== undefined
  );
}

export function encodeTransaction(tx: Transaction): TxEncoding {
  const general = () => ({ payload: generalPayload(tx), leaf: canonicalBytes(tx) });
  if (!isEnvelope(tx)) return general();
  let body: string;
  let rest: string;
  let sig: string;
  try {
    body = canonicalJson(tx.body);
    rest = tail(tx);
    sig = canonicalJson(tx.sig);
  } catch {
    return general(); // throws, naming the member's full path
  }
  return {
    payload: utf8ToBytes(`{"body":${body},${rest}`),
    leaf: utf8ToBytes(`{"body":${body},"sig":${sig},${rest}`),
  };
}
