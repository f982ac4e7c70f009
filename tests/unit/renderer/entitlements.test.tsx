// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntitlementsTab } from '../../../renderer/src/features/entitlements/EntitlementsTab.js';
import { entitlementRows, monthlyCost, validateEntitlementDraft, type Entitlement } from '../../../renderer/src/features/entitlements/entitlement-form.js';
import { useEntitlementsStore } from '../../../renderer/src/features/entitlements/store.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { profileDetail } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

const business: Entitlement = { profileId: 'p1', licenseType: 'Business', owned: 380, unitCost: 24.99, currency: 'USD', period: 'month', renewalDate: '2027-03-01' };
const profile = profileDetail({
  licenseTypes: [
    { name: 'Business', seats: 400, paid: true, deactivated: 0 },
    { name: 'Guest', seats: 12, paid: false, deactivated: 0 },
  ],
});

beforeEach(() => useEntitlementsStore.getState().reset());
afterEach(teardown);

describe('entitlement model', () => {
  it('merges license types with entitlements and prices a month', () => {
    const rows = entitlementRows(profile, [business, { ...business, licenseType: 'Legacy', owned: null, unitCost: 120, period: 'year' }]);
    expect(rows.map((row) => [row.licenseType, row.used, row.entitlement?.owned])).toEqual([
      ['Business', 400, 380],
      ['Guest', 12, undefined],
      ['Legacy', 0, null],
    ]);
    expect(monthlyCost(rows[0]!)).toEqual({ amount: 380 * 24.99, basis: 'owned' });
    expect(monthlyCost(rows[2]!)).toEqual({ amount: 0, basis: 'used' });
  });

  it('validates like the contract', () => {
    const ok = { owned: '', unitCost: '0', currency: 'EUR', period: 'month' as const, renewalDate: '' };
    expect(validateEntitlementDraft(ok)).toEqual({});
    expect(Object.keys(validateEntitlementDraft({ ...ok, owned: '1.5', unitCost: '-2', currency: 'eu', renewalDate: '2027-02-30' })).sort()).toEqual([
      'currency',
      'owned',
      'renewalDate',
      'unitCost',
    ]);
  });
});

describe('Entitlements tab', () => {
  it('shows used against owned and marks over-allocation', async () => {
    freshApp({ 'entitlements:list': () => [business] });
    render(<EntitlementsTab profile={profile} />);
    const row = await screen.findByRole('row', { name: /^Business/ });
    expect(within(row).getByText('Over by 20')).toBeTruthy();
    expect(within(row).getByText('$24.99')).toBeTruthy();
    expect(screen.getByText('One license type is over-allocated')).toBeTruthy();
    const guest = screen.getByRole('row', { name: /Guest/ });
    expect(within(guest).getByRole('button', { name: 'Set Guest' })).toBeTruthy();
    expect(screen.queryByText(/UserLicense/)).toBeNull();
  });

  it('notes that Salesforce owns its seat counts in UserLicense', async () => {
    freshApp({ 'entitlements:list': () => [] });
    render(<EntitlementsTab profile={{ ...profile, vendor: 'salesforce' }} />);
    expect(await screen.findByText(/UserLicense/)).toBeTruthy();
  });

  it('shows errors beside the fields and sends nothing', async () => {
    const bridge = freshApp({ 'entitlements:list': () => [business] });
    render(<EntitlementsTab profile={profile} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Business' }));
    const form = screen.getByRole('form', { name: 'Seats and cost of Business' });
    const owned = within(form).getByLabelText(/Seats owned/);
    fireEvent.change(owned, { target: { value: '-3' } });
    fireEvent.change(within(form).getByLabelText('Currency'), { target: { value: 'U5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(owned.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('Enter a whole number of seats, or leave it empty if you do not know.')).toBeTruthy();
    expect(within(form).getByText('Three capital letters, such as USD or EUR.')).toBeTruthy();
    expect(bridge.callsTo('entitlements:set')).toHaveLength(0);
  });

  it('sets the seats owned of a license type and keeps the form on a server error', async () => {
    let refuse = true;
    const bridge = freshApp({
      'entitlements:list': () => [business],
      'entitlements:set': (input) => {
        if (refuse) throw new FakeApiError('invalid_input', 'The renewal date is not a date.');
        return input;
      },
    });
    render(<EntitlementsTab profile={profile} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Business' }));
    const form = screen.getByRole('form', { name: 'Seats and cost of Business' });
    fireEvent.change(within(form).getByLabelText(/Seats owned/), { target: { value: '420' } });
    fireEvent.change(within(form).getByLabelText('Currency'), { target: { value: 'eur' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('The renewal date is not a date.');
    expect(within(form).getByLabelText(/Seats owned/)).toHaveProperty('value', '420');

    refuse = false;
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByTestId('entitlements-announcer').textContent).toContain('Saved Business: 420 seats owned'));
    expect(bridge.callsTo('entitlements:set')[1]).toEqual({ ...business, owned: 420, currency: 'EUR' });
    expect(screen.queryByText(/over-allocated/)).toBeNull();
  });

  it('designs the empty state', async () => {
    freshApp({ 'entitlements:list': () => [] });
    render(<EntitlementsTab profile={{ ...profile, licenseTypes: [] }} />);
    expect(await screen.findByRole('heading', { name: 'No license types yet' })).toBeTruthy();
  });
});
