/**
 * Proof of key possession in the handshake. Each side sends a fresh random challenge in its
 * hello; the other answers with a signature over (our challenge ‖ its key ‖ our key) under the
 * handshake tag and genesis hash. Binding both keys stops a man in the middle from relaying one
 * peer's answer to another, and the fresh challenge stops replay of an old answer.
 *
 * A node RPC client proves its key the same way, one-sided (rpc/rpc-auth.ts): the node sends a
 * fresh challenge, the client signs it under its own tag and the genesis hash. The client knows no
 * node key to bind, and needs none: the proof only opens that one connection, over wss:// beyond
 * loopback.
 */
import {
  bytesToHex,
  concatBytes,
  type Genesis,
  hexToBytes,
  type KeyPair,
  type PublicKey,
  randomBytes,
  type Signature,
  sign,
  Tags,
  verify,
} from '@chartproof/ledger';

export function newChallenge(): string {
  return bytesToHex(randomBytes(32));
}

function payload(challenge: string, signer: PublicKey, other: PublicKey): Uint8Array {
  return concatBytes(hexToBytes(challenge), hexToBytes(signer), hexToBytes(other));
}

/** Our answer to the peer's challenge. */
export function answerChallenge(
  key: KeyPair,
  peerChallenge: string,
  peerKey: PublicKey,
  genesis: Genesis,
): Signature {
  return sign(
    key.secretKey,
    Tags.HANDSHAKE,
    genesis.hashBytes,
    payload(peerChallenge, key.publicKey, peerKey),
  );
}

/** Whether the peer's answer proves it holds `peerKey`, for the challenge we sent it. */
export function checkAnswer(
  peerKey: PublicKey,
  ourChallenge: string,
  ourKey: PublicKey,
  sig: Signature,
  genesis: Genesis,
): boolean {
  return verify(peerKey, Tags.HANDSHAKE, genesis.hashBytes, payload(ourChallenge, peerKey, ourKey), sig);
}

/** A node RPC client's proof of `key` for the challenge its connection got. */
export function answerRpcChallenge(key: KeyPair, challenge: string, genesisHash: Uint8Array): Signature {
  return sign(key.secretKey, Tags.RPC_AUTH, genesisHash, hexToBytes(challenge));
}

/** Whether an RPC client's answer proves it holds `clientKey`, for the challenge we sent it. */
export function checkRpcAnswer(
  clientKey: PublicKey,
  challenge: string,
  sig: Signature,
  genesis: Genesis,
): boolean {
  return verify(clientKey, Tags.RPC_AUTH, genesis.hashBytes, hexToBytes(challenge), sig);
}
