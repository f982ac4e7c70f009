/**
 * The Salesforce simulator on its own: the OAuth endpoints (authorization code with PKCE,
 * refresh, revoke, userinfo), the query resource's paging and errors, Sforce-Limit-Info,
 * and the seed's reproducibility and license invariants.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { seedSalesforceOrg, usedLicenses } from '../../../connectors/salesforce/simulator/seed.js';
import { caseSafeId } from '../../../connectors/salesforce/simulator/ids.js';
import { startSalesforceSimulator, type SalesforceSimulatorHandle, type SalesforceSimulatorOptions } from '../../../connectors/salesforce/simulator/index.js';

const QUERY = '/services/data/v62.0/query';
const sims: SalesforceSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: SalesforceSimulatorOptions = {}): Promise<SalesforceSimulatorHandle> {
  const sim = await startSalesforceSimulator({ seed: 7, users: 60, ...options });
  sims.push(sim);
  return sim;
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
});

async function soql(sim: SalesforceSimulatorHandle, q: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${QUERY}?${new URLSearchParams({ q })}`, { headers: { authorization: `Bearer ${sim.token}`, ...headers } });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

describe('Salesforce simulator: OAuth', () => {
  const redirectUri = 'http://127.0.0.1:53682/callback';

  async function authorize(sim: SalesforceSimulatorHandle, extra: Record<string, string> = {}) {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const url = new URL(sim.oauth.authorizeUrl);
    const params = { response_type: 'code', client_id: sim.oauth.clientId, redirect_uri: redirectUri, scope: 'api refresh_token', state: 's-123', code_challenge: challenge, code_challenge_method: 'S256', ...extra };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: 'manual' });
    return { res, verifier, location: new URL(res.headers.get('location') ?? 'http://invalid/') };
  }

  it('authorization code with PKCE: auto-approves, redirects with code and state, exchanges once', async () => {
    const sim = await simulator();
    const { res, verifier, location } = await authorize(sim);
    expect(res.status).toBe(302);
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('s-123');
    const code = location.searchParams.get('code') ?? '';

    const exchange = { grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: sim.oauth.clientId, client_secret: sim.oauth.clientSecret, code_verifier: verifier };
    const token = await fetch(sim.oauth.tokenUrl, form(exchange));
    expect(token.status).toBe(200);
    const body = (await token.json()) as Record<string, string>;
    expect(body).toMatchObject({ instance_url: sim.url, token_type: 'Bearer', scope: 'api refresh_token' });
    expect(body.refresh_token).toMatch(/^5Aep/);
    expect(body).not.toHaveProperty('expires_in');

    // A code works once.
    const again = await fetch(sim.oauth.tokenUrl, form(exchange));
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });

    // Refresh: a new session, the same refresh token kept (Salesforce does not rotate).
    const refreshed = await fetch(sim.oauth.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: body.refresh_token ?? '', client_id: sim.oauth.clientId, client_secret: sim.oauth.clientSecret }));
    const next = (await refreshed.json()) as Record<string, string>;
    expect(next.access_token).toBeTruthy();
    expect(next.access_token).not.toBe(body.access_token);
    expect(next).not.toHaveProperty('refresh_token');

    // Revoking the refresh token ends the grant and its sessions.
    expect((await fetch(sim.oauth.revokeUrl, form({ token: body.refresh_token ?? '' }))).status).toBe(200);
    const dead = await fetch(sim.oauth.userinfoUrl, { headers: { authorization: `Bearer ${next.access_token}` } });
    expect(dead.status).toBe(403);
    expect(await dead.text()).toBe('Bad_OAuth_Token');
    const noRefresh = await fetch(sim.oauth.tokenUrl, form({ grant_type: 'refresh_token', refresh_token: body.refresh_token ?? '', client_id: sim.oauth.clientId }));
    expect(await noRefresh.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('refuses a wrong PKCE verifier, a foreign redirect URI and a scope the app does not have', async () => {
    const sim = await simulator({ oauth: { redirectUris: [redirectUri] } });
    const { location } = await authorize(sim);
    const code = location.searchParams.get('code') ?? '';
    const wrong = await fetch(sim.oauth.tokenUrl, form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: sim.oauth.clientId, code_verifier: randomBytes(32).toString('base64url') }));
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });

    const foreign = await authorize(sim, { redirect_uri: 'http://127.0.0.1:1/elsewhere' });
    expect(foreign.res.status).toBe(400);
    expect(await foreign.res.json()).toEqual({ error: 'redirect_uri_mismatch', error_description: 'redirect_uri must match configuration' });

    const scope = await authorize(sim, { scope: 'api full' });
    expect(scope.location.searchParams.get('error')).toBe('invalid_scope');
    expect(scope.location.searchParams.get('state')).toBe('s-123');
  });

  it('userinfo says who a session belongs to; a missing token is Missing_OAuth_Token', async () => {
    const sim = await simulator();
    const res = await fetch(sim.oauth.userinfoUrl, { headers: { authorization: `Bearer ${sim.token}` } });
    expect(await res.json()).toMatchObject({
      user_id: sim.org.meId,
      organization_id: sim.org.orgId,
      preferred_username: 'zoe.odegard@acme.example',
      name: 'Zoë Ødegård',
      active: true,
      user_type: 'STANDARD',
    });
    const missing = await fetch(sim.oauth.userinfoUrl);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toBe('Missing_OAuth_Token');
  });

  it('sessions time out after the session timeout of inactivity', async () => {
    let now = Date.parse('2025-06-01T00:00:00Z');
    const sim = await simulator({ clock: () => now, knobs: { sessionTimeoutMs: 60_000 } });
    expect((await soql(sim, 'SELECT Id FROM User LIMIT 1')).res.status).toBe(200);
    now += 59_000;
    expect((await soql(sim, 'SELECT Id FROM User LIMIT 1')).res.status).toBe(200);
    now += 61_000;
    const expired = await soql(sim, 'SELECT Id FROM User LIMIT 1');
    expect(expired.res.status).toBe(401);
    expect(expired.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }]);
  });
});

describe('Salesforce simulator: REST API', () => {
  it('pages with query locators at the batch size asked for, within 200..2000', async () => {
    const sim = await simulator({ users: 450 });
    const first = await soql(sim, 'SELECT Id, Name FROM User', { 'Sforce-Query-Options': 'batchSize=200' });
    expect(first.body).toMatchObject({ totalSize: 450, done: false });
    expect(first.body.records).toHaveLength(200);
    expect(first.body.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g\w{15}-200$/);
    expect(first.res.headers.get('sforce-limit-info')).toBe('api-usage=1/100000');

    const second = await fetch(`${sim.url}${String(first.body.nextRecordsUrl)}`, { headers: { authorization: `Bearer ${sim.token}`, 'Sforce-Query-Options': 'batchSize=5' } });
    const body = (await second.json()) as Record<string, unknown>;
    // Below the minimum counts as 200.
    expect(body.records).toHaveLength(200);
    expect(second.headers.get('sforce-limit-info')).toBe('api-usage=2/100000');

    const unbatched = await soql(sim, 'SELECT Id FROM User');
    expect(unbatched.body).toMatchObject({ totalSize: 450, done: true });
    expect(unbatched.body).not.toHaveProperty('nextRecordsUrl');
  });

  it('returns records in Salesforce’s shape: attributes, nested relationships, +0000 datetimes', async () => {
    const sim = await simulator();
    const { body } = await soql(sim, 'SELECT Id, LastLoginDate, Profile.Name, Profile.UserLicense.Name FROM User LIMIT 1');
    const me = sim.user(sim.org.meId);
    expect(body.records).toEqual([
      {
        attributes: { type: 'User', url: `/services/data/v62.0/sobjects/User/${sim.org.meId}` },
        Id: sim.org.meId,
        LastLoginDate: me?.lastLoginDate?.replace('Z', '+0000'),
        Profile: {
          attributes: { type: 'Profile', url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Profile\/00e/) },
          Name: 'System Administrator',
          UserLicense: { attributes: { type: 'UserLicense', url: expect.stringMatching(/\/sobjects\/UserLicense\/100/) }, Name: 'Salesforce' },
        },
      },
    ]);
  });

  it('answers Salesforce’s errors for bad SOQL', async () => {
    const sim = await simulator();
    const field = await soql(sim, 'SELECT Id, Nickname FROM User');
    expect(field.res.status).toBe(400);
    expect(field.body).toMatchObject([{ errorCode: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Nickname' on entity 'User'") }]);
    const type = await soql(sim, 'SELECT Id FROM Account');
    expect(type.body).toMatchObject([{ errorCode: 'INVALID_TYPE' }]);
    const malformed = await soql(sim, 'DELETE FROM User');
    expect(malformed.body).toMatchObject([{ errorCode: 'MALFORMED_QUERY' }]);
  });

  it('answers REQUEST_LIMIT_EXCEEDED once the daily allowance is spent, without counting the refusals', async () => {
    const sim = await simulator({ knobs: { dailyApiLimit: 2 } });
    await soql(sim, 'SELECT Id FROM User');
    await soql(sim, 'SELECT Id FROM User');
    const refused = await soql(sim, 'SELECT Id FROM User');
    expect(refused.res.status).toBe(403);
    expect(refused.body).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED', fields: [] }]);
    expect(refused.res.headers.get('sforce-limit-info')).toBe('api-usage=2/2');
    expect(sim.apiUsage()).toBe(2);
  });

  it('refuses to reactivate a user when no license of their type is left', async () => {
    const sim = await simulator({ users: 80, overAllocatedLicense: 'Salesforce' });
    const target = sim.org.users.find((u) => !u.isActive && u.licenseName === 'Salesforce');
    if (!target) throw new Error('seed has no inactive Salesforce user');
    const res = await fetch(`${sim.url}/services/data/v62.0/sobjects/User/${target.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ IsActive: true }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject([{ errorCode: 'LICENSE_LIMIT_EXCEEDED' }]);
    expect(target.isActive).toBe(false);
  });
});

describe('Salesforce simulator: seed', () => {
  const now = new Date('2025-06-01T00:00:00Z');

  it('is the same org from the same seed and size, another from another seed', () => {
    expect(seedSalesforceOrg({ seed: 3, users: 500, now })).toEqual(seedSalesforceOrg({ seed: 3, users: 500, now }));
    expect(seedSalesforceOrg({ seed: 4, users: 500, now })).not.toEqual(seedSalesforceOrg({ seed: 3, users: 500, now }));
  });

  it('owns at least as many licenses as are used, except the one type over-allocated on purpose', () => {
    for (const seed of [1, 2, 3]) {
      const org = seedSalesforceOrg({ seed, users: 700, now });
      const used = usedLicenses(org.users);
      for (const l of org.licenses) expect(l.total).toBeGreaterThanOrEqual(used.get(l.name) ?? 0);
    }
    const over = seedSalesforceOrg({ seed: 1, users: 700, now, overAllocatedLicense: 'Salesforce' });
    const used = usedLicenses(over.users);
    expect(over.licenses.filter((l) => l.total < (used.get(l.name) ?? 0)).map((l) => l.name)).toEqual(['Salesforce']);
  });

  it('has the people a license administrator meets: inactive, never logged in, recent joiners, stale logins', () => {
    const org = seedSalesforceOrg({ seed: 5, users: 1000, now });
    const active = org.users.filter((u) => u.isActive);
    expect(org.users.some((u) => !u.isActive)).toBe(true);
    expect(active.some((u) => u.lastLoginDate === null && u.userType === 'Standard')).toBe(true);
    expect(org.users.some((u) => u.recentJoiner)).toBe(true);
    expect(active.some((u) => u.lastLoginDate !== null && now.getTime() - Date.parse(u.lastLoginDate) > 60 * 86_400_000)).toBe(true);
    expect(org.users.filter((u) => u.userType === 'Guest').every((u) => u.lastLoginDate === null)).toBe(true);
    expect(org.users[0]).toMatchObject({ profileName: 'System Administrator', isActive: true, manageUsers: true });
  });

  it('uses valid 18-character Salesforce ids', () => {
    const org = seedSalesforceOrg({ seed: 9, users: 50, now });
    for (const id of [org.orgId, ...org.users.map((u) => u.id)]) {
      expect(id).toMatch(/^[a-zA-Z0-9]{18}$/);
      expect(caseSafeId(id.slice(0, 15))).toBe(id);
    }
    expect(org.orgId.startsWith('00D')).toBe(true);
    expect(org.users.every((u) => u.id.startsWith('005'))).toBe(true);
    // Worked by hand: capitals at positions 4 and 12 give the suffix I, A, C.
    expect(caseSafeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });
});

describe('profiles and user licenses, as a downgrade reads and changes them', () => {
  const patchUser = (sim: SalesforceSimulatorHandle, id: string, body: unknown) =>
    fetch(`${sim.url}/services/data/v62.0/sobjects/User/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers Profile and UserLicense queries, and moves a user between standard licenses by ProfileId only', async () => {
    const sim = await simulator();
    const profiles = (await soql(sim, 'SELECT Id, Name, UserLicenseId FROM Profile')).body as { records: { Id: string; Name: string; UserLicenseId: string }[] };
    const licenses = (await soql(sim, 'SELECT Id, Name, MasterLabel, LicenseDefinitionKey, TotalLicenses, UsedLicenses FROM UserLicense')).body as {
      records: { Id: string; Name: string; LicenseDefinitionKey: string; UsedLicenses: number }[];
    };
    const platform = licenses.records.find((l) => l.Name === 'Salesforce Platform')!;
    expect(platform.LicenseDefinitionKey).toBe('AUL');
    expect(licenses.records.find((l) => l.Name === 'Salesforce')?.LicenseDefinitionKey).toBe('SFDC');
    const platformProfile = profiles.records.find((p) => p.Name === 'Standard Platform User')!;
    expect(platformProfile.UserLicenseId).toBe(platform.Id);
    const chatter = profiles.records.find((p) => p.Name === 'Chatter Free User')!;

    const user = sim.org.users.find((u) => u.isActive && u.profileName === 'Standard User')!;
    sim.org.licenses.find((l) => l.name === 'Salesforce Platform')!.total += 1;
    // To a Chatter license: not a standard user license, so Salesforce refuses.
    const refused = await patchUser(sim, user.id, { ProfileId: chatter.Id });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual([expect.objectContaining({ errorCode: 'FIELD_INTEGRITY_EXCEPTION', message: expect.stringContaining("compatible with the user's license") })]);
    expect((await patchUser(sim, user.id, { ProfileId: 'nonsense' })).status).toBe(400);

    expect((await patchUser(sim, user.id, { ProfileId: platformProfile.Id })).status).toBe(204);
    expect(sim.user(user.id)).toMatchObject({ isActive: true, profileName: 'Standard Platform User', licenseName: 'Salesforce Platform' });
    const after = (await soql(sim, 'SELECT Name, UsedLicenses FROM UserLicense')).body as { records: { Name: string; UsedLicenses: number }[] };
    expect(after.records.find((l) => l.Name === 'Salesforce Platform')?.UsedLicenses).toBe(platform.UsedLicenses + 1);
  });
});
