import { useParams } from 'react-router';
import { TxDetailView } from '../../features/explorer/components/tx-detail';
import { ExplorerPage } from './block';
import { partyOn } from './shared/party';
import { useExplorerNode } from './shared/use-explorer-node';

export default function TxRoute() {
  const { id = '' } = useParams();
  const { hrefOf, txHrefOf, listHref } = useExplorerNode();
  return (
    <ExplorerPage
      title="Transaction"
      valid={/^[0-9a-f]{64}$/.test(id)}
      invalid="This is not a transaction id (64 lowercase hex digits)."
    >
      {(node) => (
        <TxDetailView
          node={node}
          id={id}
          links={{ block: hrefOf, tx: txHrefOf, list: listHref }}
          party={partyOn(node)}
        />
      )}
    </ExplorerPage>
  );
}
