/**
 * A client credentials connection outlives its sessions: when Salesforce ends the access token
 * (401 INVALID_SESSION_ID) between validation and publish or half way through a sync, Seatwise
 * asks the token endpoint for a new one once and carries on; only a grant the token endpoint
 * refuses is a connection error, and it says which. Through the real services, keychain and
 * simulator; the simulator's sessions end after a set number of calls, so no test waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isPaidSeat } from '../../../connectors/salesforce/simulator/seed.js';
import { startSalesforceSimulator, type SalesforceSimulatorHandle } from '../../../connectors/salesforce/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { createAuthProvider } from '../../../main/auth/provider.js';
import { loadTokens, saveCredential } from '../../../main/auth/tokens.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from './keychain.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const TOKEN_PATH = '/services/oauth2/token';
const sessionEnds = (sim: SalesforceSimulatorHandle): number => sim.stats.log.filter((e) => e.status === 401).length;
const tokenRequests = (sim: SalesforceSimulatorHandle): number => sim.stats.requestsTo('POST', TOKEN_PATH).length;

async function simulator(maxCalls: number): Promise<SalesforceSimulatorHandle> {
  // 250 users in batches of 200 (the smallest Salesforce allows) take two pages to download.
  const sim = await startSalesforceSimulator({ seed: 11, users: 250, knobs: { sessionMaxCalls: maxCalls } });
  cleanups.push(() => sim.close());
  return sim;
}

async function app(): Promise<SeatwiseApp> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const created = await createApp({ dataDir: t.dir, transport: 'cli' });
  cleanups.push(() => created.close());
  return created;
}

async function salesforceProfile(a: SeatwiseApp, sim: SalesforceSimulatorHandle): Promise<string> {
  const created = await a.profiles.create({
    name: 'Salesforce',
    vendor: 'salesforce',
    connection: { baseUrl: sim.instanceUrl, grantType: 'client_credentials', clientId: sim.oauth.clientId, tokenUrl: sim.oauth.tokenUrl },
  });
  await a.profiles.setSecret({ profileId: created.id, kind: 'clientSecret', value: sim.oauth.clientSecret });
  cleanups.push(() => a.profiles.remove(created.id).catch(() => undefined));
  return created.id;
}

describe('client credentials when Salesforce ends the session', () => {
  it('publishes although every session ends after two calls: one new token per 401, each used', async () => {
    const sim = await simulator(2);
    const a = await app();
    const profileId = await salesforceProfile(a, sim);

    const published = await a.profiles.publish(profileId);
    expect(published.status).toBe('published');
    // Validation made more calls than one session answers, so sessions ended on the way...
    expect(sessionEnds(sim)).toBeGreaterThan(0);
    // ...and each end cost one token request, no more (the first token plus one per 401).
    expect(tokenRequests(sim)).toBe(1 + sessionEnds(sim));
    const detail = await a.profiles.detail(profileId);
    expect(JSON.stringify(detail)).not.toContain('Reconnect the account');
  });

  it('syncs every seat although the session ends in the middle of the download', async () => {
    const sim = await simulator(0);
    const a = await app();
    const profileId = await salesforceProfile(a, sim);
    await a.profiles.publish(profileId);

    // From now on a session answers three calls: the sync outlives several of them.
    sim.knobs.sessionMaxCalls = 3;
    const before = { ends: sessionEnds(sim), tokens: tokenRequests(sim) };
    const job = await a.sync.run(profileId, 'manual');
    expect(job.error).toBeUndefined();
    expect(job.state).toBe('succeeded');
    const ends = sessionEnds(sim) - before.ends;
    expect(ends).toBeGreaterThan(0);
    expect(tokenRequests(sim) - before.tokens).toBe(ends);

    // Every user, none twice: the download picked up where the ended session left it.
    const snapshot = await a.store.snapshot(profileId);
    expect(snapshot?.subscriptions.map((s) => s.userId).sort()).toEqual(sim.org.users.map((u) => u.id).sort());
    expect(job.counts.seats).toBe(sim.org.users.filter(isPaidSeat).length);
  });

  it('a secret the token endpoint no longer accepts fails the sync with a clear message naming invalid_client', async () => {
    const sim = await simulator(0);
    const a = await app();
    const profileId = await salesforceProfile(a, sim);
    await a.profiles.publish(profileId);

    // The admin rotated the consumer secret at Salesforce; the stored session then ends.
    sim.state.client.clientSecret = 'rotated-at-salesforce-0000';
    sim.expireSessions();
    const job = await a.sync.run(profileId, 'manual');
    expect(job.state).toBe('failed');
    expect(job.error).toContain(`The token endpoint at ${new URL(sim.oauth.tokenUrl).host} refused the client credentials grant`);
    expect(job.error).toContain('invalid_client: invalid client credentials');
    expect(job.error).toMatch(/sign in again by entering the client secret/i);
    expect(job.error).not.toContain('Reconnect the account');
    const detail = await a.profiles.detail(profileId);
    expect(detail.health).toBe('needs_signin');
  });

  it('an app whose client credentials flow was switched off fails publish naming invalid_grant', async () => {
    const sim = await simulator(0);
    sim.knobs.clientCredentialsEnabled = false;
    const a = await app();
    const profileId = await salesforceProfile(a, sim);
    const error = await a.profiles.publish(profileId).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain('was not published');
    expect(error?.message).toContain('invalid_grant');
    expect(error?.message).toContain('no client credentials user enabled');
  });
});

describe('the client credentials provider after a 401', () => {
  it('gets a new token for a rejected one even right after a renewal, and never twice for one token', async () => {
    const sim = await simulator(0);
    const keychain = testKeychain();
    cleanups.push(() => keychain.cleanup());
    await saveCredential(keychain.vault, 'cc', 'clientSecret', sim.oauth.clientSecret);
    const settings = { baseUrl: sim.url, grantType: 'client_credentials' as const, clientId: sim.oauth.clientId, tokenUrl: sim.oauth.tokenUrl, options: {} };
    const provider = createAuthProvider({ aliasId: 'cc', settings, vault: keychain.vault });
    const bearer = async (): Promise<string | null> => {
      const h = new Headers();
      await provider.apply(h);
      return h.get('authorization');
    };

    const first = await bearer();
    expect(tokenRequests(sim)).toBe(1);
    // The token just obtained is refused at once (the session ended): a new one, not the same again.
    expect(await provider.refresh()).toBe(true);
    const second = await bearer();
    expect(second).not.toBe(first);
    expect(tokenRequests(sim)).toBe(2);
    expect((await loadTokens(keychain.vault, 'cc'))?.accessToken).toBe(second?.replace('Bearer ', ''));

    // Two requests that both carried the old token: the second 401 arrives after the renewal
    // and before any request carried the new token, so it is retried with the new one as is.
    expect(await provider.refresh()).toBe(true);
    expect(await provider.refresh()).toBe(true);
    expect(tokenRequests(sim)).toBe(3);
  });
});
