/**
 * The IPC transport: one `ipcMain.handle` per contract method, each checking who is calling
 * and then handing the raw input to `dispatch` (which validates it and never throws).
 * EventBus events go to the window on one channel as `(name, payload)`.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_ERROR_CODES, IPC_EVENT_CHANNEL, ipcChannel, methods, type ApiResult, type MethodName } from '../../preload/contract.js';
import type { SeatwiseApp } from '../app.js';
import { dispatch } from '../rpc/dispatch.js';
import { isAllowedSender } from './guards.js';

export interface IpcOptions {
  app: Pick<SeatwiseApp, 'service' | 'events'>;
  /** The current main window (it may be recreated on macOS), or null. */
  getWindow: () => BrowserWindow | null;
  onInternalError?: (method: string, error: unknown) => void;
}

const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: { code: API_ERROR_CODES.forbidden, message: 'This call did not come from the Seatwise window.', retryable: false },
};

export function senderIsAllowed(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || !frame) return false;
  const main = window.webContents.mainFrame;
  return isAllowedSender({
    url: frame.url,
    isTopFrame: frame.parent === null,
    isMainWindowFrame: event.sender === window.webContents && frame.processId === main.processId && frame.routingId === main.routingId,
  });
}

/** Registers every method and the event forwarding; returns the undo. */
export function registerIpc(options: IpcOptions): () => void {
  const names = Object.keys(methods) as MethodName[];
  for (const name of names) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!senderIsAllowed(event, options.getWindow())) return FORBIDDEN;
      return dispatch(options.app.service, name, input, { onInternalError: options.onInternalError });
    });
  }
  const unsubscribe = options.app.events.on((name, payload) => {
    const window = options.getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    for (const name of names) ipcMain.removeHandler(ipcChannel(name));
    unsubscribe();
  };
}
