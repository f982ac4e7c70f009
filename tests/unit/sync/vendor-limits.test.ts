/**
 * The shared per-account limiter on its own, over a stub fetch: which connections share an
 * account, the concurrency bound across them, the rate window, and a 429 pausing the account.
 * Lower bounds only (a request never starts early), never how fast anything ran.
 */
import { describe, expect, it } from 'vitest';
import { accountKey, AccountLimiter, VendorLimiters } from '../../../main/sync/vendor-limits.js';

interface Call {
  url: string;
  startedAt: number;
  finish: (response: Response) => void;
}

function stubFetch(): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const impl = ((input: RequestInfo | URL) =>
    new Promise<Response>((resolve) => {
      calls.push({ url: String(input), startedAt: Date.now(), finish: resolve });
    })) as typeof fetch;
  return { fetch: impl, calls };
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('vendor account limiter', () => {
  it('keys by vendor, API base URL and the options that name the account, not by how one signs in', () => {
    const base = { vendor: 'asana' as const, baseUrl: 'https://app.asana.com/api/1.0/' };
    expect(accountKey(base)).toBe(accountKey({ ...base, baseUrl: 'https://APP.asana.com/api/1.0', options: { tokenKind: 'service-account' } }));
    expect(accountKey(base)).not.toBe(accountKey({ ...base, options: { workspace: '123' } }));
    expect(accountKey(base)).not.toBe(accountKey({ ...base, vendor: 'calendly' }));
    expect(accountKey({ vendor: 'salesforce', baseUrl: 'https://a.my.salesforce.com' })).not.toBe(accountKey({ vendor: 'salesforce', baseUrl: 'https://b.my.salesforce.com' }));
    const limiters = new VendorLimiters();
    expect(limiters.forAccount(base, 4)).toBe(limiters.forAccount({ ...base, baseUrl: 'https://app.asana.com/api/1.0' }, 4));
  });

  it('bounds requests in flight across every connection to the account', async () => {
    const limiter = new AccountLimiter('k', { concurrency: 2 });
    const stub = stubFetch();
    const a = limiter.wrap(stub.fetch);
    const b = limiter.wrap(stub.fetch);
    const all = [a('u1'), b('u2'), a('u3'), b('u4')];
    await tick();
    expect(stub.calls.map((c) => c.url)).toEqual(['u1', 'u2']);
    stub.calls[0]!.finish(new Response('{}'));
    await tick();
    await tick();
    expect(stub.calls.map((c) => c.url)).toEqual(['u1', 'u2', 'u3']);
    for (const call of stub.calls.slice(1)) call.finish(new Response('{}'));
    await tick();
    await tick();
    stub.calls[3]!.finish(new Response('{}'));
    await Promise.all(all);
    expect(limiter.stats.maxInFlight).toBe(2);
  });

  it('starts no more than the rate allows in any window', async () => {
    const limiter = new AccountLimiter('k', { rate: { requests: 2, windowMs: 60 } });
    const stub = stubFetch();
    const wrapped = limiter.wrap(stub.fetch);
    // The limiter counts from when it admits a request, a moment before the stub sees it: the
    // third may start 60 ms after the first was admitted, which is no earlier than this.
    const before = Date.now();
    const all = [1, 2, 3].map((n) => wrapped(`u${n}`));
    await tick();
    expect(stub.calls).toHaveLength(2);
    for (const call of stub.calls) call.finish(new Response('{}'));
    while (stub.calls.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    stub.calls[2]!.finish(new Response('{}'));
    await Promise.all(all);
    expect(stub.calls[2]!.startedAt - before).toBeGreaterThanOrEqual(60);
  });

  it('a 429 pauses the whole account until its Retry-After, whoever sent the request', async () => {
    const limiter = new AccountLimiter('k', {});
    const stub = stubFetch();
    const first = limiter.wrap(stub.fetch)('u1');
    await tick();
    // Taken before the answer: the pause runs from when the limiter reads it, no earlier.
    const pausedAt = Date.now();
    stub.calls[0]!.finish(new Response('{}', { status: 429, headers: { 'retry-after': '0.08' } }));
    expect((await first).status).toBe(429);
    const other = limiter.wrap(stub.fetch)('u2');
    await tick();
    expect(stub.calls).toHaveLength(1);
    while (stub.calls.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(stub.calls[1]!.startedAt - pausedAt).toBeGreaterThanOrEqual(80);
    stub.calls[1]!.finish(new Response('{}'));
    await other;
    expect(limiter.stats.pauses).toBe(1);
  });

  it('a wait ends when the run is cancelled, and frees nothing it did not take', async () => {
    const limiter = new AccountLimiter('k', { concurrency: 1 });
    const stub = stubFetch();
    const run = new AbortController();
    const held = limiter.wrap(stub.fetch)('u1');
    const waiting = limiter.wrap(stub.fetch, { signal: run.signal })('u2');
    await tick();
    run.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    stub.calls[0]!.finish(new Response('{}'));
    await held;
    expect(stub.calls.map((c) => c.url)).toEqual(['u1']);
    expect(limiter.stats.inFlight).toBe(0);
  });
});
