import { afterEach, describe, expect, it } from 'vitest';
import { SCIM_NO_ACTIVITY } from '../../../connectors/custom/connector.js';
import { seedCustomOrg, startScimSimulator, type ScimSimulatorHandle } from '../../../connectors/custom/simulator/index.js';
import { ActivityUnavailableError, type ConnectorError } from '../../../connectors/http/index.js';
import { startOfUtcDay } from '../../../connectors/simulator-kit/index.js';
import { caught, collect } from './asana-harness.js';
import { connectCustom } from './custom-harness.js';

const TOKEN = 'scim-sim-token-31c4';
const SEED = 777;
const USERS = 301;
const ORG_NOW = startOfUtcDay();

const sims: ScimSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: Partial<Parameters<typeof startScimSimulator>[0]> = {}) {
  const sim = await startScimSimulator({ token: TOKEN, seed: SEED, users: USERS, now: ORG_NOW, ...options });
  sims.push(sim);
  return sim;
}


describe('SCIM preset against the SCIM simulator (the demo app)', () => {
  it('downloads the exact seeded seats through pages smaller than count', async () => {
    const sim = await simulator({ maxPageSize: 37 });
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, preset: 'scim' });
    const seats = await collect(connector.subscriptions());
    const expected = seedCustomOrg({ seed: SEED, users: USERS, now: ORG_NOW }).users.map((u) => ({
      userId: u.id,
      email: u.email,
      name: u.name,
      licenseType: u.plan ?? 'SCIM user',
      active: u.active,
      admin: false,
      owner: false,
      paid: u.active,
      startedAt: u.createdAt,
    }));
    expect(seats).toEqual(expected);
    expect(sim.stats.requests).toBe(Math.ceil(USERS / 37));
    await expect(connector.whoami()).resolves.toMatchObject({ name: new URL(sim.url).host });
    expect(await caught(collect(connector.activity(new Date(0))))).toEqual(new ActivityUnavailableError(SCIM_NO_ACTIVITY));
  });

  it('reclaim and undo PATCH active on exactly that user', async () => {
    const sim = await simulator();
    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, preset: 'scim' });
    const target = (await collect(connector.subscriptions())).find((s) => s.paid)!;
    const inactive = () => sim.org.users.filter((u) => !u.active).map((u) => u.id);
    const before = inactive();
    await connector.reclaim(target);
    expect(inactive().sort()).toEqual([...before, target.userId].sort());
    await connector.undo!(target);
    expect(inactive()).toEqual(before);
  });

  it('SCIM error details, a wrong token and a malformed page fail clearly', async () => {
    const sim = await simulator();
    const wrong = connectCustom({ baseUrl: sim.url, token: 'wrong', preset: 'scim' });
    const denied = (await caught(collect(wrong.connector.subscriptions()))) as ConnectorError;
    expect(denied.code).toBe('unauthorized');
    expect(denied.message).toMatch(/authorization header is invalid or missing/);

    const { connector } = connectCustom({ baseUrl: sim.url, token: TOKEN, preset: 'scim', maxAttempts: 1 });
    const missing = (await caught(connector.reclaim({ userId: 'nobody', email: '', name: '', licenseType: 'x', active: true, admin: false, owner: false, paid: true }))) as ConnectorError;
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/Resource nobody not found/);

    let n = 0;
    sim.knobs.malformedPage = (req) => req.path.endsWith('/Users') && ++n === 2;
    const bad = (await caught(collect(connector.subscriptions()))) as ConnectorError;
    expect(bad.code).toBe('malformed');
  });
});
