import { Columns, FullRow } from '../../../components/layouts/columns';
import { Section } from '../../../components/ui/section';
import { CreateHealthAuthorityForm } from '../../../features/central-authority/components/create-health-authority-form';
import { CreatePatientForm } from '../../../features/central-authority/components/create-patient-form';
import { HealthAuthoritiesList } from '../../../features/central-authority/components/health-authorities-list';
import { PatientsList } from '../../../features/central-authority/components/patients-list';

export default function CentralAuthorityDashboard() {
  return (
    <Columns from="lg">
      <Section title="Add Patient">
        <CreatePatientForm />
      </Section>
      <Section title="Add Health Authority">
        <CreateHealthAuthorityForm />
      </Section>
      {/* The lists take the whole width, so every column and the login id fit a 1366 px screen. */}
      <FullRow>
        <Section title="Health Authorities">
          <HealthAuthoritiesList />
        </Section>
      </FullRow>
      <FullRow>
        <Section title="Patients">
          <PatientsList />
        </Section>
      </FullRow>
    </Columns>
  );
}
