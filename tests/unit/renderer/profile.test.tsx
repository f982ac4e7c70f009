// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfilePage } from '../../../renderer/src/features/profile/ProfilePage.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { iso, job, profileDetail, subscriptionRows } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(teardown);

const handlers = {
  'profiles:get': () => profileDetail({ healthReason: undefined }),
  'subscriptions:list': () => ({ total: 5, rows: subscriptionRows(5) }),
  'jobs:list': () => [
    job({ id: 'j2', state: 'failed', trigger: 'schedule', startedAt: iso(60_000), finishedAt: iso(0), error: 'Asana answered 500 on page 3' }),
    job({ id: 'j1', state: 'succeeded', trigger: 'publish', startedAt: iso(86_400_000), finishedAt: iso(86_000_000) }),
  ],
};

describe('profile record', () => {
  it('shows the header, figures and the tabs as links', async () => {
    freshApp(handlers);
    render(<ProfilePage id="p1" tab="subscriptions" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Asana – Marketing' })).toBeTruthy();
    expect(screen.getByText('Connected as Ada Admin')).toBeTruthy();
    const tabs = screen.getByRole('navigation', { name: 'Integration sections' });
    const current = within(tabs).getByRole('link', { current: 'page' });
    expect(current.textContent).toContain('Subscriptions');
    expect(within(tabs).getByRole('link', { name: 'Jobs' }).getAttribute('href')).toBe('#/profiles/p1/jobs');
    expect(screen.getByRole('button', { name: 'Sync now: Asana – Marketing' })).toBeTruthy();
  });

  it('lists job results with trigger, state and error', async () => {
    freshApp(handlers);
    render(<ProfilePage id="p1" tab="jobs" />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Failed')).toBeTruthy();
    expect(within(rows[0]!).getByText('Asana answered 500 on page 3')).toBeTruthy();
    expect(within(rows[0]!).getByText('Schedule')).toBeTruthy();
    expect(within(rows[1]!).getByText('Publish')).toBeTruthy();
  });

  it('shows the connection read-only, and the secret only as "stored"', async () => {
    freshApp(handlers);
    render(<ProfilePage id="p1" tab="connection" />);
    expect(await screen.findByText('Stored in the OS keychain')).toBeTruthy();
    expect(screen.getByText('https://app.asana.com/api/1.0')).toBeTruthy();
    expect(screen.getByText('Personal access or service account token')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('says when the integration no longer exists', async () => {
    freshApp({
      'profiles:get': () => {
        throw new FakeApiError('not_found', 'Integration was not found.');
      },
    });
    render(<ProfilePage id="gone" tab="subscriptions" />);
    expect(await screen.findByRole('heading', { name: 'This integration no longer exists' })).toBeTruthy();
  });
});
