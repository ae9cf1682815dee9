/**
 * The explorer's one search box, as on Etherscan or mempool.space: a block height, a block hash
 * or transaction id (both 64 hex digits, told apart by asking the node), or a record id (32 hex
 * digits, found through its anchor). The classifier is a pure rule; the resolver asks the node.
 */
import { ApiError } from '../../lib/api-error';
import { getBlock } from './api/get-block';
import { getBlocks } from './api/get-blocks';
import { getRecordAnchor } from './api/get-record-anchor';
import { getTx } from './api/get-tx';

export type SearchQuery =
  | { kind: 'height'; height: number }
  | { kind: 'hash'; hex: string }
  | { kind: 'record'; id: string };

export type SearchHit = { kind: 'block'; hash: string } | { kind: 'tx'; id: string };

export const SEARCH_HINT =
  'A block height, a block hash or transaction id (64 hex digits), or a record id (32 hex digits)';

const MAX_HEIGHT = 0xffff_ffff;

export function classifySearch(input: string): SearchQuery | null {
  const q = input.trim().toLowerCase().replace(/^0x/, '');
  if (/^\d{1,10}$/.test(q) && Number(q) <= MAX_HEIGHT) return { kind: 'height', height: Number(q) };
  if (/^[0-9a-f]{64}$/.test(q)) return { kind: 'hash', hex: q };
  if (/^[0-9a-f]{32}$/.test(q)) return { kind: 'record', id: q };
  return null;
}

/** What was not found is an answer, not a failure: it comes back as a sentence to show. */
export class NotFound extends Error {}

const orNull = async <T>(p: Promise<T>): Promise<T | null> => {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
};

export async function resolveSearch(node: string, query: SearchQuery): Promise<SearchHit> {
  switch (query.kind) {
    case 'height': {
      const page = await getBlocks(node, 1, query.height + 1);
      const block = page.blocks[0];
      if (block === undefined || block.height !== query.height)
        throw new NotFound(`There is no block ${query.height} yet: the chain is at height ${page.height}.`);
      return { kind: 'block', hash: block.hash };
    }
    case 'hash': {
      if ((await orNull(getBlock(node, query.hex))) !== null) return { kind: 'block', hash: query.hex };
      if ((await orNull(getTx(node, query.hex))) !== null) return { kind: 'tx', id: query.hex };
      throw new NotFound('No block or transaction has this hash on this node.');
    }
    case 'record': {
      const anchor = await orNull(getRecordAnchor(node, query.id));
      if (anchor === null) throw new NotFound(`Record ${query.id} is not anchored on the chain.`);
      return { kind: 'tx', id: anchor.tx_id };
    }
  }
}
