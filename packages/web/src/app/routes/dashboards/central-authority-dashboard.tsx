import { Columns } from '../../../components/layouts/columns';
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
      <Section title="Patients">
        <PatientsList />
      </Section>
      <Section title="Health Authorities">
        <HealthAuthoritiesList />
      </Section>
    </Columns>
  );
}
