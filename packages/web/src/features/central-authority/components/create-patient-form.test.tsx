import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { CreatePatientForm } from './create-patient-form';

const ANA = {
  'First Name': 'Ana',
  'Last Name': 'Petrović',
  'Personal ID': '2308992715066',
  'Date of Birth': '1978-04-25',
  Gender: 'Female',
  Address: 'Bulevar Oslobođenja 78, Novi Sad, Serbia',
  Phone: '+381 65 993 1270',
  Citizenship: 'Serbian',
  Password: 'Ana!Health1',
};

async function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    const input = screen.getByLabelText(label, { exact: false, selector: 'input' });
    await userEvent.clear(input);
    if (value !== '') {
      await userEvent.click(input);
      await userEvent.paste(value);
    }
  }
}

describe('CreatePatientForm', () => {
  it('checks every field before sending anything', async () => {
    const net = stubFetch({});
    renderSignedIn(<CreatePatientForm />);
    await fill({ ...ANA, 'First Name': '   ', 'Date of Birth': '2999-01-01', Password: 'short' });
    await userEvent.click(screen.getByRole('button', { name: 'Add Patient' }));
    expect(screen.getByText('First Name is required')).toBeTruthy();
    expect(screen.getByText('Date of Birth must be in the past')).toBeTruthy();
    expect(screen.getByText('Password must be at least 8 characters')).toBeTruthy();
    expect(net.calls.filter((c) => c.path === '/api/patients')).toEqual([]);
  });

  it("shows the server's error verbatim", async () => {
    stubFetch({
      'POST /api/patients': {
        status: 400,
        body: {
          error: 'Patient with this personal_id already exists!',
          message: 'Patient with this personal_id already exists!',
        },
      },
    });
    renderSignedIn(<CreatePatientForm />);
    await fill(ANA);
    await userEvent.click(screen.getByRole('button', { name: 'Add Patient' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Patient with this personal_id already exists!',
    );
  });

  it('sends the nine trimmed fields and shows the new id from the 201 body', async () => {
    const id = 'aa'.repeat(16);
    const net = stubFetch({
      'POST /api/patients': {
        status: 201,
        body: { id, message: 'Patient successfully added', blockchain_response: 'Account added!' },
      },
    });
    renderSignedIn(<CreatePatientForm />);
    await fill({ ...ANA, Citizenship: ' Serbian ' });
    await userEvent.click(screen.getByRole('button', { name: 'Add Patient' }));
    expect(await screen.findByText('Patient successfully added')).toBeTruthy();
    expect(screen.getByTestId('copyable-id').textContent).toBe(id);
    expect(screen.getByRole('button', { name: `Copy New ID ${id}` })).toBeTruthy();
    expect(net.called('POST', '/api/patients')[0]!.body).toEqual({
      first_name: 'Ana',
      last_name: 'Petrović',
      personal_id: '2308992715066',
      date_of_birth: '1978-04-25',
      gender: 'Female',
      address: 'Bulevar Oslobođenja 78, Novi Sad, Serbia',
      phone: '+381 65 993 1270',
      citizenship: 'Serbian',
      password: 'Ana!Health1',
    });
  });

  it('shows a saving state while the server works', async () => {
    stubFetch({ 'POST /api/patients': { hang: true } });
    renderSignedIn(<CreatePatientForm />);
    await fill(ANA);
    await userEvent.click(screen.getByRole('button', { name: 'Add Patient' }));
    expect(((await screen.findByRole('button', { name: 'Saving…' })) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});

describe('CreatePatientForm formats', () => {
  it('shows the personal ID and phone formats beside the fields, and checks them when a field is left', async () => {
    const net = stubFetch({});
    renderSignedIn(<CreatePatientForm />);
    expect(screen.getByText('13 digits, e.g. 2308992715066')).toBeTruthy();
    expect(screen.getByText('Digits, spaces and an optional leading +, e.g. +381 65 993 1270')).toBeTruthy();
    await fill({ 'Personal ID': '23089927', Phone: 'call me' });
    await userEvent.click(screen.getByLabelText('Citizenship', { exact: false, selector: 'input' }));
    expect(screen.getByText('Personal ID must be 13 digits')).toBeTruthy();
    expect(screen.getByText('Phone may hold only digits, spaces, ( ) . / - and a leading +')).toBeTruthy();
    await fill({ 'Personal ID': '2308992715066' });
    await userEvent.click(screen.getByLabelText('Citizenship', { exact: false, selector: 'input' }));
    expect(screen.queryByText('Personal ID must be 13 digits')).toBeNull();
    await fill({ ...ANA, Phone: '+381 6' });
    await userEvent.click(screen.getByRole('button', { name: 'Add Patient' }));
    expect(screen.getByText('Phone must have 6 to 15 digits')).toBeTruthy();
    expect(net.calls.filter((c) => c.path === '/api/patients')).toEqual([]);
  });
});
