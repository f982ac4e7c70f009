/**
 * The browser host over real sockets: every guard (token, cookie, Host, Origin, size, JSON),
 * the RPC mapping, the event stream and the static files. The service is a small real
 * object implementing a few contract methods, so these tests do not depend on the store.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatwiseService } from '../../../preload/contract.js';
import { AppError } from '../../../main/errors.js';
import { EventBus, type EventListener } from '../../../main/events/bus.js';
import { startHost, type HostHandle } from '../../../main/host/index.js';
import { openEventStream, request, rpc } from './http-client.js';

/** Counts live subscriptions, to see that a closed stream unsubscribes. */
class CountingBus extends EventBus {
  active = 0;
  override on(listener: EventListener): () => void {
    const off = super.on(listener);
    this.active++;
    let done = false;
    return () => {
      if (!done) this.active--;
      done = true;
      off();
    };
  }
}

function testService(): SeatwiseService {
  const partial: Partial<SeatwiseService> = {
    'app:info': async () => ({ version: '9.9.9-test', dataDir: '/tmp/seatwise-test', transport: 'http', demo: false, platform: process.platform, signedIn: null }),
    'profiles:list': async () => [],
    'profiles:get': async ({ profileId }) => {
      throw new AppError('not_found', `Profile ${profileId} was not found.`);
    },
    'sync:cancel': async () => {
      throw new Error('socket hang up calling https://api.example with Authorization: Bearer sk_live_abcdefghijklmnop');
    },
  };
  // Only these methods are called in this file; dispatch validates every input first.
  return partial as SeatwiseService;
}

const APP_SCRIPT = '<script type="module" crossorigin src="./assets/index-abc123.js"></script>';

let dir: string;
let rendererDir: string;
let host: HostHandle;
let bus: CountingBus;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-host-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), `<!doctype html><html><head><title>Seatwise</title>${APP_SCRIPT}</head><body><div id="root"></div></body></html>`);
  await writeFile(path.join(rendererDir, 'assets', 'index-abc123.js'), 'console.log("app");');
  await writeFile(path.join(rendererDir, 'host-bridge.js'), 'window.bridgeLoaded = true;');
  await writeFile(path.join(rendererDir, '.env'), 'SECRET=dotfile');
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
  await symlink(path.join(dir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  bus = new CountingBus();
  host = await startHost({ app: { service: testService(), events: bus }, rendererDir, heartbeatMs: 100 });
  auth = { Authorization: `Bearer ${host.token}` };
});

afterAll(async () => {
  await host?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('listening', () => {
  it('binds to 127.0.0.1 only and prints a URL carrying a strong token', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`${host.origin}/?token=${host.token}`);
    // 32 random bytes in base64url: 43 characters, 256 bits.
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: external.address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome).toBe('ECONNREFUSED');
    }
  });

  it('a second host gets its own port and token', async () => {
    const other = await startHost({ app: { service: testService(), events: new EventBus() }, rendererDir });
    try {
      expect(other.port).not.toBe(host.port);
      expect(other.token).not.toBe(host.token);
    } finally {
      await other.close();
    }
  });

  it('says plainly when the requested port is taken', async () => {
    await expect(startHost({ app: { service: testService(), events: new EventBus() }, rendererDir, port: host.port })).rejects.toThrow(
      `Port ${host.port} on 127.0.0.1 is already in use`,
    );
  });
});

