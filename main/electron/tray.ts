/**
 * The tray (menu-bar) icon: "Open Seatwise", "Sync all now", the state of the last runs and
 * "Quit". The content comes from tray-model.ts (pure, unit-tested); this file only builds the
 * Electron objects and keeps them current as jobs and profiles change.
 */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SeatwiseApp } from '../app.js';
import { trayMenuModel, type TrayAction, type TrayModel } from './tray-model.js';

/** A 16x16 black-and-alpha glyph, used where build/icons is not shipped (packaged builds). */
const FALLBACK_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAOklEQVR42mNgGGzgP5EYr2ZiLcEqQYpLiRL8j0ecoCA+fxM0gFDg0d4Air1AlUAkKxopSkgUJ+WBAQA8XUO96C82NQAAAABJRU5ErkJggg==';

/** The minutes in "2 min ago" move on even when nothing else happens. */
const REFRESH_MS = 60_000;

export interface TrayOptions {
  app: SeatwiseApp;
  /** app.getAppPath(): build/icons is looked for under it (present in development). */
  appPath: string;
  platform: NodeJS.Platform;
  openWindow(): void;
  quit(): void;
  onError(what: string, error: unknown): void;
}

export interface SeatwiseTray {
  refresh(): Promise<void>;
  dispose(): void;
}

/** Creates the tray icon, or returns null where the OS gives none (the caller then quits with the window). */
export function createTray(options: TrayOptions): SeatwiseTray | null {
  let tray: Tray;
  try {
    tray = new Tray(trayIcon(options.appPath, options.platform));
  } catch (error) {
    options.onError('tray', error);
    return null;
  }
  const services = options.app;
  const actions: Record<TrayAction, () => void> = {
    open: () => options.openWindow(),
    syncAll: () => {
      for (const profile of services.store.root.profiles) {
        if (profile.status !== 'published') continue;
        try {
          services.scheduler.runNow(profile.id, 'manual');
        } catch (error) {
          options.onError('sync all', error);
        }
      }
    },
    quit: () => options.quit(),
  };

  let disposed = false;
  const refresh = async (): Promise<void> => {
    if (disposed) return;
    try {
      const model = trayMenuModel(services.store.root.profiles, await services.store.jobs(), new Date());
      if (disposed) return;
      tray.setToolTip(model.tooltip);
      tray.setContextMenu(Menu.buildFromTemplate(menuItems(model, actions)));
    } catch (error) {
      options.onError('tray refresh', error);
    }
  };

  // Windows and Linux: a left click opens the window (macOS shows the menu).
  if (options.platform !== 'darwin') tray.on('click', () => options.openWindow());
  const unsubscribe = services.events.on((name) => {
    if (name === 'jobs:changed' || name === 'profiles:changed') void refresh();
  });
  const timer = setInterval(() => void refresh(), REFRESH_MS);
  timer.unref();
  void refresh();

  return {
    refresh,
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      clearInterval(timer);
      tray.destroy();
    },
  };
}

function menuItems(model: TrayModel, actions: Record<TrayAction, () => void>): MenuItemConstructorOptions[] {
  return model.items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'status') return { label: item.label, enabled: false };
    const action = actions[item.action];
    return { label: item.label, enabled: item.enabled, click: () => action() };
  });
}

function trayIcon(appPath: string, platform: NodeJS.Platform): NativeImage {
  const file = path.join(appPath, 'build', 'icons', '16x16.png');
  // macOS wants a black-and-alpha template image so it follows the menu bar's light/dark look.
  if (platform === 'darwin' || !existsSync(file)) {
    const image = nativeImage.createFromDataURL(FALLBACK_ICON);
    if (platform === 'darwin') image.setTemplateImage(true);
    return image;
  }
  const image = nativeImage.createFromPath(file);
  return image.isEmpty() ? nativeImage.createFromDataURL(FALLBACK_ICON) : image;
}
