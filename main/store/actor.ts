import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who is making the change being recorded. On a team server every call runs inside
 * `asActor(person, ...)` (dispatch does it), so the audit names the signed-in person, not the
 * server's OS account; on a single-user install there is none and the OS user is named.
 */
const actor = new AsyncLocalStorage<string>();

export function asActor<T>(person: string | undefined, run: () => T): T {
  return person === undefined ? run() : actor.run(person, run);
}

export function currentActor(): string | undefined {
  return actor.getStore();
}
