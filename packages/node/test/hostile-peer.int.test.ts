/**
 * Hostile peers against two honest in-process nodes: a raw WebSocket client on /p2p speaks the
 * protocol (or breaks it) by hand. Each attack must end with the attacker's socket closed by the
 * node, its key refused at the next handshake when it had proved one, and both honest nodes still
 * agreeing on a transaction submitted afterwards.
 */
import {
  type Block,
  type BlockHash,
  blockToJson,
  bytesToHex,
  Chain,
  type Genesis,
  hashHeaderBytes,
  hexToBytes,
  type Id128,
  type KeyPair,
  MemoryStore,
  meetsTarget,
  NONCE_OFFSET,
  parseGenesis,
  type Signature,
  signBlockHash,
  signTransaction,
  targetBytes,
  targetFromCompact,
  writeU64BE,
} from '@chartproof/ledger';
import { buildBlock, testGenesisDoc, testKey } from '@chartproof/ledger/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChartNode } from '../src/node.js';
import { answerChallenge } from '../src/p2p/handshake.js';
import { NodeRpcClient } from '../src/rpc/rpc-client.js';
import { RawPeer } from './raw-peer.js';

const DISCOURAGE_MS = 1500;
const doc = testGenesisDoc({
  validators: 3,
  consensus: { block_interval_ms: 100, max_block_bytes: 64 * 1024 },
});
const genesis: Genesis = parseGenesis(doc);
const ca = testKey('central-authority');
let accounts = 0;

function registration() {
  accounts++;
  return signTransaction(
    'account.register',
    {
      account: testKey(`hostile-test account ${accounts}`).publicKey,
      role: 'patient',
      subject: accounts.toString(16).padStart(32, '0') as Id128,
    },
    ca,
    genesis.hashBytes,
  );
}

