import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { DataTable } from '../../../components/ui/data-table';
import { QueryState } from '../../../components/ui/query-state';
import { formatDateTime } from '../../../lib/format';
import { type AuditAction, type AuditEntry, type AuditFilter, useAudit } from '../api/get-audit';
import { AuditProofButton } from './audit-proof-button';

const ACTOR = {
  patients: 'patient',
  doctors: 'doctor',
  health_authorities: 'health authority',
  central_authority: 'central authority',
} as const;

/** Each action in the words of the person who did it. */
export const ACTION_WORDS: Record<AuditAction, string> = {
  login: 'Signed in',
  password_change: 'Changed the password',
  read: 'Viewed',
  create: 'Added a record',
  decrypt: 'Opened a record',
  verify: 'Verified a record',
  request: 'Asked for access',
  grant: 'Granted access',
  deny: 'Declined a request',
  revoke: 'Revoked access',
  denied: 'Refused',
};

/** A named choice of whose actions to show; the patient's view has its own sign-ins apart. */
export interface AuditView {
  label: string;
  filter: Pick<AuditFilter, 'who' | 'action'>;
}

const DEFAULT_VIEWS: AuditView[] = [
  { label: 'Everyone', filter: {} },
  { label: 'Only me', filter: { who: 'me' } },
  { label: 'Others', filter: { who: 'others' } },
];

/** Who did what, when (and from where, for those who may know); checkpointed entries can be checked against the chain. */
export function AuditLog({
  loadGenesis,
  caption,
  views = DEFAULT_VIEWS,
}: {
  loadGenesis: () => Promise<unknown>;
  caption: string;
  views?: AuditView[];
}) {
  const [view, setView] = useState(0);
  const [action, setAction] = useState<AuditAction | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // The cursors of the pages before this one, to go back to newer entries.
  const [pages, setPages] = useState<number[]>([]);
  const chosen = views[view]?.filter ?? {};
  const filter: AuditFilter = {
    ...chosen,
    ...(action !== '' ? { action } : {}),
    ...(from !== '' ? { from } : {}),
    ...(to !== '' ? { to } : {}),
  };
  const query = useAudit(filter, pages.at(-1));
  const refilter = (f: () => void) => {
    f();
    setPages([]);
  };
  return (
    <Box sx={{ display: 'grid', gap: 2, minWidth: 0 }}>
      <Box
        role="group"
        aria-label="Filter the log"
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}
      >
        <TextField
          select
          size="small"
          label="Who"
          value={view}
          onChange={(e) => refilter(() => setView(Number(e.target.value)))}
          sx={{ minWidth: 150 }}
        >
          {views.map((v, i) => (
            <MenuItem key={v.label} value={i}>
              {v.label}
            </MenuItem>
          ))}
        </TextField>
        {chosen.action === undefined && (
          <TextField
            select
            size="small"
            label="Action"
            value={action}
            onChange={(e) => refilter(() => setAction(e.target.value as AuditAction | ''))}
            sx={{ minWidth: 170 }}
          >
            <MenuItem value="">Any action</MenuItem>
            {(Object.keys(ACTION_WORDS) as AuditAction[]).map((a) => (
              <MenuItem key={a} value={a}>
                {ACTION_WORDS[a]}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          size="small"
          type="date"
          label="From"
          value={from}
          onChange={(e) => refilter(() => setFrom(e.target.value))}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: to || undefined } }}
        />
        <TextField
          size="small"
          type="date"
          label="To"
          value={to}
          onChange={(e) => refilter(() => setTo(e.target.value))}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: from || undefined } }}
        />
      </Box>
      <QueryState
        query={query}
        label="Loading the access log"
        isEmpty={(d) => d.entries.length === 0 && pages.length === 0}
        empty="No entries match."
      >
        {(d) => (
          <>
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
                      label={ACTION_WORDS[e.action] ?? e.action}
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
            <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>
              <Button disabled={pages.length === 0} onClick={() => setPages((p) => p.slice(0, -1))}>
                Newer
              </Button>
              <Button
                disabled={d.next === null || d.next === undefined}
                onClick={() => d.next != null && setPages((p) => [...p, d.next as number])}
              >
                Older
              </Button>
            </Box>
          </>
        )}
      </QueryState>
    </Box>
  );
}
