/**
 * The Microsoft Graph simulator against Microsoft's public documentation, with plain HTTP:
 * the tenant token endpoint (client credentials, AADSTS errors), Graph's error bodies,
 * @odata.nextLink paging to the last page, the page-size limit with signInActivity, the
 * permission and Entra ID P1 refusals, 429 and 503 with Retry-After, and assignLicense's rules.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import {
  AUDIT_PERMISSION_MISSING,
  GROUP_LICENSE,
  NON_PREMIUM,
  SKU_IDS,
  startGraphSimulator,
  type GraphSimulatorHandle,
  type GraphSimulatorOptions,
} from '../../../connectors/microsoft-graph/simulator/index.js';
import { requestToken } from './microsoft365-harness.js';

const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 365;
const SCOPE = 'https://graph.microsoft.com/.default';

const sims: GraphSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: GraphSimulatorOptions = {}): Promise<GraphSimulatorHandle> {
  const sim = await startGraphSimulator({ seed: SEED, users: 260, now: NOW, ...options });
  sims.push(sim);
  return sim;
}

async function get(url: string, token?: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

async function post(url: string, token: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const errorOf = (body: Record<string, unknown>) => body.error as { code: string; message: string; innerError: Record<string, string> };

describe('Graph simulator: the tenant token endpoint', () => {
  it('grants client credentials with the .default scope, by tenant id or domain, secret in the form or HTTP Basic', async () => {
    const sim = await simulator();
    const form = { client_id: sim.app.clientId, client_secret: sim.app.clientSecret, grant_type: 'client_credentials', scope: SCOPE };
    const byId = await requestToken(sim.tokenUrl, form);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(typeof byId.body.access_token).toBe('string');
    expect(byId.body).not.toHaveProperty('refresh_token');

    const byDomain = await requestToken(sim.tokenUrlTemplate.replace('{tenant}', sim.domain), form);
    expect(byDomain.status).toBe(200);
    const basic = Buffer.from(`${encodeURIComponent(sim.app.clientId)}:${encodeURIComponent(sim.app.clientSecret)}`).toString('base64');
    const viaBasic = await requestToken(sim.tokenUrl, { grant_type: 'client_credentials', scope: SCOPE }, { authorization: `Basic ${basic}` });
    expect(viaBasic.status).toBe(200);

    const users = await get(`${sim.url}/users?$select=id&$top=1`, byId.body.access_token as string);
    expect(users.status).toBe(200);
  });

  it('answers Entra\'s AADSTS errors: wrong secret, unknown app, unknown tenant, a scope without /.default, a wrong grant', async () => {
    const sim = await simulator();
    const form = { client_id: sim.app.clientId, client_secret: sim.app.clientSecret, grant_type: 'client_credentials', scope: SCOPE };
    const cases: Array<[Record<string, string>, string, number, string, number]> = [
      [{ ...form, client_secret: 'wrong' }, sim.tokenUrl, 401, 'invalid_client', 7000215],
      [{ ...form, client_secret: '' }, sim.tokenUrl, 401, 'invalid_client', 7000216],
      [{ ...form, client_id: '11111111-2222-4333-8444-555555555555' }, sim.tokenUrl, 400, 'unauthorized_client', 700016],
      [form, sim.tokenUrlTemplate.replace('{tenant}', 'nosuchtenant.onmicrosoft.com'), 400, 'invalid_request', 90002],
      [{ ...form, scope: 'User.Read.All' }, sim.tokenUrl, 400, 'invalid_scope', 1002012],
      [{ ...form, grant_type: 'authorization_code' }, sim.tokenUrl, 400, 'unsupported_grant_type', 70003],
      [{ ...form, grant_type: '' }, sim.tokenUrl, 400, 'invalid_request', 900144],
    ];
    for (const [body, url, status, error, code] of cases) {
      const res = await requestToken(url, body);
      expect(res.status, `${error} ${code}`).toBe(status);
      expect(res.body.error).toBe(error);
      expect(res.body.error_codes).toEqual([code]);
      expect(String(res.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
      expect(res.body).toHaveProperty('trace_id');
      expect(res.body).toHaveProperty('correlation_id');
      expect(res.body.error_uri).toBe(`https://login.microsoftonline.com/error?code=${code}`);
    }
  });

  it('binds a token to its tenant: two tenants, two app registrations, each token reads its own users', async () => {
    const sim = await simulator({ tenants: [{ seed: 1, users: 20, now: NOW }, { seed: 2, users: 30, now: NOW }] });
    const [a, b] = sim.tenants;
    const tokenA = await requestToken(a!.tokenUrl, { client_id: a!.app.clientId, client_secret: a!.app.clientSecret, grant_type: 'client_credentials', scope: SCOPE });
    // Tenant B's endpoint does not know tenant A's app.
    const crossed = await requestToken(b!.tokenUrl, { client_id: a!.app.clientId, client_secret: a!.app.clientSecret, grant_type: 'client_credentials', scope: SCOPE });
    expect(crossed.status).toBe(400);
    const users = await get(`${sim.url}/users?$select=id&$top=999`, tokenA.body.access_token as string);
    expect((users.body.value as Array<{ id: string }>).map((u) => u.id)).toEqual(a!.tenant.users.map((u) => u.id));
  });
});

describe('Graph simulator: Graph errors and authentication', () => {
  it('answers 401 InvalidAuthenticationToken for a missing, unknown or expired token, with Graph\'s error body', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now });
    const missing = await get(`${sim.url}/users`);
    expect(missing.status).toBe(401);
    expect(errorOf(missing.body)).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token is empty.' });
    expect(errorOf(missing.body).innerError).toHaveProperty('request-id');
    const unknown = await get(`${sim.url}/users`, 'eyJ.not-ours.sim');
    expect(errorOf(unknown.body)).toMatchObject({ code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' });
    const expiring = sim.issueToken({ ttlMs: 3_599_000 });
    expect((await get(`${sim.url}/users?$top=1`, expiring)).status).toBe(200);
    clock.advance(3_600_000);
    const expired = await get(`${sim.url}/users?$top=1`, expiring);
    expect(expired.status).toBe(401);
    expect(errorOf(expired.body).message).toBe('Lifetime validation failed, the token is expired.');
  });

  it('refuses without the application permission: Authorization_RequestDenied, and AuditLog.Read.All\'s own code for sign-ins', async () => {
    const sim = await simulator();
    const noUsers = sim.issueToken({ roles: ['LicenseAssignment.Read.All'] });
    const denied = await get(`${sim.url}/users`, noUsers);
    expect(denied.status).toBe(403);
    expect(errorOf(denied.body)).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });

    const noAudit = sim.issueToken({ roles: ['User.Read.All'] });
    expect((await get(`${sim.url}/users?$select=id,assignedLicenses`, noAudit)).status).toBe(200);
    const withSignIns = await get(`${sim.url}/users?$select=id,signInActivity`, noAudit);
    expect(withSignIns.status).toBe(403);
    expect(errorOf(withSignIns.body)).toMatchObject(AUDIT_PERMISSION_MISSING);
    const log = await get(`${sim.url}/auditLogs/signIns`, noAudit);
    expect(errorOf(log.body)).toMatchObject(AUDIT_PERMISSION_MISSING);
  });

  it('refuses signInActivity and the sign-in log on a tenant without Entra ID P1/P2, and serves the rest', async () => {
    const sim = await simulator({ premium: false });
    const users = await get(`${sim.url}/users?$select=id,signInActivity`, sim.token);
    expect(users.status).toBe(403);
    expect(errorOf(users.body)).toMatchObject(NON_PREMIUM);
    const log = await get(`${sim.url}/auditLogs/signIns`, sim.token);
    expect(log.status).toBe(403);
    expect(errorOf(log.body).code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    expect((await get(`${sim.url}/users?$select=id,accountEnabled,assignedLicenses`, sim.token)).status).toBe(200);
    // Office 365 SKUs do not include Entra ID P1: the seed gives such a tenant those.
    const skus = (await get(`${sim.url}/subscribedSkus`, sim.token)).body.value as Array<{ skuPartNumber: string }>;
    expect(skus.map((s) => s.skuPartNumber)).toContain('ENTERPRISEPREMIUM');
    expect(skus.map((s) => s.skuPartNumber)).not.toContain('SPE_E5');
  });

  it('answers 429 with Retry-After and TooManyRequests once the rate limit is spent, and 503 with Retry-After when unavailable', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator({ clock: clock.now, knobs: { rateLimit: { limit: 2, windowMs: 10_000, headers: 'retry-after' } } });
    expect((await get(`${sim.url}/users?$top=1`, sim.token)).status).toBe(200);
    expect((await get(`${sim.url}/users?$top=1`, sim.token)).status).toBe(200);
    const limited = await get(`${sim.url}/users?$top=1`, sim.token);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(errorOf(limited.body).code).toBe('TooManyRequests');
    clock.advance(10_000);
    expect((await get(`${sim.url}/users?$top=1`, sim.token)).status).toBe(200);

    sim.knobs.rateLimit = undefined;
    sim.knobs.unavailableEveryNth = 2;
    sim.knobs.unavailableRetryAfterSeconds = 7;
    const first = await get(`${sim.url}/users?$top=1`, sim.token);
    const second = await get(`${sim.url}/users?$top=1`, sim.token);
    expect([first.status, second.status]).toContain(503);
    const unavailable = first.status === 503 ? first : second;
    expect(unavailable.headers.get('retry-after')).toBe('7');
    expect(errorOf(unavailable.body).code).toBe('serviceNotAvailable');
  });
});

describe('Graph simulator: paging', () => {
  it('follows @odata.nextLink to the last page: every user once, in order, no link on the last page; 100 a page without $top', async () => {
    const sim = await simulator();
    const seen: string[] = [];
    let url: string | undefined = `${sim.url}/users?$select=id,displayName&$top=37`;
    let pages = 0;
    while (url) {
      const res = await get(url, sim.token);
      expect(res.status).toBe(200);
      const value = res.body.value as Array<Record<string, unknown>>;
      expect(value.length).toBeLessThanOrEqual(37);
      for (const u of value) expect(Object.keys(u).sort()).toEqual(['displayName', 'id']);
      seen.push(...value.map((u) => u.id as string));
      url = res.body['@odata.nextLink'] as string | undefined;
      if (url) expect(url.startsWith(`${sim.url}/users?`)).toBe(true);
      pages += 1;
    }
    expect(seen).toEqual(sim.tenant.users.map((u) => u.id));
    expect(pages).toBe(Math.ceil(sim.tenant.users.length / 37));
    const unpaged = await get(`${sim.url}/users`, sim.token);
    expect((unpaged.body.value as unknown[]).length).toBe(100);
    expect(Object.keys((unpaged.body.value as Array<Record<string, unknown>>)[0]!)).toContain('userPrincipalName');
  });

  it('refuses $top above 999, a $skiptoken from another listing, and an unknown $select property', async () => {
    const sim = await simulator();
    const big = await get(`${sim.url}/users?$top=1000`, sim.token);
    expect(big.status).toBe(400);
    expect(errorOf(big.body).message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    const first = await get(`${sim.url}/users?$select=id&$top=5`, sim.token);
    const link = first.body['@odata.nextLink'] as string;
    const tampered = link.replace('$select=id', '$select=id%2Cmail');
    expect((await get(tampered, sim.token)).status).toBe(400);
    const unknown = await get(`${sim.url}/users?$select=id,salary`, sim.token);
    expect(errorOf(unknown.body).message).toBe("Could not find a property named 'salary' on type 'microsoft.graph.user'.");
  });

  it('limits the page when signInActivity is selected: 500 by default, 120 as in 2023, answered the reporting service\'s way', async () => {
    const sim = await simulator();
    expect((await get(`${sim.url}/users?$select=id,signInActivity&$top=500`, sim.token)).status).toBe(200);
    const over = await get(`${sim.url}/users?$select=id,signInActivity&$top=501`, sim.token);
    expect(over.status).toBe(400);
    expect(over.body.value).toBe('Cannot query data for more than 500 users at a time.');
    // Without signInActivity the usual 999 applies.
    expect((await get(`${sim.url}/users?$select=id&$top=999`, sim.token)).status).toBe(200);
    sim.knobs.signInActivityMaxPage = 120;
    expect((await get(`${sim.url}/users?$select=id,signInActivity&$top=121`, sim.token)).body.value).toBe('Cannot query data for more than 120 users at a time.');
    const ok = await get(`${sim.url}/users?$select=id,signInActivity&$top=120`, sim.token);
    const first = (ok.body.value as Array<{ signInActivity: Record<string, unknown> }>)[0]!;
    expect(Object.keys(first.signInActivity)).toEqual(expect.arrayContaining(['lastSignInDateTime', 'lastNonInteractiveSignInDateTime']));
  });

  it('points next links at another origin when the knob says so (a hostile Graph)', async () => {
    const sim = await simulator();
    sim.knobs.nextLinkOrigin = 'https://graph.attacker.example';
    const res = await get(`${sim.url}/users?$select=id&$top=10`, sim.token);
    expect(String(res.body['@odata.nextLink'])).toMatch(/^https:\/\/graph\.attacker\.example\/v1\.0\/users\?/);
  });
});

describe('Graph simulator: licenses', () => {
  it('lists subscribed SKUs with live consumedUnits and prepaid units', async () => {
    const sim = await simulator();
    const skus = (await get(`${sim.url}/subscribedSkus`, sim.token)).body.value as Array<{ skuId: string; skuPartNumber: string; consumedUnits: number; prepaidUnits: { enabled: number; warning: number }; appliesTo: string }>;
    const e5 = skus.find((s) => s.skuPartNumber === 'SPE_E5')!;
    expect(e5.skuId).toBe(SKU_IDS.SPE_E5);
    expect(e5.consumedUnits).toBe(sim.tenant.users.filter((u) => u.licenses.some((l) => l.skuId === SKU_IDS.SPE_E5)).length);
    expect(skus.find((s) => s.skuPartNumber === 'VISIOCLIENT')!.prepaidUnits.warning).toBe(3);
    expect(skus.find((s) => s.skuPartNumber === 'MCOPSTNC')!.appliesTo).toBe('Company');
  });

  it('assignLicense: both lists required, all checked before anything changes, group licenses and full subscriptions refused', async () => {
    const sim = await simulator();
    const e5User = sim.tenant.users.find((u) => u.licenses.some((l) => l.skuId === SKU_IDS.SPE_E5 && !l.viaGroup))!;
    const url = `${sim.url}/users/${e5User.id}/assignLicense`;
    expect((await post(url, sim.token, { removeLicenses: [SKU_IDS.SPE_E5] })).status).toBe(400);
    const before = JSON.stringify(e5User.licenses);
    // One bad entry (a SKU the user does not hold) and nothing changes.
    const mixed = await post(url, sim.token, { addLicenses: [], removeLicenses: [SKU_IDS.SPE_E5, SKU_IDS.STANDARDPACK] });
    expect(mixed.status).toBe(400);
    expect(JSON.stringify(e5User.licenses)).toBe(before);

    const removed = await post(url, sim.token, { addLicenses: [], removeLicenses: [SKU_IDS.SPE_E5] });
    expect(removed.status).toBe(200);
    expect(removed.body.id).toBe(e5User.id);
    expect(e5User.licenses.some((l) => l.skuId === SKU_IDS.SPE_E5)).toBe(false);

    const grouped = sim.tenant.users.find((u) => u.licenses.some((l) => l.viaGroup))!;
    const refused = await post(`${sim.url}/users/${grouped.id}/assignLicense`, sim.token, { addLicenses: [], removeLicenses: [grouped.licenses.find((l) => l.viaGroup)!.skuId] });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body).message).toBe(GROUP_LICENSE);

    const sku = sim.tenant.skus.find((s) => s.skuId === SKU_IDS.SPE_E3)!;
    sku.prepaid.enabled = sim.tenant.users.filter((u) => u.licenses.some((l) => l.skuId === SKU_IDS.SPE_E3)).length;
    const full = await post(url, sim.token, { addLicenses: [{ skuId: SKU_IDS.SPE_E3, disabledPlans: [] }], removeLicenses: [] });
    expect(full.status).toBe(400);
    expect(errorOf(full.body).message).toBe(`Subscription with SKU ${SKU_IDS.SPE_E3} does not have any available licenses.`);

    const missing = await post(`${sim.url}/users/00000000-0000-0000-0000-000000000000/assignLicense`, sim.token, { addLicenses: [], removeLicenses: [] });
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body).code).toBe('Request_ResourceNotFound');
    const readOnly = sim.issueToken({ roles: ['User.Read.All', 'LicenseAssignment.Read.All'] });
    expect((await post(url, readOnly, { addLicenses: [], removeLicenses: [] })).status).toBe(403);
  });
});

describe('Graph simulator: enterprise apps and the sign-in log', () => {
  it('lists enterprise apps with the tag filter, and sign-ins most recent first, filtered by appId and createdDateTime, paged', async () => {
    const sim = await simulator({ knobs: { pageSizeCap: 50 } });
    const apps = (await get(`${sim.url}/servicePrincipals?$filter=${encodeURIComponent("tags/any(t:t eq 'WindowsAzureActiveDirectoryIntegratedApp')")}`, sim.token)).body.value as Array<{ appId: string }>;
    expect(apps.map((a) => a.appId)).toEqual(sim.tenant.apps.filter((a) => a.enterprise).map((a) => a.appId));
    const app = sim.tenant.apps[0]!;
    const since = new Date(NOW.getTime() - 10 * 86_400_000).toISOString();
    const filter = encodeURIComponent(`appId eq '${app.appId}' and createdDateTime ge ${since}`);
    const got: Array<{ id: string; createdDateTime: string }> = [];
    let url: string | undefined = `${sim.url}/auditLogs/signIns?$filter=${filter}&$top=1000`;
    while (url) {
      const res = await get(url, sim.token);
      got.push(...(res.body.value as typeof got));
      url = res.body['@odata.nextLink'] as string | undefined;
    }
    const expected = sim.tenant.signIns.filter((s) => s.appId === app.appId && Date.parse(s.createdDateTime) >= Date.parse(since));
    expect(expected.length).toBeGreaterThan(50);
    expect(got.map((s) => s.id)).toEqual(expected.map((s) => s.id));
    const bad = await get(`${sim.url}/auditLogs/signIns?$filter=${encodeURIComponent('contains(appId, 1)')}`, sim.token);
    expect(bad.status).toBe(400);
  });
});
