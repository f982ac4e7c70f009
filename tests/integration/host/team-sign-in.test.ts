/**
 * A team server's door: people sign in through the company's OpenID Connect provider (a real
 * oidc-provider), get a server-side session cookie, and each call is allowed or refused (403)
 * by the roles in their ID token and those an admin gave them in Settings, with nothing done
 * when refused; the audit names the person.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { startHost, type HostHandle } from '../../../main/host/index.js';
import { TeamAccess } from '../../../main/host/team/access.js';
import { OidcSignIn } from '../../../main/host/team/oidc.js';
import { MemorySessionStore } from '../../../main/host/team/sessions.js';
import { effectiveRoles } from '../../../main/settings/roles.js';
import { MemorySecretStore } from '../../helpers/memory-secret-store.js';
import { startCompanyIdp, TEAM_CLIENT, type CompanyIdp } from './company-idp.js';


async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A browser: one cookie jar, redirects followed by hand so each hop can be looked at. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly setCookieLines: string[] = [];

  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.cookieHeader() } });
    this.take(res);
    return res;
  }

  /** Follows redirects from `url` until one leads to `stopAt` (not fetched), or a page answers. */
  async follow(url: string, stopAt?: string): Promise<{ url: string; res?: Response }> {
    let current = url;
    for (let hop = 0; hop < 25; hop++) {
      if (stopAt && current.startsWith(stopAt)) return { url: current };
      const res = await this.get(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      await res.body?.cancel();
      current = new URL(location, current).href;
    }
    throw new Error('too many redirects');
  }

  async call(origin: string, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
    const res = await fetch(`${origin}/rpc/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin', cookie: this.cookieHeader() },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as never };
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      this.setCookieLines.push(line);
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

let dir: string;
let app: SeatwiseApp;
let host: HostHandle;
let idp: CompanyIdp;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-team-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body>Seatwise</body></html>');
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  idp = await startCompanyIdp(`${origin}/auth/callback`, {
    vera: { email: 'vera@example.com', roles: ['viewer'] },
    abe: { email: 'abe@example.com', roles: 'approver' },
    ina: { email: 'ina@example.com', roles: ['integrator', 'superuser'] },
    ada: { email: 'ada@example.com', roles: ['admin'] },
    nora: { email: 'Nora@Example.com', roles: undefined },
  });
  app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'http', vault: new MemorySecretStore(), schedule: false, control: false });
  const signIn = await OidcSignIn.discover({ issuer: idp.issuer, clientId: TEAM_CLIENT.clientId, clientSecret: TEAM_CLIENT.clientSecret, redirectUri: `${origin}/auth/callback`, roleClaim: 'seatwise_roles' });
  const access = new TeamAccess({ signIn, publicUrl: new URL(origin), sessions: new MemorySessionStore(), rolesFor: (person, fromToken) => effectiveRoles(app.store.root, person, fromToken) });
  host = await startHost({ app, rendererDir, port, checkOutput: true, team: { access, listenHost: '127.0.0.1' } });
});

afterAll(async () => {
  await host?.close();
  await app?.close();
  await idp?.close();
  await rm(dir, { recursive: true, force: true });
});

async function signedIn(person: string): Promise<Browser> {
  idp.nextPerson = person;
  const browser = new Browser();
  const start = await browser.get(`${origin}/`);
  expect(start.status).toBe(302);
  expect(start.headers.get('location')).toBe('/auth/login');
  const { url } = await browser.follow(`${origin}/auth/login`, `${origin}/auth/callback`);
  const landed = await browser.follow(url);
  expect(landed.res?.status).toBe(200);
  expect(await landed.res?.text()).toContain('Seatwise');
  return browser;
}

describe('a team server', () => {
  it('signs people in through the company provider with a server-side session cookie', async () => {
    const browser = await signedIn('ina');
    const session = browser.setCookieLines.find((l) => l.startsWith('seatwise_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    // Served over plain http here; over https the cookie is __Host- and Secure (unit-checked below).
    expect(session).not.toMatch(/Secure/);
    expect(host.url).toBe(`${origin}/`);
    expect((await browser.call(origin, 'app:info', {})).body.ok).toBe(true);
  });

  it('refuses what a role does not allow with 403, and nothing happens', async () => {
    const ina = await signedIn('ina');
    const created = await ina.call(origin, 'profiles:create', { name: 'Asana', vendor: 'asana', connection: { baseUrl: 'https://app.asana.com', grantType: 'token' } });
    expect(created.status).toBe(200);
    const profileId = (created.body.value as { id: string }).id;
    const auditBefore = await app.service['audit:list']({});

    const vera = await signedIn('vera');
    const reclaim = await vera.call(origin, 'reclaim:run', { profileId, approved: true });
    expect(reclaim.status).toBe(403);
    expect(reclaim.body.error).toMatchObject({ code: 'forbidden', message: 'reclaim:run needs the approver role; vera@example.com has viewer.' });
    expect((await vera.call(origin, 'profiles:list', {})).status).toBe(200);

    const abe = await signedIn('abe');
    const remove = await abe.call(origin, 'profiles:remove', { profileId });
    expect(remove.status).toBe(403);
    expect((await app.service['profiles:list']({})).map((p) => p.id)).toEqual([profileId]);
    expect(await app.service['audit:list']({})).toEqual(auditBefore);
    // The integrator's unknown "superuser" is no role: not an admin.
    expect((await ina.call(origin, 'settings:update', { keepRunningInTray: false })).status).toBe(403);
  });

  it('gives roles in Settings: an admin only, applied at the next call, audited with both lists', async () => {
    const nora = await signedIn('nora');
    expect((await nora.call(origin, 'app:info', {})).body.value).toMatchObject({ signedIn: { person: 'Nora@Example.com', roles: [] } });
    const refused = await nora.call(origin, 'exclusions:add', { kind: 'user', pattern: 'cfo@example.com', reason: 'Keeps every seat' });
    expect(refused.status).toBe(403);

    // Only an admin gives roles: an integrator may not, and cannot even read who holds what.
    const ina = await signedIn('ina');
    expect((await ina.call(origin, 'roles:set', { person: 'nora@example.com', roles: ['admin'] })).status).toBe(403);
    expect((await ina.call(origin, 'roles:list', {})).status).toBe(403);

    const ada = await signedIn('ada');
    const given = await ada.call(origin, 'roles:set', { person: ' NORA@example.com ', roles: ['integrator', 'approver'] });
    expect(given.status).toBe(200);
    expect(given.body.value).toEqual([{ person: 'nora@example.com', roles: ['approver', 'integrator'], assignedBy: 'ada@example.com', assignedAt: expect.any(String) }]);

    // The same session, not signed in again: the roles hold from the next call.
    expect((await nora.call(origin, 'app:info', {})).body.value).toMatchObject({ signedIn: { roles: ['approver', 'integrator'] } });
    const added = await nora.call(origin, 'exclusions:add', { kind: 'user', pattern: 'cfo@example.com', reason: 'Keeps every seat' });
    expect(added.status).toBe(200);
    expect((await nora.call(origin, 'settings:update', { keepRunningInTray: false })).status).toBe(403);

    // Taken away: refused again at once.
    expect((await ada.call(origin, 'roles:set', { person: 'nora@example.com', roles: [] })).body.value).toEqual([]);
    expect((await nora.call(origin, 'exclusions:remove', { id: (added.body.value as { id: string }).id })).status).toBe(403);
    expect((await app.service['exclusions:list']({})).map((e) => e.pattern)).toContain('cfo@example.com');

    // Newest first.
    const changes = (await app.service['audit:list']({})).filter((e) => e.action === 'roles.changed');
    expect(changes.map((e) => [e.actor, e.target, e.before, e.after])).toEqual([
      ['ada@example.com', 'nora@example.com', { roles: ['approver', 'integrator'] }, { roles: [] }],
      ['ada@example.com', 'nora@example.com', { roles: [] }, { roles: ['approver', 'integrator'] }],
    ]);

    // A person is one email or subject: a line break is refused, and nothing is saved.
    const forged = await ada.call(origin, 'roles:set', { person: 'eve@example.com\nadmin', roles: ['admin'] });
    expect(forged.body.error).toMatchObject({ code: 'invalid_input', message: 'person: A person is one email or subject, with no spaces or line breaks.' });
    expect((await ada.call(origin, 'roles:list', {})).body.value).toEqual([]);
  });

  it('an admin given the role in Settings cannot take it from themselves', async () => {
    const ada = await signedIn('ada');
    await ada.call(origin, 'roles:set', { person: 'ada@example.com', roles: ['admin'] });
    const self = await ada.call(origin, 'roles:set', { person: 'ada@example.com', roles: [] });
    expect(self.body.error?.message).toBe('You cannot take the admin role from yourself: another admin can.');
    expect((await ada.call(origin, 'roles:list', {})).body.value).toMatchObject([{ person: 'ada@example.com', roles: ['admin'] }]);
  });

  it('names the signed-in person in the audit, not the server account', async () => {
    const ina = await signedIn('ina');
    const added = await ina.call(origin, 'exclusions:add', { kind: 'user', pattern: 'ceo@example.com', reason: 'Keeps every seat' });
    expect(added.status).toBe(200);
    const events = await app.service['audit:list']({});
    const created = events.find((e) => e.action === 'exclusion.added');
    expect(created?.actor).toBe('ina@example.com');
  });

  it('refuses a call without a session, a forged callback and a replayed one', async () => {
    const anonymous = new Browser();
    const call = await anonymous.call(origin, 'profiles:list', {});
    expect(call.status).toBe(401);

    const forged = await anonymous.get(`${origin}/auth/callback?code=stolen&state=guess`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('not started here');

    idp.nextPerson = 'vera';
    const browser = new Browser();
    const { url } = await browser.follow(`${origin}/auth/login`, `${origin}/auth/callback`);
    const pendingCookie = browser.cookies.get('seatwise_signin')!;
    expect((await browser.get(url)).status).toBe(303);
    // The same answer again, with the same sign-in cookie: used once, gone.
    const replay = new Browser();
    replay.cookies.set('seatwise_signin', pendingCookie);
    expect((await replay.get(url)).status).toBe(400);
    expect(replay.cookies.has('seatwise_session')).toBe(false);
  });

  it('accepts only its public origin', async () => {
    const res = await fetch(`${origin}/rpc/profiles:list`, { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example' }, body: '{}' });
    expect(res.status).toBe(403);
  });

  it('logs out: the session is gone on the server, not only in the browser', async () => {
    const vera = await signedIn('vera');
    const value = vera.cookies.get('seatwise_session')!;
    const out = await fetch(`${origin}/auth/logout`, { method: 'POST', headers: { origin, cookie: `seatwise_session=${value}` } });
    expect(out.status).toBe(204);
    const again = new Browser();
    again.cookies.set('seatwise_session', value);
    expect((await again.call(origin, 'profiles:list', {})).status).toBe(401);
  });
});

describe('the session cookie over https', () => {
  it('is __Host- prefixed and Secure', () => {
    const access = new TeamAccess({ signIn: {} as OidcSignIn, publicUrl: new URL('https://seatwise.example.com'), sessions: new MemorySessionStore() });
    expect(access.cookieName).toBe('__Host-seatwise_session');
    expect(access.secure).toBe(true);
  });
});
