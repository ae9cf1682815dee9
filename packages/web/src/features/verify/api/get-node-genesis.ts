import { nodeGet } from '../../../lib/node-client';

/** GET {node}/genesis: the genesis document, straight from a node. */
export const getNodeGenesis = (node: string): Promise<unknown> => nodeGet(node, '/genesis');
