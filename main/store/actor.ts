import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../preload/contract.js';

/** Who is calling, on a team server: the signed-in person and the roles they hold now. */
export interface Caller {
  /** Who the audit names: the signed-in person's email or subject. */
  person: string;
  roles: readonly Role[];
}

/**
 * Who is making the change being recorded. On a team server every call runs inside
 * `asCaller(caller, ...)` (dispatch does it), so the audit names the signed-in person, not the
 * server's OS account; on a single-user install there is none and the OS user is named.
 */
const callers = new AsyncLocalStorage<Caller>();

export function asCaller<T>(caller: Caller | undefined, run: () => T): T {
  return caller === undefined ? run() : callers.run(caller, run);
}

export function currentCaller(): Caller | undefined {
  return callers.getStore();
}

export function currentActor(): string | undefined {
  return callers.getStore()?.person;
}

/** The caller as app:info shows it: null on a single-user install. */
export function signedInCaller(): { person: string; roles: Role[] } | null {
  const caller = callers.getStore();
  return caller ? { person: caller.person, roles: [...caller.roles] } : null;
}
