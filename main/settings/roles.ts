/**
 * Roles given to people in Settings on a team server. A person's roles are the union of what
 * their ID token's role claim says and what an admin gave them here, read at every call, so a
 * change applies to their next request without signing in again (on every server sharing the
 * database once it has read the configuration, within seconds).
 */
import { ASSIGNABLE_ROLES, type AssignableRole, type Role, type RoleAssignmentView } from '../../preload/contract.js';
import { invalid } from '../errors.js';
import { currentCaller } from '../store/actor.js';
import { osUser } from '../store/audit-log.js';
import type { DataStore } from '../store/data-store.js';
import type { RoleAssignment, RootData } from '../store/schema.js';

/** The roles given in Settings to `person` (an email or subject, any case). */
export function rolesGivenTo(root: Readonly<RootData>, person: string): AssignableRole[] {
  const key = person.toLowerCase();
  return root.roles.find((a) => a.person === key)?.roles ?? [];
}

/** The roles a signed-in person holds now: their token's and those given in Settings, in contract order. */
export function effectiveRoles(root: Readonly<RootData>, person: string, fromToken: readonly Role[]): Role[] {
  const held = new Set<Role>([...fromToken, ...rolesGivenTo(root, person)]);
  return (['viewer', ...ASSIGNABLE_ROLES] as const).filter((role) => held.has(role));
}

export class RoleService {
  constructor(
    private readonly store: DataStore,
    private readonly now: () => Date,
  ) {}

  list(): RoleAssignmentView[] {
    return this.store.root.roles.map((a) => ({ ...a, roles: [...a.roles] }));
  }

  /** Sets `person`'s given roles; an empty list removes them. Audited with both lists. */
  async set(person: string, roles: readonly AssignableRole[]): Promise<RoleAssignmentView[]> {
    const caller = currentCaller();
    const wanted = ASSIGNABLE_ROLES.filter((role) => roles.includes(role));
    const before = rolesGivenTo(this.store.root, person);
    // An admin taking admin from themselves could leave the server with nobody to give it back.
    if (caller && caller.person.toLowerCase() === person && before.includes('admin') && !wanted.includes('admin')) {
      throw invalid('You cannot take the admin role from yourself: another admin can.');
    }
    if (sameRoles(before, wanted)) return this.list();
    await this.store.update((root) => {
      const others = root.roles.filter((a) => a.person !== person);
      const assignment: RoleAssignment = { person, roles: wanted, assignedBy: caller?.person ?? osUser(), assignedAt: this.now().toISOString() };
      root.roles = wanted.length ? [...others, assignment].sort((a, b) => a.person.localeCompare(b.person)) : others;
    });
    await this.store.audit.append({
      action: 'roles.changed',
      target: person,
      message: wanted.length ? `Given in Settings: ${wanted.join(', ')}` : 'No roles given in Settings any more',
      before: { roles: before },
      after: { roles: wanted },
    });
    return this.list();
  }
}

function sameRoles(a: readonly AssignableRole[], b: readonly AssignableRole[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}
