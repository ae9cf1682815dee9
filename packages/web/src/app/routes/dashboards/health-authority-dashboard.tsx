import Box from '@mui/material/Box';
import { Section } from '../../../components/ui/section';
import { AuthorityRecordsList } from '../../../features/health-authority/components/authority-records-list';
import { CreateDoctorForm } from '../../../features/health-authority/components/create-doctor-form';
import { DoctorsList } from '../../../features/health-authority/components/doctors-list';

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
    </Box>
  );
}
