import Chip from '@mui/material/Chip';
import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { formatDateTime } from '../../../lib/format';
import { type AuditEntry, useAudit } from '../api/get-audit';
import { AuditProofButton } from './audit-proof-button';

const ACTOR = {
  patients: 'patient',
  doctors: 'doctor',
  health_authorities: 'health authority',
  central_authority: 'central authority',
} as const;

/** Who did what, when (and from where, for those who may know); checkpointed entries can be checked against the chain. */
export function AuditLog({ loadGenesis, caption }: { loadGenesis: () => Promise<unknown>; caption: string }) {
  return (
    <QueryState
      query={useAudit()}
      label="Loading the access log"
      isEmpty={(d) => d.entries.length === 0}
      empty="No accesses recorded yet."
    >
      {(d) => (
        <DataTable
          caption={caption}
          rows={d.entries}
          rowKey={(e) => String(e.seq)}
          columns={[
            { header: 'When', cell: (e) => formatDateTime(e.at) },
            { header: 'Who', cell: (e) => `${e.actor_name} (${ACTOR[e.actor_type] ?? e.actor_type})` },
            {
              header: 'Action',
              cell: (e) => (
                <Chip
                  size="small"
                  label={e.action}
                  color={e.action === 'denied' ? 'error' : 'default'}
                  variant="outlined"
                />
              ),
            },
            { header: 'Record', cell: (e) => (e.record_id ? <code>{e.record_id}</code> : '—') },
            ...(d.entries.some((e) => e.ip !== undefined)
              ? [{ header: 'From', cell: (e: AuditEntry) => e.ip ?? '—' }]
              : []),
            {
              header: 'On chain',
              cell: (e) =>
                e.checkpointed ? (
                  <AuditProofButton seq={e.seq} loadGenesis={loadGenesis} />
                ) : (
                  'Not yet checkpointed'
                ),
            },
          ]}
        />
      )}
    </QueryState>
  );
}
