// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../renderer/src/features/settings/SettingsPage.js';
import { useSettingsStore } from '../../../renderer/src/features/settings/store.js';
import { FakeApiError, type Handlers } from './helpers/fake-bridge.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(() => {
  teardown();
  useSettingsStore.setState({ status: 'idle', info: null, settings: null, error: null, saving: false, saveError: null, saved: null });
});

const info = { version: '0.1.0', dataDir: '/home/ada/.config/Seatwise', transport: 'ipc' as const, demo: false, platform: 'linux' };

function handlers(overrides: Handlers = {}): Handlers {
  return {
    'app:info': () => info,
    'settings:get': () => ({ keepRunningInTray: true, maxParallelSyncs: 2 }),
    'settings:update': (patch) => ({ keepRunningInTray: patch.keepRunningInTray ?? true, maxParallelSyncs: patch.maxParallelSyncs ?? 2 }),
    ...overrides,
  };
}

describe('Settings page', () => {
  it('shows where the data and the log file are, and that credentials are in the keychain', async () => {
    freshApp(handlers());
    render(<SettingsPage />);
    expect(await screen.findByText('/home/ada/.config/Seatwise/logs/seatwise.log')).toBeTruthy();
    expect(screen.getByText('/home/ada/.config/Seatwise')).toBeTruthy();
    expect(screen.getByText(/OS keychain, service “Seatwise”: never a file/)).toBeTruthy();
  });

  it('sends only what changed and says what was saved', async () => {
    const bridge = freshApp(handlers());
    const user = userEvent.setup();
    render(<SettingsPage />);
    await user.click(await screen.findByRole('switch', { name: 'Keep running in the tray' }));
    const parallel = screen.getByLabelText('Syncs at the same time');
    await user.clear(parallel);
    await user.type(parallel, '4');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Saved: Closing the window quits Seatwise; up to 4 syncs at once\./)).toBeTruthy();
    expect(bridge.callsTo('settings:update')).toEqual([{ keepRunningInTray: false, maxParallelSyncs: 4 }]);
  });

  it('shows an out-of-range count beside the field and sends nothing; a refusal keeps the choice', async () => {
    const bridge = freshApp(
      handlers({
        'settings:update': () => {
          throw new FakeApiError('io', 'The data folder is read-only.');
        },
      }),
    );
    const user = userEvent.setup();
    render(<SettingsPage />);
    const parallel = await screen.findByLabelText('Syncs at the same time');
    await user.clear(parallel);
    await user.type(parallel, '65');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(parallel.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.callsTo('settings:update')).toEqual([]);
    await user.clear(parallel);
    await user.type(parallel, '3');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The data folder is read-only.');
    expect((parallel as HTMLInputElement).value).toBe('3');
  });
});
