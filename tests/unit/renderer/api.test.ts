// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { api, ApiCallError } from '../../../renderer/src/api.js';
import { createFakeBridge, FakeApiError, installBridge } from './helpers/fake-bridge.js';
import { profileSummary } from './helpers/fixtures.js';

afterEach(() => installBridge(undefined));

describe('renderer api client', () => {
  it('unwraps an ok result into the method output', async () => {
    const bridge = createFakeBridge({ 'profiles:list': () => [profileSummary()] });
    installBridge(bridge);
    const profiles = await api.call('profiles:list', {});
    expect(profiles.map((profile) => profile.name)).toEqual(['Asana – Marketing']);
    expect(bridge.calls).toEqual([{ method: 'profiles:list', input: {} }]);
  });

  it('throws an ApiCallError with code, message and retryable from an error result', async () => {
    installBridge(
      createFakeBridge({
        'profiles:publish': () => {
          throw new FakeApiError('connector_unauthorized', 'Asana answered 401 Not Authorized', false);
        },
      }),
    );
    const error = await api.call('profiles:publish', { profileId: 'p1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'connector_unauthorized', message: 'Asana answered 401 Not Authorized', retryable: false, method: 'profiles:publish' });
  });

  it('turns a transport that rejects into a retryable ApiCallError', async () => {
    installBridge({ invoke: () => Promise.reject(new Error('socket hang up')), on: () => () => undefined });
    const error = await api.call('app:info', {}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'transport', retryable: true });
    expect((error as Error).message).toContain('socket hang up');
  });

  it('rejects a malformed answer instead of passing it on', async () => {
    installBridge({ invoke: () => Promise.resolve({ nope: true } as never), on: () => () => undefined });
    await expect(api.call('app:info', {})).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('explains a missing bridge in plain words', async () => {
    installBridge(undefined);
    expect(api.available()).toBe(false);
    const error = await api.call('profiles:list', {}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'bridge_missing', retryable: false });
    expect((error as Error).message).toMatch(/seatwise serve/);
    // Events without a bridge are a no-op, not a crash.
    expect(typeof api.on('sync:progress', () => undefined)).toBe('function');
  });

  it('delivers typed events and unsubscribes', () => {
    const bridge = createFakeBridge();
    installBridge(bridge);
    const seen: number[] = [];
    const off = api.on('sync:progress', (event) => seen.push(event.users));
    bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j1', phase: 'download', pages: 1, users: 100, fraction: null });
    off();
    bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j1', phase: 'download', pages: 2, users: 200, fraction: null });
    expect(seen).toEqual([100]);
  });
});