describe('hostile peers', () => {
  let a: ChartNode;
  let b: ChartNode;
  let rpcA: NodeRpcClient;
  let rpcB: NodeRpcClient;
  const opened: RawPeer[] = [];

  const connect = (node: ChartNode) => {
    const p = new RawPeer(node.url, genesis);
    opened.push(p);
    return p;
  };

  const attackerKey = (name: string) => testKey(`attacker: ${name}`);

  /** A connection as `key`: refused with 'discouraged' while the backoff runs. */
  async function expectDiscouraged(node: ChartNode, key: KeyPair): Promise<void> {
    const p = connect(node);
    await p.opened();
    await p.next('hello');
    p.send(p.helloFor(key));
    expect(await p.next('reject')).toMatchObject({ code: 'discouraged' });
    await p.expectClosed();
  }

  /** Both honest nodes still acknowledge a new transaction, and the RPC answers. */
  async function expectHonestServed(): Promise<void> {
    const r = await rpcB.call<{ status: string; tx_id: string; height: number }>('submit', {
      tx: registration(),
      timeout_ms: 15_000,
    });
    expect(r.status).toBe('acknowledged');
    const status = await rpcA.call<{ height: number; peers: Array<{ key: string }> }>('status');
    expect(status.height).toBeGreaterThanOrEqual(r.height);
    expect(status.peers.map((p) => p.key)).toContain(b.options.key.publicKey);
    expect(a.chain.state.hasTx(r.tx_id as never)).toBe(true);
  }

  /** Runs an attack by a peer that completed the handshake as `key`. */
  async function attackAfterHandshake(
    key: KeyPair,
    attack: (p: RawPeer) => void | Promise<void>,
    { toldWhy = true } = {},
  ) {
    const p = connect(a);
    await p.handshake(key);
    await attack(p);
    await p.expectClosed();
    if (toldWhy) expect(p.received.some((m) => m.type === 'reject' && m.code === 'discouraged')).toBe(true);
    await expectDiscouraged(a, key);
    await expectHonestServed();
  }

  /** A valid block on A's tip, mined by validator-2 (whose node is not running). */
  function validBlock(txs = [] as ReturnType<typeof registration>[], miner = testKey('validator-2')): Block {
    return buildBlock(a.chain, a.chain.tip, txs, { miner, timestamp: Date.now() });
  }

  beforeAll(async () => {
    const common = {
      genesis: doc,
      dataDir: null,
      discourageBaseMs: DISCOURAGE_MS,
      maxFrameBytes: 100_000,
      logLevel: 'silent' as const,
      discover: false,
    };
    a = await ChartNode.start({ ...common, key: testKey('validator-0') });
    b = await ChartNode.start({ ...common, key: testKey('validator-1'), peers: [a.url] });
    const auth = { genesis: a.genesis, key: testKey('central-authority') };
    rpcA = new NodeRpcClient(a.url, { auth });
    rpcB = new NodeRpcClient(b.url, { auth });
    // Give the honest chain a few blocks, so that a shorter chain from genesis exists.
    for (let i = 0; i < 3; i++) await expectHonestServed();
    expect(a.chain.height).toBeGreaterThanOrEqual(3);
  }, 30_000);

  afterAll(async () => {
    for (const p of opened) p.close();
    await rpcA?.close();
    await rpcB?.close();
    await b?.close();
    await a?.close();
  });

  it('closes a peer that sends malformed JSON, and discourages its key', async () => {
    await attackAfterHandshake(attackerKey('json'), (p) => p.sendRaw('{"type":"ping", nonce'));
  });

  it('closes a peer that sends a frame over the size limit, and discourages its key', async () => {
    // ws stops reading at its maxPayload and closes with 1009 at once, so no reject gets through.
    await attackAfterHandshake(
      attackerKey('oversized'),
      async (p) => {
        p.send({ type: 'txs', txs: ['x'.repeat(400_000)] });
        expect((await p.closed).code).toBe(1009);
      },
      { toldWhy: false },
    );
  });

  it('closes a peer that sends an oversized frame before the handshake', async () => {
    const p = connect(a);
    await p.opened();
    p.sendRaw(' '.repeat(400_000));
    await p.expectClosed();
    await expectHonestServed();
  });

  it('refuses a hello for another genesis', async () => {
    const p = connect(a);
    await p.opened();
    await p.next('hello');
    p.send(p.helloFor(attackerKey('genesis'), { genesis: 'ab'.repeat(32) as BlockHash }));
    expect(await p.next('reject')).toMatchObject({ code: 'genesis' });
    await p.expectClosed();
  });

  it('refuses another protocol version', async () => {
    const p = connect(a);
    await p.opened();
    await p.next('hello');
    p.send(p.helloFor(attackerKey('protocol'), { protocol: 2 }));
    expect(await p.next('reject')).toMatchObject({ code: 'protocol' });
    await p.expectClosed();
  });

  it('closes an impostor claiming validator-0’s key without discouraging validator-0', async () => {
    const v0 = testKey('validator-0');
    const p = connect(b);
    await p.opened();
    await p.next('hello');
    p.send(p.helloFor(v0));
    // Signed with the wrong key: it cannot prove validator-0's.
    const theirs = await p.next('hello');
    p.send({
      type: 'hello_ack',
      sig: answerChallenge(attackerKey('impostor'), theirs.challenge, theirs.node_key, genesis),
    });
    expect(await p.next('reject')).toMatchObject({ code: 'handshake' });
    await p.expectClosed();
    // validator-0 is not discouraged: a new hello in its name is answered, not refused.
    const q = connect(b);
    await q.opened();
    await q.next('hello');
    q.send(q.helloFor(v0));
    await q.next('hello_ack');
    expect(q.received.some((m) => m.type === 'reject')).toBe(false);
    q.close();
    expect(b.status().peers.map((x) => x.key)).toContain(v0.publicKey);
    await expectHonestServed();
  });

  it('closes a peer that speaks before the handshake', async () => {
    for (const frame of [JSON.stringify({ type: 'inv', txs: [] }), 'not json at all']) {
      const p = connect(a);
      await p.opened();
      p.sendRaw(frame);
      expect(await p.next('reject')).toMatchObject({ code: 'protocol' });
      await p.expectClosed();
    }
    // hello_ack before hello, too.
    const p = connect(a);
    await p.opened();
    p.send({ type: 'hello_ack', sig: 'ab'.repeat(64) as Signature });
    await p.expectClosed();
    await expectHonestServed();
  });

  it('discourages a peer that sends a block with invalid proof-of-work', async () => {
    await attackAfterHandshake(attackerKey('pow'), (p) => {
      const block = validBlock();
      const bytes = block.headerBytes.slice();
      const target = targetBytes(targetFromCompact(block.header.bits));
      for (let n = block.header.nonce + 1; ; n++) {
        writeU64BE(bytes, NONCE_OFFSET, n);
        if (!meetsTarget(hexToBytes(hashHeaderBytes(bytes)), target)) break;
      }
      const hash = hashHeaderBytes(bytes);
      p.send({
        type: 'block',
        block: {
          header: bytesToHex(bytes),
          signature: signBlockHash(hash, testKey('validator-2'), genesis),
          txs: [],
        },
      });
    });
    expect(a.chain.height).toBe(b.chain.height);
  });

  it('discourages a peer that sends a block whose Merkle root does not match its transactions', async () => {
    await attackAfterHandshake(attackerKey('merkle'), (p) => {
      const block = validBlock([registration()]);
      p.send({ type: 'block', block: { ...blockToJson(block), txs: [registration()] } });
    });
  });

  it('discourages a peer that sends a block with a bad miner signature', async () => {
    await attackAfterHandshake(attackerKey('block-signature'), (p) => {
      const block = validBlock();
      const other = validBlock([registration()]);
      p.send({ type: 'block', block: { ...blockToJson(block), signature: other.signature } });
    });
  });

  it('discourages a peer that sends a block mined by a key that is not a validator', async () => {
    const key = attackerKey('miner');
    await attackAfterHandshake(key, (p) =>
      p.send({ type: 'block', block: blockToJson(validBlock([], key)) }),
    );
  });

  it('discourages a peer that relays a transaction with a bad signature', async () => {
    await attackAfterHandshake(attackerKey('tx-signature'), (p) => {
      const tx = registration();
      const forged = { ...tx, sig: `${tx.sig.slice(0, -2)}${tx.sig.endsWith('00') ? '01' : '00'}` };
      p.send({ type: 'txs', txs: [forged] });
    });
  });

  it('discourages a peer that floods blocks with unknown parents', async () => {
    const side = await Chain.open(genesis, new MemoryStore());
    const blocks: Block[] = [];
    for (let i = 0; i < 25; i++) {
      const blk = buildBlock(side, side.tip, [], { miner: testKey('validator-2') });
      await side.addBlock(blk);
      blocks.push(blk);
    }
    await attackAfterHandshake(attackerKey('orphans'), (p) => {
      // Block 1 is never sent, so no block connects.
      for (const blk of blocks.slice(1)) p.send({ type: 'block', block: blockToJson(blk) });
    });
    expect(a.chain.getEntry(blocks[2]!.hash)).toBeUndefined();
  });

  it('discourages a peer that floods valid headers of a chain with less work than ours', async () => {
    const side = await Chain.open(genesis, new MemoryStore());
    const headers: string[] = [];
    for (let i = 0; i < a.chain.height - 1; i++) {
      const blk = buildBlock(side, side.tip, [], { miner: testKey('validator-2') });
      await side.addBlock(blk);
      headers.push(bytesToHex(blk.headerBytes));
    }
    expect(headers.length).toBeGreaterThanOrEqual(2);
    await attackAfterHandshake(attackerKey('low-work'), (p) => {
      for (let i = 0; i < 10; i++) p.send({ type: 'headers', headers });
    });
  });

  it('re-admits a discouraged genesis validator after the backoff, and tells the operator', async () => {
    const v2 = testKey('validator-2');
    const error = vi.spyOn(a.log, 'error');
    const p = connect(a);
    await p.handshake(v2);
    const start = Date.now();
    p.sendRaw('garbage');
    await p.expectClosed();
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ reason: expect.any(String) }),
      expect.stringMatching(/genesis validator discouraged.*re-admitted/),
    );
    error.mockRestore();
    await expectDiscouraged(a, v2);
    await new Promise((r) => setTimeout(r, Math.max(0, start + DISCOURAGE_MS + 200 - Date.now())));
    const again = connect(a);
    await again.handshake(v2);
    expect(a.status().peers.map((x) => x.key)).toContain(v2.publicKey);
    again.close();
    await expectHonestServed();
  });

  it('never made the honest nodes charge each other', async () => {
    const charged = async (n: ChartNode) => (await n.metrics.misbehaviour.get()).values[0]?.value ?? 0;
    // B saw only the impostor, whose failed handshake is not charged.
    expect(await charged(b)).toBe(0);
    expect(await charged(a)).toBeGreaterThan(0);
    expect(b.chain.tip.hash).toBe(a.chain.tip.hash);
  });
});
