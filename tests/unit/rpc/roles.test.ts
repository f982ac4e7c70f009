import { describe, expect, it } from 'vitest';
import { METHOD_ROLES, mayCall, methods, type SeatwiseService } from '../../../preload/contract.js';
import { dispatch } from '../../../main/rpc/dispatch.js';

/** A service whose every method records that it ran: a refused call must not reach it. */
function recordingService(): { service: SeatwiseService; ran: string[] } {
  const ran: string[] = [];
  const service = new Proxy({} as SeatwiseService, {
    get: (_target, name: string) => async () => {
      ran.push(name);
      return { ok: true };
    },
  });
  return { service, ran };
}

describe('roles on a team server', () => {
  it('declares a role for every contract method', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual(Object.keys(methods).sort());
  });

  it('keeps the roles apart: an integrator does not reclaim, an approver does not change profiles', () => {
    expect(mayCall(['viewer'], 'candidates:list')).toBe(true);
    expect(mayCall(['viewer'], 'reclaim:run')).toBe(false);
    expect(mayCall(['approver'], 'reclaim:run')).toBe(true);
    expect(mayCall(['approver'], 'profiles:remove')).toBe(false);
    expect(mayCall(['integrator'], 'profiles:remove')).toBe(true);
    expect(mayCall(['integrator'], 'reclaim:run')).toBe(false);
    expect(mayCall(['integrator', 'approver'], 'settings:update')).toBe(false);
    expect(mayCall(['admin'], 'settings:update')).toBe(true);
    expect(mayCall(['admin'], 'reclaim:run')).toBe(true);
  });

  it('refuses before the method runs, naming the role needed', async () => {
    const { service, ran } = recordingService();
    const refused = await dispatch(service, 'reclaim:run', { profileId: 'p1' }, { caller: { person: 'vera@example.com', roles: ['viewer'] } });
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'reclaim:run needs the approver role; vera@example.com has viewer.', retryable: false } });
    const alsoRefused = await dispatch(service, 'profiles:remove', { profileId: 'p1' }, { caller: { person: 'abe@example.com', roles: ['approver'] } });
    expect(alsoRefused.ok).toBe(false);
    expect(ran).toEqual([]);
    // A single-user install has no caller: everything runs as before.
    await dispatch(service, 'profiles:remove', { profileId: 'p1' });
    expect(ran).toEqual(['profiles:remove']);
  });
});
