/**
 * The application menu's shape. Pure (the actions are passed in, Electron is imported for
 * types only), so it is unit-tested without an Electron binary; menu.ts installs it.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  syncAll(): void;
  openLogsFolder(): void;
  openDataFolder(): void;
  showAbout(): void;
}

export interface MenuContext {
  platform: NodeJS.Platform;
  /** Developer tools and reload only in development builds. */
  isPackaged: boolean;
}

export function menuTemplate(actions: MenuActions, context: MenuContext): MenuItemConstructorOptions[] {
  const isMac = context.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '&File',
      submenu: [
        { label: 'Sync all now', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.syncAll() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...(context.isPackaged ? [] : ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[])),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => actions.openLogsFolder() },
        { label: 'Open data folder', click: () => actions.openDataFolder() },
        { type: 'separator' },
        { label: 'About Seatwise', click: () => actions.showAbout() },
      ],
    },
  );
  return template;
}
