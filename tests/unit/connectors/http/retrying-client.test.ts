import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, ConnectorError, type HttpClientOptions } from '../../../../connectors/http/index.js';
import { bearerAuth } from '../../../helpers/bearer-auth.js';
import { recordingSleep, sendJson, startTestServer, type Handler, type TestServer } from './test-server.js';

const asanaMessage = (body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return undefined;
  const first: unknown = body.errors[0];
  return typeof first === 'object' && first !== null && 'message' in first && typeof first.message === 'string'
    ? first.message
    : undefined;
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, options: Partial<HttpClientOptions> = {}) {
  server = await startTestServer(handler);
  const { sleeps, sleep } = recordingSleep();
  const client = createHttpClient({
    baseUrl: server.url,
    vendorName: 'Asana',
    sleep,
    random: () => 0.5,
    errorMessage: asanaMessage,
    policy: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 5000 },
    ...options,
  });
  return { client, sleeps, server };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ConnectorError);
    return err as ConnectorError;
  }
  throw new Error('expected the request to fail');
}

describe('createHttpClient', () => {
  it('joins paths and query to the base URL and returns parsed JSON', async () => {
    const { client, server } = await setup((_req, res) => sendJson(res, 200, { data: [1, 2] }));
    const res = await client.request<{ data: number[] }>({ url: '/users/me', query: { limit: 2, skip: undefined } });
    expect(res.body.data).toEqual([1, 2]);
    expect(server.requests[0]?.url).toBe('/api/1.0/users/me?limit=2');
    expect(client.requestCount).toBe(1);
  });

  it('sends JSON and form bodies', async () => {
    const { client, server } = await setup((_req, res) => sendJson(res, 200, { data: {} }));
    await client.request({ method: 'POST', url: 'x', body: { data: { user: '1' } } });
    await client.request({ method: 'POST', url: 'y', form: { grant_type: 'refresh_token' } });
    expect(server.requests.map((r) => r.body)).toEqual(['{"data":{"user":"1"}}', 'grant_type=refresh_token']);
  });

  it('retries a 429 after the Retry-After seconds', async () => {
    let calls = 0;
    const { client, sleeps } = await setup((_req, res) => {
      calls += 1;
      if (calls <= 2) sendJson(res, 429, { errors: [{ message: 'Too many requests' }] }, { 'retry-after': '2' });
      else sendJson(res, 200, { data: 'ok' });
    });
    const res = await client.request<{ data: string }>({ url: '/users/me' });
    expect(res.body.data).toBe('ok');
    expect(client.requestCount).toBe(3);
    expect(sleeps).toHaveLength(2);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThanOrEqual(2000);
      expect(ms).toBeLessThanOrEqual(2000 + 1000);
    }
  });

  it('honours Retry-After given as an HTTP date and X-RateLimit-Reset seconds', async () => {
    let calls = 0;
    const { client, sleeps } = await setup((_req, res) => {
      calls += 1;
      if (calls === 1) sendJson(res, 429, {}, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() });
      else if (calls === 2) sendJson(res, 429, {}, { 'x-ratelimit-reset': '7' });
      else sendJson(res, 200, {});
    });
    await client.request({ url: '/x' });
    expect(sleeps[0]).toBeGreaterThan(50_000);
    expect(sleeps[0]).toBeLessThan(62_000);
    expect(sleeps[1]).toBeGreaterThanOrEqual(7000);
    expect(sleeps[1]).toBeLessThan(8100);
  });

  it('fails with rate_limited when the vendor asks for a longer wait than the policy allows', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 429, {}, { 'retry-after': '3600' }), {
      policy: { maxRetryAfterMs: 60_000 },
    });
    const err = await failure(client.request({ url: '/workspaces/1/workspace_memberships' }));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toContain('Asana');
    expect(err.message).toContain('GET /workspaces/1/workspace_memberships');
    expect(client.requestCount).toBe(1);
  });

  it('backs off with full jitter on 5xx and then succeeds', async () => {
    let calls = 0;
    const { client, sleeps } = await setup((_req, res) => {
      calls += 1;
      if (calls <= 2) sendJson(res, calls === 1 ? 500 : 503, { errors: [{ message: 'Server Error', phrase: 'x' }] });
      else sendJson(res, 200, { data: 'ok' });
    });
    const res = await client.request<{ data: string }>({ url: '/users/me' });
    expect(res.body.data).toBe('ok');
    // random() = 0.5 of an exponential ceiling: 0.5 x 100, 0.5 x 200.
    expect(sleeps).toEqual([50, 100]);
    expect(client.requestCount).toBe(3);
  });

  it('gives up on 5xx after maxAttempts with a clear error that leaks no query or token', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 500, { errors: [{ message: 'Server Error' }] }), {
      auth: bearerAuth('sekret-token-123'),
    });
    const err = await failure(
      client.request({ url: '/workspaces/42/workspace_memberships', query: { offset: 'abc', user: 'zoe@example.com' } }),
    );
    expect(err.code).toBe('server');
    expect(err.status).toBe(500);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('Asana');
    expect(err.message).toContain('GET /workspaces/42/workspace_memberships');
    expect(err.message).toContain('Server Error');
    expect(err.message).toContain('4 attempts');
    expect(err.message).not.toContain('?');
    expect(err.message).not.toContain('zoe@example.com');
    expect(err.message).not.toContain('sekret');
    expect(client.requestCount).toBe(4);
  });

  it('times out an attempt that never answers, retries, then fails with timeout', async () => {
    const { client, server } = await setup(() => undefined, { policy: { timeoutMs: 150, maxAttempts: 2 } });
    const err = await failure(client.request({ url: '/users/me' }));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('GET /users/me');
    expect(server.requests).toHaveLength(2);
  });

  it('refreshes credentials once on 401 and retries with the new token', async () => {
    const auth = bearerAuth('old', { refreshTo: 'new' });
    const { client, server } = await setup(
      (req, res) =>
        req.headers.authorization === 'Bearer new'
          ? sendJson(res, 200, { data: 'me' })
          : sendJson(res, 401, { errors: [{ message: 'Not Authorized' }] }),
      { auth },
    );
    const res = await client.request<{ data: string }>({ url: '/users/me' });
    expect(res.body.data).toBe('me');
    expect(auth.refreshes).toBe(1);
    expect(server.requests.map((r) => r.authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('fails with unauthorized and the vendor message when refresh does not help', async () => {
    const auth = bearerAuth('wrong-token', { refreshTo: 'still-wrong' });
    const { client } = await setup((_req, res) => sendJson(res, 401, { errors: [{ message: 'Not Authorized' }] }), {
      auth,
    });
    const err = await failure(client.request({ url: '/users/me' }));
    expect(err.code).toBe('unauthorized');
    expect(err.message).toContain('Not Authorized');
    expect(err.message).not.toContain('wrong');
    expect(auth.refreshes).toBe(1);
    expect(client.requestCount).toBe(2);
  });

  it('maps 400, 403 and 404 to clear errors carrying the vendor message, without retrying', async () => {
    const statuses = [400, 403, 404];
    let i = 0;
    const { client } = await setup((_req, res) => {
      const status = statuses[i++] ?? 500;
      sendJson(res, status, { errors: [{ message: `vendor says ${status}` }] });
    });
    const codes: string[] = [];
    for (const status of statuses) {
      const err = await failure(client.request({ url: '/things' }));
      codes.push(err.code);
      expect(err.message).toContain(`vendor says ${status}`);
      expect(err.status).toBe(status);
    }
    expect(codes).toEqual(['bad_request', 'forbidden', 'not_found']);
    expect(client.requestCount).toBe(3);
  });

  it('hands acceptStatus responses back to the caller with the parsed body', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 402, { errors: [{ message: 'premium only' }] }));
    const res = await client.request({ url: '/audit', acceptStatus: [402, 403] });
    expect(res.status).toBe(402);
    expect(asanaMessage(res.body)).toBe('premium only');
  });

  it('lets classify turn a vendor-specific body into its own error first', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]), {
      classify: (status, body) =>
        status === 403 && JSON.stringify(body).includes('REQUEST_LIMIT_EXCEEDED')
          ? new ConnectorError('limit_exceeded', 'Daily API limit reached')
          : undefined,
    });
    const err = await failure(client.request({ url: '/query' }));
    expect(err.code).toBe('limit_exceeded');
    expect(client.requestCount).toBe(1);
  });

  it('fails with malformed when a 2xx page is not JSON', async () => {
    let calls = 0;
    const { client } = await setup((_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Maintenance</body></html>');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data": [1, 2');
      }
    });
    for (let n = 0; n < 2; n++) {
      const err = await failure(client.request({ url: '/workspaces/1/workspace_memberships', query: { offset: 'x' } }));
      expect(err.code).toBe('malformed');
      expect(err.message).toBe('Asana returned a page that is not JSON (GET /workspaces/1/workspace_memberships).');
    }
  });

  it('accepts an empty 2xx body', async () => {
    const { client } = await setup((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const res = await client.request({ method: 'DELETE', url: '/m/1' });
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
  });

  it('fails with network naming the host when nothing listens', async () => {
    const probe = await startTestServer(() => undefined);
    const deadUrl = probe.url;
    await probe.close();
    const { sleeps, sleep } = recordingSleep();
    const client = createHttpClient({ baseUrl: deadUrl, vendorName: 'Asana', sleep, random: () => 0.5, policy: { maxAttempts: 3 } });
    const err = await failure(client.request({ url: '/users/me' }));
    expect(err.code).toBe('network');
    expect(err.message).toContain('Could not reach Asana at 127.0.0.1');
    expect(err.message).toContain('connection refused');
    expect(err.message).toContain('GET /users/me');
    expect(sleeps).toHaveLength(2);
    expect(client.requestCount).toBe(3);
  });

  it('reports an invalid base URL as a config error', async () => {
    const client = createHttpClient({ baseUrl: 'app.asana.com', vendorName: 'Asana' });
    const err = await failure(client.request({ url: '/users/me' }));
    expect(err.code).toBe('config');
  });

  it('fails with cancelled when the run is cancelled', async () => {
    const controller = new AbortController();
    const { client } = await setup(
      () => {
        // Never answer: only the cancellation can end this request.
        controller.abort();
      },
      { signal: controller.signal },
    );
    const err = await failure(client.request({ url: '/users/me' }));
    expect(err.code).toBe('cancelled');
    const again = await failure(client.request({ url: '/users/me' }));
    expect(again.code).toBe('cancelled');
  });

  it('never has more requests in flight than the concurrency bound', async () => {
    const bound = 3;
    const held: Array<() => void> = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const { client } = await setup(
      (_req, res) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        held.push(() => {
          inFlight -= 1;
          sendJson(res, 200, { ok: true });
        });
        // Release only when the bound is reached: if the client let more through, the
        // server would see them before releasing and maxInFlight would exceed the bound.
        if (held.length === bound) held.splice(0).forEach((release) => release());
      },
      { concurrency: bound },
    );
    const results = await Promise.all(Array.from({ length: bound * 4 }, (_, i) => client.request({ url: `/r/${i}` })));
    expect(results).toHaveLength(bound * 4);
    expect(maxInFlight).toBe(bound);
    expect(client.requestCount).toBe(bound * 4);
  });
});
