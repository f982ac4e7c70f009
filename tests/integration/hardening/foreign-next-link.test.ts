/**
 * A vendor that answers with a next-page link (a Link header, or a cursor that is a URL) to
 * another origin, or from https down to http: the sync fails with a message naming where
 * the link pointed, the listener there never sees a request (so never the credential), and
 * the snapshot of the previous good sync is the one on disk. A real app over the REST app
 * simulator, whose `nextLinkOrigin` knob turns hostile after the first sync.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRestAppSimulator, type RestAppSimulatorHandle } from '../../../connectors/custom/simulator/index.js';
import { CURSOR_PAGING, customApp, LINK_PAGING, NOW, type HardeningApp, type Pagination } from './harness.js';

const TOKEN = 'next-link-token-2b8d4f6a0c';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Seen {
  url: string;
  authorization: string | undefined;
}

/** A plain http listener that records what reaches it, answering like a page with no users. */
async function listener(): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createHttpServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"meta":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => closeServer(server));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function closeServer(server: Server | NetServer): Promise<void> {
  return new Promise((resolve) => {
    if ('closeAllConnections' in server) server.closeAllConnections();
    server.close(() => resolve());
  });
}

async function simulator(): Promise<RestAppSimulatorHandle> {
  const sim = await startRestAppSimulator({ token: TOKEN, seed: 99, users: 35, now: NOW });
  cleanups.push(() => sim.close());
  return sim;
}

async function app(baseUrl: string, pagination: Pagination): Promise<HardeningApp> {
  const h = await customApp({ baseUrl, token: TOKEN, pagination });
  cleanups.push(() => h.close());
  return h;
}

/** Sync once (good), turn the links hostile, sync again: what the second sync left behind. */
async function goodThenHostile(h: HardeningApp, sim: RestAppSimulatorHandle, hostileOrigin: string) {
  const good = await h.app.sync.run(h.profileId, 'manual');
  expect(good.error).toBeUndefined();
  expect(good.state).toBe('succeeded');
  const before = await h.app.store.snapshot(h.profileId);
  expect(before?.subscriptions).toHaveLength(35);

  sim.knobs.nextLinkOrigin = hostileOrigin;
  const bad = await h.app.sync.run(h.profileId, 'manual');
  const after = await h.app.store.snapshot(h.profileId);
  return { good, bad, before, after };
}

describe('a next-page link to another origin', () => {
  it.each([
    ['Link header', LINK_PAGING],
    ['cursor URL', CURSOR_PAGING],
  ] as const)('(%s) fails the sync, naming the origin; the listener sees nothing; the previous snapshot stays', async (_style, pagination) => {
    const sim = await simulator();
    const thief = await listener();
    const h = await app(sim.url, pagination);
    const { good, bad, before, after } = await goodThenHostile(h, sim, thief.origin);

    expect(bad.state).toBe('failed');
    expect(bad.error).toContain(thief.origin);
    expect(bad.error).toContain(sim.origin);
    expect(bad.error).toMatch(/sends credentials only to the address in the connection settings/);
    expect(bad.error).not.toContain(TOKEN);
    expect(thief.seen).toEqual([]);
    expect(after?.jobId).toBe(good.id);
    expect(after?.subscriptions).toEqual(before?.subscriptions);
  });
});

/** A self-signed certificate for 127.0.0.1, made for this run; undefined without openssl. */
function selfSignedCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'seatwise-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One port, two schemes: TLS connections go to an https proxy in front of the simulator,
 * plain ones to a recorder. So `https://127.0.0.1:P` is the vendor and `http://127.0.0.1:P`
 * its plain-http twin on the very same host and port.
 */
async function httpsFront(sim: RestAppSimulatorHandle, tls: { key: string; cert: string }): Promise<{ port: number; plainSeen: Seen[] }> {
  const upstream = new URL(sim.origin);
  const proxy = createHttpsServer(tls, (req: IncomingMessage, res: ServerResponse) => {
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  const plainSeen: Seen[] = [];
  const plain = createHttpServer((req, res) => {
    plainSeen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[],"meta":{}}');
  });
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      // 0x16: a TLS handshake record.
      (first[0] === 0x16 ? proxy : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    // Kept-alive connections would hold the close open until they time out.
    for (const socket of sockets) socket.destroy();
    await closeServer(front);
  });
  return { port: (front.address() as AddressInfo).port, plainSeen };
}

const tls = selfSignedCertificate();

describe('a next-page link from https down to http', () => {
  it.skipIf(!tls)('fails the sync, saying so; the http twin sees nothing; the previous snapshot stays', async () => {
    // The certificate is this run's own: accept it for this test only.
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    cleanups.push(() => {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    });
    const sim = await simulator();
    const front = await httpsFront(sim, tls!);
    const secure = `https://127.0.0.1:${front.port}`;
    // The simulator's own links name its http origin; through the front they name the front.
    sim.knobs.nextLinkOrigin = secure;
    const h = await app(`${secure}/api/v1`, LINK_PAGING);
    const downgraded = `http://127.0.0.1:${front.port}`;
    const { good, bad, before, after } = await goodThenHostile(h, sim, downgraded);

    expect(bad.state).toBe('failed');
    expect(bad.error).toContain(downgraded);
    expect(bad.error).toMatch(/plain http/);
    expect(bad.error).not.toContain(TOKEN);
    expect(front.plainSeen).toEqual([]);
    expect(after?.jobId).toBe(good.id);
    expect(after?.subscriptions).toEqual(before?.subscriptions);
  });
});
