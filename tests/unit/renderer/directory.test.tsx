// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DirectoryPage } from '../../../renderer/src/features/directory/DirectoryPage.js';
import { filterPeople, formatDay, kindWord, type DirectoryPerson, type DirectorySource } from '../../../renderer/src/features/directory/model.js';
import { useDirectoryStore } from '../../../renderer/src/features/directory/store.js';
import { useCandidatesStore } from '../../../renderer/src/features/candidates/store.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { freshApp, teardown } from './helpers/setup.js';

const OKTA: DirectorySource = { id: 'profile:p-okta', kind: 'idp', name: 'Okta prod', vendorName: 'Okta', profileId: 'p-okta', readAt: '2026-11-20T06:00:00.000Z', people: 3 };
const ROSTER: DirectorySource = { id: 'roster:hr-roster', kind: 'roster', name: 'HR roster', vendorName: 'HR roster', readAt: '2026-11-21T09:30:00.000Z', people: 2 };

const PEOPLE: DirectoryPerson[] = [
  { email: 'ada@example.com', name: 'Ada Okafor', status: 'active', lastLoginAt: '2026-11-19T08:00:00.000Z', source: 'Okta (Okta prod)', sources: ['Okta (Okta prod)'] },
  {
    email: 'ben@example.com',
    name: 'Ben Lindqvist',
    status: 'deprovisioned',
    source: 'HR roster',
    sources: ['Okta (Okta prod)', 'HR roster'],
    endDate: '2026-10-31',
    leftAt: '2026-11-01T00:00:00.000Z',
  },
  { email: 'chloe@example.com', name: 'Chloé Moreau', status: 'suspended', source: 'Okta (Okta prod)', sources: ['Okta (Okta prod)'], leftAt: '2026-11-02T10:00:00.000Z' },
  { email: 'dmitri@example.com', name: 'Dmitri Petrov', status: 'active', source: 'HR roster', sources: ['HR roster'], endDate: '2099-12-31' },
];

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
beforeEach(() => {
  useDirectoryStore.getState().reset();
  useCandidatesStore.getState().reset();
});
afterEach(teardown);

function peopleRows(): HTMLElement[] {
  return within(screen.getByRole('region', { name: 'People table, scrollable' }))
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-index'));
}

const emails = () => peopleRows().map((row) => row.querySelector('.user-cell__email')?.textContent);

describe('directory model', () => {
  it('filters by status, source (either spelling) and every word of the search', () => {
    const sources = [OKTA, ROSTER];
    expect(filterPeople(PEOPLE, sources, { search: '', status: 'all', sourceId: '' })).toHaveLength(4);
    expect(filterPeople(PEOPLE, sources, { search: '', status: 'suspended', sourceId: '' }).map((p) => p.email)).toEqual(['chloe@example.com']);
    expect(filterPeople(PEOPLE, sources, { search: '', status: 'all', sourceId: ROSTER.id }).map((p) => p.email)).toEqual(['ben@example.com', 'dmitri@example.com']);
    expect(filterPeople(PEOPLE, sources, { search: '', status: 'all', sourceId: OKTA.id }).map((p) => p.email)).toEqual(['ada@example.com', 'ben@example.com', 'chloe@example.com']);
    expect(filterPeople(PEOPLE, sources, { search: 'chloe MOREAU', status: 'all', sourceId: '' }).map((p) => p.email)).toEqual(['chloe@example.com']);
    // Leaving dates first, the people without one last.
    expect(filterPeople(PEOPLE, sources, { search: '', status: 'all', sourceId: '' }, { id: 'since', desc: true }).map((p) => p.email)).toEqual([
      'dmitri@example.com',
      'chloe@example.com',
      'ben@example.com',
      'ada@example.com',
    ]);
  });

  it('says the kind in a word and keeps a roster day on its day', () => {
    expect(kindWord(OKTA)).toBe('Okta');
    expect(kindWord(ROSTER)).toBe('HR roster');
    expect(formatDay('2026-12-31')).toMatch(/31/);
  });
});

