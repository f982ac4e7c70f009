/**
 * The credential goes only to the connection's own origin: a URL or a redirect to another
 * origin, or from https down to http, is refused before anything is sent there. Two real
 * servers on 127.0.0.1 (two origins: two ports); the https case through an injected fetch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, ConnectorError, type HttpClientOptions } from '../../../../connectors/http/index.js';
import { idRecordSchema, QUERY_PATH } from '../../../../connectors/salesforce/api.js';
import { soqlPages } from '../../../../connectors/salesforce/query.js';
import { bearerAuth } from '../../../helpers/bearer-auth.js';
import { recordingSleep, sendJson, startTestServer, type Handler, type TestServer } from './test-server.js';

const TOKEN = 'origin-test-token-7f3a9c1e5b';
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(handler: Handler): Promise<TestServer> {
  const s = await startTestServer(handler);
  servers.push(s);
  return s;
}

const originOf = (s: TestServer): string => new URL(s.url).origin;

function client(baseUrl: string, options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    baseUrl,
    vendorName: 'Custom app',
    auth: bearerAuth(TOKEN),
    sleep: recordingSleep().sleep,
    random: () => 0.5,
    policy: { maxAttempts: 2, timeoutMs: 5000 },
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('the HTTP client keeps the credential on the connection origin', () => {
  it('refuses an absolute next link to another origin, naming it, and sends it nothing', async () => {
    const thief = await server((_req, res) => sendJson(res, 200, { data: [] }));
    const vendor = await server((_req, res) => sendJson(res, 200, { data: [] }));
    const http = client(vendor.url);
    await http.request({ url: '/users' });
    const error = await failure(http.request({ url: `${originOf(thief)}/steal?page=2` }));
    expect(error.code).toBe('foreign_origin');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(originOf(thief));
    expect(error.message).toContain(originOf(vendor));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain('page=2');
    expect(thief.requests).toEqual([]);
    expect(vendor.requests.map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);
  });

  it('treats another port, scheme or host as another origin, and the same origin under another path as home', async () => {
    const vendor = await server((_req, res) => sendJson(res, 200, { data: [] }));
    const http = client(vendor.url);
    const { port } = new URL(vendor.url);
    await expect(http.request({ url: `http://127.0.0.1:${port}/elsewhere/users` })).resolves.toMatchObject({ status: 200 });
    await expect(http.request({ url: `HTTP://127.0.0.1:${port}/x` })).resolves.toMatchObject({ status: 200 });
    for (const url of [`http://localhost:${port}/x`, `https://127.0.0.1:${port}/x`, `http://127.0.0.1:${Number(port) + 1}/x`]) {
      expect((await failure(http.request({ url }))).code, url).toBe('foreign_origin');
    }
    expect(vendor.requests).toHaveLength(2);
  });

  it('holds for a connector that follows the link itself: a Salesforce nextRecordsUrl on another origin', async () => {
    const thief = await server((_req, res) => sendJson(res, 200, { totalSize: 2, done: true, records: [] }));
    const vendor = await server((_req, res) =>
      sendJson(res, 200, { totalSize: 2, done: false, nextRecordsUrl: `${originOf(thief)}${QUERY_PATH}/01gXX-1`, records: [{ Id: '005A' }] }),
    );
    const pages = soqlPages({ http: client(originOf(vendor), { vendorName: 'Salesforce' }), soql: 'SELECT Id FROM User', item: idRecordSchema, what: 'users' });
    const first = await pages.next();
    expect(first.value).toMatchObject({ records: [{ Id: '005A' }] });
    const error = await failure(pages.next());
    expect(error.code).toBe('foreign_origin');
    expect(error.message).toContain(`Salesforce sent Seatwise to ${originOf(thief)}`);
    expect(thief.requests).toEqual([]);
  });

  it('refuses a link from https down to http on the same host, before fetching it', async () => {
    const fetched: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      fetched.push(String(input));
      return new Response(JSON.stringify({ data: [] }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const http = client('https://vendor.example/api/v1', { fetch: fakeFetch });
    await http.request({ url: '/users' });
    const error = await failure(http.request({ url: 'http://vendor.example/api/v1/users?page=2' }));
    expect(error.code).toBe('foreign_origin');
    expect(error.message).toContain('http://vendor.example');
    expect(error.message).toMatch(/plain http/);
    expect(fetched).toEqual(['https://vendor.example/api/v1/users']);
  });

  it('refuses a redirect to another origin: the other origin never sees the Authorization header', async () => {
    const thief = await server((_req, res) => sendJson(res, 200, { data: [] }));
    const vendor = await server((_req, res) => {
      res.writeHead(302, { location: `${originOf(thief)}/collect` });
      res.end();
    });
    const error = await failure(client(vendor.url).request({ url: '/users' }));
    expect(error.code).toBe('foreign_origin');
    expect(error.message).toMatch(/redirected GET \/users to/);
    expect(error.message).toContain(originOf(thief));
    expect(thief.requests).toEqual([]);
    expect(vendor.requests).toHaveLength(1);
  });

  it('follows a redirect within the origin with the credential; 303 turns a POST into a GET', async () => {
    const vendor = await server((req, res) => {
      if (req.url === '/api/1.0/old') {
        res.writeHead(307, { location: '/api/1.0/new' });
        res.end();
      } else if (req.url === '/api/1.0/submit') {
        res.writeHead(303, { location: '/api/1.0/result' });
        res.end();
      } else sendJson(res, 200, { at: req.url, method: req.method });
    });
    const http = client(vendor.url);
    expect((await http.request({ url: '/old' })).body).toEqual({ at: '/api/1.0/new', method: 'GET' });
    expect((await http.request({ method: 'POST', url: '/submit', body: { a: 1 } })).body).toEqual({ at: '/api/1.0/result', method: 'GET' });
    expect(vendor.requests.map((r) => [r.method, r.url, r.authorization, r.body])).toEqual([
      ['GET', '/api/1.0/old', `Bearer ${TOKEN}`, ''],
      ['GET', '/api/1.0/new', `Bearer ${TOKEN}`, ''],
      ['POST', '/api/1.0/submit', `Bearer ${TOKEN}`, '{"a":1}'],
      ['GET', '/api/1.0/result', `Bearer ${TOKEN}`, ''],
    ]);
  });

  it('stops a redirect loop within the origin', async () => {
    const vendor = await server((_req, res) => {
      res.writeHead(302, { location: '/api/1.0/again' });
      res.end();
    });
    const error = await failure(client(vendor.url).request({ url: '/users' }));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(/redirected GET \/users more than 5 times/);
    expect(vendor.requests).toHaveLength(6);
  });

  it('sends nothing at all when the connection URL is not an http(s) URL', async () => {
    const thief = await server((_req, res) => sendJson(res, 200, {}));
    const error = await failure(client('not a url').request({ url: `${thief.url}/users` }));
    expect(error.code).toBe('config');
    expect(thief.requests).toEqual([]);
  });
});
