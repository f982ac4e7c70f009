import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { flagValue, parseShellOptions } from '../../../main/electron/args.js';
import { menuTemplate } from '../../../main/electron/menu-template.js';

describe('parseShellOptions', () => {
  const fallback = '/home/u/.config/Seatwise';
  it('prefers --data-dir, then SEATWISE_DATA_DIR, then the OS folder', () => {
    expect(parseShellOptions(['electron', '.', '--data-dir', '/tmp/a'], { SEATWISE_DATA_DIR: '/tmp/b' }, fallback).dataDir).toBe(path.resolve('/tmp/a'));
    expect(parseShellOptions(['electron', '.', '--data-dir=/tmp/c'], {}, fallback).dataDir).toBe(path.resolve('/tmp/c'));
    expect(parseShellOptions(['electron', '.'], { SEATWISE_DATA_DIR: '/tmp/b' }, fallback).dataDir).toBe(path.resolve('/tmp/b'));
    expect(parseShellOptions(['electron', '.'], { SEATWISE_DATA_DIR: '  ' }, fallback).dataDir).toBe(path.resolve(fallback));
  });
  it('resolves a relative data dir and reads --demo', () => {
    const options = parseShellOptions(['x', '--data-dir', 'rel', '--demo'], {}, fallback);
    expect(options.dataDir).toBe(path.resolve('rel'));
    expect(options.demo).toBe(true);
    expect(parseShellOptions(['x'], { SEATWISE_DEMO: '1' }, fallback).demo).toBe(true);
    expect(parseShellOptions(['x'], {}, fallback).demo).toBe(false);
  });
  it('ignores a flag without a value', () => {
    expect(flagValue(['--data-dir'], '--data-dir')).toBeUndefined();
    expect(flagValue(['--data-dir', '--demo'], '--data-dir')).toBeUndefined();
    expect(flagValue(['--data-dir='], '--data-dir')).toBeUndefined();
  });
});

function labels(items: MenuItemConstructorOptions[]): (string | undefined)[] {
  return items.map((item) => item.label ?? item.role);
}

function submenu(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  return Array.isArray(item?.submenu) ? (item.submenu as MenuItemConstructorOptions[]) : [];
}

describe('menuTemplate', () => {
  const actions = { syncAll: vi.fn(), openLogsFolder: vi.fn(), openDataFolder: vi.fn(), showAbout: vi.fn() };

  it('has File, Edit, View, Window, Help, with the app menu first on macOS', () => {
    expect(labels(menuTemplate(actions, { platform: 'linux', isPackaged: true }))).toEqual(['&File', 'editMenu', '&View', 'windowMenu', 'help']);
    expect(labels(menuTemplate(actions, { platform: 'darwin', isPackaged: true }))[0]).toBe('appMenu');
  });

  it('wires File and Help items to the actions', () => {
    const template = menuTemplate(actions, { platform: 'linux', isPackaged: true });
    const file = submenu(template[0]);
    const help = submenu(template[4]);
    const click = (item: MenuItemConstructorOptions | undefined): void => {
      (item?.click as (() => void) | undefined)?.();
    };
    click(file.find((i) => i.label === 'Sync all now'));
    click(help.find((i) => i.label === 'Open logs folder'));
    click(help.find((i) => i.label === 'Open data folder'));
    click(help.find((i) => i.label === 'About Seatwise'));
    expect(actions.syncAll).toHaveBeenCalledOnce();
    expect(actions.openLogsFolder).toHaveBeenCalledOnce();
    expect(actions.openDataFolder).toHaveBeenCalledOnce();
    expect(actions.showAbout).toHaveBeenCalledOnce();
    expect(file.some((i) => i.role === 'quit')).toBe(true);
  });

  it('offers developer tools only in development builds', () => {
    const roles = (packaged: boolean): unknown[] => submenu(menuTemplate(actions, { platform: 'linux', isPackaged: packaged })[2]).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });
});
