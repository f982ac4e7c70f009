/**
 * The preload's bridge, with Electron's two renderer modules replaced by recorders (the
 * binary is not installed here): what reaches the page, and what reaches IPC.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { SeatwiseBridge } from '../../../preload/contract.js';

type IpcHandler = (event: unknown, ...args: unknown[]) => void;

const recorded = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  handlers: new Map<string, IpcHandler[]>(),
  invocations: [] as { channel: string; input: unknown }[],
  invokeResult: { ok: true, value: 'pong' } as unknown,
  invokeThrows: false,
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api),
  },
  ipcRenderer: {
    on: (channel: string, handler: IpcHandler) => recorded.handlers.set(channel, [...(recorded.handlers.get(channel) ?? []), handler]),
    invoke: async (channel: string, input: unknown) => {
      recorded.invocations.push({ channel, input });
      if (recorded.invokeThrows) throw new Error("Error invoking remote method: /home/admin/secret at Object.<anonymous>");
      return recorded.invokeResult;
    },
  },
}));

let bridge: SeatwiseBridge;
const emit = (...args: unknown[]): void => {
  // The IPC event object carries `sender` (ipcRenderer itself): it must never reach the page.
  for (const handler of recorded.handlers.get('seatwise:event') ?? []) handler({ sender: 'ipcRenderer!' }, ...args);
};

beforeAll(async () => {
  await import('../../../preload/index.js');
  bridge = recorded.exposed.get('seatwise') as SeatwiseBridge;
});

describe('preload bridge', () => {
  it('exposes exactly invoke and on, and nothing of ipcRenderer', () => {
    expect([...recorded.exposed.keys()]).toEqual(['seatwise']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('invokes the method channel with the raw input', async () => {
    expect(await bridge.invoke('app:info', {})).toEqual({ ok: true, value: 'pong' });
    expect(recorded.invocations.at(-1)).toEqual({ channel: 'seatwise:app:info', input: {} });
  });

  it('never sends an unknown method over IPC', async () => {
    const before = recorded.invocations.length;
    for (const name of ['nope:x', 'constructor', '__proto__', 'seatwise:event']) {
      expect(await bridge.invoke(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
    expect(recorded.invocations.length).toBe(before);
  });

  it('turns an IPC failure into a plain error without main-process details', async () => {
    recorded.invokeThrows = true;
    const result = await bridge.invoke('app:info', {});
    recorded.invokeThrows = false;
    expect(result).toMatchObject({ ok: false, error: { code: 'ipc_failed', retryable: true } });
    expect(JSON.stringify(result)).not.toContain('/home/admin');
  });

  it('uses one IPC listener, filters by event name, and passes the payload only', () => {
    const got: unknown[][] = [];
    const offA = bridge.on('profiles:changed', (...args) => got.push(['a', ...args]));
    const offB = bridge.on('profiles:changed', (...args) => got.push(['b', ...args]));
    bridge.on('sync:progress', (...args) => got.push(['progress', ...args]));
    expect(recorded.handlers.get('seatwise:event')).toHaveLength(1);

    emit('profiles:changed', { profileId: 'p' });
    expect(got).toEqual([
      ['a', { profileId: 'p' }],
      ['b', { profileId: 'p' }],
    ]);

    offA();
    offA();
    emit('profiles:changed', {});
    emit(42, {});
    expect(got.slice(2)).toEqual([['b', {}]]);
    offB();
    emit('profiles:changed', {});
    expect(got).toHaveLength(3);
  });

  it('keeps delivering when one listener throws', () => {
    const got: unknown[] = [];
    bridge.on('jobs:changed', () => {
      throw new Error('broken screen');
    });
    bridge.on('jobs:changed', (payload) => got.push(payload));
    emit('jobs:changed', { job: 1 });
    expect(got).toEqual([{ job: 1 }]);
  });
});
