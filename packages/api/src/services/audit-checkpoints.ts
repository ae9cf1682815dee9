/**
 * Audit checkpoints: at most every few seconds, the entries past the last checkpoint are
 * committed on chain as `audit.checkpoint {from, to, root}`, root = RFC 6962 Merkle root over the
 * entries' leaves (audit-log.ts `auditLeaf`), signed by the service key. Each entry's inclusion
 * can then be proven against a root that validators acknowledged, and `verifyLog` finds any row
 * deleted, reordered or edited since.
 *
 * A checkpoint row is written `pending` with its signed transaction before it is submitted, and
 * submitted again until acknowledged, so checkpoints stay contiguous across crashes.
 *
 * The chain is the trust anchor: `verifyLog` reads the checkpoints from a node, so rows deleted
 * together with their checkpoint rows still show. A chain that refuses the next checkpoint (the
 * log and its chain no longer follow on, e.g. after such a deletion) is a stall, shown in
 * /api/health, a metric and `verifyLog` until a checkpoint is accepted again.
 */
import {
  bytesToHex,
  inclusionProof,
  merkleRoot,
  parseHash32,
  type Receipt,
  signTransaction,
  txId,
} from '@chartproof/ledger';
import { ChainRejected } from '../chain/chain-client.js';
import type { AppContext } from '../context.js';
import type { AuditRow } from '../db/tables.js';
import { now } from '../db/tables.js';
import { conflict, notFound } from '../errors.js';
import { auditLeaf } from './audit-log.js';
import type { ServiceKey } from './service-key.js';

export const MAX_CHECKPOINT_ENTRIES = 10_000;

type Ctx = Pick<AppContext, 'db' | 'chain' | 'genesis' | 'log' | 'metrics'>;

/** The chain refusing the next checkpoint: since when, the ledger's code and text, and the range. */
export interface Stall {
  readonly since: string;
  readonly code: string;
  readonly message: string;
  readonly from: number;
}

export interface AuditProof {
  readonly entry: AuditRow;
  readonly leaf: string;
  readonly checkpoint: { from: number; to: number; root: string; tx_id: string };
  readonly proof: { index: number; size: number; path: string[] };
  readonly receipt: Receipt | null;
}

export interface LogProblem {
  readonly from: number;
  readonly to: number;
  readonly problem: string;
}