describe('authentication', () => {
  it('answers 401 without a token, on every kind of path', async () => {
    const call = await rpc(host.port, 'app:info', {});
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const page = await request({ port: host.port, path: '/' });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('seatwise serve');
    expect(page.body).not.toContain('<script');

    expect((await request({ port: host.port, path: '/assets/index-abc123.js' })).status).toBe(401);
    expect((await request({ port: host.port, path: '/events' })).status).toBe(401);
  });

  it('answers 401 to a wrong token, in the header, the cookie or the link', async () => {
    expect((await rpc(host.port, 'app:info', {}, { Authorization: `Bearer ${host.token.slice(0, -1)}x` })).status).toBe(401);
    expect((await rpc(host.port, 'app:info', {}, { Authorization: 'Bearer ' })).status).toBe(401);
    expect((await rpc(host.port, 'app:info', {}, { Authorization: host.token })).status).toBe(401);
    expect((await rpc(host.port, 'app:info', {}, { Cookie: `seatwise_session_${host.port}=${host.token}` })).status).toBe(401);
    const link = await request({ port: host.port, path: '/?token=nope' });
    expect(link.status).toBe(401);
    expect(link.headers['set-cookie']).toBeUndefined();
  });

  it('trades the printed link for an HttpOnly SameSite=Strict cookie and drops the token from the URL', async () => {
    const link = await request({ port: host.port, path: `/?token=${host.token}` });
    expect(link.status).toBe(303);
    expect(link.headers.location).toBe('/');
    const setCookie = link.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(cookie.startsWith(`seatwise_session_${host.port}=`)).toBe(true);
    // The cookie is a session value of its own, not the token.
    expect(cookie).not.toContain(host.token);

    const page = await request({ port: host.port, path: '/', headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    // The bridge comes before the app's own script, so window.seatwise exists when it starts.
    expect(page.body).toContain(`<script src="/host-bridge.js"></script>${APP_SCRIPT}`);

    const call = await rpc(host.port, 'app:info', {}, { Cookie: `other=1; ${cookie}` });
    expect(call.status).toBe(200);
    expect(JSON.parse(call.body)).toMatchObject({ ok: true, value: { version: '9.9.9-test' } });

    const bridge = await request({ port: host.port, path: '/host-bridge.js', headers: { Cookie: cookie } });
    expect(bridge.status).toBe(200);
    expect(bridge.headers['content-type']).toContain('text/javascript');
  });
});

describe('Host and Origin checks', () => {
  it('refuses a Host that is not 127.0.0.1 or localhost on our port (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `127.0.0.1.nip.io:${host.port}`]) {
      const res = await rpc(host.port, 'app:info', {}, { ...auth, Host: hostHeader });
      expect(res.status, hostHeader).toBe(421);
      expect(res.body).not.toContain('9.9.9-test');
    }
    expect((await rpc(host.port, 'app:info', {}, { ...auth, Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('refuses another origin, even with the right token', async () => {
    for (const origin of ['https://evil.example', `http://localhost:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const res = await rpc(host.port, 'app:info', {}, { ...auth, Origin: origin });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await rpc(host.port, 'app:info', {}, { ...auth, Origin: host.origin })).status).toBe(200);
    const crossSite = await rpc(host.port, 'app:info', {}, { ...auth, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });
});

describe('POST /rpc/<method>', () => {
  it('answers a call with the method result', async () => {
    const res = await rpc(host.port, 'profiles:list', {}, auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: [] });
  });

  it('accepts a percent-encoded method name and an empty body', async () => {
    const res = await request({ port: host.port, method: 'POST', path: '/rpc/app%3Ainfo', headers: { ...auth, 'Content-Type': 'application/json; charset=utf-8' }, body: '' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
  });

  it('answers invalid input with invalid_input', async () => {
    const res = await rpc(host.port, 'profiles:get', { profileId: 42, extra: true }, auth);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', retryable: false } });
  });

  it('passes service errors through as codes, and never a stack or a secret', async () => {
    const notFound = JSON.parse((await rpc(host.port, 'profiles:get', { profileId: 'p-1' }, auth)).body);
    expect(notFound).toEqual({ ok: false, error: { code: 'not_found', message: 'Profile p-1 was not found.', retryable: false } });

    const internal = await rpc(host.port, 'sync:cancel', { profileId: 'p-1' }, auth);
    const body = JSON.parse(internal.body);
    expect(body).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(internal.body).not.toContain('sk_live_abcdefghijklmnop');
    expect(internal.body).not.toMatch(/\n\s+at /);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'retryable']);
  });

  it('answers an unknown method with 404', async () => {
    for (const name of ['nope:nothing', 'constructor', '__proto__', 'app%3Ainfo%00']) {
      const res = await rpc(host.port, name, {}, auth);
      expect(res.status, name).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await request({ port: host.port, method: 'POST', path: '/rpc/app:info', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"a":' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_json', retryable: false } });
  });

  it('requires a JSON content type and POST', async () => {
    const form = await request({ port: host.port, method: 'POST', path: '/rpc/app:info', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
    const get = await request({ port: host.port, path: '/rpc/app:info', headers: auth });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('answers a body over 1 MiB with 413, declared or streamed', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1024 * 1024) });
    const declared = await request({ port: host.port, method: 'POST', path: '/rpc/app:info', headers: { ...auth, 'Content-Type': 'application/json' }, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    const streamed = await request({ port: host.port, method: 'POST', path: '/rpc/app:info', headers: { ...auth, 'Content-Type': 'application/json' }, body: big, chunked: true });
    expect(streamed.status).toBe(413);
    // The host is still fine afterwards.
    expect((await rpc(host.port, 'app:info', {}, auth)).status).toBe(200);
  });
});

describe('GET /events', () => {
  it('streams every bus event as a server-sent event, with heartbeats, and unsubscribes on close', async () => {
    const before = bus.active;
    const stream = await openEventStream(host.port, auth);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toContain('text/event-stream');
    await stream.waitFor(': connected');
    expect(bus.active).toBe(before + 1);

    bus.emit('profiles:changed', { profileId: 'p-42' });
    await stream.waitFor('event: profiles:changed\ndata: {"profileId":"p-42"}\n\n');
    await stream.waitFor(': heartbeat');

    stream.close();
    await expect.poll(() => bus.active, { timeout: 2000 }).toBe(before);
    // Emitting with nobody listening is harmless.
    bus.emit('profiles:changed', {});
  });

  it('ends open streams when the host closes', async () => {
    const own = new CountingBus();
    const other = await startHost({ app: { service: testService(), events: own }, rendererDir });
    const stream = await openEventStream(other.port, { Authorization: `Bearer ${other.token}` });
    await stream.waitFor(': connected');
    const ended = new Promise<void>((resolve) => stream.res.once('close', () => resolve()));
    await other.close();
    await ended;
    expect(own.active).toBe(0);
    await expect(rpc(other.port, 'app:info', {}, { Authorization: `Bearer ${other.token}` })).rejects.toThrow();
  });
});

describe('static files', () => {
  it('serves the renderer with the security headers', async () => {
    const res = await request({ port: host.port, path: '/assets/index-abc123.js', headers: auth });
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log("app");');
    expect(res.headers['content-type']).toContain('text/javascript');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('puts the security headers on refusals and API answers too', async () => {
    for (const res of [await request({ port: host.port, path: '/' }), await rpc(host.port, 'app:info', {}, auth)]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses path traversal, encoded or not, dotfiles and symlinks leading out', async () => {
    for (const p of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/.env',
      '/%2eenv',
      '/assets/link.txt',
      '/assets/%00.js',
      '/C:%2fWindows%2fwin.ini',
    ]) {
      const res = await request({ port: host.port, path: p, headers: auth });
      expect([400, 403, 404], p).toContain(res.status);
      expect(res.body, p).not.toContain('TOP-SECRET-OUTSIDE');
      expect(res.body, p).not.toContain('SECRET=dotfile');
    }
  });

  it('serves index.html for client routes, 404 for missing files', async () => {
    const route = await request({ port: host.port, path: '/profiles', headers: auth });
    expect(route.status).toBe(200);
    expect(route.body).toContain('/host-bridge.js');
    expect((await request({ port: host.port, path: '/assets/missing.js', headers: auth })).status).toBe(404);
  });

  it('answers 405 to other verbs on pages', async () => {
    expect((await request({ port: host.port, method: 'DELETE', path: '/', headers: auth })).status).toBe(405);
  });
});