describe('Directory page', () => {
  it('lists the sources and the people, and filters them with true counts', async () => {
    freshApp({ 'directory:list': () => ({ people: PEOPLE, sources: [OKTA, ROSTER] }) });
    render(<DirectoryPage />);
    const sources = await screen.findByRole('table', { name: 'Sources' });
    const okta = within(sources).getByRole('row', { name: /Okta prod/ });
    expect(okta.textContent).toContain('Okta');
    expect(okta.textContent).toContain('Removed with its profile');
    expect(within(okta).queryByRole('button')).toBeNull();
    const roster = within(sources).getByRole('row', { name: /HR roster/ });
    expect(within(roster).getByRole('button', { name: 'Remove HR roster' })).toBeTruthy();

    expect(emails()).toEqual(['ada@example.com', 'ben@example.com', 'chloe@example.com', 'dmitri@example.com']);
    const count = document.querySelector('.table-toolbar__count')!;
    expect(count.textContent).toContain('4 people');
    expect(count.textContent).toContain('2 leavers');
    const ben = peopleRows()[1]!;
    expect(ben.textContent).toContain('Deprovisioned');
    expect(ben.textContent).toContain('since');
    expect(ben.textContent).toContain('HR last day');

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'deprovisioned' } });
    });
    expect(emails()).toEqual(['ben@example.com']);
    expect(count.textContent).toContain('1 of 4 people');

    await act(async () => {
      fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'all' } });
      fireEvent.change(screen.getByLabelText('Source'), { target: { value: ROSTER.id } });
    });
    expect(emails()).toEqual(['ben@example.com', 'dmitri@example.com']);
    expect(count.textContent).toContain('2 of 4 people');

    await act(async () => {
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search people' }), { target: { value: 'dmitri' } });
    });
    expect(emails()).toEqual(['dmitri@example.com']);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    });
    expect(emails()).toHaveLength(4);
  });

  it('explains an empty directory and offers the import', async () => {
    freshApp({ 'directory:list': () => ({ people: [], sources: [] }) });
    render(<DirectoryPage />);
    expect(await screen.findByRole('heading', { name: 'No directory yet' })).toBeTruthy();
    expect(screen.getByText(/Okta or Microsoft Entra ID/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import HR roster…' })).toBeTruthy();
  });

  it('imports a roster: sends the file’s text, shows main’s refusal in the dialog, closes and refreshes on success', async () => {
    let sources: DirectorySource[] = [];
    let people: DirectoryPerson[] = [];
    let refuse = true;
    const bridge = freshApp({
      'directory:list': () => ({ people, sources }),
      'directory:import': (input) => {
        if (refuse) throw new FakeApiError('invalid_input', `${input.fileName} was not loaded, nothing changed: line 3: "ben" is not an email address.`);
        sources = [{ ...ROSTER, name: input.name, people: 2 }];
        people = PEOPLE.filter((p) => p.sources.includes('HR roster'));
        return sources[0]!;
      },
    });
    useCandidatesStore.setState({ status: 'ready', rows: [] });
    render(<DirectoryPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Import HR roster…' }));
    const dialog = screen.getByRole('dialog', { name: 'Import an HR roster' });
    expect(within(dialog).getByLabelText('Name')).toHaveProperty('value', 'HR roster');

    // Nothing chosen: the file field says so and nothing is sent.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByLabelText('CSV file').getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('directory:import')).toHaveLength(0);

    const csv = 'email,name,status,end_date\nada@example.com,Ada,active,\nben,Ben,deprovisioned,\n';
    const file = new File([csv], 'people.csv', { type: 'text/csv' });
    fireEvent.change(within(dialog).getByLabelText('Name'), { target: { value: 'HR – Q4' } });
    fireEvent.change(within(dialog).getByLabelText('CSV file'), { target: { files: [file] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('people.csv was not loaded, nothing changed: line 3');
    expect(bridge.callsTo('directory:import')).toEqual([{ name: 'HR – Q4', fileName: 'people.csv', content: csv }]);
    expect(screen.getByRole('dialog', { name: 'Import an HR roster' })).toBeTruthy();

    refuse = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('directory:import')).toHaveLength(2);
    expect(await screen.findByRole('table', { name: 'Sources' })).toBeTruthy();
    expect(screen.getByTestId('directory-announcer').textContent).toBe('Imported 2 people from people.csv as “HR – Q4”.');
    expect(emails()).toEqual(['ben@example.com', 'dmitri@example.com']);
    // The candidates read the new leavers the next time they are shown.
    expect(useCandidatesStore.getState().status).toBe('idle');
  });

  it('removes a roster after a confirmation', async () => {
    let sources = [OKTA, ROSTER];
    const bridge = freshApp({
      'directory:list': () => ({ people: PEOPLE, sources }),
      'directory:removeSource': () => {
        sources = [OKTA];
        return { ok: true as const };
      },
    });
    render(<DirectoryPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove HR roster' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the roster “HR roster”?' });
    expect(bridge.callsTo('directory:removeSource')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove roster' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(bridge.callsTo('directory:removeSource')).toEqual([{ sourceId: ROSTER.id }]);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Sources' })).queryByRole('row', { name: /HR roster/ })).toBeNull());
  });
});
