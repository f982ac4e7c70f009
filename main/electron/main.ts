/**
 * The desktop app's entry (package.json "main", built by scripts/build.mjs). It only wires things
 * together: the services come from createApp, the guards from security.ts, the transport
 * from ipc.ts. Nothing here is needed by the browser host or the CLI.
 */
import { app, dialog, Notification, powerMonitor, session, shell, type BrowserWindow } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createApp, type SeatwiseApp } from '../app.js';
import { APP_VERSION } from '../version.js';
import { startDemo } from '../demo/demo.js';
import { demoSources } from '../demo/sources.js';
import { KeytarSecretStore } from '../vault/keytar-store.js';
import { MemoryOverlaySecretStore } from '../vault/memory-overlay-store.js';
import { redact } from '../vault/redact.js';
import { NotificationCenter } from '../notifications/center.js';
import { parseShellOptions } from './args.js';
import { registerIpc } from './ipc.js';
import { installMenu } from './menu.js';
import { registerAppScheme, serveAppProtocol } from './protocol.js';
import { applySessionSecurity, installContentsGuards } from './security.js';
import { createMainWindow } from './window.js';
import { createTray, type SeatwiseTray } from './tray.js';
import { platformHasTray } from './tray-model.js';
import { loadWindowState } from './window-state.js';

// Same folder as the CLI's default (main/store/datadir.ts): <appData>/Seatwise, whatever
// package.json's name is. Must happen before `ready`.
app.setName('Seatwise');
app.setPath('userData', path.join(app.getPath('appData'), 'Seatwise'));
registerAppScheme();
installContentsGuards();

let seatwise: SeatwiseApp | undefined;
let mainWindow: BrowserWindow | null = null;
let disposeIpc: (() => void) | undefined;
let quitting = false;
let tray: SeatwiseTray | null = null;
let notifications: NotificationCenter | undefined;
let openMainWindow: (() => Promise<void>) | undefined;
let openingWindow: Promise<void> | undefined;

if (!app.requestSingleInstanceLock()) {
  // Another Seatwise owns the data; it is told (second-instance) and comes to the front.
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.whenReady().then(start).catch((error: unknown) => failStartup(error));
}

async function start(): Promise<void> {
  const options = parseShellOptions(process.argv, process.env, app.getPath('userData'));
  const root = app.getAppPath();
  const rendererDir = path.join(root, 'out', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`The user interface was not found in ${rendererDir}. Run \`npm run build\` first.`);
  }
  serveAppProtocol(rendererDir);
  applySessionSecurity(session.defaultSession);

  // The demo's simulator credentials live in memory only; everything else uses the keychain.
  const vault = new MemoryOverlaySecretStore(new KeytarSecretStore());
  seatwise = await createApp({
    dataDir: options.demo ? `${options.dataDir} Demo` : options.dataDir,
    transport: 'ipc',
    demo: options.demo,
    vault,
    openExternal: (url) => shell.openExternal(url),
  });
  const services = seatwise;
  if (options.demo) {
    const demo = await startDemo(services, vault, demoSources);
    app.once('will-quit', () => void demo.close());
  }
  disposeIpc = registerIpc({ app: services, getWindow: () => mainWindow, onInternalError: logInternalError });

  installMenu(
    {
      syncAll: () => void syncAll(services),
      openLogsFolder: () => openFolder(path.join(services.dataDir, 'logs')),
      openDataFolder: () => openFolder(services.dataDir),
      showAbout: () => showAbout(services.dataDir),
    },
    { platform: process.platform, isPackaged: app.isPackaged },
  );

  const openWindow = async (): Promise<void> => {
    mainWindow = createMainWindow({
      dataDir: services.dataDir,
      preloadPath: path.join(root, 'out', 'preload', 'index.cjs'),
      initialState: await loadWindowState(services.dataDir),
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openMainWindow = openWindow;
  await openWindow();

  // Desktop notifications for scheduled failures, new candidates and lost sign-ins.
  notifications = new NotificationCenter({
    events: services.events,
    store: services.store,
    show: (n) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title: n.title, body: n.body });
      notification.on('click', () => focusMainWindow());
      notification.show();
    },
    onError: (error) => logInternalError('notification', error),
  });
  await notifications.prime().catch((error: unknown) => logInternalError('notifications', error));
  notifications.start();
  tray = platformHasTray(process.platform, process.env)
    ? createTray({
        app: services,
        appPath: root,
        platform: process.platform,
        openWindow: () => focusMainWindow(),
        quit: () => app.quit(),
        onError: logInternalError,
      })
    : null;
  // Runs missed while the machine slept run once now.
  powerMonitor.on('resume', () => services.scheduler.resume());
  // macOS keeps the app alive without windows; clicking the dock icon brings one back.
  app.on('activate', () => {
    if (mainWindow === null) void openWindow();
  });
}

function focusMainWindow(): void {
  if (!mainWindow) {
    // Closed to the tray: the tray, a notification or a second launch brings a window back (one).
    openingWindow ??= openMainWindow?.()
      .catch((error: unknown) => logInternalError('open window', error))
      .finally(() => {
        openingWindow = undefined;
      });
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** "Sync all now": the same manual run as the button, for every published profile. */
async function syncAll(services: SeatwiseApp): Promise<void> {
  try {
    const profiles = await services.service['profiles:list']({});
    for (const profile of profiles) {
      if (profile.status === 'published') await services.service['sync:run']({ profileId: profile.id });
    }
  } catch (error) {
    // Progress and failures of each run reach the window through job events.
    logInternalError('sync all', error);
  }
}

function openFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  void shell.openPath(folder);
}

function showAbout(dataDir: string): void {
  const options = {
    type: 'info' as const,
    title: 'About Seatwise',
    message: `Seatwise ${APP_VERSION}`,
    detail: `Find the SaaS seats nobody uses, reclaim them safely, and show the savings.\n\nData folder: ${dataDir}\nElectron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node ${process.versions.node}`,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function logInternalError(method: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[seatwise] ${method} failed: ${redact(message)}`);
}

/** A start-up failure (data file corrupt, folder locked, UI not built) is shown, not swallowed. */
function failStartup(error: unknown): void {
  const message = redact(error instanceof Error ? error.message : String(error));
  console.error(`[seatwise] could not start: ${message}`);
  dialog.showErrorBox('Seatwise could not start', message);
  app.exit(1);
}

// With a tray and the setting on, the services (and their schedules) keep running without a window.
app.on('window-all-closed', () => {
  if (tray && seatwise?.store.root.settings.keepRunningInTray) return;
  app.quit();
});

// Services close (running syncs cancelled, store flushed, lock released) before the process ends.
app.on('will-quit', (event) => {
  if (quitting || !seatwise) return;
  event.preventDefault();
  quitting = true;
  disposeIpc?.();
  notifications?.stop();
  tray?.dispose();
  tray = null;
  const closing = seatwise;
  seatwise = undefined;
  closing
    .close()
    .catch((error: unknown) => logInternalError('close', error))
    .finally(() => app.quit());
});
