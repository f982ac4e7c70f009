import type { SeatwiseService } from '../../../preload/contract.js';
import type { Services } from './services.js';

type Keys = 'sync:run' | 'sync:cancel' | 'jobs:list' | 'subscriptions:list';

export function syncHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'sync:run': async ({ profileId, noReclaim }) => s.sync.start(s.profiles.require(profileId).id, s.manualTrigger, { reclaim: noReclaim !== true }).job,
    'sync:cancel': async ({ profileId }) => {
      s.sync.cancel(s.profiles.require(profileId).id);
      return { ok: true as const };
    },
    'jobs:list': ({ profileId, limit }) => s.sync.jobs(profileId === undefined ? undefined : s.profiles.require(profileId).id, limit),
    'subscriptions:list': (query) => s.subscriptions.list(query),
  };
}
