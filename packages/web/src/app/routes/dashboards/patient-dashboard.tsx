import Box from '@mui/material/Box';
import { Columns } from '../../../components/layouts/columns';
import { Section } from '../../../components/ui/section';
import { usePatientRequests } from '../../../features/access-requests/api/get-patient-requests';
import { GrantsList } from '../../../features/access-requests/components/grants-list';
import { RequestsInbox } from '../../../features/access-requests/components/requests-inbox';
import { AuditLog } from '../../../features/audit/components/audit-log';
import { useMyRecords } from '../../../features/records/api/get-my-records';
import { RecordList } from '../../../features/records/components/record-list';
import { useNetwork } from '../../../features/verify/api/get-network';
import { OfflineCheck } from '../../../features/verify/components/offline-check';
import { plural } from '../../../lib/format';
import { loadNodeGenesis } from '../shared/load-node-genesis';
import { RecordActions } from '../shared/record-actions';
import { Tabbed } from '../shared/tabbed';

function MyRecords() {
  return <RecordList query={useMyRecords()} actions={(item) => <RecordActions item={item} />} />;
}

function SavedProof() {
  const network = useNetwork();
  return <OfflineCheck {...(network.data ? { trustedGenesisHash: network.data.genesis_hash } : {})} />;
}

export default function PatientDashboard() {
  const pending = usePatientRequests().data;
  const count = Array.isArray(pending) ? pending.length : 0;
  return (
    <Tabbed
      label="Patient dashboard"
      tabs={[
        {
          id: 'records',
          label: count > 0 ? `Health Records · ${plural(count, 'request')}` : 'Health Records',
          content: (
            <Columns widths={['2fr', '1fr']}>
              <Section title="Health Records">
                <MyRecords />
              </Section>
              {/* On a phone the requests come first: they wait for the patient's answer. */}
              <Box sx={{ order: { xs: -1, md: 0 }, minWidth: 0 }}>
                <Section title="Requests">
                  <RequestsInbox />
                </Section>
              </Box>
            </Columns>
          ),
        },
        {
          id: 'access',
          label: 'Who has access',
          content: (
            <Section title="Access you granted">
              <GrantsList />
            </Section>
          ),
        },
        {
          id: 'log',
          label: 'Who accessed my records',
          content: (
            <Section title="Who accessed my records">
              <AuditLog
                loadGenesis={loadNodeGenesis}
                caption="Every read, decryption, verification and consent"
                views={[
                  { label: 'Everyone', filter: {} },
                  { label: 'Others’ accesses', filter: { who: 'others' } },
                  { label: 'My sign-ins', filter: { who: 'me', action: 'login' } },
                ]}
              />
            </Section>
          ),
        },
        {
          id: 'offline',
          label: 'Check a saved proof',
          content: (
            <Section title="Check a saved proof file">
              <SavedProof />
            </Section>
          ),
        },
      ]}
    />
  );
}
