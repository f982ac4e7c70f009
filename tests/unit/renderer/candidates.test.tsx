// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateRow } from '../../../preload/contract/reclamation.js';
import { buildCandidateIndex, queryCandidates, rangeIds, type CandidateQuery } from '../../../renderer/src/features/candidates/candidate-query.js';
import { CandidatesView } from '../../../renderer/src/features/candidates/CandidatesPage.js';
import { useCandidatesStore } from '../../../renderer/src/features/candidates/store.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { freshApp, teardown } from './helpers/setup.js';

const STATUSES = ['open', 'approved', 'rejected', 'reclaimed', 'failed', 'resolved'] as const;
const TYPES = ['Business', 'Enterprise', 'Guest'];
const PROFILES = [
  { id: 'p1', name: 'Asana – Marketing', currency: 'USD' },
  { id: 'p2', name: 'Salesforce', currency: 'EUR' },
];

function candidates(count: number): CandidateRow[] {
  const rows = new Array<CandidateRow>(count);
  for (let i = 0; i < count; i++) {
    const profile = PROFILES[i % 2]!;
    const days = 60 + ((i * 7919) % 400);
    rows[i] = {
      id: `c${i}`,
      profileId: profile.id,
      profileName: profile.name,
      vendor: i % 2 ? 'salesforce' : 'asana',
      orgId: 'o1',
      subscriptionId: `s${i}`,
      userId: `u${i}`,
      email: `person${i}@example.com`,
      name: i % 10 === 3 ? `Chloé ${i}` : `Person ${i}`,
      licenseType: TYPES[i % 3]!,
      ...(i % 13 === 0 ? {} : { lastActivityAt: new Date(Date.UTC(2026, 0, 1) - days * 86_400_000).toISOString() }),
      inactiveSince: '2025-01-01T00:00:00.000Z',
      daysInactive: days,
      ruleId: `r${i % 2}`,
      ruleName: `${profile.name} rule`,
      thresholdDays: 60,
      status: STATUSES[i % 6]!,
      monthlyCost: i % 3 === 2 ? null : 10 + (i % 5),
      currency: i % 3 === 2 ? null : profile.currency,
      why: `no activity for ${days} days; rule ${profile.name}, 60 days`,
      detectedAt: '2026-01-01T00:00:00.000Z',
      reason: 'inactive',
      activitySource: 'vendor',
    };
  }
  return rows;
}

const base: CandidateQuery = { search: '', profileId: '', licenseType: '', status: 'all', sort: undefined, groupBy: 'none' };

describe('candidate query on 100,000 rows', () => {
  const rows = candidates(100_000);
  const index = buildCandidateIndex(rows);

  it('filters by status (default open + approved), integration, license type and search', () => {
    const actionable = queryCandidates(index, { ...base, status: 'actionable' });
    expect(actionable.rows.length).toBe(rows.filter((r) => r.status === 'open' || r.status === 'approved').length);
    expect(actionable.rows.every((r) => r.status === 'open' || r.status === 'approved')).toBe(true);

    const narrow = queryCandidates(index, { ...base, status: 'open', profileId: 'p1', licenseType: 'Business' });
    const expected = rows.filter((r) => r.status === 'open' && r.profileId === 'p1' && r.licenseType === 'Business');
    expect(narrow.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));

    // Accent-insensitive, every word must match somewhere.
    const chloe = queryCandidates(index, { ...base, search: 'chloe salesforce' });
    expect(chloe.rows.length).toBe(rows.filter((r) => r.name.startsWith('Chloé') && r.profileId === 'p2').length);
    expect(chloe.rows.length).toBeGreaterThan(0);
  });

  it('sorts stably, with missing values last in both directions', () => {
    const byDays = queryCandidates(index, { ...base, sort: { id: 'daysInactive', desc: true } }).rows;
    for (let i = 1; i < byDays.length; i++) {
      const a = byDays[i - 1]!;
      const b = byDays[i]!;
      expect(a.daysInactive >= b.daysInactive).toBe(true);
      if (a.daysInactive === b.daysInactive) expect(Number(a.id.slice(1)) < Number(b.id.slice(1))).toBe(true);
    }
    for (const desc of [false, true]) {
      const byCost = queryCandidates(index, { ...base, sort: { id: 'monthlyCost', desc } }).rows;
      const firstMissing = byCost.findIndex((r) => r.monthlyCost === null);
      expect(byCost.slice(firstMissing).every((r) => r.monthlyCost === null)).toBe(true);
      const known = byCost.slice(0, firstMissing).map((r) => r.monthlyCost!);
      expect(known).toEqual([...known].sort((x, y) => (desc ? y - x : x - y)));
      const byActivity = queryCandidates(index, { ...base, sort: { id: 'lastActivityAt', desc } }).rows;
      expect(byActivity.at(-1)!.lastActivityAt).toBeUndefined();
    }
  });

  it('groups by integration and license type with counts and per-currency subtotals', () => {
    const grouped = queryCandidates(index, { ...base, status: 'actionable', groupBy: 'profile', sort: { id: 'daysInactive', desc: true } });
    expect(grouped.groups.map((g) => g.label)).toEqual(['Asana – Marketing', 'Salesforce']);
    expect(grouped.items.length).toBe(grouped.rows.length + 2);
    for (const group of grouped.groups) {
      const members = grouped.rows.filter((r) => r.profileId === group.key);
      expect(group.count).toBe(members.length);
      const sum = members.reduce((total, r) => total + (r.monthlyCost ?? 0), 0);
      expect(group.cost).toHaveLength(1);
      expect(group.cost[0]!.amount).toBeCloseTo(sum, 6);
    }
    // Each group keeps the sort, and row positions count rows only.
    const first = grouped.groups[0]!;
    const firstRows = grouped.rows.slice(0, first.count);
    expect(firstRows.every((r, i) => i === 0 || firstRows[i - 1]!.daysInactive >= r.daysInactive)).toBe(true);
    const positions = grouped.items.flatMap((item) => (item.kind === 'row' ? [item.position] : []));
    expect(positions).toEqual(grouped.rows.map((_, i) => i));

    const byType = queryCandidates(index, { ...base, groupBy: 'licenseType' });
    expect(byType.groups.map((g) => [g.label, g.count])).toEqual(TYPES.map((t) => [t, rows.filter((r) => r.licenseType === t).length]));
    expect(byType.cost.map((c) => c.currency).sort()).toEqual(['EUR', 'USD']);
  });

  it('computes shift-click ranges in either direction', () => {
    const shown = rows.slice(0, 10);
    expect(rangeIds(shown, 2, 5)).toEqual(['c2', 'c3', 'c4', 'c5']);
    expect(rangeIds(shown, 5, 2)).toEqual(['c2', 'c3', 'c4', 'c5']);
  });
});

