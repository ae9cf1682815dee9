/**
 * Block validation throughput (Chain.addBlock of full blocks, every signature checked, memory
 * store) against a bare node:crypto Ed25519 verify loop on one core: signature checks should be
 * nearly all of validation's cost. A block's signatures are checked on the libuv thread pool
 * (keys.ts, verifyManyBytes), so on a machine of several cores validation can beat the one-core
 * loop; everything else addBlock does (canonical encoding, hashing, state) stays on one thread.
 */
import * as crypto from 'node:crypto';
import { cpus } from 'node:os';
import type { Block } from '../block.js';
import { Chain } from '../chain-state.js';
import type { Genesis } from '../genesis.js';
import { MemoryStore } from '../store/memory-store.js';
import { testAnchor as anchor, buildBlock, testRegistrations as registrations, testKey } from '../testing.js';
import { rateOver } from './measure.js';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519VerifyRate(ms: number): number {
  const key = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, Buffer.from(testKey('bench').secretKey)]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = crypto.createPublicKey(key);
  // About the size of a record.anchor signing message (tag, genesis hash, canonical body).
  const message = crypto.randomBytes(330);
  const signature = crypto.sign(null, message, key);
  return rateOver(ms, 200, () => {
    for (let i = 0; i < 200; i++) {
      if (!crypto.verify(null, message, publicKey, signature)) throw new Error('verify failed');
    }
  });
}

export interface ValidationFixture {
  readonly setup: Block;
  readonly blocks: readonly Block[];
  readonly txCount: number;
}

/** Block 1 registers the accounts; then `txCount` anchors in blocks of `perBlock`. */
export async function buildValidationBlocks(
  genesis: Genesis,
  txCount: number,
  perBlock: number,
): Promise<ValidationFixture> {
  const builder = await Chain.open(genesis, new MemoryStore());
  const setup = buildBlock(builder, builder.tip, registrations(genesis));
  await builder.addBlock(setup);
  const blocks: Block[] = [];
  for (let n = 0; n < txCount; n += perBlock) {
    const txs = [];
    for (let i = n; i < Math.min(n + perBlock, txCount); i++) txs.push(anchor(genesis, 1000 + i));
    const block = buildBlock(builder, builder.tip, txs);
    await builder.addBlock(block);
    blocks.push(block);
  }
  return { setup, blocks, txCount };
}

/** Transactions per second through addBlock on a fresh chain (the setup block not timed). */
export async function validateTxRate(genesis: Genesis, fixture: ValidationFixture): Promise<number> {
  const chain = await Chain.open(genesis, new MemoryStore());
  await chain.addBlock(fixture.setup);
  const start = performance.now();
  for (const block of fixture.blocks) await chain.addBlock(block, { now: block.header.timestamp });
  return (fixture.txCount / (performance.now() - start)) * 1000;
}

/**
 * The bare verify limit every bench compares against: the best of three rounds (a sample can land
 * on a moment when the other core is busy), with the rounds for the log.
 */
export function bestEd25519VerifyRate(msPerRound: number): { rate: number; rounds: number[] } {
  const rounds = [0, 1, 2].map(() => ed25519VerifyRate(msPerRound));
  return { rate: Math.max(...rounds), rounds };
}

/**
 * How every system bench opens: what ran where, then the bare verify limit its figures are compared
 * against, measured first, while no node runs yet. Returns the rate for the JSON figures.
 */
export function openBench(name: string, quick: boolean, log: (line: string) => void): number {
  const cores = cpus().length;
  log(
    `ChartProof ${name} benchmark (node ${process.version}, ${process.platform}/${process.arch}, ${cores} cores${quick ? ', --quick' : ''})`,
  );
  const { rate, rounds } = bestEd25519VerifyRate(quick ? 300 : 1000);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  log(
    `\nBare node:crypto Ed25519 verify (prebuilt KeyObject): ${fmt(rate)} /s (best of ${rounds.map(fmt).join(', ')})`,
  );
  return rate;
}
