import type { SeatwiseService } from '../../../preload/contract.js';
import { exportNotices, listNotices } from '../../reclamation/notice-export.js';
import type { Services } from './services.js';

type Keys =
  | 'candidates:list'
  | 'candidates:setStatus'
  | 'candidates:export'
  | 'notices:list'
  | 'notices:export'
  | 'rules:list'
  | 'rules:update'
  | 'exclusions:list'
  | 'exclusions:add'
  | 'exclusions:remove'
  | 'entitlements:list'
  | 'entitlements:set'
  | 'entitlements:remove'
  | 'reconciliation:get'
  | 'reclaim:plan'
  | 'reclaim:run'
  | 'reclaim:undo';

export function reclamationHandlers(s: Services): Pick<SeatwiseService, Keys> {
  const r = s.reclamation;
  return {
    'candidates:list': ({ profileId, status }) => r.candidates(profileId, status),
    'candidates:setStatus': ({ ids, status, reason }) => r.setStatus(ids, status, reason),
    'candidates:export': (input) => r.export(input),
    'notices:list': (input) => listNotices(r, input),
    'notices:export': (input) => exportNotices(r, input),
    'rules:list': async ({ profileId }) => r.rules(profileId),
    'rules:update': ({ ruleId, patch }) => r.updateRule(ruleId, patch),
    'exclusions:list': async ({ profileId }) => r.exclusions(profileId),
    'exclusions:add': (input) => r.addExclusion(input),
    'exclusions:remove': async ({ id }) => {
      await r.removeExclusion(id);
      return { ok: true as const };
    },
    'entitlements:list': async ({ profileId }) => r.entitlements(profileId),
    'entitlements:set': (input) => r.setEntitlement(input),
    'entitlements:remove': async ({ profileId, licenseType }) => {
      await r.removeEntitlement(profileId, licenseType);
      return { ok: true as const };
    },
    'reconciliation:get': ({ profileId }) => r.reconciliation(profileId),
    'reclaim:plan': (input) => r.reclaim.plan(input),
    'reclaim:run': ({ confirmCount, ...selection }) => r.reclaim.run(selection, { confirmCount }),
    'reclaim:undo': ({ auditId }) => r.reclaim.undo(auditId),
  };
}
