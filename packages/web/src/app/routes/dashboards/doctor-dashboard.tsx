import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Columns } from '../../../components/layouts/columns';
import { DetailList } from '../../../components/ui/detail-list';
import { QueryState } from '../../../components/ui/query-state';
import { Section } from '../../../components/ui/section';
import { RequestAccess } from '../../../features/access-requests/components/request-access';
import { AuditLog } from '../../../features/audit/components/audit-log';
import { useExternalRecords } from '../../../features/records/api/get-external-records';
import { useOwnPatientRecords } from '../../../features/records/api/get-own-patient-records';
import { CreateRecordForm } from '../../../features/records/components/create-record-form';
import { LoadRecord } from '../../../features/records/components/load-record';
import { RecordList } from '../../../features/records/components/record-list';
import { usePatientByPersonalId } from '../../../features/users/api/get-patient-by-personal-id';
import { patientRows } from '../../../features/users/components/user-details';
import { formatDateTime } from '../../../lib/format';
import { PERSONAL_ID_HINT, personalId } from '../../../lib/validation';
import type { ExternalRecord } from '../../../types/records';
import { loadNodeGenesis } from '../shared/load-node-genesis';
import { RecordActions } from '../shared/record-actions';
import { Tabbed } from '../shared/tabbed';

const STATE_LABEL = {
  none: 'No request',
  pending: 'Pending',
  accepted: 'Approved',
  consumed: 'Used',
  revoked: 'Revoked',
  denied: 'Declined',
} as const;

function ExternalRecordCard({ item }: { item: ExternalRecord }) {
  const state = item.key !== undefined ? 'accepted' : (item.request_status ?? 'none');
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={`External health record ${item.health_record_id}`}
    >
      <CardContent sx={{ display: 'grid', gap: 1.5 }}>
        <DetailList
          dense
          rows={[
            ['ID', <code key="id">{item.health_record_id}</code>],
            ['Health Authority Creator', item.health_authority_name],
            ['Added to blockchain', formatDateTime(item.added_at_blockchain)],
            [
              'Access',
              <Chip
                key="s"
                size="small"
                variant="outlined"
                label={STATE_LABEL[state]}
                color={
                  state === 'accepted'
                    ? 'success'
                    : state === 'pending'
                      ? 'warning'
                      : state === 'revoked' || state === 'denied'
                        ? 'error'
                        : 'default'
                }
              />,
            ],
          ]}
        />
        {item.key !== undefined ? (
          <LoadRecord
            recordId={item.health_record_id}
            secretKey={item.key}
            actions={(r) => <RecordActions item={r} />}
          />
        ) : (
          <RequestAccess item={item} />
        )}
      </CardContent>
    </Card>
  );
}

function SearchResults({ pid }: { pid: string }) {
  // The three calls of contract 7.E2 go out together.
  const patient = usePatientByPersonalId(pid);
  const own = useOwnPatientRecords(pid);
  const external = useExternalRecords(pid);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Section title="Patient">
        <QueryState query={patient} label="Looking up the patient">
          {(p) => <DetailList rows={patientRows(p)} dense />}
        </QueryState>
      </Section>
      {patient.isSuccess && (
        <Section title={`Add Health Record for ${patient.data.first_name} ${patient.data.last_name}`}>
          <CreateRecordForm key={patient.data._id} patient={patient.data} />
        </Section>
      )}
      <Columns from="lg">
        <Section title="Owned Health Records">
          <RecordList query={own} actions={(item) => <RecordActions item={item} />} />
        </Section>
        <Section title="External Health Records">
          <QueryState
            query={external}
            label="Loading external records"
            isEmpty={(d) => d.blockchain_response.length === 0}
            empty="No Health Records"
          >
            {(d) => (
              <Box sx={{ display: 'grid', gap: 2 }}>
                {d.blockchain_response.map((item) => (
                  <ExternalRecordCard key={item.health_record_id} item={item} />
                ))}
              </Box>
            )}
          </QueryState>
        </Section>
      </Columns>
    </Box>
  );
}

function SearchPatients() {
  const [params, setParams] = useSearchParams();
  const pid = params.get('pid');
  const [value, setValue] = useState(pid ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (v === '') {
      setProblem('Enter a personal ID');
      return;
    }
    const checked = personalId().safeParse(v);
    if (!checked.success) {
      setProblem(checked.error.issues[0]!.message);
      return;
    }
    setProblem(null);
    setParams((p) => {
      p.set('pid', v);
      return p;
    });
  };
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box
        component="form"
        role="search"
        onSubmit={submit}
        noValidate
        sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'start' }}
      >
        <TextField
          label="Personal ID"
          name="personal_id"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={problem !== null}
          helperText={problem ?? `The patient’s personal ID: ${PERSONAL_ID_HINT}`}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          autoComplete="off"
          required
        />
        <Button type="submit" variant="contained">
          Search Patients
        </Button>
      </Box>
      {pid === null ? (
        <Alert severity="info">Search a patient by personal ID to see and add their records.</Alert>
      ) : (
        <SearchResults key={pid} pid={pid} />
      )}
    </Box>
  );
}

export default function DoctorDashboard() {
  return (
    <Tabbed
      label="Doctor dashboard"
      tabs={[
        { id: 'search', label: 'Search Patients', content: <SearchPatients /> },
        {
          id: 'log',
          label: 'My access log',
          content: (
            <Section title="My access log">
              <AuditLog loadGenesis={loadNodeGenesis} caption="Your reads, decryptions and records" />
            </Section>
          ),
        },
      ]}
    />
  );
}
