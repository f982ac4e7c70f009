// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditPage } from '../../../renderer/src/features/audit/AuditPage.js';
import { defaultExportPath } from '../../../renderer/src/components/ExportTarget.js';
import { fieldChanges, filterEvents, kindsOf, PAGE_SIZE, type AuditEvent } from '../../../renderer/src/features/audit/model.js';
import { useAuditStore } from '../../../renderer/src/features/audit/store.js';
import { profileSummary } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

const EVENTS: AuditEvent[] = [
  { id: 'e1', at: '2026-11-20T09:00:00.000Z', actor: 'ada', action: 'candidate.approved', profileId: 'p1', target: 'c-1 ben@example.com', before: { status: 'open' }, after: { status: 'approved' } },
  { id: 'e3', at: '2026-11-22T09:00:00.000Z', actor: 'ada', action: 'rule.changed', profileId: 'p1', target: 'r-1 Asana Business', before: { thresholdDays: 60 }, after: { thresholdDays: 90 } },
  { id: 'e2', at: '2026-11-21T09:00:00.000Z', actor: 'grace', action: 'reclaim.seat', profileId: 'p1', target: 'c-2 chloe@example.com', after: { status: 'reclaimed' } },
  { id: 'e4', at: '2026-11-19T09:00:00.000Z', actor: 'grace', action: 'exclusion.added', target: 'exc-1', after: { pattern: 'ceo@example.com', reason: 'Parental leave' } },
];

beforeEach(() => useAuditStore.getState().reset());
afterEach(teardown);

describe('audit filter', () => {
  it('sorts newest first and filters by kind', () => {
    expect(filterEvents(EVENTS, { kind: '', search: '' }).map((e) => e.id)).toEqual(['e3', 'e2', 'e1', 'e4']);
    expect(filterEvents(EVENTS, { kind: 'reclaim', search: '' }).map((e) => e.id)).toEqual(['e2']);
    expect(kindsOf(EVENTS).map((k) => [k.kind, k.count])).toEqual([
      ['reclaim', 1],
      ['candidate', 1],
      ['rule', 1],
      ['exclusion', 1],
    ]);
  });

  it('matches every word of the search in any field: who, target, values, integration name', () => {
    const names = new Map([['p1', 'Asana – Marketing']]);
    expect(filterEvents(EVENTS, { kind: '', search: 'GRACE' }, names).map((e) => e.id)).toEqual(['e2', 'e4']);
    expect(filterEvents(EVENTS, { kind: '', search: 'parental' }, names).map((e) => e.id)).toEqual(['e4']);
    expect(filterEvents(EVENTS, { kind: '', search: 'marketing ben' }, names).map((e) => e.id)).toEqual(['e1']);
    expect(filterEvents(EVENTS, { kind: 'rule', search: 'ben' }, names)).toEqual([]);
  });

  it('lists before→after per field', () => {
    expect(fieldChanges({ thresholdDays: 60, name: 'A' }, { thresholdDays: 90, name: 'A' })).toEqual([
      { field: 'thresholdDays', before: '60', after: '90', changed: true },
      { field: 'name', before: 'A', after: 'A', changed: false },
    ]);
    expect(fieldChanges(undefined, { pattern: 'x' })).toEqual([{ field: 'pattern', before: null, after: 'x', changed: true }]);
    expect(fieldChanges(undefined, undefined)).toEqual([]);
    expect(fieldChanges(1, 2)).toEqual([{ field: 'value', before: '1', after: '2', changed: true }]);
  });

  it('suggests an export path in the data folder', () => {
    expect(defaultExportPath('/data/seatwise/', 'json', 'seatwise-audit', '2026-11-23')).toBe('/data/seatwise/exports/seatwise-audit-2026-11-23.json');
    expect(defaultExportPath('C:\\Users\\ada\\Seatwise', 'csv', 'seatwise-audit', '2026-11-23')).toBe('C:\\Users\\ada\\Seatwise\\exports\\seatwise-audit-2026-11-23.csv');
  });
});

describe('Audit page', () => {
  it('shows the events newest first, filters by kind and text, and opens before→after', async () => {
    freshApp({ 'audit:list': () => EVENTS, 'profiles:list': () => [profileSummary({ id: 'p1', name: 'Asana – Marketing' })] });
    render(<AuditPage />);
    const table = await screen.findByRole('table', { name: /Audit events/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-event'))).toEqual(['e3', 'e2', 'e1', 'e4']);
    expect(rows[0]!.textContent).toContain('Rule changed');
    expect(rows[0]!.textContent).toContain('Asana – Marketing');
    expect(rows[3]!.textContent).toContain('All integrations');

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'reclaim' } });
    });
    expect(within(table).getAllByRole('row').slice(1).map((row) => row.getAttribute('data-event'))).toEqual(['e2']);
    expect(screen.getByText(/1 of 4 events/)).toBeTruthy();

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Action'), { target: { value: '' } });
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search the audit log' }), { target: { value: 'thresholdDays' } });
    });
    const shown = within(screen.getByRole('table', { name: /Audit events/ }));
    const toggle = shown.getByRole('button', { name: /Before and after: Rule changed/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await act(async () => {
      fireEvent.click(toggle);
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const diff = screen.getByRole('table', { name: 'Before and after' });
    const change = within(diff).getByRole('row', { name: /thresholdDays/ });
    expect(change.textContent).toContain('60');
    expect(change.textContent).toContain('90');
  });

  it('undoes a reclaimed seat from its event, once', async () => {
    let events = EVENTS;
    const bridge = freshApp({
      'audit:list': () => events,
      'profiles:list': () => [profileSummary({ id: 'p1', name: 'Asana – Marketing' })],
      'reclaim:undo': ({ auditId }) => {
        events = [{ id: 'e9', at: '2026-11-22T09:00:00.000Z', actor: 'ada', action: 'reclaim.undo', profileId: 'p1', after: { status: 'open', undoOf: auditId } }, ...EVENTS];
        return { candidateId: 'c-2', auditId: 'e9', status: 'open' as const };
      },
    });
    render(<AuditPage />);
    const table = await screen.findByRole('table', { name: /Audit events/ });
    await act(async () => {
      fireEvent.click(within(table).getByRole('button', { name: /Before and after: .*chloe@example.com/ }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Undo this reclaim' }));
    });
    expect(await screen.findByText(/This reclaim has been undone/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Undo this reclaim' })).toBeNull();
    expect(bridge.callsTo('reclaim:undo')).toEqual([{ auditId: 'e2' }]);
  });

  it('pages a long log', async () => {
    const many: AuditEvent[] = Array.from({ length: PAGE_SIZE + 5 }, (_, i) => ({
      id: `m${i}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      actor: 'ada',
      action: 'candidate.approved',
    }));
    freshApp({ 'audit:list': () => many, 'profiles:list': () => [] });
    render(<AuditPage />);
    const table = await screen.findByRole('table', { name: /Audit events/ });
    expect(within(table).getAllByRole('row')).toHaveLength(PAGE_SIZE + 1);
    expect(screen.getByText(`Page 1 of 2`)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    });
    expect(within(screen.getByRole('table', { name: /Audit events/ })).getAllByRole('row')).toHaveLength(6);
  });

  it('explains an empty log', async () => {
    freshApp({ 'audit:list': () => [], 'profiles:list': () => [] });
    render(<AuditPage />);
    expect(await screen.findByRole('heading', { name: 'Nothing has changed yet' })).toBeTruthy();
  });
});
