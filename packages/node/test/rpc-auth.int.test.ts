/**
 * Node RPC authentication against a real `chartproof node` process over real sockets (issue 14
 * point 5): a stranger gets status and receipts by record id and nothing else, is disconnected at
 * the authentication deadline and cannot hold the RPC slots; wrong signatures and keys the chain
 * does not accept are refused by code; registered service keys and the central authority get the
 * whole RPC; idle connections are closed and a connection's requests in flight are bounded. The
 * limits are small here, set through the node's CHARTPROOF_NODE_RPC_* variables.
 */
import {
  generateKeyPair,
  parseGenesis,
  sha256,
  type Transaction,
  txId as txIdOn,
  verifyReceipt,
} from '@chartproof/ledger';
import { testAnchor, testGenesisDoc, testId, testKey, testRegistrations } from '@chartproof/ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MethodParams } from '../src/rpc/methods.js';
import { authParams } from '../src/rpc/rpc-auth.js';
import { NodeRpcClient, RpcClientError } from '../src/rpc/rpc-client.js';
import { cleanUpAfterSuite, type NodeProcess, TestNetwork, waitFor } from './harness.js';
import { RawRpc } from './raw-rpc.js';

const MAX_CONNECTIONS = 12;
const MAX_UNAUTHENTICATED = 3;
// Long enough for a stranger's dozen round trips on a busy machine, short enough to wait for.
const AUTH_TIMEOUT_MS = 4000;
const IDLE_TIMEOUT_MS = 5000;
const MAX_IN_FLIGHT = 4;

