// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionsTab } from '../../../renderer/src/features/profile/SubscriptionsTab.js';
import { SubscriptionsTable } from '../../../renderer/src/features/profile/SubscriptionsTable.js';
import { SUBSCRIPTIONS_LIMIT, useSubscriptionsStore } from '../../../renderer/src/features/profile/subscriptions-store.js';
import { profileDetail, subscriptionRows } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

// jsdom lays nothing out: give the table's scroll box a real size so the virtualizer has a window.
const VIEWPORT = { height: 600, width: 1000 };
const saved = {
  height: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  width: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
};
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vtable-scroll') ? VIEWPORT.height : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vtable-scroll') ? VIEWPORT.width : 0;
    },
  });
});
afterAll(() => {
  if (saved.height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.height);
  if (saved.width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.width);
});
afterEach(teardown);

/** Data rows in the DOM (not the header, not the virtualizer's spacer rows). */
function renderedRows(): HTMLElement[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-index'));
}

function firstNames(): string[] {
  return renderedRows().map((row) => row.querySelector('.user-cell__name')?.textContent ?? '');
}

describe('subscriptions table', () => {
  it('filters rows as the search is typed', async () => {
    freshApp();
    render(<SubscriptionsTable rows={subscriptionRows(40)} />);
    expect(screen.getByRole('status').textContent).toBe('40 members·32 paid · 8 free');
    await userEvent.type(screen.getByLabelText('Search seats'), 'chloé');
    const names = firstNames();
    expect(names.length).toBe(4);
    expect(names.every((name) => name.startsWith('Chloé'))).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('4 of 40 members·4 paid · 0 free');

    // Several words must all match, in any field.
    await userEvent.clear(screen.getByLabelText('Search seats'));
    await userEvent.type(screen.getByLabelText('Search seats'), 'chloé moreau');
    expect(firstNames()).toEqual(['Chloé Moreau 22']);

    await userEvent.clear(screen.getByLabelText('Search seats'));
    await userEvent.type(screen.getByLabelText('Search seats'), 'nobody-like-this');
    expect(renderedRows()).toHaveLength(0);
    expect(screen.getByText('No seats match these filters')).toBeTruthy();
    await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    expect(renderedRows().length).toBeGreaterThan(0);
  });

  it('counts paid, free and deactivated by the seat main gives each row, in the footer and the filter', async () => {
    freshApp();
    // Rows 1 and 2 (paid Business) are deactivated: listed, holding no seat.
    const rows = subscriptionRows(10).map((row, i) => (i === 1 || i === 2 ? { ...row, active: false, seat: 'deactivated' as const } : row));
    render(<SubscriptionsTable rows={rows} />);
    expect(screen.getByRole('status').textContent).toBe('10 members·6 paid · 2 free · 2 deactivated');
    const options = [...(screen.getByLabelText('License type') as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(['All types', 'Business (6 + 2 deactivated)', 'Guest (2)']);
    expect(screen.getByText(/Deactivated members are still listed by the vendor but hold no seat/)).toBeTruthy();
  });

  it('sorts by clicking a header and reports it with aria-sort', async () => {
    freshApp();
    render(<SubscriptionsTable rows={subscriptionRows(30)} />);
    const header = () => screen.getByRole('columnheader', { name: /User/ });
    expect(header().getAttribute('aria-sort')).toBe('none');

    await userEvent.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    expect(firstNames()[0]).toBe('Ada Lindqvist 10');

    await userEvent.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('descending');
    expect(firstNames()[0]).toBe('Jonas Okafor 9');

    await userEvent.click(within(header()).getByRole('button'));
    expect(header().getAttribute('aria-sort')).toBe('none');
    expect(firstNames()[0]).toBe('Ada Okafor 0');

    // Numbers start with the largest; seats with no activity stay last.
    const days = screen.getByRole('columnheader', { name: /Days inactive/ });
    await userEvent.click(within(days).getByRole('button'));
    expect(days.getAttribute('aria-sort')).toBe('descending');
    const cells = renderedRows().map((row) => row.querySelectorAll('td')[3]?.textContent);
    expect(cells.slice(0, 3)).toEqual(['112', '105', '98']);
    // Columns that cannot sort have no aria-sort and no button.
    expect(screen.getByRole('columnheader', { name: 'License type' }).querySelector('button')).not.toBeNull();
  });

  it('filters by license type and by activity', async () => {
    freshApp();
    render(<SubscriptionsTable rows={subscriptionRows(40)} />);
    await userEvent.selectOptions(screen.getByLabelText('License type'), 'Guest');
    expect(renderedRows().every((row) => row.textContent?.includes('Guest'))).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('8 of 40 members·0 paid · 8 free');

    await userEvent.selectOptions(screen.getByLabelText('License type'), '');
    await userEvent.selectOptions(screen.getByLabelText('Activity'), 'never');
    // Rows 0, 17 and 34 never showed activity.
    expect(firstNames()).toEqual(['Ada Okafor 0', 'Hana Lindqvist 17', 'Elena Petrov 34']);

    await userEvent.selectOptions(screen.getByLabelText('Activity'), 'inactive');
    const days = renderedRows().map((row) => Number(row.querySelectorAll('td')[3]?.textContent));
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((value) => value >= 30)).toBe(true);
  });

  it('offers "Orphans only" once rows say whether they are orphans, and marks them', async () => {
    freshApp();
    const { unmount } = render(<SubscriptionsTable rows={subscriptionRows(20)} />);
    expect(screen.queryByLabelText(/Orphans only/)).toBeNull();
    unmount();

    useSubscriptionsStore.getState().reset();
    const rows = subscriptionRows(20).map((row, i) => ({ ...row, orphan: i % 5 === 0 }));
    render(<SubscriptionsTable rows={rows} />);
    const toggle = screen.getByLabelText('Orphans only (4)');
    expect(renderedRows()).toHaveLength(20);
    const badge = within(renderedRows()[0]!).getByText('Orphan');
    expect(badge.getAttribute('title')).toBe('No directory source knows this email');
    await userEvent.click(toggle);
    expect(firstNames()).toEqual(['Ada Okafor 0', 'Farah Okafor 5', 'Ada Lindqvist 10', 'Farah Lindqvist 15']);
    expect(screen.getByRole('status').textContent).toMatch(/^4 of 20 members/);
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(toggle).toHaveProperty('checked', false);
    expect(renderedRows()).toHaveLength(20);
  });

  it('virtualizes: 10,000 seats put only a window of rows in the DOM', () => {
    freshApp();
    render(<SubscriptionsTable rows={subscriptionRows(10_000)} />);
    const table = screen.getByRole('table');
    expect(table.getAttribute('aria-rowcount')).toBe('10001');
    const first = renderedRows();
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(60);
    expect(first[0]?.getAttribute('aria-rowindex')).toBe('2');

    // Scrolling brings another window in and takes the first one out.
    const scroller = document.querySelector('.vtable-scroll') as HTMLElement;
    act(() => {
      scroller.scrollTop = 52 * 5_000;
      fireEvent.scroll(scroller);
    });
    const later = renderedRows();
    expect(later.length).toBeLessThan(60);
    const indexes = later.map((row) => Number(row.getAttribute('data-index')));
    expect(Math.min(...indexes)).toBeGreaterThan(4_900);
    expect(screen.queryByText('Ada Okafor 0')).toBeNull();
  });
});

describe('subscriptions tab', () => {
  it('fetches every subscription of the profile in one call', async () => {
    const bridge = freshApp({ 'subscriptions:list': () => ({ total: 25, rows: subscriptionRows(25) }) });
    render(<SubscriptionsTab profile={profileDetail()} />);
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(bridge.callsTo('subscriptions:list')).toEqual([{ profileId: 'p1', limit: SUBSCRIPTIONS_LIMIT }]);
    expect(useSubscriptionsStore.getState().rows).toHaveLength(25);
  });

  it('explains an empty profile instead of showing an empty table', async () => {
    freshApp({ 'subscriptions:list': () => ({ total: 0, rows: [] }) });
    render(<SubscriptionsTab profile={profileDetail({ seats: 0, lastSync: undefined })} />);
    expect(await screen.findByRole('heading', { name: 'No seats downloaded yet' })).toBeTruthy();
  });
});
