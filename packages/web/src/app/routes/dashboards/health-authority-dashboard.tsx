import { Columns, FullRow } from '../../../components/layouts/columns';
import { Section } from '../../../components/ui/section';
import { AuditLog } from '../../../features/audit/components/audit-log';
import { AuthorityRecordsList } from '../../../features/health-authority/components/authority-records-list';
import { CreateDoctorForm } from '../../../features/health-authority/components/create-doctor-form';
import { DoctorsList } from '../../../features/health-authority/components/doctors-list';
import { loadNodeGenesis } from '../shared/load-node-genesis';

export default function HealthAuthorityDashboard() {
  return (
    <Columns>
      <Section title="Add Doctor">
        <CreateDoctorForm />
      </Section>
      <Section title="Doctors">
        <DoctorsList />
      </Section>
      <FullRow>
        <Section title="Health Records">
          <AuthorityRecordsList />
        </Section>
      </FullRow>
      <FullRow>
        <Section title="Your doctors' access log">
          <AuditLog loadGenesis={loadNodeGenesis} caption="Reads, decryptions and records by your doctors" />
        </Section>
      </FullRow>
    </Columns>
  );
}
