// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App.js';
import { installBridge } from './helpers/fake-bridge.js';
import { profileSummary } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(teardown);

const appInfo = () => ({ version: '0.1.0', dataDir: '/data', transport: 'http' as const, demo: true, platform: 'linux', signedIn: null });

describe('app shell', () => {
  it('has navigation and main landmarks, and marks the current section', async () => {
    freshApp({ 'profiles:list': () => [profileSummary()], 'app:info': appInfo });
    render(<App />);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(screen.getByRole('main')).toBeTruthy();
    expect(within(nav).getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('Demo organisation')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Asana – Marketing' })).toBeTruthy();

    await act(async () => {
      window.location.hash = '#/reconciliation';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(within(nav).getByRole('link', { name: 'Reconciliation' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 1, name: 'Reconciliation' })).toBeTruthy();
    expect(document.body.textContent?.toLowerCase()).not.toContain('coming soon');
  });

  it('explains what to do when no bridge is present', () => {
    freshApp();
    installBridge(undefined);
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Seatwise cannot start here' })).toBeTruthy();
    expect(screen.getByText(/seatwise serve/)).toBeTruthy();
  });
});
