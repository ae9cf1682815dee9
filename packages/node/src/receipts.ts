/**
 * Builds the receipt of an anchored transaction from this node's chain and acknowledgements:
 * the Merkle path in its block, and a quorum of validators' acknowledgements of that block or
 * the nearest best-chain blocks above it, with the headers linking the two.
 */
import {
  type Ack,
  type BlockHash,
  buildReceipt,
  type Chain,
  encodeHeader,
  hashLeaf,
  inclusionProof,
  type PublicKey,
  type Receipt,
  type TxId,
  txLeafData,
} from '@chartproof/ledger';
import { notFound, QueryError, QueryErrorCode } from './queries/node-queries.js';

/** How far above the block to look for acknowledgements. */
export const MAX_RECEIPT_HEADERS = 1000;

export type AckLookup = (hash: BlockHash, height: number, validator: PublicKey) => Ack | undefined;

/** Throws QueryError NOT_FOUND off the best chain, NOT_ACKNOWLEDGED short of a quorum. */
export function receiptFor(chain: Chain, lookup: AckLookup, id: TxId): Receipt {
  const loc = chain.state.txs.get(id);
  if (loc === undefined) throw notFound(`transaction ${id} is not on the best chain`);
  const block = chain.getBlock(loc.blockHash)!;
  const leaves = block.txs.map((tx) => hashLeaf(txLeafData(tx)));
  const validators = [...chain.genesis.validators];
  const chosen = new Map<PublicKey, Ack>();
  let top = -1;
  for (let h = loc.height; h <= Math.min(chain.height, loc.height + MAX_RECEIPT_HEADERS); h++) {
    const entry = chain.entryAtHeight(h)!;
    for (const v of validators) {
      if (chosen.has(v)) continue;
      const ack = lookup(entry.hash, h, v);
      if (ack !== undefined) chosen.set(v, ack);
    }
    if (chosen.size >= chain.genesis.quorum) {
      top = h;
      break;
    }
  }
  if (top < 0) {
    throw new QueryError(
      QueryErrorCode.NOT_ACKNOWLEDGED,
      `transaction ${id} is in block ${loc.height} but not yet acknowledged by ${chain.genesis.quorum} validators`,
    );
  }
  const headers: Uint8Array[] = [];
  for (let h = loc.height + 1; h <= top; h++) headers.push(encodeHeader(chain.entryAtHeight(h)!.header));
  return buildReceipt({
    genesis: chain.genesis,
    tx: block.txs[loc.index]!,
    blockHeader: block.headerBytes,
    blockSignature: block.signature,
    index: loc.index,
    size: leaves.length,
    path: inclusionProof(leaves, loc.index),
    headers,
    acks: [...chosen.values()],
  });
}
