import { nodeGet } from '../../../lib/node-client';
import { path } from '../../../lib/url-path';

/** GET {node}/receipts/{recordId}: 404 not anchored, 409 not yet acknowledged. */
export const getNodeReceipt = (node: string, recordId: string): Promise<unknown> =>
  nodeGet(node, path`/receipts/${recordId}`);
