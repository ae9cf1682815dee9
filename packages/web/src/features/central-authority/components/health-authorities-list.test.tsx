import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch } from '../../../testing/fetch-stub';
import { renderSignedIn } from '../../../testing/render';
import { HealthAuthoritiesList } from './health-authorities-list';

const ha = (id: string, name: string, type: string) => ({
  _id: id.repeat(32),
  name,
  type,
  address: `${name} street`,
  phone: '+381 11 234 5678',
});
const LIST = [
  ha('a', 'Saint Mary General Hospital', 'Hospital'),
  ha('b', 'Central Health Institute', 'Institute'),
  ha('c', 'Dom zdravlja Čukarica', 'Clinic'),
];

const names = () =>
  within(screen.getByRole('region', { name: '3 health authorities' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]!.textContent);

describe('HealthAuthoritiesList', () => {
  it('searches, sorts by a column both ways, and shows each login id with a copy button', async () => {
    stubFetch({ 'GET /api/health-authorities': { body: { health_authorities: LIST } } });
    renderSignedIn(<HealthAuthoritiesList />);
    await screen.findByText('Saint Mary General Hospital');
    expect(screen.getByText('a'.repeat(32))).toBeTruthy();
    expect(screen.getByRole('button', { name: `Copy login ID ${'a'.repeat(32)}` })).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(names()).toEqual([
      'Central Health Institute',
      'Dom zdravlja Čukarica',
      'Saint Mary General Hospital',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(names()).toEqual([
      'Saint Mary General Hospital',
      'Dom zdravlja Čukarica',
      'Central Health Institute',
    ]);
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('descending');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search health authorities' }), 'cukarica');
    expect(names()).toEqual(['Dom zdravlja Čukarica']);
    expect(screen.getByText('1 of 3 shown')).toBeTruthy();
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Search health authorities' }));
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search health authorities' }),
      'b'.repeat(32),
    );
    expect(names()).toEqual(['Central Health Institute']);
  });
});
