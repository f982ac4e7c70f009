/**
 * The host in front of the real services (createApp on a temporary data folder), driven
 * through the same browser bridge the renderer gets (preload/http-bridge.ts), here with
 * Node's fetch and a Bearer header instead of the browser's cookie.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatwiseBridge } from '../../../preload/contract.js';
import { createHttpBridge } from '../../../preload/http-bridge.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { startHost, type HostHandle } from '../../../main/host/index.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { nodeEventSource, type NodeEventSource } from './http-client.js';

/** The keychain is not what these tests are about; its own tests use a real Secret Service. */
function memoryVault(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()],
  };
}

let dir: string;
let app: SeatwiseApp;
let host: HostHandle;
let bridge: SeatwiseBridge;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-host-app-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'http', vault: memoryVault() });
  host = await startHost({ app, rendererDir, checkOutput: true });
  bridge = createHttpBridge({ baseUrl: host.origin, headers: { Authorization: `Bearer ${host.token}` } });
});

afterAll(async () => {
  await host?.close();
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the host in front of createApp', () => {
  it('answers app:info for the http transport and this data folder', async () => {
    const result = await bridge.invoke('app:info', {});
    expect(result).toMatchObject({ ok: true, value: { transport: 'http', dataDir: app.dataDir } });
  });

  it('lists profiles and vendors through the contract', async () => {
    expect(await bridge.invoke('profiles:list', {})).toEqual({ ok: true, value: [] });
    const vendors = await bridge.invoke('vendors:list', {});
    expect(vendors.ok).toBe(true);
  });

  it('reports a missing profile as not_found and bad input as invalid_input', async () => {
    const missing = await bridge.invoke('profiles:get', { profileId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const invalid = await bridge.invoke('profiles:create', { name: '' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('the browser bridge', () => {
  it('refuses a malformed method name without a request', async () => {
    expect(await bridge.invoke('../../etc', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('passes the host refusals through in the same envelope', async () => {
    expect(await bridge.invoke('nope:nothing', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    const stranger = createHttpBridge({ baseUrl: host.origin });
    expect(await stranger.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('turns an unreachable host into a retryable network error', async () => {
    const gone = createHttpBridge({ baseUrl: 'http://127.0.0.1:9', headers: {} });
    expect(await gone.invoke('app:info', {})).toMatchObject({ ok: false, error: { code: 'network', retryable: true } });
  });

  it('delivers events to each listener over one stream, and closes it with the last', async () => {
    const created: NodeEventSource[] = [];
    const auth = { Authorization: `Bearer ${host.token}` };
    const live = createHttpBridge({ baseUrl: host.origin, headers: auth, EventSource: nodeEventSource(auth, created) });
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = live.on('profiles:changed', (payload) => first.push(payload));
    const offSecond = live.on('profiles:changed', (payload) => second.push(payload));
    const offOther = live.on('sync:progress', () => undefined);
    expect(created).toHaveLength(1);
    await expect.poll(() => created[0]?.readyState).toBe(1);

    app.events.emit('profiles:changed', { profileId: 'p-1' });
    await expect.poll(() => second.length).toBe(1);
    expect(first).toEqual([{ profileId: 'p-1' }]);

    offFirst();
    app.events.emit('profiles:changed', {});
    await expect.poll(() => second.length).toBe(2);
    expect(first).toHaveLength(1);

    offSecond();
    expect(created[0]?.readyState).toBe(1);
    offOther();
    expect(created[0]?.readyState).toBe(2);
  });

  it('reopens a stream the host refused, with backoff', async () => {
    const created: NodeEventSource[] = [];
    const wrong = { Authorization: 'Bearer wrong' };
    const refused = createHttpBridge({ baseUrl: host.origin, headers: wrong, EventSource: nodeEventSource(wrong, created), reconnectDelayMs: { min: 10, max: 40 } });
    const off = refused.on('profiles:changed', () => undefined);
    await expect.poll(() => created.length, { timeout: 3000 }).toBeGreaterThanOrEqual(3);
    off();
    const count = created.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Unsubscribing stopped the retries.
    expect(created.length).toBe(count);
  });

  it('hands out an unsubscribe even where there is no EventSource', () => {
    const off = bridge.on('profiles:changed', () => undefined);
    expect(typeof off).toBe('function');
    off();
    off();
  });
});
