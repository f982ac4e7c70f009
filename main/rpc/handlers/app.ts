import type { SeatwiseService } from '../../../preload/contract.js';
import { getPlaybook, savePlaybook } from '../../profiles/playbook.js';
import { scheduleView, setSchedule } from '../../profiles/schedule.js';
import type { Services } from './services.js';

type Keys = 'app:info' | 'audit:list' | 'audit:export' | 'playbook:get' | 'playbook:save' | 'schedule:get' | 'schedule:set' | 'settings:get' | 'settings:update' | 'roles:list' | 'roles:set';

export function appHandlers(s: Services): Pick<SeatwiseService, Keys> {
  return {
    'app:info': async () => s.info(),
    'audit:list': ({ limit }) => s.audit.list(limit),
    'audit:export': (input) => s.audit.export(input),
    'playbook:get': async ({ profileId }) => getPlaybook(s.playbook, profileId),
    'playbook:save': (input) => savePlaybook(s.playbook, input),
    'schedule:get': async ({ profileId }) => scheduleView(s.schedule, profileId),
    'schedule:set': ({ profileId, schedule }) => setSchedule(s.schedule, profileId, schedule),
    'settings:get': async () => s.settings.get(),
    'settings:update': (patch) => s.settings.update(patch),
    'roles:list': async () => s.roles.list(),
    'roles:set': ({ person, roles }) => s.roles.set(person, roles),
  };
}
