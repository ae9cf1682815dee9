import { getNetwork, independentNode } from '../../../features/verify/api/get-network';
import { getNodeGenesis } from '../../../features/verify/api/get-node-genesis';

/** The genesis as a node (not the API) serves it, for checks that must not trust the API. */
export async function loadNodeGenesis(): Promise<unknown> {
  const network = await getNetwork();
  const node = independentNode(network.nodes);
  if (node === null) throw new Error('No chain node is listed.');
  return getNodeGenesis(node.url);
}
