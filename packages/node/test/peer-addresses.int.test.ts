/**
 * Outsiders lying about addresses, against real in-process nodes on 127.0.0.1. Node B is
 * configured to dial validator A through a TCP relay (so the test can cut and heal that link);
 * the outsiders are raw WebSocket clients that complete the real handshake with keys of their
 * own. Neither a `hello.listen` claim nor a flood of `addr` may stop B from keeping its
 * configured link, nor from dialling a genesis validator it learns of.
 */
import { type Genesis, parseGenesis } from '@chartproof/ledger';
import { testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartNode } from '../src/node.js';
import { AddressBookLimits } from '../src/p2p/address-book.js';
import { waitFor } from './harness.js';
import { RawPeer } from './raw-peer.js';
import { TcpRelay } from './tcp-relay.js';

const doc = testGenesisDoc({ validators: 3, consensus: { block_interval_ms: 100 } });
const genesis: Genesis = parseGenesis(doc);
const MAX_OUTBOUND = 4;

describe('peer addresses from outsiders', () => {
  let a: ChartNode;
  let b: ChartNode;
  let c: ChartNode | undefined;
  let relay: TcpRelay;
  const opened: RawPeer[] = [];

  const outsider = async (name: string, listen: string | null = null) => {
    const p = new RawPeer(b.url, genesis);
    opened.push(p);
    await p.handshake(testKey(`outsider: ${name}`), { listen });
    return p;
  };
  const bReaches = (node: ChartNode) => b.status().peers.some((p) => p.key === node.options.key.publicKey);

  /** Cuts B's configured link to A, waits until B sees it gone, then heals it. */
  async function cutAndHeal(): Promise<void> {
    relay.cut();
    await waitFor('B to lose A', async () => !bReaches(a), 5_000, 50);
    relay.heal();
  }

  beforeAll(async () => {
    const common = { genesis: doc, dataDir: null, logLevel: 'silent' as const, mine: false };
    a = await ChartNode.start({ ...common, key: testKey('validator-0'), discover: false });
    relay = await new TcpRelay(a.port).listen();
    b = await ChartNode.start({
      ...common,
      key: testKey('validator-1'),
      peers: [relay.url],
      maxOutbound: MAX_OUTBOUND,
      // Short backoffs keep the test quick; the rules under test do not depend on them.
      reconnectBaseMs: 50,
      reconnectMaxMs: 1_000,
    });
    await waitFor('B to reach A', async () => bReaches(a), 10_000, 50);
  }, 30_000);

  afterAll(async () => {
    for (const p of opened) p.close();
    await c?.close();
    await b?.close();
    await a?.close();
    await relay?.close();
  });

  it('keeps redialling a configured peer whose URL an outsider claims as its own', async () => {
    const liar = await outsider('claims A', relay.url);
    expect(bReaches(a)).toBe(true);
    await cutAndHeal();
    // The outsider is still connected and still claims A's URL: B must not take its word.
    expect(liar.isClosed).toBe(false);
    await waitFor('B to redial A', async () => bReaches(a), 5_000, 50);
    expect(b.peers.targets.configured).toEqual([relay.url]);
  });

  it('drops bogus learned addresses, never in the configured slot, and still dials a validator learned later', async () => {
    const flooder = await outsider('flood');
    // Loopback ports below 1024 that nothing listens on: every dial is refused at once.
    const bogus = Array.from({ length: 4 * MAX_OUTBOUND }, (_, i) => `ws://127.0.0.1:${i + 1}`);
    flooder.send({ type: 'addr', peers: bogus });
    await waitFor('B to dial learned addresses', async () => b.peers.targets.learned.length > 0, 5_000, 10);
    expect(b.peers.targets.learned.length).toBeLessThanOrEqual(MAX_OUTBOUND - 1);
    expect(b.peers.targets.configured).toEqual([relay.url]);

    // A validator B has never been told to dial, announced right behind the flood.
    c = await ChartNode.start({
      genesis: doc,
      dataDir: null,
      logLevel: 'silent',
      mine: false,
      discover: false,
      key: testKey('validator-2'),
    });
    flooder.send({ type: 'addr', peers: [c.url] });
    await waitFor('B to reach validator C', async () => bReaches(c!), 15_000, 50);
    expect(b.peers.addresses.isPinned(c.url)).toBe(true);
    await waitFor(
      'every bogus address to be dropped',
      async () => bogus.every((u) => !b.peers.addresses.has(u)),
      15_000,
      50,
    );
    expect(b.peers.targets.learned).toEqual([c.url]);

    // Announcing them again does not bring them back, and the configured link still recovers.
    flooder.send({ type: 'addr', peers: bogus });
    await cutAndHeal();
    await waitFor('B to redial A', async () => bReaches(a), 5_000, 50);
    expect(b.peers.targets.learned).toEqual([c.url]);
    expect(b.peers.addresses.size).toBe(1);
  });

  it('holds at most MAX_PER_SOURCE addresses from one outsider', async () => {
    const flooder = await outsider('per-source');
    const many = Array.from({ length: 100 }, (_, i) => `ws://127.0.0.2:${2000 + i}`);
    const before = b.peers.addresses.size;
    flooder.send({ type: 'addr', peers: many });
    await waitFor('B to learn them', async () => b.peers.addresses.size > before, 5_000, 10);
    expect(b.peers.addresses.size - before).toBeLessThanOrEqual(AddressBookLimits.MAX_PER_SOURCE);
    expect(bReaches(a)).toBe(true);
  });
});
