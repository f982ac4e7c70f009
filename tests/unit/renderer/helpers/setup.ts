/** Shared per-test setup for renderer component tests: a fresh bridge, fresh stores, route "/". */
import { cleanup } from '@testing-library/react';
import { useHomeStore } from '../../../../renderer/src/features/home/store.js';
import { useJobsStore } from '../../../../renderer/src/features/jobs/store.js';
import { useScheduleStore } from '../../../../renderer/src/features/schedule/store.js';
import { useNewIntegrationStore } from '../../../../renderer/src/features/new-integration/store.js';
import { useProfileStore } from '../../../../renderer/src/features/profile/store.js';
import { useSubscriptionsStore } from '../../../../renderer/src/features/profile/subscriptions-store.js';
import { useSyncStore } from '../../../../renderer/src/features/sync/store.js';
import { createFakeBridge, installBridge, type FakeBridge, type Handlers } from './fake-bridge.js';

export function freshApp(handlers: Handlers = {}): FakeBridge {
  const bridge = createFakeBridge(handlers);
  installBridge(bridge);
  useHomeStore.getState().reset();
  useSyncStore.getState().reset();
  useProfileStore.getState().reset();
  useSubscriptionsStore.getState().reset();
  useJobsStore.getState().reset();
  useScheduleStore.getState().reset();
  useNewIntegrationStore.getState().reset();
  window.location.hash = '#/';
  return bridge;
}

export function teardown(): void {
  cleanup();
  installBridge(undefined);
}
