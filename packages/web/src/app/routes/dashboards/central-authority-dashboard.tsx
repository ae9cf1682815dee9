import Box from '@mui/material/Box';
import { Section } from '../../../components/ui/section';
import { CreateHealthAuthorityForm } from '../../../features/central-authority/components/create-health-authority-form';
import { CreatePatientForm } from '../../../features/central-authority/components/create-patient-form';
import { HealthAuthoritiesList } from '../../../features/central-authority/components/health-authorities-list';
import { PatientsList } from '../../../features/central-authority/components/patients-list';

export default function CentralAuthorityDashboard() {
  return (
    <Box
      sx={{
        display: 'grid',
        gap: 2,
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
        alignItems: 'start',
      }}
    >
      <Section title="Add Patient">
        <CreatePatientForm />
      </Section>
      <Section title="Add Health Authority">
        <CreateHealthAuthorityForm />
      </Section>
      {/* The lists take the whole width, so every column and the login id fit a 1366 px screen. */}
      <Box sx={{ gridColumn: '1 / -1' }}>
        <Section title="Health Authorities">
          <HealthAuthoritiesList />
        </Section>
      </Box>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <Section title="Patients">
          <PatientsList />
        </Section>
      </Box>
    </Box>
  );
}
