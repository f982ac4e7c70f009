import { afterEach, describe, expect, it } from 'vitest';
import { SCIM_NO_ACTIVITY } from '../../../connectors/custom/connector.js';
import { seedCustomOrg, startScimSimulator, type ScimSimulatorHandle } from '../../../connectors/custom/simulator.js';
import { ActivityUnavailableError, type ConnectorError } from '../../../connectors/http/index.js';
import { startOfUtcDay } from '../../../connectors/simulator-kit/index.js';
import { caught, collect } from './asana-harness.js';
import type { CustomConfigInput } from '../../../connectors/custom/config.js';
import { createCustomConnector } from '../../../connectors/custom/connector.js';
import { customHttpOptions } from '../../../connectors/custom/http-options.js';
import { createHttpClient, type HttpClient } from '../../../connectors/http/index.js';
import type { Connector, SyncProgress } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

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


/** A real custom connector (real HttpClient, bearer auth) over a configuration, the way main builds it. */
interface CustomHarness {
  connector: Connector;
  http: HttpClient;
  progress: Array<Partial<SyncProgress>>;
}

function connectCustom(options: {
  baseUrl: string;
  token: string;
  /** The configuration (JSON-encoded into options.custom), or a preset name. */
  config?: CustomConfigInput;
  preset?: 'scim';
  maxAttempts?: number;
  now?: () => Date;
}): CustomHarness {
  const progress: Array<Partial<SyncProgress>> = [];
  const signal = new AbortController().signal;
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    vendorName: 'Custom app',
    auth: bearerAuth(options.token),
    signal,
    sleep: async () => undefined,
    policy: { maxAttempts: options.maxAttempts ?? 3, timeoutMs: 10_000 },
    ...customHttpOptions,
  });
  const settingsOptions: Record<string, string> = {};
  if (options.config) settingsOptions.custom = JSON.stringify(options.config);
  if (options.preset) settingsOptions.preset = options.preset;
  const connector = createCustomConnector({
    http,
    settings: { baseUrl: options.baseUrl, grantType: 'token', options: settingsOptions },
    signal,
    progress: (update) => progress.push(update),
    now: options.now ?? (() => new Date()),
  });
  return { connector, http, progress };
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
