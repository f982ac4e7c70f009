import type { SeatwiseService } from '../../../preload/contract.js';
import type { Services } from './services.js';

type Keys = 'models:list' | 'unrecognized:list' | 'unrecognized:resolve';

export function catalogHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'models:list': async ({ profileId }) => s.catalog.models(profileId),
    'unrecognized:list': async ({ profileId }) => s.catalog.unrecognized(profileId),
    'unrecognized:resolve': (input) => s.catalog.resolve(input),
  };
}
