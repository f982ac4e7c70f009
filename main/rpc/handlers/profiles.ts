import type { SeatwiseService } from '../../../preload/contract.js';
import { pickerEntries } from '../../vendors/picker.js';
import type { Services } from './services.js';

type Keys = 'vendors:list' | 'profiles:list' | 'profiles:get' | 'profiles:create' | 'profiles:update' | 'profiles:remove' | 'profiles:publish';

export function profileHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'vendors:list': async () => pickerEntries(),
    'profiles:list': () => s.profiles.list(),
    'profiles:get': ({ profileId }) => s.profiles.detail(profileId),
    'profiles:create': (input) => s.profiles.create(input),
    'profiles:update': (input) => s.lifecycle.update(input),
    'profiles:remove': async ({ profileId }) => {
      await s.lifecycle.remove(profileId);
      return { ok: true as const };
    },
    'profiles:publish': ({ profileId }) => s.lifecycle.publish(profileId),
  };
}
