import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { AuditLog } from './audit-log';

const entry = {
  seq: 7,
  at: '2026-12-07T10:00:00.000Z',
  actor_id: '0271f15a69394cacb71cab62665e0592',
  actor_type: 'doctors',
  actor_name: 'Dr. Marko Popović',
  action: 'read',
  record_id: null,
  patient_id: 'ffbe84df20d043178300a21710312068',
  outcome: 'ok',
  checkpointed: false,
};

describe('AuditLog', () => {
  it("has no address column in a patient's view, whose entries carry none", async () => {
    stubFetch({ 'GET /api/audit': { body: { entries: [entry] } } });
    renderSignedIn(<AuditLog loadGenesis={async () => ({})} caption="Who accessed my records" />);
    expect(await screen.findByText('Dr. Marko Popović (doctor)')).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'From' })).toBeNull();
  });

  it('shows where from to those whose entries carry it (authorities, a doctor)', async () => {
    stubFetch({ 'GET /api/audit': { body: { entries: [{ ...entry, ip: '203.0.113.4' }] } } });
    renderSignedIn(<AuditLog loadGenesis={async () => ({})} caption="Accesses by your doctors" />);
    expect(await screen.findByText('203.0.113.4')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'From' })).toBeTruthy();
  });
});
