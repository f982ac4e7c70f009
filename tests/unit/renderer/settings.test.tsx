// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../../renderer/src/features/settings/SettingsPage.js';
import { useRolesStore } from '../../../renderer/src/features/settings/roles-store.js';
import { useSettingsStore } from '../../../renderer/src/features/settings/store.js';
import { FakeApiError, type Handlers } from './helpers/fake-bridge.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(() => {
  teardown();
  useSettingsStore.setState({ status: 'idle', info: null, settings: null, error: null, saving: false, saveError: null, saved: null });
  useRolesStore.setState({ status: 'idle', assignments: [], error: null, saving: false, saveError: null, saved: null });
});

const info = { version: '0.1.0', dataDir: '/home/ada/.config/Seatwise', transport: 'ipc' as const, demo: false, platform: 'linux', signedIn: null };

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

  it('a single-user install shows no people and roles', async () => {
    freshApp(handlers());
    render(<SettingsPage />);
    await screen.findByText('/home/ada/.config/Seatwise');
    expect(screen.queryByRole('heading', { name: 'People and roles' })).toBeNull();
  });
});

describe('People and roles on a team server', () => {
  type Given = { person: string; roles: ('approver' | 'integrator' | 'admin')[]; assignedBy: string; assignedAt: string };
  const AT = '2026-11-02T09:00:00.000Z';
  function teamHandlers(roles: ('viewer' | 'approver' | 'integrator' | 'admin')[], given: Given[] = []): Handlers {
    let saved = [...given];
    return handlers({
      'app:info': () => ({ ...info, transport: 'http', dataDir: '/srv/seatwise', signedIn: { person: 'ada@example.com', roles } }),
      'roles:list': () => saved,
      'roles:set': ({ person, roles: next }) => {
        saved = saved.filter((a) => a.person !== person);
        if (next.length) saved = [...saved, { person, roles: next, assignedBy: 'ada@example.com', assignedAt: AT }];
        return saved;
      },
    });
  }

  it('says where credentials really are, and that a viewer gives no roles', async () => {
    const bridge = freshApp(teamHandlers([]));
    render(<SettingsPage />);
    expect(await screen.findByRole('heading', { name: 'People and roles' })).toBeTruthy();
    expect(screen.getByText('read and export only')).toBeTruthy();
    expect(screen.getByText(/Only an admin gives roles/)).toBeTruthy();
    expect(screen.getByText(/Sealed in the database \(AES-256-GCM\)/)).toBeTruthy();
    expect(screen.queryByText(/OS keychain/)).toBeNull();
    expect(bridge.callsTo('roles:list')).toEqual([]);
  });

  it('an admin gives roles to a person, changes them and takes them away', async () => {
    const bridge = freshApp(teamHandlers(['admin'], [{ person: 'ina@example.com', roles: ['integrator'], assignedBy: 'ada@example.com', assignedAt: AT }]));
    const user = userEvent.setup();
    render(<SettingsPage />);
    expect(await screen.findByRole('cell', { name: 'ina@example.com' })).toBeTruthy();

    await user.type(screen.getByLabelText('Email'), 'Abe@Example.com');
    await user.click(screen.getByRole('checkbox', { name: /Approver/ }));
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    expect(await screen.findByText('Saved: abe@example.com is approver.')).toBeTruthy();
    expect(bridge.callsTo('roles:set')).toEqual([{ person: 'Abe@Example.com', roles: ['approver'] }]);

    await user.click(screen.getByRole('button', { name: 'Change the roles of ina@example.com' }));
    expect(screen.getByRole('heading', { name: 'Roles of ina@example.com' })).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /Integrator/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /Admin/ }));
    await user.click(screen.getByRole('button', { name: 'Save roles' }));
    expect(await screen.findByText('Saved: ina@example.com is integrator, admin.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Take away the roles given to ina@example.com' }));
    expect(await screen.findByText('Saved: ina@example.com has no roles given here.')).toBeTruthy();
    expect(screen.queryByRole('cell', { name: 'ina@example.com' })).toBeNull();
    expect(bridge.callsTo('roles:set').slice(1)).toEqual([
      { person: 'ina@example.com', roles: ['integrator', 'admin'] },
      { person: 'ina@example.com', roles: [] },
    ]);
  });
});
