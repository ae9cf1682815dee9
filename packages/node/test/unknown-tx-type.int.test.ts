/**
 * A transaction of a type this version does not know, well signed by a registered key, against
 * real node processes: the RPC refuses it with TX_SCHEMA naming the type, and a peer that relays
 * it is disconnected and discouraged; neither node's mempool takes it, and honest traffic goes on.
 */
import { type Id128, signTransaction } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { RpcClientError } from '../src/rpc/rpc-client.js';
import { cleanUpAfterSuite, type NodeProcess, sleep, TestNetwork, waitForPeers } from './harness.js';
import { RawPeer } from './raw-peer.js';

const UNKNOWN_TYPE = 'record.amend';

describe('a transaction of an unknown type', () => {
  const net = new TestNetwork(testGenesisDoc({ consensus: { block_interval_ms: 300 } }));
  let a: NodeProcess;
  let b: NodeProcess;
  // Signed by the central authority over the unknown type's own tag, as a newer version would.
  const unknown = signTransaction(
    UNKNOWN_TYPE as 'account.register',
    {
      account: testKey('unknown type account').publicKey,
      role: 'patient',
      subject: '0'.repeat(31).concat('1') as Id128,
    },
    testKey('central-authority'),
    net.genesis.hashBytes,
  );

  beforeAll(async () => {
    a = await net.start({ name: 'a', keyName: 'validator-0' });
    b = await net.start({ name: 'b', keyName: 'validator-1', peers: [a.url] });
    await waitForPeers([a, b], 1);
  });
  cleanUpAfterSuite(net);

  it('is refused by the RPC with TX_SCHEMA, naming the type', async () => {
    const call = a.rpc.call('submit', { tx: unknown, wait: 'mempool' }, 5_000);
    await expect(call).rejects.toBeInstanceOf(RpcClientError);
    await expect(call).rejects.toMatchObject({ code: 'TX_SCHEMA', message: expect.stringMatching(/type/) });
    expect((await a.status()).mempool).toBe(0);
  });

  it('is refused from a peer: the relaying peer is discouraged, nothing reaches the mempools', async () => {
    const peer = new RawPeer(a.url, net.genesis);
    try {
      await peer.handshake(testKey('peer relaying an unknown type'));
      peer.send({ type: 'txs', txs: [unknown] });
      await peer.expectClosed();
      expect(peer.received.some((m) => m.type === 'reject' && m.code === 'discouraged')).toBe(true);
    } finally {
      peer.close();
    }
    await sleep(500); // time to relay it, had it been taken
    expect((await a.status()).mempool).toBe(0);
    expect((await b.status()).mempool).toBe(0);
    const honest = await b.submit(net.registerTx('after unknown type', 0), 30_000);
    expect(honest.status).toBe('acknowledged');
  });
});
