/**
 * Salesforce reclaim when the org pushes back: an integration user with only "Manage Internal
 * Users" passes the reclaim probe; a deactivation Salesforce refuses (the user is the Default
 * Workflow User, the Web-to-Lead default creator, ...) fails with Salesforce's own reason and
 * the fix, and offers Freeze, which works and undoes; and every call goes to the instance the
 * token response named. The real connector over the real HTTP client against the simulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, createHttpClient, type AuthProvider } from '../../../connectors/http/index.js';
import { createSalesforceConnector } from '../../../connectors/salesforce/connector.js';
import { salesforceDescriptor } from '../../../connectors/salesforce/descriptor.js';
import { salesforceHttpOptions } from '../../../connectors/salesforce/http-options.js';
import { DeactivationRefusedError } from '../../../connectors/salesforce/reclaim.js';
import {
  SALESFORCE_DEACTIVATION_BLOCKERS,
  startSalesforceSimulator,
  type SalesforceDeactivationBlocker,
  type SalesforceSimulatorHandle,
} from '../../../connectors/salesforce/simulator/index.js';
import type { Connector, ReclaimAction, SeatRecord } from '../../../connectors/types.js';
import { createAuthProvider } from '../../../main/auth/provider.js';
import { saveCredential } from '../../../main/auth/tokens.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';
import { testKeychain } from '../auth/keychain.js';

const DATA = '/services/data/v62.0';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function simulator(users = 60): Promise<SalesforceSimulatorHandle> {
  const sim = await startSalesforceSimulator({ seed: 77, users });
  cleanups.push(() => sim.close());
  return sim;
}

function connect(sim: SalesforceSimulatorHandle, auth: AuthProvider, baseUrl = sim.url): Connector {
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl,
    vendorName: salesforceDescriptor.displayName,
    auth,
    signal,
    sleep: async () => undefined,
    policy: { maxAttempts: 3, timeoutMs: 10_000 },
    ...salesforceHttpOptions,
  });
  return createSalesforceConnector({ http, settings: { baseUrl, grantType: 'client_credentials', options: {} }, signal, progress: () => undefined, now: () => new Date() });
}

async function seats(connector: Connector): Promise<SeatRecord[]> {
  const out: SeatRecord[] = [];
  for await (const page of connector.subscriptions()) out.push(...page);
  return out;
}

async function caught(run: () => unknown): Promise<ConnectorError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof ConnectorError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

/** Paid, active users other than the connected admin, who had signed in: what reclaim targets. */
async function targets(sim: SalesforceSimulatorHandle, connector: Connector): Promise<SeatRecord[]> {
  return (await seats(connector)).filter((s) => s.paid && s.userId !== sim.org.meId && s.lastActivityAt);
}

describe('the reclaim probe and the integration user’s permissions', () => {
  it('passes with only Manage Internal Users, and says Freeze needs Freeze Users', async () => {
    const sim = await simulator();
    const user = sim.addIntegrationUser({ permissionSets: [{ name: 'Seatwise Reclaim', manageInternalUsers: true }] });
    const connector = connect(sim, bearerAuth(sim.runAs(user.id)));

    const probe = await connector.probe('reclaim');
    expect(probe).toMatchObject({ process: 'reclaim', ok: true });
    expect(probe.message).toContain(`${user.username} has Manage Internal Users, so Seatwise can deactivate and reactivate users.`);
    expect(probe.message).toContain('"Freeze Users"');

    // The probe's word holds: deactivating and reactivating work, freezing is refused, clearly.
    const [target] = await targets(sim, connector);
    if (!target) throw new Error('seed has no user to reclaim');
    await connector.reclaim(target);
    expect(sim.user(target.userId)?.isActive).toBe(false);
    await connector.undo?.(target);
    expect(sim.user(target.userId)?.isActive).toBe(true);
    const refused = await caught(() => connector.reclaim(target, 'freeze'));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('"Freeze Users" permission');
    expect(sim.user(target.userId)?.isFrozen).toBe(false);
  });

  it('with Freeze Users too, says Freeze is available; with neither permission it fails', async () => {
    const sim = await simulator();
    const both = sim.addIntegrationUser({ permissionSets: [{ name: 'Seatwise Reclaim', manageInternalUsers: true, freezeUsers: true }] });
    const probe = await connect(sim, bearerAuth(sim.runAs(both.id))).probe('reclaim');
    expect(probe.ok).toBe(true);
    expect(probe.message).toContain('It also has Freeze Users');

    const none = sim.addIntegrationUser({ username: 'readonly@acme.example', permissionSets: [{ name: 'Read Only API' }] });
    const refused = await connect(sim, bearerAuth(sim.runAs(none.id))).probe('reclaim');
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('readonly@acme.example lacks the "Manage Internal Users" permission');
  });

  it('an admin with Manage Users passes and may freeze', async () => {
    const sim = await simulator();
    const probe = await connect(sim, bearerAuth(sim.token)).probe('reclaim');
    expect(probe.ok).toBe(true);
    expect(probe.message).toContain('Manage Users (which includes Manage Internal Users and Freeze Users)');
  });
});