export class Checkpoints {
  private running: Promise<void> | null = null;
  private stall: Stall | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly serviceKey: ServiceKey,
  ) {}

  private rows(from: number, to: number) {
    return this.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .orderBy('seq')
      .execute();
  }

  /** One round: finish a pending checkpoint, then commit what came after. Never two at once. */
  runOnce(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const pending = await this.ctx.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('from_seq')
      .execute();
    for (const c of pending) await this.submit(c.from_seq, c.tx);

    const last = await this.ctx.db
      .selectFrom('audit_checkpoints')
      .select((eb) => eb.fn.max('to_seq').as('to'))
      .executeTakeFirst();
    const from = Number(last?.to ?? 0) + 1;
    const rows = await this.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', from)
      .orderBy('seq')
      .limit(MAX_CHECKPOINT_ENTRIES)
      .execute();
    if (rows.length === 0) return;
    const contiguous = rows.findIndex((r, i) => Number(r.seq) !== from + i);
    const batch = contiguous === -1 ? rows : rows.slice(0, contiguous);
    if (contiguous !== -1) {
      this.ctx.log.error({ from, at: from + contiguous }, 'audit log has a gap: a row was removed');
      if (batch.length === 0) return;
    }
    const to = from + batch.length - 1;
    const root = bytesToHex(merkleRoot(batch.map(auditLeaf)));
    const tx = signTransaction(
      'audit.checkpoint',
      { from, to, root: parseHash32(root, 'root') },
      await this.serviceKey.get(),
      this.ctx.genesis.hashBytes,
    );
    const id = txId(tx, this.ctx.genesis.hashBytes);
    const text = JSON.stringify(tx);
    await this.ctx.db
      .insertInto('audit_checkpoints')
      .values({ from_seq: from, to_seq: to, root, tx: text, tx_id: id, status: 'pending', created_at: now() })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await this.submit(from, text);
  }

  /** The stall in progress, or null while checkpoints are accepted. */
  get stalled(): Stall | null {
    return this.stall;
  }

  private async submit(from: number, tx: string): Promise<void> {
    try {
      await this.ctx.chain.submit(JSON.parse(tx));
    } catch (e) {
      if (e instanceof ChainRejected) {
        const first = this.stall === null;
        this.stall ??= { since: now(), code: e.code, message: e.message, from };
        this.ctx.metrics.auditCheckpointStalled.set(1);
        this.ctx.metrics.auditCheckpointRejections.inc({ code: e.code });
        this.ctx.log[first ? 'error' : 'warn'](
          { from, code: e.code, err: e.message, since: this.stall.since },
          'the chain refuses the next audit checkpoint: the audit chain is stalled',
        );
      }
      throw e;
    }
    this.stall = null;
    this.ctx.metrics.auditCheckpointStalled.set(0);
    await this.ctx.db
      .updateTable('audit_checkpoints')
      .set({ status: 'anchored' })
      .where('from_seq', '=', from)
      .execute();
  }

  /** The inclusion proof of one entry in its acknowledged checkpoint; 409 before there is one. */
  async proof(seq: number): Promise<AuditProof> {
    const entry = await this.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (entry === undefined) throw notFound('Audit entry not found');
    const c = await this.ctx.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('from_seq', '<=', seq)
      .where('to_seq', '>=', seq)
      .where('status', '=', 'anchored')
      .executeTakeFirst();
    if (c === undefined)
      throw conflict('Audit entry is not checkpointed on chain yet; try again in a few seconds');
    const rows = await this.rows(c.from_seq, c.to_seq);
    const leaves = rows.map(auditLeaf);
    const index = seq - c.from_seq;
    if (rows.length !== c.to_seq - c.from_seq + 1 || bytesToHex(merkleRoot(leaves)) !== c.root) {
      throw conflict('Audit log does not match its checkpoint on chain: it was altered');
    }
    return {
      entry,
      leaf: bytesToHex(leaves[index]!),
      checkpoint: { from: c.from_seq, to: c.to_seq, root: c.root, tx_id: c.tx_id },
      proof: { index, size: leaves.length, path: inclusionProof(leaves, index).map(bytesToHex) },
      receipt: await this.ctx.chain.receipt({ tx_id: c.tx_id }),
    };
  }

  /**
   * Re-checks the log against every checkpoint the service key has on chain: a deleted row shows
   * as a missing sequence number, a reordered or edited one as another root, and rows deleted
   * with their checkpoint rows still show, because the checkpoints come from a node. A checkpoint
   * the database calls anchored but the chain does not hold, and a stall, are reported too.
   */
  async verifyLog(): Promise<{ checked: number; problems: LogProblem[] }> {
    const problems: LogProblem[] = [];
    const stored = await this.ctx.db
      .selectFrom('audit_checkpoints')
      .selectAll()
      .orderBy('from_seq')
      .execute();
    const key = await this.ctx.db
      .selectFrom('service_keys')
      .select('public_key')
      .orderBy('id')
      .executeTakeFirst();
    const onChain = key === undefined ? [] : (await this.ctx.chain.checkpoints(key.public_key)).checkpoints;
    const chainTxs = new Set<string>(onChain.map((c) => c.tx_id));
    for (const c of stored) {
      if (c.status === 'anchored' && !chainTxs.has(c.tx_id)) {
        problems.push({
          from: c.from_seq,
          to: c.to_seq,
          problem: `checkpoint transaction ${c.tx_id} is not on the chain`,
        });
      }
    }
    const storedByFrom = new Map(stored.map((c) => [c.from_seq, c]));
    for (const c of onChain) {
      const say = (problem: string) => problems.push({ from: c.from, to: c.to, problem });
      const rows = await this.rows(c.from, c.to);
      const missing = [];
      for (let s = c.from, i = 0; s <= c.to; s++) {
        if (Number(rows[i]?.seq) === s) i++;
        else missing.push(s);
      }
      if (missing.length > 0) say(`entries missing: ${missing.slice(0, 10).join(', ')}`);
      else if (bytesToHex(merkleRoot(rows.map(auditLeaf))) !== c.root)
        say('entries were edited or reordered: the root differs');
      const mine = storedByFrom.get(c.from);
      if (mine === undefined || mine.tx_id !== c.tx_id)
        say(`the database has no record of checkpoint transaction ${c.tx_id} on chain`);
      else if (mine.root !== c.root) say('stored checkpoint root differs from the root on chain');
    }
    const stall = this.stall;
    if (stall !== null) {
      problems.push({
        from: stall.from,
        to: stall.from,
        problem: `audit checkpointing is stalled since ${stall.since}: the chain refuses the next checkpoint (${stall.code}: ${stall.message})`,
      });
    }
    return { checked: onChain.length, problems };
  }
}
