/**
 * Zoom through the app, as an admin connects it: Server-to-Server OAuth (the
 * account_credentials grant with the account id, Basic client authentication) from main/auth,
 * then publish and sync against the simulator's own token endpoint.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startZoomSimulator } from '../../../connectors/zoom/simulator/index.js';
import { createApp } from '../../../main/app.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';

const NOW = new Date('2031-02-02T10:00:00.000Z');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('Zoom through main/auth', () => {
  it('gets a token with account_credentials and syncs the account; a wrong secret is a clear sign-in error', async () => {
    const sim = await startZoomSimulator({ seed: 4, users: 60, now: NOW });
    cleanups.push(() => sim.close());
    const { dir, cleanup } = tempDir('seatwise-zoom-app-');
    cleanups.push(cleanup);
    const keychain = testKeychain();
    cleanups.push(() => keychain.cleanup());
    const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW });
    cleanups.push(() => app.close());
    const created = await app.service['profiles:create']({
      name: 'Zoom',
      vendor: 'zoom',
      connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, tokenUrl: sim.tokenUrl, options: { accountId: sim.accountId } },
    });
    await app.service['connection:setSecret']({ profileId: created.id, kind: 'clientSecret', value: sim.app.clientSecret });
    await app.service['profiles:publish']({ profileId: created.id });
    const job = await app.sync.run(created.id, 'manual');
    expect(job.error).toBeUndefined();
    expect(job.state).toBe('succeeded');
    const licensed = sim.org.users.filter((u) => u.status === 'active' && u.type === 2).length;
    expect(job.counts.seats).toBe(licensed);

    // Reclaim at Zoom is a downgrade to Basic, and Undo sets Licensed again: exactly the chosen seat.
    const [candidate] = (await app.service['candidates:list']({ profileId: created.id })).filter((c) => c.status === 'open');
    expect(candidate).toBeDefined();
    await app.service['candidates:setStatus']({ ids: [candidate!.id], status: 'approved' });
    const plan = await app.service['reclaim:plan']({ profileId: created.id, candidateIds: [candidate!.id] });
    expect(plan.effect.action).toBe('downgrade');
    expect(plan.calls[0]?.call).toMatchObject({ method: 'PATCH', body: { type: 1 } });
    const before = sim.org.users.map((u) => [u.id, u.type]);
    const run = await app.service['reclaim:run']({ profileId: created.id, candidateIds: [candidate!.id] });
    expect(run.reclaimed).toBe(1);
    expect(sim.user(candidate!.userId)?.type).toBe(1);
    expect(sim.org.users.filter((u) => u.id !== candidate!.userId).map((u) => [u.id, u.type])).toEqual(before.filter(([id]) => id !== candidate!.userId));
    const event = (await app.service['audit:list']({})).find((e) => e.action === 'reclaim.seat');
    expect(event?.after).toMatchObject({ action: 'downgrade', licenseType: candidate!.licenseType, downgradedTo: 'Basic' });
    await app.service['reclaim:undo']({ auditId: run.outcomes[0]!.auditId! });
    expect(sim.user(candidate!.userId)?.type).toBe(2);

    // A second connection of the same account with a wrong secret: the token endpoint refuses it.
    const wrong = await app.service['profiles:create']({
      name: 'Zoom wrong secret',
      vendor: 'zoom',
      connection: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.app.clientId, tokenUrl: sim.tokenUrl, options: { accountId: sim.accountId } },
    });
    await app.service['connection:setSecret']({ profileId: wrong.id, kind: 'clientSecret', value: 'not-the-secret' });
    await expect(app.service['profiles:publish']({ profileId: wrong.id })).rejects.toThrow(/was not published: .*invalid_client: Invalid client_id or client_secret/);
  });
});