describe('a deactivation Salesforce refuses', () => {
  const blockers = Object.keys(SALESFORCE_DEACTIVATION_BLOCKERS) as SalesforceDeactivationBlocker[];
  const fixes: Record<SalesforceDeactivationBlocker, string> = {
    default_workflow_user: 'Setup › Process Automation Settings',
    default_case_owner: 'Setup › Support Settings',
    web_to_lead_creator: 'Setup › Web-to-Lead',
    hierarchy_field: 'hierarchy field on the other users',
  };

  it('fails with Salesforce’s own reason, the fix in Setup and Freeze offered, and changes nothing', async () => {
    const sim = await simulator(120);
    const connector = connect(sim, bearerAuth(sim.token));
    const users = await targets(sim, connector);
    for (const [i, blocker] of blockers.entries()) {
      const seat = users[i] as SeatRecord;
      sim.knobs.deactivationBlockedBy[seat.userId] = blocker;
      const before = structuredClone(sim.org.users);

      const err = await caught(() => connector.reclaim(seat));
      expect(err).toBeInstanceOf(DeactivationRefusedError);
      expect(err.code).toBe('bad_request');
      expect((err as DeactivationRefusedError).alternative).toBe('freeze');
      expect((err as DeactivationRefusedError).vendorErrorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
      const vendorText = SALESFORCE_DEACTIVATION_BLOCKERS[blocker];
      expect(err.options.vendorMessage).toBe(`${vendorText} (FIELD_INTEGRITY_EXCEPTION)`);
      expect(err.message).toContain(`Salesforce refused to deactivate ${seat.email}`);
      expect(err.message).toContain(vendorText);
      expect(err.message).toContain(fixes[blocker]);
      expect(err.message).toContain('Freeze stops them signing in; their license stays in use');
      expect(sim.org.users).toEqual(before);
    }
    // Refused once each, not retried.
    expect(sim.stats.requestsTo('PATCH', `${DATA}/sobjects/User/`).map((e) => e.status)).toEqual(blockers.map(() => 400));
  });

  it('Freeze works on that user: they stay active with their license, and Undo unfreezes', async () => {
    const sim = await simulator();
    const connector = connect(sim, bearerAuth(sim.token));
    const [seat] = await targets(sim, connector);
    if (!seat) throw new Error('seed has no user to reclaim');
    sim.knobs.deactivationBlockedBy[seat.userId] = 'default_workflow_user';
    const before = structuredClone(sim.org.users);
    const usedBefore = (await connector.ownedSeats?.())?.find((l) => l.licenseType === seat.licenseType)?.used;
    await caught(() => connector.reclaim(seat, 'remove'));

    const login = sim.user(seat.userId)?.userLoginId;
    expect(connector.planReclaim(seat, 'freeze')).toEqual({
      method: 'PATCH',
      url: `${sim.url}${DATA}/sobjects/UserLogin/{UserLogin of ${seat.userId}}`,
      body: { IsFrozen: true },
    });
    await connector.reclaim(seat, 'freeze');
    expect(sim.user(seat.userId)).toMatchObject({ isFrozen: true, isActive: true });
    // Exactly that user changed, and only IsFrozen.
    const changed = sim.org.users.filter((u, i) => JSON.stringify(u) !== JSON.stringify(before[i]));
    expect(changed.map((u) => u.id)).toEqual([seat.userId]);
    expect(sim.stats.requestsTo('GET', `${DATA}/query`).some((e) => e.status === 200)).toBe(true);
    expect(sim.stats.requestsTo('PATCH', `${DATA}/sobjects/UserLogin/${login}`).map((e) => e.status)).toEqual([204]);
    // A frozen user keeps the license: the seat is still paid, the license still used.
    expect((await seats(connector)).find((s) => s.userId === seat.userId)).toMatchObject({ active: true, paid: true });
    expect((await connector.ownedSeats?.())?.find((l) => l.licenseType === seat.licenseType)?.used).toBe(usedBefore);

    expect(connector.planUndo?.(seat, 'freeze')).toEqual({ ...connector.planReclaim(seat, 'freeze'), body: { IsFrozen: false } });
    await connector.undo?.(seat, 'freeze');
    expect(sim.org.users).toEqual(before);
    // Freezing twice, or unfreezing an unfrozen user, is harmless.
    await connector.undo?.(seat, 'freeze');
    expect(sim.org.users).toEqual(before);
  });

  it('says so plainly when the org has no sign-in record for the user', async () => {
    const sim = await simulator();
    const connector = connect(sim, bearerAuth(sim.token));
    const [seat] = await targets(sim, connector);
    const user = sim.user(seat?.userId ?? '');
    if (!seat || !user) throw new Error('seed has no user to reclaim');
    user.userLoginId = null;
    const err = await caught(() => connector.reclaim(seat, 'freeze'));
    expect(err.code).toBe('not_found');
    expect(err.message).toContain(`Salesforce has no sign-in record (UserLogin) for ${seat.email}`);
    expect(sim.stats.requestsTo('PATCH', `${DATA}/sobjects/`)).toEqual([]);
  });

  it('other 400s are plain rejections without Freeze, and self-deactivation is not offered Freeze', async () => {
    const sim = await simulator();
    const connector = connect(sim, bearerAuth(sim.token));
    const me = (await seats(connector)).find((s) => s.userId === sim.org.meId) as SeatRecord;
    const err = await caught(() => connector.reclaim(me));
    expect(err).not.toBeInstanceOf(DeactivationRefusedError);
    expect(err.code).toBe('bad_request');
    expect(err.message).toContain('You cannot deactivate yourself. (FIELD_INTEGRITY_EXCEPTION)');
  });
});

describe('reclaim actions', () => {
  it('deactivate is the default; an action Salesforce has no equivalent of is a config error, before any call', async () => {
    const sim = await simulator();
    const connector = connect(sim, bearerAuth(sim.token));
    const [seat] = await targets(sim, connector);
    if (!seat) throw new Error('seed has no user to reclaim');
    const requests = sim.stats.requests;
    expect(connector.planReclaim(seat)).toEqual(connector.planReclaim(seat, 'remove'));
    expect(connector.planReclaim(seat, 'remove')).toEqual({ method: 'PATCH', url: `${sim.url}${DATA}/sobjects/User/${seat.userId}`, body: { IsActive: false } });
    expect(connector.planUndo?.(seat)).toEqual({ method: 'PATCH', url: `${sim.url}${DATA}/sobjects/User/${seat.userId}`, body: { IsActive: true } });

    for (const action of ['archive'] as unknown as ReclaimAction[]) {
      for (const run of [() => connector.planReclaim(seat, action), () => connector.reclaim(seat, action), () => connector.planUndo?.(seat, action), () => connector.undo?.(seat, action)]) {
        const err = await caught(run);
        expect(err.code).toBe('config');
        expect(err.message).toContain(`Seatwise cannot "${action}" a Salesforce user`);
      }
    }
    expect(sim.stats.requests).toBe(requests);
    expect(sim.user(seat.userId)).toMatchObject({ isActive: true, isFrozen: false });
  });

  it('the descriptor describes its actions, Freeze saving nothing until the user is deactivated', () => {
    const effects = salesforceDescriptor.reclaimEffects;
    expect(effects.map((e) => e.action)).toEqual(['remove', 'freeze', 'downgrade']);
    const freeze = effects[1];
    expect(freeze).toMatchObject({ label: 'Freeze the user', undoLabel: 'Unfreeze', undoRestores: 'everything', saving: 'when_owned_drops' });
    expect(freeze?.vendorChange).toMatch(/cannot sign in|can no longer sign in/);
    expect(freeze?.vendorChange).toContain('keep their user license');
    expect(freeze?.adminTodo).toContain('deactivate the user');
    expect(salesforceDescriptor.permissions.find((p) => p.process === 'reclaim')?.permission).toContain('Manage Internal Users');
  });
});

describe('the instance the sign-in named', () => {
  it('every call, paging and reclaim included, goes to the token’s instance_url', async () => {
    const sim = await simulator(450);
    // The same server under another name: the token endpoint (127.0.0.1) names localhost as the instance.
    const instance = sim.origin.replace('127.0.0.1', 'localhost');
    sim.state.instanceOrigin = instance;
    const keychain = testKeychain();
    cleanups.push(() => keychain.cleanup());
    await saveCredential(keychain.vault, 'sf', 'clientSecret', sim.oauth.clientSecret);
    const auth = createAuthProvider({
      aliasId: 'sf',
      vault: keychain.vault,
      settings: { baseUrl: sim.url, grantType: 'client_credentials', clientId: sim.oauth.clientId, tokenUrl: sim.oauth.tokenUrl, options: {} },
    });

    const base = await auth.instanceUrl();
    expect(base).toBe(instance);
    const connector = connect(sim, auth, base);
    sim.knobs.sessionMaxCalls = 4; // renewals on the way must not move the calls elsewhere
    const all = await connector.whoami().then(() => seats(connector));
    expect(all).toHaveLength(450);
    expect((await connector.probe('reclaim')).ok).toBe(true);
    const seat = all.find((s) => s.paid && s.userId !== sim.org.meId && s.lastActivityAt) as SeatRecord;
    expect(connector.planReclaim(seat).url.startsWith(`${instance}${DATA}/`)).toBe(true);
    await connector.reclaim(seat);
    await connector.undo?.(seat);
    await connector.reclaim(seat, 'freeze');
    await connector.undo?.(seat, 'freeze');
    expect(sim.user(seat.userId)).toMatchObject({ isActive: true, isFrozen: false });

    expect(sim.stats.log.filter((e) => e.status === 401).length).toBeGreaterThan(0);
    expect([...sim.state.hosts.keys()]).toEqual([new URL(instance).host]);
  });

  it('token and API key connections name no instance', async () => {
    const keychain = testKeychain();
    cleanups.push(() => keychain.cleanup());
    const auth = createAuthProvider({ aliasId: 'pat', vault: keychain.vault, settings: { baseUrl: 'https://app.asana.com/api/1.0', grantType: 'token', options: {} } });
    expect(await auth.instanceUrl()).toBeUndefined();
  });
});
