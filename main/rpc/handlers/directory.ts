import type { SeatwiseService } from '../../../preload/contract.js';
import type { Services } from './services.js';

type Keys = 'directory:list' | 'directory:import' | 'directory:removeSource' | 'directory:apps' | 'profiles:link' | 'profiles:unlink';

export function directoryHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'directory:list': (query) => s.directory.list(query),
    'directory:import': (input) => s.directory.importRoster(input),
    'directory:removeSource': async ({ sourceId }) => {
      await s.directory.removeSource(sourceId);
      return { ok: true };
    },
    'directory:apps': ({ idpProfileId }) => s.ssoLinks.apps(idpProfileId),
    'profiles:link': (input) => s.ssoLinks.link(input),
    'profiles:unlink': ({ profileId }) => s.ssoLinks.unlink(profileId),
  };
}
