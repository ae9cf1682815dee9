import Box from '@mui/material/Box';
import { Section } from '../../../components/ui/section';
import { AuditLog } from '../../../features/audit/components/audit-log';
import { AuthorityRecordsList } from '../../../features/health-authority/components/authority-records-list';
import { CreateDoctorForm } from '../../../features/health-authority/components/create-doctor-form';
import { DoctorsList } from '../../../features/health-authority/components/doctors-list';
import { loadNodeGenesis } from '../shared/load-node-genesis';

export default function HealthAuthorityDashboard() {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' },
        alignItems: 'start',
      }}
    >
      <Section title="Add Doctor">
        <CreateDoctorForm />
      </Section>
      <Section title="Doctors">
        <DoctorsList />
      </Section>
      <Box sx={{ gridColumn: { md: '1 / -1' } }}>
        <Section title="Health Records">
          <AuthorityRecordsList />
        </Section>
      </Box>
      <Box sx={{ gridColumn: { md: '1 / -1' } }}>
        <Section title="Your doctors' access log">
          <AuditLog loadGenesis={loadNodeGenesis} caption="Reads, decryptions and records by your doctors" />
        </Section>
      </Box>
    </Box>
  );
}
