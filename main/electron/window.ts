/**
 * The main window: locked down (context isolation, sandbox, no Node), showing our page from
 * the app scheme, and remembering its size and place in the data folder.
 */
import { BrowserWindow, screen } from 'electron';
import { APP_URL } from './guards.js';
import { clampToDisplays, MIN_SIZE, saveWindowState, type WindowState } from './window-state.js';

export interface MainWindowOptions {
  dataDir: string;
  /** `out/preload/index.cjs`: CommonJS, because sandboxed preloads cannot load ES modules. */
  preloadPath: string;
  initialState: WindowState;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = clampToDisplays(options.initialState, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Seatwise',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in a new window; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.maximized) window.maximize();
  // Shown once painted, so the user never sees a white flash or a half-drawn page.
  window.once('ready-to-show', () => window.show());
  keepWindowState(window, options.dataDir);
  void window.loadURL(APP_URL);
  return window;
}

function keepWindowState(window: BrowserWindow, dataDir: string): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    if (window.isDestroyed()) return;
    // Normal bounds: a maximized window remembers the size it returns to.
    const bounds = window.getNormalBounds();
    void saveWindowState(dataDir, { ...bounds, maximized: window.isMaximized() }).catch(() => undefined);
  };
  const later = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => {
    if (timer !== undefined) clearTimeout(timer);
    save();
  });
}
