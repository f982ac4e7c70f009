// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { InlineSyncProgress, SyncAnnouncer, SyncButton } from '../../../renderer/src/features/sync/SyncControls.js';
import { connectSyncEvents, describeRun, isActive, useSyncStore } from '../../../renderer/src/features/sync/store.js';
import { FakeApiError } from './helpers/fake-bridge.js';
import { job } from './helpers/fixtures.js';
import { freshApp, teardown } from './helpers/setup.js';

afterEach(teardown);

describe('sync store', () => {
  it('starts a run, follows sync:progress and ends with jobs:changed', async () => {
    const bridge = freshApp({ 'sync:run': () => job() });
    const off = connectSyncEvents();
    await useSyncStore.getState().run('p1', 'Asana – Marketing');
    expect(bridge.callsTo('sync:run')).toEqual([{ profileId: 'p1' }]);
    expect(useSyncStore.getState().runs.p1).toMatchObject({ state: 'running', jobId: 'j-live' });

    bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j-live', phase: 'download', pages: 3, users: 300, fraction: 0.25 });
    let run = useSyncStore.getState().runs.p1!;
    expect(run).toMatchObject({ phase: 'download', pages: 3, users: 300, fraction: 0.25 });
    expect(describeRun(run)).toBe('Downloading seats · 3 pages · 300 users');
    expect(useSyncStore.getState().announcement).toBe('Asana – Marketing: Downloading seats.');

    bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j-live', phase: 'activity', pages: 4, users: 400, fraction: null });
    run = useSyncStore.getState().runs.p1!;
    expect(run).toMatchObject({ phase: 'activity', fraction: null });

    bridge.emit('jobs:changed', {
      job: job({ state: 'succeeded', finishedAt: new Date().toISOString(), counts: { seats: 400, freeSeats: 0, subscriptions: 400, candidates: 12, requests: 5, pages: 4 } }),
    });
    run = useSyncStore.getState().runs.p1!;
    expect(run.state).toBe('succeeded');
    expect(isActive(run)).toBe(false);
    expect(useSyncStore.getState().announcement).toBe('Sync of Asana – Marketing finished: 400 seats, 12 candidates.');

    // A late progress event of the finished job does not bring the run back.
    bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j-live', phase: 'candidates', pages: 4, users: 400, fraction: 1 });
    expect(useSyncStore.getState().runs.p1?.state).toBe('succeeded');
    off();
  });

  it('keeps a run ended when a list fetched while it ran arrives late (a sync of 50 ms)', () => {
    const bridge = freshApp();
    const off = connectSyncEvents();
    bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j-fast', phase: 'activity', pages: 1, users: 90, fraction: null });
    bridge.emit('jobs:changed', { job: job({ id: 'j-fast', state: 'succeeded', finishedAt: new Date().toISOString() }) });
    // profiles:get answered before the run ended, processed after: it still says "running".
    useSyncStore.getState().markRunning('p1', 'j-fast', 'Salesforce – Global');
    bridge.emit('jobs:changed', { job: job({ id: 'j-fast', state: 'running' }) });
    expect(useSyncStore.getState().runs.p1?.state).toBe('succeeded');
    // A new run of the same profile is still picked up.
    useSyncStore.getState().markRunning('p1', 'j-next');
    expect(useSyncStore.getState().runs.p1).toMatchObject({ jobId: 'j-next', state: 'running' });
    off();
  });

  it('does not start a second run while one is running', async () => {
    let answer: (value: ReturnType<typeof job>) => void = () => undefined;
    const bridge = freshApp({ 'sync:run': () => new Promise((resolve) => (answer = resolve)) });
    const first = useSyncStore.getState().run('p1');
    const second = useSyncStore.getState().run('p1');
    answer(job());
    await Promise.all([first, second]);
    await useSyncStore.getState().run('p1');
    expect(bridge.callsTo('sync:run')).toHaveLength(1);
  });

  it('records why a run could not start', async () => {
    freshApp({
      'sync:run': () => {
        throw new FakeApiError('conflict', 'Publish the integration before syncing it.');
      },
    });
    await useSyncStore.getState().run('p1', 'Miro');
    expect(useSyncStore.getState().runs.p1).toMatchObject({ state: 'failed', error: 'Publish the integration before syncing it.' });
    expect(useSyncStore.getState().announcement).toContain('could not start');
  });

  it('picks up a run it did not start (a scheduled sync) from its events', () => {
    const bridge = freshApp();
    const off = connectSyncEvents();
    bridge.emit('sync:progress', { profileId: 'p9', jobId: 'j9', phase: 'download', pages: 1, users: 50, fraction: null });
    expect(isActive(useSyncStore.getState().runs.p9)).toBe(true);
    off();
  });
});

describe('Sync now button and progress', () => {
  it('is disabled while running, shows live progress, and announces it', async () => {
    const bridge = freshApp({ 'sync:run': () => job() });
    const off = connectSyncEvents();
    render(
      <>
        <SyncButton profileId="p1" profileName="Asana – Marketing" />
        <InlineSyncProgress profileId="p1" profileName="Asana – Marketing" />
        <SyncAnnouncer />
      </>,
    );
    const button = screen.getByRole('button', { name: 'Sync now: Asana – Marketing' });
    await userEvent.click(button);
    const busy = screen.getByRole('button', { name: 'Syncing…: Asana – Marketing' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);

    act(() => bridge.emit('sync:progress', { profileId: 'p1', jobId: 'j-live', phase: 'download', pages: 2, users: 1234, fraction: 0.4 }));
    const bar = screen.getByRole('progressbar', { name: 'Sync progress for Asana – Marketing' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('Downloading · 1,234 users')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Asana – Marketing: Downloading seats.');

    act(() => bridge.emit('jobs:changed', { job: job({ state: 'succeeded', counts: { seats: 10, freeSeats: 0, subscriptions: 10, candidates: 1, requests: 1, pages: 1 } }) }));
    expect((screen.getByRole('button', { name: 'Sync now: Asana – Marketing' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByText('Sync finished')).toBeTruthy();
    expect(bridge.callsTo('sync:run')).toHaveLength(1);
    off();
  });
});
