import { useSearchParams } from 'react-router';
import { useNetwork } from '../../../features/verify/api/get-network';

/** The node the explorer reads from: ?node= if it is one of the network's, else the first. */
export function useExplorerNode() {
  const network = useNetwork();
  const [params, setParams] = useSearchParams();
  const nodes = network.data?.nodes ?? [];
  const wanted = params.get('node');
  const node = wanted !== null && nodes.includes(wanted) ? wanted : (nodes[0] ?? null);
  const choose = (url: string) =>
    setParams(
      (p) => {
        p.set('node', url);
        return p;
      },
      { replace: true },
    );
  const hrefOf = (hash: string) =>
    `/explorer/blocks/${hash}${node ? `?node=${encodeURIComponent(node)}` : ''}`;
  return { network, nodes, node, choose, hrefOf };
}
