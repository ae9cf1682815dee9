import { nodeGet } from '../../../lib/node-client';

/** GET {node}/receipts/{recordId}: 404 not anchored, 409 not yet acknowledged. */
export const getNodeReceipt = (node: string, recordId: string): Promise<unknown> =>
  nodeGet(node, `/receipts/${recordId}`);
