import type { MethodName } from '../contract.js';

/**
 * Who may call what on a team server. Roles are not a ladder: the integrator who sets up
 * connections is not the approver who reclaims. Everyone signed in is a viewer; an admin may
 * call everything. On a single-user install (the desktop app, the local browser host, the
 * CLI) there is one person and no roles.
 */
export const ROLES = ['viewer', 'approver', 'integrator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an admin gives in Settings: viewer is everyone's already. */
export const ASSIGNABLE_ROLES = ['approver', 'integrator', 'admin'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];

export const ROLE_MEANS: Record<Role, string> = {
  viewer: 'read and export',
  approver: 'approve or reject candidates, reclaim and undo',
  integrator: 'profiles, connections, rules, entitlements, schedules and syncs',
  admin: 'roles and settings, and everything the others may do',
};

/** The role each method needs. A method missing here does not compile. */
export const METHOD_ROLES = {
  'app:info': 'viewer',
  'vendors:list': 'viewer',
  'profiles:list': 'viewer',
  'profiles:get': 'viewer',
  'playbook:get': 'viewer',
  'subscriptions:list': 'viewer',
  'candidates:list': 'viewer',
  'candidates:export': 'viewer',
  'profiles:previewImport': 'viewer',
  'rules:list': 'viewer',
  'exclusions:list': 'viewer',
  'entitlements:list': 'viewer',
  'reconciliation:get': 'viewer',
  // A dry run reads the vendor and changes nothing: anyone who may read may see what would happen.
  'reclaim:plan': 'viewer',
  'audit:list': 'viewer',
  'audit:export': 'viewer',
  'schedule:get': 'viewer',
  'settings:get': 'viewer',
  'jobs:list': 'viewer',
  'models:list': 'viewer',
  'unrecognized:list': 'viewer',
  'notices:list': 'viewer',
  'notices:export': 'viewer',
  'directory:list': 'viewer',
  'connection:redirectUri': 'viewer',

  'candidates:setStatus': 'approver',
  'reclaim:taskList': 'approver',
  'candidates:markReclaimed': 'approver',
  'reclaim:run': 'approver',
  'reclaim:undo': 'approver',

  'profiles:create': 'integrator',
  'profiles:update': 'integrator',
  'profiles:remove': 'integrator',
  'profiles:publish': 'integrator',
  'profiles:link': 'integrator',
  'profiles:unlink': 'integrator',
  'playbook:save': 'integrator',
  'connection:authorize': 'integrator',
  'connection:disconnect': 'integrator',
  'connection:addOrg': 'integrator',
  'connection:removeOrg': 'integrator',
  'connection:setSecret': 'integrator',
  'connection:validate': 'integrator',
  'rules:update': 'integrator',
  'exclusions:add': 'integrator',
  'exclusions:remove': 'integrator',
  'entitlements:set': 'integrator',
  'entitlements:remove': 'integrator',
  'unrecognized:resolve': 'integrator',
  'schedule:set': 'integrator',
  'sync:run': 'integrator',
  'sync:cancel': 'integrator',
  'directory:apps': 'integrator',
  'directory:import': 'integrator',
  'profiles:import': 'integrator',
  'directory:removeSource': 'integrator',

  'settings:update': 'admin',
  'roles:list': 'admin',
  'roles:set': 'admin',
} as const satisfies Record<MethodName, Role>;

/** Whether a person holding `held` may call `method`. */
export function mayCall(held: readonly Role[], method: MethodName): boolean {
  const needed: Role = METHOD_ROLES[method];
  return held.includes('admin') || needed === 'viewer' || held.includes(needed);
}