// jsdom lays nothing out: give the scroll box a size so the virtualizer has a window.
const saved = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
const savedWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vtable-scroll') ? 600 : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vtable-scroll') ? 1200 : 0;
    },
  });
});
afterAll(() => {
  if (saved) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved);
  if (savedWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', savedWidth);
});
afterEach(() => {
  useCandidatesStore.getState().reset();
  teardown();
});

function dataRows(): HTMLElement[] {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-index'));
}
function checkboxOf(row: HTMLElement): HTMLElement {
  return row.querySelector('input[type="checkbox"]')!;
}

async function renderWith(rows: CandidateRow[], setStatus: (ids: string[]) => unknown) {
  useCandidatesStore.getState().reset();
  const bridge = freshApp({
    'candidates:list': () => rows,
    'candidates:setStatus': (input) => setStatus(input.ids) as { updated: number; unchanged: [] },
  });
  render(<CandidatesView scope={null} />);
  await screen.findByRole('table');
  return bridge;
}

describe('candidates table', () => {
  it('selects by click, shift-click range and select-all-shown, and bulk approves those ids', async () => {
    const rows = candidates(2_000);
    const bridge = await renderWith(rows, (ids) => ({ updated: ids.length, unchanged: [] }));
    // Default: open + approved, sorted by days inactive, descending.
    const shownIds = () => dataRows().map((row) => row.querySelector('[data-select]')!.getAttribute('data-select')!);
    expect(dataRows().length).toBeLessThan(100);
    const ids = shownIds();
    fireEvent.click(checkboxOf(dataRows()[1]!));
    fireEvent.click(checkboxOf(dataRows()[4]!), { shiftKey: true });
    expect(screen.getByRole('group', { name: 'Selection' }).textContent).toContain('4 selected');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    });
    const calls = bridge.callsTo('candidates:setStatus') as Array<{ ids: string[]; status: string }>;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.status).toBe('approved');
    expect(calls[0]!.ids.sort()).toEqual(ids.slice(1, 5).sort());
    expect(screen.getByTestId('candidates-announcer').textContent).toBe('Approved 4 candidates.');
    const approved = useCandidatesStore.getState().rows.filter((r) => calls[0]!.ids.includes(r.id));
    expect(approved.every((r) => r.status === 'approved')).toBe(true);

    // Select all shown (the filtered list), then reject.
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'open' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Select all .* shown/ }));
    const openCount = useCandidatesStore.getState().rows.filter((r) => r.status === 'open').length;
    expect(useCandidatesStore.getState().selected.size).toBe(openCount);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Reject' }));
    });
    const reject = (bridge.callsTo('candidates:setStatus') as Array<{ ids: string[]; status: string }>)[1]!;
    expect(reject.status).toBe('rejected');
    expect(reject.ids).toHaveLength(openCount);
  });

  it('rolls an optimistic approval back when the call fails', async () => {
    const rows = candidates(200);
    let release: () => void = () => undefined;
    await renderWith(rows, () => new Promise((_, reject) => (release = () => reject(new FakeApiError('store_locked', 'The data store is busy.')))));
    const before = useCandidatesStore.getState().rows.map((r) => r.status);
    const first = dataRows()[0]!;
    const id = first.querySelector('[data-select]')!.getAttribute('data-select')!;
    fireEvent.click(checkboxOf(first));
    act(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    });
    expect(useCandidatesStore.getState().rows.find((r) => r.id === id)!.status).toBe('approved');
    await act(async () => {
      release();
      await Promise.resolve();
    });
    await screen.findByRole('alert');
    expect(useCandidatesStore.getState().rows.map((r) => r.status)).toEqual(before);
    expect(screen.getByRole('alert').textContent).toContain('The data store is busy.');
    expect(screen.getByTestId('candidates-announcer').textContent).toContain('Nothing was changed');
  });

  it('exports exactly the selection, or the rows shown, and says how many rows the file gets', async () => {
    const rows = candidates(120);
    const bridge = await renderWith(rows, () => ({ updated: 0, unchanged: [] }));
    bridge.handlers['candidates:export'] = (input) => ({ path: input.out, rows: input.candidateIds?.length ?? rows.length });
    const picked = dataRows().slice(0, 3).map((row) => row.querySelector('[data-select]')!.getAttribute('data-select')!);
    fireEvent.click(checkboxOf(dataRows()[0]!));
    fireEvent.click(checkboxOf(dataRows()[2]!), { shiftKey: true });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export…' }));
    });
    const dialog = screen.getByRole('dialog', { name: 'Export candidates' });
    const shown = useCandidatesStore.getState().rows.filter((r) => r.status === 'open' || r.status === 'approved').length;
    expect(within(dialog).getByLabelText('The 3 selected candidates')).toHaveProperty('checked', true);
    expect(dialog.textContent).toContain('The file has one row per candidate: 3 rows.');
    expect(within(dialog).getByLabelText(`The ${shown} candidates shown with the search and filters`)).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    });
    const [first] = bridge.callsTo('candidates:export') as Array<{ candidateIds?: string[]; format: string; out: string }>;
    expect(first!.candidateIds!.sort()).toEqual([...picked].sort());
    expect(first!.format).toBe('csv');
    expect(dialog.textContent).toContain('Saved 3 candidates to');

    // Every candidate of the list: no ids, whatever the filters.
    useCandidatesStore.getState().resetExport();
    fireEvent.click(within(dialog).getByLabelText(/Every candidate in this list, any status \(120\)/));
    expect(dialog.textContent).toContain('120 rows.');
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Export' }));
    });
    expect((bridge.callsTo('candidates:export')[1] as { candidateIds?: string[] }).candidateIds).toBeUndefined();
  });

  it('shows group header rows with counts', async () => {
    await renderWith(candidates(300), () => ({ updated: 0, unchanged: [] }));
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'licenseType' } });
    const headers = screen.getByRole('table').querySelectorAll('tr[data-group]');
    expect(headers.length).toBeGreaterThan(0);
    expect(headers[0]!.textContent).toMatch(/Business\d+ candidates/);
  });

  it('marks leavers and orphans, says how their rule counts, and filters by reason', async () => {
    const rows = candidates(12).map((row) => (row.status === 'open' || row.status === 'approved' ? row : { ...row, status: 'open' as const }));
    rows[0] = { ...rows[0]!, name: 'Ben Leaver', reason: 'leaver', ruleName: 'Leavers', thresholdDays: 0, daysInactive: 12, inactiveSince: '2025-12-20T00:00:00.000Z', orphan: false };
    rows[1] = { ...rows[1]!, name: 'Dana Later', reason: 'leaver', ruleName: 'Leavers', thresholdDays: 30, orphan: false };
    rows[2] = { ...rows[2]!, name: 'Oscar Outside', orphan: true };
    await renderWith(rows, () => ({ updated: 0, unchanged: [] }));
    const rowOf = (name: string) => dataRows().find((row) => row.textContent?.includes(name))!;

    const ben = rowOf('Ben Leaver');
    expect(within(ben).getByText('Leaver')).toBeTruthy();
    expect(ben.textContent).toContain('at once after leaving');
    expect(ben.textContent).toContain('left ');
    expect(rowOf('Dana Later').textContent).toContain('30 days after leaving');
    const orphan = within(rowOf('Oscar Outside')).getByText('Orphan');
    expect(orphan.getAttribute('title')).toBe('No directory source knows this email');
    expect(within(rowOf('Oscar Outside')).queryByText('Leaver')).toBeNull();

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'leaver' } });
    });
    expect(dataRows().map((row) => row.querySelector('.user-cell__name')!.textContent)).toEqual(expect.arrayContaining(['Ben Leaver', 'Dana Later']));
    expect(dataRows()).toHaveLength(2);
    expect(document.querySelector('.table-toolbar__count')!.textContent).toContain('2 of 12 candidates');
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'inactive' } });
    });
    expect(dataRows()).toHaveLength(10);
  });

  it('offers no reason filter without leavers', async () => {
    await renderWith(candidates(30), () => ({ updated: 0, unchanged: [] }));
    expect(screen.queryByLabelText('Reason')).toBeNull();
  });
});
