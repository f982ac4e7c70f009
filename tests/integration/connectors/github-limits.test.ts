/**
 * GitHub's rate limits and auth failures through the real HTTP client and the connector,
 * against the simulator on a fake clock: the primary limit's 403 waited out until
 * x-ratelimit-reset (and no request sent while x-ratelimit-remaining is 0), a reset too far
 * away failing clearly, secondary limits as 403 and as 429 with retry-after, a secondary limit
 * that never lifts, server errors retried, and bad credentials.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rateLimitHit, SECONDARY_DEFAULT_WAIT_MS } from '../../../connectors/github/rate-limit.js';
import { startGithubSimulator, type GithubSimulatorHandle, type GithubSimulatorOptions } from '../../../connectors/github/simulator/index.js';
import { FakeClock } from '../../../connectors/simulator-kit/index.js';
import { expectedSeat } from './github-expected.js';
import { caught, collect, connectGithub } from './github-harness.js';

const NOW = new Date(Date.UTC(2026, 4, 14));
const ORG = 'acme-corp';
/** Three pages of 100. */
const MEMBERS = 300;

const sims: GithubSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(clock: FakeClock, options: GithubSimulatorOptions = {}): Promise<GithubSimulatorHandle> {
  const sim = await startGithubSimulator({ seed: 9, members: MEMBERS, now: NOW, org: ORG, clock: clock.now, ...options });
  sims.push(sim);
  return sim;
}

function connect(sim: GithubSimulatorHandle, clock: FakeClock, maxAttempts?: number) {
  return connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW, sleep: clock.sleep, clock: clock.now, maxAttempts });
}

/** Spends the token's allowance from outside the connector (another script with the same token). */
async function spend(sim: GithubSimulatorHandle, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await fetch(`${sim.url}/user`, { headers: { authorization: `Bearer ${sim.token}` } });
}

const seatsOf = (sim: GithubSimulatorHandle) => sim.org.members.filter((m) => m.seat).map(expectedSeat);

describe('GitHub connector: the primary rate limit', () => {
  it('waits out a 403 with x-ratelimit-remaining 0 until x-ratelimit-reset, then finishes the listing', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { primary: { limit: 5, windowMs: 60_000, status: 403 } } });
    await spend(sim, 5);
    const { connector, githubWaits, clientWaits } = connect(sim, clock);
    expect(await collect(connector.subscriptions())).toEqual(seatsOf(sim));
    expect(githubWaits).toEqual([60_000]);
    expect(clientWaits).toEqual([]);
    expect(sim.counters.rateLimited).toBe(1);
  });

  it('sends nothing while x-ratelimit-remaining is 0: it waits for the reset instead of being refused', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { primary: { limit: 2, windowMs: 60_000, status: 403 } } });
    const { connector, githubWaits } = connect(sim, clock);
    expect(await collect(connector.subscriptions())).toEqual(seatsOf(sim));
    expect(githubWaits).toEqual([60_000]);
    expect(sim.counters.rateLimited).toBe(0);
  });

  it('fails clearly, naming the reset, when the hourly allowance is used up for longer than Seatwise waits', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { primary: { limit: 1, windowMs: 3_600_000, status: 403 } } });
    await spend(sim, 1);
    const { connector, githubWaits } = connect(sim, clock);
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('asks to wait 3600 s, until 01:00 UTC') });
    expect(githubWaits).toEqual([]);
    // One refused request, and no second one into the same wall.
    expect(sim.stats.log.filter((e) => e.path.includes('/copilot/'))).toHaveLength(1);
  });
});

describe('GitHub connector: secondary rate limits', () => {
  it('waits retry-after on a 403 secondary limit', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { secondary: { points: 2, windowMs: 60_000, status: 403 } } });
    const { connector, githubWaits } = connect(sim, clock);
    expect(await collect(connector.subscriptions())).toEqual(seatsOf(sim));
    expect(githubWaits).toEqual([60_000]);
    expect(sim.counters.secondaryLimited).toBe(1);
  });

  it('leaves a 429 secondary limit to the HTTP client, which honours retry-after', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { secondary: { points: 2, windowMs: 60_000, status: 429 } } });
    const { connector, githubWaits, clientWaits } = connect(sim, clock);
    expect(await collect(connector.subscriptions())).toEqual(seatsOf(sim));
    // 60 s asked, plus the client's jitter (random 0.5: 500 ms).
    expect(clientWaits).toEqual([60_500]);
    expect(githubWaits).toEqual([]);
  });

  it('stops after a few tries when the secondary limit never lifts', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { secondary: { points: 0, windowMs: 60_000, status: 403 } } });
    const { connector, githubWaits } = connect(sim, clock);
    const err = await caught(collect(connector.subscriptions()));
    expect(err).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('kept answering with its secondary rate limit') });
    expect(githubWaits).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(sim.stats.requests).toBe(6);
  });

  it('reads the wait from the headers GitHub sends, or waits a minute and more while it keeps failing', () => {
    const body = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
    const now = NOW.getTime();
    expect(rateLimitHit(new Headers({ 'retry-after': '30' }), body, now, 0)).toMatchObject({ kind: 'secondary', waitMs: 30_000 });
    const reset = String(now / 1000 + 90);
    expect(rateLimitHit(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), body, now, 0)).toMatchObject({ waitMs: 90_000 });
    expect(rateLimitHit(new Headers(), body, now, 0)).toMatchObject({ waitMs: SECONDARY_DEFAULT_WAIT_MS });
    expect(rateLimitHit(new Headers(), body, now, 2)).toMatchObject({ waitMs: 4 * SECONDARY_DEFAULT_WAIT_MS });
    expect(rateLimitHit(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), { message: 'API rate limit exceeded for user ID 1.' }, now, 0)).toMatchObject({ kind: 'primary' });
    // A 403 that is a refusal is not a rate limit.
    expect(rateLimitHit(new Headers({ 'x-ratelimit-remaining': '4999' }), { message: 'Resource not accessible by integration' }, now, 0)).toBeUndefined();
  });
});

describe('GitHub connector: server errors and credentials', () => {
  it('retries GitHub’s 500s and finishes the listing', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock, { knobs: { failEveryNth: 2 } });
    const { connector, clientWaits } = connect(sim, clock);
    expect(await collect(connector.subscriptions())).toEqual(seatsOf(sim));
    expect(clientWaits.length).toBeGreaterThan(0);
  });

  it('says GitHub did not accept the credentials, with GitHub’s own words', async () => {
    const clock = new FakeClock(NOW.getTime());
    const sim = await simulator(clock);
    const h = connectGithub({ baseUrl: sim.url, token: 'ghp_revoked', org: ORG, now: NOW, sleep: clock.sleep, clock: clock.now });
    const err = await caught(collect(h.connector.subscriptions()));
    expect(err).toMatchObject({ code: 'unauthorized', status: 401, message: expect.stringContaining('Bad credentials') });
    expect(await h.connector.probe('download')).toMatchObject({ ok: false, message: expect.stringContaining('Bad credentials') });
  });
});
