import type { SeatwiseService } from '../../../preload/contract.js';
import type { Services } from './services.js';

type Keys =
  | 'connection:setSecret'
  | 'connection:validate'
  | 'connection:authorize'
  | 'connection:disconnect'
  | 'connection:redirectUri'
  | 'connection:addOrg'
  | 'connection:removeOrg';

export function connectionHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'connection:setSecret': async (input) => {
      await s.profiles.setSecret(input);
      return { ok: true as const };
    },
    'connection:validate': ({ profileId }) => s.profiles.validate(profileId),
    'connection:authorize': (input) => s.connections.authorize(input),
    'connection:disconnect': (input) => s.connections.disconnect(input),
    'connection:redirectUri': async ({ profileId }) => s.connections.redirectUri(profileId),
    'connection:addOrg': (input) => s.connections.addOrg(input),
    'connection:removeOrg': (input) => s.connections.removeOrg(input),
  };
}
