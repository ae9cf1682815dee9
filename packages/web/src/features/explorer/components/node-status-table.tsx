import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { DataTable } from '../../../components/ui/data-table';
import { errorText } from '../../../lib/api-error';
import { formatDateTime, plural, shortHex } from '../../../lib/format';
import { nodeLabel, useNodeStatuses } from '../api/get-node-status';
import type { NodeStatus } from '../api/types';

type Row = { node: string; name: string; status?: NodeStatus; error?: unknown; loading: boolean };

function AckHeights({ s }: { s: NodeStatus }) {
  const entries = Object.entries(s.acknowledged_heights);
  if (entries.length === 0) return <>—</>;
  return (
    <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {entries.map(([key, h]) => (
        <li key={key}>
          <code title={key}>{shortHex(key, 6)}</code>: {h}
        </li>
      ))}
    </Box>
  );
}

/** Each node as it describes itself: height and tip, peers, what each validator acknowledged. */
export function NodeStatusTable({ nodes }: { nodes: readonly string[] }) {
  const results = useNodeStatuses(nodes);
  const rows: Row[] = nodes.map((node, i) => {
    const q = results[i]!;
    return { node, name: nodeLabel(node, i), status: q.data, error: q.error, loading: q.isPending };
  });
  return (
    <DataTable
      caption={plural(nodes.length, 'node')}
      rows={rows}
      rowKey={(r) => r.node}
      columns={[
        { header: 'Node', cell: (r) => <span title={r.node}>{r.name}</span> },
        {
          header: 'State',
          cell: (r) =>
            r.loading ? (
              <span role="status">Loading…</span>
            ) : r.error ? (
              <Alert severity="error" sx={{ py: 0 }}>
                {errorText(r.error)}
              </Alert>
            ) : (
              <Chip
                size="small"
                variant="outlined"
                color={r.status!.syncing ? 'warning' : 'success'}
                label={r.status!.syncing ? 'Syncing' : 'In sync'}
              />
            ),
        },
        { header: 'Height', cell: (r) => r.status?.height ?? '—' },
        {
          header: 'Tip',
          cell: (r) => (r.status ? <code title={r.status.tip}>{shortHex(r.status.tip, 6)}</code> : '—'),
        },
        { header: 'Tip time', cell: (r) => (r.status ? formatDateTime(r.status.tip_timestamp) : '—') },
        {
          header: 'Peers',
          cell: (r) =>
            r.status ? (
              <span
                title={r.status.peers
                  .map((p) => `${p.address} (${p.direction}, height ${p.height})`)
                  .join('\n')}
              >
                {r.status.peers.length} (
                {plural(r.status.peers.filter((p) => p.validator).length, 'validator')})
              </span>
            ) : (
              '—'
            ),
        },
        { header: 'Mempool', cell: (r) => r.status?.mempool ?? '—' },
        { header: 'Acknowledged heights', cell: (r) => (r.status ? <AckHeights s={r.status} /> : '—') },
        { header: 'Quorum', cell: (r) => r.status?.quorum ?? '—' },
      ]}
    />
  );
}
