// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { connectHomeEvents, totalsOf, useHomeStore } from '../../../renderer/src/features/home/store.js';
import { HomePage } from '../../../renderer/src/features/home/HomePage.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { profileSummary } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(teardown);

describe('home store', () => {
  it('loads every profile', async () => {
    const bridge = freshApp({ 'profiles:list': () => [profileSummary(), profileSummary({ id: 'p2', name: 'Salesforce', vendor: 'salesforce' })] });
    expect(useHomeStore.getState().status).toBe('idle');
    const loading = useHomeStore.getState().load();
    expect(useHomeStore.getState().status).toBe('loading');
    await loading;
    expect(useHomeStore.getState().status).toBe('ready');
    expect(useHomeStore.getState().profiles.map((profile) => profile.id)).toEqual(['p1', 'p2']);
    expect(bridge.callsTo('profiles:list')).toEqual([{}]);
  });

  it('keeps the service error for the error screen', async () => {
    freshApp({
      'profiles:list': () => {
        throw new FakeApiError('internal', 'The data file profiles.json could not be read.', true);
      },
    });
    await useHomeStore.getState().load();
    const state = useHomeStore.getState();
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'internal', message: 'The data file profiles.json could not be read.', retryable: true });
  });

  it('keeps rows on screen when a background refresh fails', async () => {
    let fail = false;
    freshApp({
      'profiles:list': () => {
        if (fail) throw new FakeApiError('internal', 'boom');
        return [profileSummary()];
      },
    });
    await useHomeStore.getState().load();
    fail = true;
    await useHomeStore.getState().load();
    expect(useHomeStore.getState().status).toBe('ready');
    expect(useHomeStore.getState().profiles).toHaveLength(1);
  });

  it('reloads when main says profiles changed', async () => {
    let name = 'Before';
    const bridge = freshApp({ 'profiles:list': () => [profileSummary({ name })] });
    const off = connectHomeEvents();
    await useHomeStore.getState().load();
    name = 'After';
    await act(async () => {
      bridge.emit('profiles:changed', { profileId: 'p1' });
      await Promise.resolve();
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(useHomeStore.getState().profiles[0]?.name).toBe('After');
    off();
  });

  it('totals savings per currency', () => {
    const totals = totalsOf([
      profileSummary({ monthlySavings: 100, currency: 'USD' }),
      profileSummary({ id: 'p2', monthlySavings: 50, currency: 'EUR' }),
      profileSummary({ id: 'p3', monthlySavings: 25, currency: 'USD', health: 'failing' }),
    ]);
    expect(totals.savings).toEqual([
      { currency: 'USD', amount: 125 },
      { currency: 'EUR', amount: 50 },
    ]);
    expect(totals.attention).toBe(1);
  });
});

describe('home screen', () => {
  it('shows each profile with its status, figures and money', async () => {
    freshApp({
      'profiles:list': () => [
        profileSummary(),
        profileSummary({ id: 'p2', name: 'Calendly', vendor: 'calendly', health: 'needs_signin', healthReason: 'Sign in again.' }),
        profileSummary({ id: 'p3', name: 'Miro', vendor: 'custom', status: 'draft', seats: 0, lastSync: undefined }),
      ],
    });
    render(<HomePage />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const first = rows[0]!;
    expect(within(first).getByRole('link', { name: 'Asana – Marketing' }).getAttribute('href')).toBe('#/profiles/p1/subscriptions');
    expect(within(first).getByText('Published')).toBeTruthy();
    expect(within(first).getByText('412')).toBeTruthy();
    expect(within(first).getByText('$407')).toBeTruthy();
    expect(within(first).getByText('2 hours ago')).toBeTruthy();
    expect(within(rows[1]!).getByText('Needs sign-in')).toBeTruthy();
    expect(within(rows[2]!).getByText('Draft')).toBeTruthy();
    expect(within(rows[2]!).getByRole('link', { name: 'Finish setup' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New integration' }).getAttribute('href')).toBe('#/new');
  });

  it('shows a designed empty state when there is no profile', async () => {
    freshApp({ 'profiles:list': () => [] });
    render(<HomePage />);
    expect(await screen.findByRole('heading', { name: 'Connect your first application' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'New integration' })).toBeTruthy();
  });

  it('shows the error with a retry that recovers', async () => {
    let attempts = 0;
    freshApp({
      'profiles:list': () => {
        attempts++;
        if (attempts === 1) throw new FakeApiError('internal', 'The store is locked by pid 4242.', true);
        return [profileSummary()];
      },
    });
    render(<HomePage />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The store is locked by pid 4242.')).toBeTruthy();
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Asana – Marketing' })).toBeTruthy();
  });

  it('shows a loading state before the answer', async () => {
    let resolve: (value: ReturnType<typeof profileSummary>[]) => void = () => undefined;
    freshApp({ 'profiles:list': () => new Promise((done) => (resolve = done)) });
    render(<HomePage />);
    expect(screen.getByText('Loading integrations…')).toBeTruthy();
    await act(async () => resolve([profileSummary()]));
    expect(await screen.findByRole('table')).toBeTruthy();
  });
});
