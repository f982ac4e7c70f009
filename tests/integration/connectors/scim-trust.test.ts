/**
 * SCIM request bodies are application/scim+json (RFC 7644): the preset asks for it on every
 * body and in Accept, and the SCIM simulator can refuse plain application/json as a strict
 * server may (a knob: RFC 7644 requires accepting application/scim+json, refusing
 * application/json is the server's choice).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCustomConnector } from '../../../connectors/custom/connector.js';
import { customDescriptor } from '../../../connectors/custom/descriptor.js';
import { startScimSimulator, type ScimSimulatorHandle } from '../../../connectors/custom/simulator/index.js';
import { createHttpClient, type HttpClient, type HttpRequest, type HttpResponse } from '../../../connectors/http/index.js';
import type { Connector, SeatRecord } from '../../../connectors/types.js';
import { collect } from './asana-harness.js';
import { connectCustom } from './custom-harness.js';

const TOKEN = 'scim-trust-token-91b0';
const NOW = new Date('2025-06-02T00:00:00.000Z');
const SCIM = 'application/scim+json';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const sims: ScimSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(strictMediaType?: boolean): Promise<ScimSimulatorHandle> {
  const sim = await startScimSimulator({ token: TOKEN, seed: 5150, users: 40, now: NOW, strictMediaType });
  sims.push(sim);
  return sim;
}

function send(sim: ScimSimulatorHandle, method: 'PATCH' | 'POST', path: string, contentType: string, body: unknown) {
  return fetch(`${sim.url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType }, body: JSON.stringify(body) });
}

const deactivate = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] };

describe('the SCIM simulator as a strict server', () => {
  it('refuses a PATCH sent as application/json with 415 and a SCIM error, and changes nothing', async () => {
    const sim = await simulator(true);
    const user = sim.org.users.find((u) => u.active)!;
    const res = await send(sim, 'PATCH', `/Users/${user.id}`, 'application/json', deactivate);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '415',
      detail: 'Request bodies must be sent as application/scim+json, not application/json.',
    });
    expect(sim.user(user.id)?.active).toBe(true);
  });

  it('accepts application/scim+json, with or without a charset', async () => {
    const sim = await simulator(true);
    const [a, b] = sim.org.users.filter((u) => u.active);
    expect((await send(sim, 'PATCH', `/Users/${a!.id}`, SCIM, deactivate)).status).toBe(200);
    expect((await send(sim, 'PATCH', `/Users/${b!.id}`, `${SCIM}; charset=utf-8`, deactivate)).status).toBe(200);
    expect([sim.user(a!.id)?.active, sim.user(b!.id)?.active]).toEqual([false, false]);
  });

  it('applies the same rule to POST /Users', async () => {
    const sim = await simulator(true);
    const newUser = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ada@acme.example', emails: [{ value: 'ada@acme.example', primary: true }] };
    expect((await send(sim, 'POST', '/Users', 'application/json', newUser)).status).toBe(415);
    const created = await send(sim, 'POST', '/Users', SCIM, newUser);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/\/scim\/v2\/Users\/new-/);
    expect(sim.org.users.at(-1)).toMatchObject({ userName: 'ada@acme.example', active: true });
  });

  it('is strict by default (application/json refused with 415) and the knob is live', async () => {
    const sim = await simulator();
    const [a, b] = sim.org.users.filter((u) => u.active);
    expect((await send(sim, 'PATCH', `/Users/${a!.id}`, 'application/json', deactivate)).status).toBe(415);
    sim.knobs.strictMediaType = false;
    expect((await send(sim, 'PATCH', `/Users/${b!.id}`, 'application/json', deactivate)).status).toBe(200);
  });
});

/** An HttpClient that records what the connector asks for and answers like a SCIM server. */
function recordingClient(baseUrl: string, users: unknown[]): HttpClient & { sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  return {
    baseUrl,
    sent,
    get requestCount() {
      return sent.length;
    },
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      sent.push(req);
      const body = req.method === 'PATCH' ? {} : { schemas: [], totalResults: users.length, itemsPerPage: users.length, startIndex: 1, Resources: users };
      return { status: 200, headers: new Headers({ 'content-type': SCIM }), body: body as T };
    },
  };
}

function scimConnector(http: HttpClient): Connector {
  return createCustomConnector({
    http,
    settings: { baseUrl: http.baseUrl, grantType: 'token', options: { preset: 'scim' } },
    signal: new AbortController().signal,
    progress: () => undefined,
    now: () => NOW,
  });
}

const seat: SeatRecord = { userId: 'u-1', email: 'u1@acme.example', name: 'U One', licenseType: 'Pro', active: true, admin: false, owner: false, paid: true };

describe('the SCIM preset asks for application/scim+json', () => {
  it('on the reclaim and undo bodies (Content-Type) and in Accept, and in Accept when listing', async () => {
    const http = recordingClient('https://app.example/scim/v2', [{ id: 'u-1', userName: 'u1@acme.example', active: true }]);
    const connector = scimConnector(http);
    await collect(connector.subscriptions());
    await connector.reclaim(seat, 'remove');
    await connector.undo!(seat);

    const [list, reclaim, undo] = http.sent;
    expect(list?.headers).toEqual({ accept: `${SCIM}, application/json` });
    for (const [req, value] of [[reclaim, false], [undo, true]] as const) {
      expect(req).toMatchObject({ method: 'PATCH', url: 'https://app.example/scim/v2/Users/u-1' });
      expect(req?.headers).toEqual({ 'content-type': SCIM, accept: `${SCIM}, application/json` });
      expect(req?.body).toEqual({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value }] });
    }
  });

  it('offers only "remove": another action is a config error and nothing is sent', async () => {
    const http = recordingClient('https://app.example/scim/v2', []);
    const connector = scimConnector(http);
    expect(() => connector.planReclaim(seat, 'freeze')).toThrow(expect.objectContaining({ code: 'config' }));
    await expect(connector.reclaim(seat, 'downgrade')).rejects.toMatchObject({ code: 'config' });
    expect(() => connector.planUndo!(seat, 'downgrade')).toThrow(expect.objectContaining({ code: 'config' }));
    await expect(connector.undo!(seat, 'freeze')).rejects.toMatchObject({ code: 'config' });
    expect(http.sent).toHaveLength(0);
    expect(customDescriptor.reclaimEffects.map((e) => e.action)).toEqual(['remove']);
    expect(customDescriptor.reclaimEffects[0]?.vendorChange).toContain('application/scim+json');
  });
});

/**
 * Whether the shared HTTP client sends a Content-Type the caller set. Today it always writes
 * application/json over it; once it keeps the caller's, the end-to-end test below runs.
 */
async function clientKeepsContentType(): Promise<boolean> {
  let seen: string | null = null;
  const http = createHttpClient({
    baseUrl: 'http://127.0.0.1:9',
    vendorName: 'probe',
    fetch: async (_url, init) => {
      seen = new Headers(init?.headers).get('content-type');
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  });
  await http.request({ method: 'PATCH', url: '/x', body: {}, headers: { 'content-type': SCIM } });
  return seen === SCIM;
}

const keepsContentType = await clientKeepsContentType();

describe('the SCIM preset against a strict SCIM server, end to end', () => {
  it.runIf(keepsContentType)('reclaims and undoes through a server that refuses application/json', async () => {
    const sim = await simulator(true);
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, preset: 'scim' });
    const target = (await collect(connector.subscriptions())).find((s) => s.paid)!;
    await connector.reclaim(target);
    expect(sim.user(target.userId)?.active).toBe(false);
    await connector.undo!(target);
    expect(sim.user(target.userId)?.active).toBe(true);
  });
});
