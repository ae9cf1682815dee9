/**
 * One in-browser check of a record: the API's proof bundle, then a node other than the API's
 * for the genesis and a second receipt. Every fetch failure is a finding, not a crash.
 */
import { errorText } from '../../lib/api-error';
import type { HealthRecord } from '../../types/records';
import { getNetwork, independentNode } from './api/get-network';
import { getNodeGenesis } from './api/get-node-genesis';
import { getNodeReceipt } from './api/get-node-receipt';
import { getRecordProof, type RecordProof } from './api/get-record-proof';
import type { ProofResult } from './check-proof';
import type { ProofBundle } from './proof-bundle';

export interface BrowserCheck {
  proof: RecordProof;
  node: string;
  independent: boolean;
  result: ProofResult;
  bundle: ProofBundle;
}

/** The record and salt the caller already holds (from its one read), for a proof without them. */
export interface HeldContent {
  record: HealthRecord;
  salt: string;
}

export const CONTENT_WITHHELD =
  'The server gives this record’s content only to those who may read it, and your one approved read is used: ' +
  'open the proof right after loading the record, or ask for access again.';

export async function runBrowserCheck(recordId: string, held?: HeldContent): Promise<BrowserCheck> {
  const [proof, network, { checkRecordProof }] = await Promise.all([
    getRecordProof(recordId),
    getNetwork().catch(() => null),
    import('./check-proof'),
  ]);
  const record = proof.record ?? held?.record;
  const salt = proof.salt ?? held?.salt;
  if (record === undefined || salt === undefined) throw new Error(CONTENT_WITHHELD);
  const nodes = network?.nodes.length ? network.nodes : proof.nodes;
  const chosen = independentNode(nodes);
  if (chosen === null)
    throw new Error('No chain node is listed, so there is nothing independent to check against.');

  const [genesisDoc, nodeReceipt] = await Promise.all([
    getNodeGenesis(chosen.url),
    getNodeReceipt(chosen.url, recordId).then(
      (receipt) => ({ node: chosen.url, receipt }),
      (e: unknown) => ({ node: chosen.url, error: errorText(e) }),
    ),
  ]);
  const result = checkRecordProof({
    recordId,
    record,
    salt,
    commitment: proof.commitment,
    receipt: proof.receipt,
    genesisDoc,
    claimedGenesisHash: proof.genesis_hash,
    anchor: proof.anchor,
    nodeReceipt,
  });
  if (network !== null && result.genesisHash !== null && network.genesis_hash !== result.genesisHash) {
    result.checks.push({
      label: '/api/network names the same genesis',
      ok: false,
      detail: `API network says ${network.genesis_hash}, node's genesis hashes to ${result.genesisHash}`,
    });
    result.ok = false;
  }
  return {
    proof,
    node: chosen.url,
    independent: chosen.independent,
    result,
    bundle: {
      chartproof_proof: 1,
      record_id: recordId,
      record,
      salt,
      commitment: proof.commitment,
      receipt: proof.receipt,
      genesis: genesisDoc,
      node: chosen.url,
      saved_at: new Date().toISOString(),
    },
  };
}