describe('node RPC authentication', () => {
  const net = new TestNetwork(testGenesisDoc({ validators: 1, consensus: { block_interval_ms: 200 } }), {
    CHARTPROOF_NODE_RPC_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    CHARTPROOF_NODE_RPC_MAX_UNAUTHENTICATED: String(MAX_UNAUTHENTICATED),
    CHARTPROOF_NODE_RPC_AUTH_TIMEOUT_MS: String(AUTH_TIMEOUT_MS),
    CHARTPROOF_NODE_RPC_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
    CHARTPROOF_NODE_RPC_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
  });
  cleanUpAfterSuite(net);
  const ca = testKey('central-authority');
  const service = testKey('rpc-service');
  const hospital = testKey('rpc-hospital');
  const stranger = generateKeyPair();
  const anchor = testAnchor(net.genesis, 1);
  const txId = (tx: Transaction) => txIdOn(tx, net.genesis.hashBytes);
  const clients: NodeRpcClient[] = [];
  const raws: RawRpc[] = [];
  let a: NodeProcess;

  const client = (key: ConstructorParameters<typeof NodeRpcClient>[1]) => {
    const c = new NodeRpcClient(a.url, { unavailableAfterMs: 2000, ...key });
    clients.push(c);
    return c;
  };
  const raw = () => {
    const r = new RawRpc(a.url);
    raws.push(r);
    return r;
  };
  /** A raw connection that proved `key`. */
  const rawAs = async (key = service) => {
    const r = raw();
    await r.opened;
    const { challenge } = await r.challenge;
    const answer = await r.call('auth', authParams(key, challenge, net.genesis.hashBytes));
    expect(answer.error).toBeUndefined();
    return r;
  };
  const metric = async (state: string) => {
    const text = await (await fetch(`${a.httpUrl}/metrics`)).text();
    const m = new RegExp(`^chartproof_rpc_connections\\{state="${state}"\\} (\\d+)$`, 'm').exec(text);
    return Number(m?.[1] ?? Number.NaN);
  };

  beforeAll(async () => {
    a = await net.start({ name: 'a', keyName: 'validator-0' });
    // One at a time: the harness's client is held to MAX_IN_FLIGHT like any other.
    const setup: Transaction[] = [
      net.accountTx(service.publicKey, 'service', 1),
      net.accountTx(hospital.publicKey, 'health_authority', 2),
      ...testRegistrations(net.genesis),
      anchor,
    ];
    for (const tx of setup) expect((await a.submit(tx, 20_000)).status).toBe('acknowledged');
  }, 60_000);

  afterAll(async () => {
    for (const r of raws) r.close();
    await Promise.all(clients.map((c) => c.close()));
  });

  it('gives a client that never authenticates status and receipts by record id, and UNAUTHENTICATED for everything else', async () => {
    const r = raw();
    const { challenge, genesis } = await r.challenge;
    expect(genesis).toBe(net.genesis.hash);
    expect(challenge).toMatch(/^[0-9a-f]{64}$/);

    const status = await r.call('status');
    expect(status.result).toMatchObject({ genesis: net.genesis.hash });
    const receipt = await r.call('receipt', { record_id: testId(1) });
    expect(verifyReceipt(receipt.result, net.genesis).txId).toBe(txId(anchor));

    const closed = Object.keys(MethodParams).filter((m) => m !== 'status' && m !== 'receipt');
    expect(closed.length).toBeGreaterThan(4);
    // One at a time: a stranger's requests count against the in-flight limit too.
    const answers = [];
    for (const m of closed) answers.push(await r.call(m, {}));
    expect(answers.map((x) => x.error?.code)).toEqual(closed.map(() => 'UNAUTHENTICATED'));
    expect((await r.call('receipt', { tx_id: txId(anchor) })).error?.code).toBe('UNAUTHENTICATED');
    expect((await r.call('record', { record_id: testId(1) })).error).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('record needs an authenticated connection'),
    });

    // A valid transaction from a stranger never reaches the mempool.
    const unseen = net.accountTx(generateKeyPair().publicKey, 'health_authority', 3);
    expect((await r.call('submit', { tx: unseen, wait: 'mempool' })).error?.code).toBe('UNAUTHENTICATED');
    await expect(a.tx(txId(unseen))).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // The client without a key is answered the same.
    const keyless = client({});
    expect((await keyless.call<{ height: number }>('status')).height).toBeGreaterThan(0);
    await expect(keyless.call('account', { key: service.publicKey })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a wrong signature and a key the chain does not accept, each by code, and closes after four', async () => {
    const r = raw();
    const { challenge } = await r.challenge;
    const other = sha256(new TextEncoder().encode('another challenge'));
    const wrongChallenge = authParams(ca, Buffer.from(other).toString('hex'), net.genesis.hashBytes);
    expect((await r.call('auth', wrongChallenge)).error?.code).toBe('AUTH_BAD_SIGNATURE');
    expect((await r.call('tx', { tx_id: txId(anchor) })).error?.code).toBe('UNAUTHENTICATED');
    const wrongNetwork = authParams(ca, challenge, sha256(new TextEncoder().encode('other genesis')));
    expect((await r.call('auth', wrongNetwork)).error?.code).toBe('AUTH_BAD_SIGNATURE');
    const unregistered = await r.call('auth', authParams(stranger, challenge, net.genesis.hashBytes));
    expect(unregistered.error).toMatchObject({
      code: 'AUTH_KEY_REFUSED',
      message: expect.stringContaining(`key ${stranger.publicKey} is not registered on chain`),
    });
    const hospitalKey = await r.call('auth', authParams(hospital, challenge, net.genesis.hashBytes));
    expect(hospitalKey.error).toMatchObject({
      code: 'AUTH_KEY_REFUSED',
      message: expect.stringContaining('registered as health_authority'),
    });
    expect((await r.closed).code).toBe(4003);

    // NodeRpcClient reports a refusal by every node as UNAVAILABLE, naming the refusal.
    const refused = client({ auth: { genesis: net.genesis, key: stranger } });
    const err = await refused.call('status').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcClientError);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('AUTH_KEY_REFUSED') });
    // A client of another network proves nothing here: it is a stranger, and sees which network.
    const otherNet = parseGenesis(testGenesisDoc({ validators: 1, timestamp: 1_800_000_000_000 }));
    const lost = client({ auth: { genesis: otherNet, key: ca } });
    expect(await lost.call('status')).toMatchObject({ genesis: net.genesis.hash });
    await expect(lost.call('account', { key: ca.publicKey })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    // Both would go on trying the node in the background, taking unauthenticated slots.
    await Promise.all([refused.close(), lost.close()]);
  });

  it('serves every call to a registered service key and to the central authority', async () => {
    const r = raw();
    const { challenge } = await r.challenge;
    const ok = await r.call('auth', authParams(service, challenge, net.genesis.hashBytes));
    expect(ok.result).toEqual({ key: service.publicKey, role: 'service' });
    expect((await r.call('tx', { tx_id: txId(anchor) })).result).toMatchObject({ status: 'acknowledged' });
    expect((await r.call('auth', authParams(service, challenge, net.genesis.hashBytes))).error).toMatchObject(
      {
        code: 'BAD_REQUEST',
        message: 'this connection is already authenticated',
      },
    );
    const asCa = raw();
    const c2 = await asCa.challenge;
    expect((await asCa.call('auth', authParams(ca, c2.challenge, net.genesis.hashBytes))).result).toEqual({
      key: ca.publicKey,
      role: 'central_authority',
    });

    // Keys in order of preference: a refused one is followed by the next, on the same connection.
    const fallback = client({ auth: { genesis: net.genesis, key: () => [stranger, service] } });
    const account = await fallback.call<{ role: string }>('account', { key: service.publicKey });
    expect(account.role).toBe('service');
    expect(fallback.connected).toBe(true);
  });

  it('disconnects a client that does not authenticate at the deadline', async () => {
    const r = raw();
    await r.opened;
    const { code, at } = await r.closed;
    expect(code).toBe(4001);
    expect(at - r.startedAt).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS);
    // A keyless NodeRpcClient closed that way connects again for its next call.
    const keyless = client({});
    await keyless.call('status');
    await waitFor('the keyless client to be closed at the deadline', async () => !keyless.connected, 10_000);
    expect((await keyless.call<{ height: number }>('status')).height).toBeGreaterThan(0);
  });

  it('lets no crowd of strangers hold the slots: an authenticated client still gets in', async () => {
    const crowd = Array.from({ length: MAX_CONNECTIONS + 8 }, () => raw());
    await Promise.all(crowd.map((r) => r.opened));
    // Each newcomer beyond the cap evicted the oldest stranger.
    const evicted = await Promise.all(
      crowd.slice(0, crowd.length - MAX_UNAUTHENTICATED).map((r) => r.closed),
    );
    expect(evicted.map((c) => c.code)).toEqual(evicted.map(() => 4004));
    expect(await metric('unauthenticated')).toBeLessThanOrEqual(MAX_UNAUTHENTICATED);

    const r = await rawAs(service);
    expect((await r.call('tx', { tx_id: txId(anchor) })).result).toMatchObject({ status: 'acknowledged' });
    const c = client({ auth: { genesis: net.genesis, key: ca } });
    expect((await c.call<{ role: string }>('account', { key: hospital.publicKey })).role).toBe(
      'health_authority',
    );
    // The slots left are for authenticated clients, up to the total cap: beyond it an upgrade is refused.
    const held: RawRpc[] = [];
    let refused: unknown = null;
    for (let i = 0; i < 2 * MAX_CONNECTIONS && refused === null; i++) {
      try {
        held.push(await rawAs(ca));
      } catch (e) {
        refused = e;
      }
    }
    expect(refused).toMatchObject({ message: 'upgrade refused: 503' });
    expect(await metric('authenticated')).toBeLessThanOrEqual(MAX_CONNECTIONS);
    for (const h of held) h.close();
  });

  it('closes an idle connection, and the client connects again only when it has something to send', async () => {
    const r = await rawAs(ca);
    const { code, at } = await r.closed;
    expect(code).toBe(4002);
    expect(at - r.startedAt).toBeGreaterThanOrEqual(IDLE_TIMEOUT_MS);

    const c = client({ auth: { genesis: net.genesis, key: service } });
    await c.call('tx', { tx_id: txId(anchor) });
    await waitFor('the node to close the idle client', async () => !c.connected, IDLE_TIMEOUT_MS * 4);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(c.connected).toBe(false);
    expect(await c.call('tx', { tx_id: txId(anchor) })).toMatchObject({ status: 'acknowledged' });
  });

  it('answers OVERLOADED beyond the requests in flight a connection may have', async () => {
    const r = await rawAs(service);
    const txs = Array.from({ length: MAX_IN_FLIGHT + 6 }, (_, i) =>
      net.accountTx(generateKeyPair().publicKey, 'health_authority', 100 + i),
    );
    const answers = await Promise.all(
      r.callAll(txs.map((tx) => ({ method: 'submit', params: { tx, wait: 'ack', timeout_ms: 20_000 } }))),
    );
    const acknowledged = answers.filter((x) => (x.result as { status?: string })?.status === 'acknowledged');
    const overloaded = answers.filter((x) => x.error?.code === 'OVERLOADED');
    expect(acknowledged.length).toBe(MAX_IN_FLIGHT);
    expect(overloaded.length).toBe(txs.length - MAX_IN_FLIGHT);
    expect(overloaded[0]!.error!.message).toBe(`more than ${MAX_IN_FLIGHT} requests in flight`);
    // The limit is on requests in flight, not in total: the same connection goes on.
    const again = await Promise.all(
      r.callAll(
        txs.slice(MAX_IN_FLIGHT, 2 * MAX_IN_FLIGHT).map((tx) => ({ method: 'submit', params: { tx } })),
      ),
    );
    expect(again.map((x) => (x.result as { status?: string })?.status)).toEqual(
      again.map(() => 'acknowledged'),
    );
  });
});
