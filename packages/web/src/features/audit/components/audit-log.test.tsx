import { fireEvent, screen, waitFor } from '@testing-library/react';
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

describe('AuditLog filters and paging', () => {
  const views = [
    { label: 'Everyone', filter: {} },
    { label: 'Others’ accesses', filter: { who: 'others' } },
    { label: 'My sign-ins', filter: { who: 'me', action: 'login' as const } },
  ];
  const login = {
    ...entry,
    seq: 9,
    actor_id: 'ffbe84df20d043178300a21710312068',
    actor_type: 'patients',
    actor_name: 'Ana Petrović',
    action: 'login',
    patient_id: null,
  };

  it("puts a patient's own sign-ins under their own filter, asked of the server", async () => {
    const { called } = stubFetch({
      'GET /api/audit': { body: { entries: [entry, login], next: null } },
      'GET /api/audit?action=login&who=me': { body: { entries: [login], next: null } },
    });
    renderSignedIn(<AuditLog loadGenesis={async () => ({})} caption="Log" views={views} />);
    expect(await screen.findByText('Dr. Marko Popović (doctor)')).toBeTruthy();
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Who' }));
    fireEvent.click(await screen.findByRole('option', { name: 'My sign-ins' }));
    await waitFor(() => expect(called('GET', '/api/audit?action=login&who=me')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Dr. Marko Popović (doctor)')).toBeNull());
    expect(screen.getByText('Ana Petrović (patient)')).toBeTruthy();
    expect(screen.getByText('Signed in')).toBeTruthy();
  });

  it('sends the action and dates as query parameters and pages with the cursor', async () => {
    const { called } = stubFetch({
      'GET /api/audit': { body: { entries: [entry], next: 7 } },
      'GET /api/audit?before=7': {
        body: { entries: [{ ...entry, seq: 3, actor_name: 'Dr. Older' }], next: null },
      },
      'GET /api/audit?action=read&from=2026-12-01&to=2026-12-07': { body: { entries: [], next: null } },
    });
    renderSignedIn(<AuditLog loadGenesis={async () => ({})} caption="Log" />);
    expect(await screen.findByText('Viewed')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Dr. Older (doctor)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Older' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('Dr. Marko Popović (doctor)')).toBeTruthy();

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Action' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Viewed' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-07' } });
    expect(await screen.findByText('No entries match.')).toBeTruthy();
    expect(called('GET', '/api/audit?action=read&from=2026-12-01&to=2026-12-07')).toHaveLength(1);
  });
});
