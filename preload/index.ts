/**
 * The Electron preload: puts the one bridge on `window.seatwise` through contextBridge.
 * The renderer gets two functions and nothing else: never ipcRenderer, never an IPC event
 * object (its `sender` is ipcRenderer), never a channel it could pick itself.
 *
 * Bundled as CommonJS with `electron` external, because a sandboxed preload can only
 * `require` a few built-in modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, isMethodName, type ApiResult, type SeatwiseBridge } from './contract.js';

function failure(code: string, message: string, retryable: boolean): ApiResult<never> {
  return { ok: false, error: { code, message, retryable } };
}

// One IPC listener for every event, fanned out by name, so subscribing many times never
// piles up IPC listeners.
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  for (const listener of [...(listeners.get(name) ?? [])]) {
    try {
      listener(payload);
    } catch {
      // One failing screen must not stop the others from hearing the event.
    }
  }
});

const bridge: SeatwiseBridge = {
  async invoke(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (typeof method !== 'string' || !isMethodName(method)) {
      return failure('unknown_method', `Unknown method "${String(method).slice(0, 100)}".`, false);
    }
    try {
      return (await ipcRenderer.invoke(ipcChannel(method), input)) as ApiResult<unknown>;
    } catch {
      // Only reached when main is gone or the channel is missing; its message may carry
      // main-process details, so it is not passed on.
      return failure('ipc_failed', 'Seatwise could not reach its main process. Restart Seatwise.', true);
    }
  },
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') return () => undefined;
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && listeners.get(event) === set) listeners.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld('seatwise', bridge);
