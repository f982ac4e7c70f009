import { afterEach, describe, expect, it } from 'vitest';
import {
  FakeClock,
  hasBearer,
  json,
  Router,
  SimError,
  startSimulator,
  type SimulatorHandle,
} from '../../../../connectors/simulator-kit/index.js';

let sim: SimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const errorBody = (_status: number, message: string) => ({ errors: [{ message }] });

async function start(clock?: FakeClock) {
  const router = new Router()
    .get('/api/things/:id', (req) => json(200, { data: { id: req.params.id, q: req.query.get('q') } }))
    .post('/api/echo', (req) => json(200, { data: req.body }))
    .get('/api/fail', () => {
      throw new SimError(400, 'limit: Value 500 is not in range');
    })
    .get('/open', () => json(200, { open: true }), { public: true });
  sim = await startSimulator({
    name: 'Test',
    router,
    basePath: '/api',
    errorBody,
    clock: clock?.now,
    guard: (req) => (hasBearer(req, 'tok') ? undefined : json(401, errorBody(401, 'Not Authorized'))),
  });
  return sim;
}

const auth = { authorization: 'Bearer tok' };

describe('simulator kit server', () => {
  it('routes with params, parses JSON bodies, and renders SimError in the vendor shape', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const a = await fetch(`${s.url}/things/a%20b?q=1`, { headers: auth });
    expect(await a.json()).toEqual({ data: { id: 'a b', q: '1' } });
    const b = await fetch(`${s.url}/echo`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"x":1}' });
    expect(await b.json()).toEqual({ data: { x: 1 } });
    const c = await fetch(`${s.url}/fail`, { headers: auth });
    expect(c.status).toBe(400);
    expect(await c.json()).toEqual({ errors: [{ message: 'limit: Value 500 is not in range' }] });
    const d = await fetch(`${s.url}/nope`, { headers: auth });
    expect(d.status).toBe(404);
  });

  it('runs the guard except on public routes', async () => {
    const s = await start();
    const denied = await fetch(`${s.url}/things/1`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ errors: [{ message: 'Not Authorized' }] });
    expect((await fetch(`${s.origin}/open`)).status).toBe(200);
  });

  it('rate limits per window with Retry-After, and lets requests through once the window passes', async () => {
    const clock = new FakeClock(1_000_000);
    const s = await start(clock);
    s.knobs.rateLimit = { limit: 2, windowMs: 60_000, headers: 'both' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${s.url}/things/1`, { headers: auth })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await fetch(`${s.url}/things/1`, { headers: auth });
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await limited.json()).toEqual({ errors: [{ message: expect.stringContaining('too many requests') }] });
    clock.advance(60_000);
    expect((await fetch(`${s.url}/things/1`, { headers: auth })).status).toBe(200);
    expect(s.stats.rateLimited).toBe(2);
    expect(s.stats.served).toBe(3);
    expect(s.stats.requests).toBe(5);
  });

  it('fails every Nth request with 500 and answers a chosen page with non-JSON', async () => {
    const s = await start();
    s.knobs.failEveryNth = 2;
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${s.url}/things/1`, { headers: auth })).status);
    expect(statuses).toEqual([200, 500, 200, 500]);
    expect(s.stats.serverErrors).toBe(2);

    s.knobs.failEveryNth = 0;
    s.knobs.malformedPage = (req) => req.params.id === 'bad';
    const bad = await fetch(`${s.url}/things/bad`, { headers: auth });
    expect(bad.status).toBe(200);
    expect(bad.headers.get('content-type')).toContain('text/html');
    expect((await bad.text()).startsWith('<!DOCTYPE html>')).toBe(true);
    expect((await fetch(`${s.url}/things/good`, { headers: auth })).status).toBe(200);
    expect(s.stats.malformed).toBe(1);
  });

  it('seeds errorRate so the same seed gives the same storm', async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const s = await start();
      s.knobs.errorRate = 0.5;
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await fetch(`${s.url}/things/1`, { headers: auth })).status);
      runs.push(statuses);
      await s.close();
      sim = undefined;
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain(500);
    expect(runs[0]).toContain(200);
  });

  it('adds latency before answering', async () => {
    const s = await start();
    s.knobs.latencyMs = 30;
    const res = await fetch(`${s.url}/things/1`, { headers: auth });
    expect(res.status).toBe(200);
  });
});
