import { useSearchParams } from 'react-router';
import { paths } from '../../../config/paths';
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
        p.delete('before');
        return p;
      },
      { replace: true },
    );
  // Every explorer link keeps the chosen node, so a page reads from the node its link came from.
  const withNode = (path: string, extra: Record<string, string> = {}) => {
    const q = new URLSearchParams(extra);
    if (node !== null && wanted !== null) q.set('node', node);
    const s = q.toString();
    return s === '' ? path : `${path}?${s}`;
  };
  return {
    network,
    nodes,
    node,
    choose,
    hrefOf: (hash: string) => withNode(paths.block.getHref(hash)),
    txHrefOf: (id: string) => withNode(paths.tx.getHref(id)),
    listHref: (before: number | null) =>
      withNode(paths.explorer.getHref(), before === null ? {} : { before: String(before) }),
  };
}
