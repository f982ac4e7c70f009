// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartBars, chartMax, headline, niceStep, profileLabels, renewalSaving, type Reconciliation } from '../../../renderer/src/features/reconciliation/model.js';
import { ReconciliationPage } from '../../../renderer/src/features/reconciliation/ReconciliationPage.js';
import { useReconciliationStore } from '../../../renderer/src/features/reconciliation/store.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { profileSummary } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

type Line = Reconciliation['lines'][number];

function line(overrides: Partial<Line>): Line {
  return {
    profileId: 'p1',
    licenseType: 'Business',
    owned: 100,
    used: 80,
    inactive: 10,
    pendingReclaim: 0,
    unassigned: 20,
    overAllocated: false,
    overBy: 0,
    monthlyUnitCost: 10,
    currency: 'USD',
    monthlyWaste: 100,
    potentialMonthlySavings: 300,
    potentialAnnualSavings: 3600,
    ...overrides,
  };
}

const DATA: Reconciliation = {
  lines: [
    line({}),
    line({ profileId: 'p2', licenseType: 'Sales Cloud', owned: 50, used: 62, inactive: 7, pendingReclaim: 2, unassigned: 0, overAllocated: true, overBy: 12, monthlyUnitCost: 150, currency: 'EUR', monthlyWaste: 1350, potentialMonthlySavings: 1350, potentialAnnualSavings: 16200, renewalDate: '2027-01-10', daysToRenewal: 20 }),
    line({ licenseType: 'Guest', owned: null, used: 5, inactive: 0, unassigned: 0, monthlyUnitCost: null, currency: null, monthlyWaste: 0, potentialMonthlySavings: 0, potentialAnnualSavings: 0 }),
  ],
  renewals: [{ profileId: 'p2', licenseType: 'Sales Cloud', renewalDate: '2027-01-10', daysToRenewal: 20, owned: 50, used: 62, inactive: 7, recommendedSeats: 53 }],
  totals: [
    { currency: 'EUR', monthlyWaste: 1350, potentialMonthlySavings: 1350, potentialAnnualSavings: 16200 },
    { currency: 'USD', monthlyWaste: 100, potentialMonthlySavings: 300, potentialAnnualSavings: 3600 },
  ],
};

const PROFILES = [profileSummary({ id: 'p1', name: 'Asana – Marketing', vendor: 'asana' }), profileSummary({ id: 'p2', name: 'Salesforce – Sales', vendor: 'salesforce' })];

beforeEach(() => useReconciliationStore.getState().reset());
afterEach(teardown);

describe('reconciliation maths', () => {
  it('totals savings per currency, never across them, largest first', () => {
    const figures = headline(DATA);
    expect(figures.monthly).toEqual([
      { currency: 'EUR', amount: 1350 },
      { currency: 'USD', amount: 300 },
    ]);
    expect(figures.annual).toEqual([
      { currency: 'EUR', amount: 16200 },
      { currency: 'USD', amount: 3600 },
    ]);
    expect(figures.inactive).toBe(17);
    expect(figures.pendingReclaim).toBe(2);
    expect(figures.overAllocatedLines).toBe(1);
    expect(figures.overBy).toBe(12);
    expect(figures.unknownOwned).toBe(1);
  });

  it('splits each bar into active, inactive and approved seats, and flags over-allocation', () => {
    const bars = chartBars(DATA.lines, profileLabels(PROFILES));
    const sales = bars.find((b) => b.licenseType === 'Sales Cloud')!;
    expect(sales).toMatchObject({ profileName: 'Salesforce – Sales', owned: 50, used: 62, active: 53, inactive: 7, pendingReclaim: 2, overAllocated: true, overBy: 12 });
    expect(sales.active + sales.inactive + sales.pendingReclaim).toBe(sales.used);
    // Sorted by integration name, then license type.
    expect(bars.map((b) => b.licenseType)).toEqual(['Business', 'Guest', 'Sales Cloud']);
    // The scale reaches past the largest of owned and used.
    expect(chartMax(bars)).toBeGreaterThanOrEqual(100);
    expect([1, 2, 2.5, 5, 10, 20, 25, 50, 100]).toContain(niceStep(23));
  });

  it('prices renewing the recommended seats instead of today’s count', () => {
    expect(renewalSaving(DATA.renewals[0]!, DATA.lines)).toBeNull(); // 53 recommended > 50 owned: nothing saved
    const fewer = { ...DATA.renewals[0]!, recommendedSeats: 40 };
    expect(renewalSaving(fewer, DATA.lines)).toEqual({ currency: 'EUR', amount: 1500 });
  });
});

describe('Reconciliation page', () => {
  it('shows the figures per currency, the chart with its table, the over-allocation and the renewals', async () => {
    freshApp({ 'reconciliation:get': () => DATA, 'profiles:list': () => PROFILES });
    render(<ReconciliationPage />);
    const monthly = await screen.findByTestId('savings-monthly');
    expect(monthly.textContent).toContain('€1,350');
    expect(monthly.textContent).toContain('$300');
    expect(screen.getByTestId('over-allocated').textContent).toContain('12 seats in use beyond what you own');

    const chart = screen.getByRole('img', { name: /Seats owned, in use and inactive/ });
    expect(chart.getAttribute('aria-label')).toContain('Salesforce – Sales Sales Cloud: 50 owned, 62 in use, 9 inactive, over-allocated by 12');
    expect(chart.querySelectorAll('g[data-over]')).toHaveLength(1);
    const chartTable = screen.getByRole('table', { name: /per license type/ });
    const salesRow = within(chartTable).getByRole('row', { name: /Sales Cloud/ });
    expect(salesRow.textContent).toContain('62');

    const banner = document.querySelector('.banner--danger')!;
    expect(banner.textContent).toContain('1 license type uses more seats than you own');
    const lines = screen.getByRole('table', { name: /Reconciliation per integration/ });
    const overRow = within(lines).getByRole('row', { name: /Sales Cloud/ });
    expect(overRow.getAttribute('data-over')).toBe('true');
    expect(overRow.textContent).toContain('Over by 12');
    expect(within(lines).getAllByRole('link', { name: 'Salesforce – Sales' })[0]!.getAttribute('href')).toBe('#/profiles/p2/entitlements');

    const renewals = screen.getByRole('list', { name: 'Renewals, soonest first' });
    expect(renewals.textContent).toContain('In 20 days');
    expect(renewals.textContent).toContain('Renew 53 seats');
  });

  it('asks for entitlements when there is nothing to reconcile', async () => {
    freshApp({ 'reconciliation:get': () => ({ lines: [], renewals: [], totals: [] }), 'profiles:list': () => PROFILES });
    render(<ReconciliationPage />);
    expect(await screen.findByRole('heading', { name: 'Nothing to reconcile yet' })).toBeTruthy();
  });

  it('says what failed and offers a retry', async () => {
    freshApp({
      'reconciliation:get': () => {
        throw new FakeApiError('internal', 'The snapshot could not be read.');
      },
      'profiles:list': () => PROFILES,
    });
    render(<ReconciliationPage />);
    expect(await screen.findByText('The snapshot could not be read.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
