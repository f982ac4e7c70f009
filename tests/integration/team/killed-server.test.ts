/**
 * Two real `seatwise serve --database` processes on one PostgreSQL database (a private
 * cluster), signing people in through a real OpenID provider, against the Asana simulator. The
 * profile missed its daily run, so each server's scheduler asks for a catch-up run at start: the
 * first server to claim it syncs while the other waits. The syncing server is killed with
 * SIGKILL mid-download; its database session ends with it, the other server takes the claim,
 * closes the dead run as interrupted and makes the run itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp } from '../../../main/app.js';
import { PostgresStore } from '../../../main/store/postgres/postgres-store.js';
import { KeyRing, SECRET_KEYS_ENV } from '../../../main/vault/key-ring.js';
import type { JobResult } from '../../../preload/contract.js';
import { startCompanyIdp, TEAM_CLIENT, type CompanyIdp } from '../host/company-idp.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';

const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`killed-server: skipped: ${NO_POSTGRES}`);

const TOKEN = 'asana-killed-server-token-0123456789';
const USERS = 300;
const PUBLIC_URL = 'http://127.0.0.1:4999';
const entry = path.resolve('bin', 'seatwise.js');

interface Server {
  child: ChildProcess;
  output: () => string;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(NO_POSTGRES !== undefined)('a team server killed mid-sync', () => {
  let cluster: TestCluster;
  let sim: AsanaSimulatorHandle;
  let idp: CompanyIdp;
  let reader: PostgresStore;
  let databaseUrl: string;
  let work: { dir: string; cleanup: () => void };
  let keys: string;
  let profileId: string;
  const servers: Server[] = [];

  const serve = async (name: string): Promise<Server> => {
    const child = spawn(
      process.execPath,
      [entry, '--data-dir', path.join(work.dir, name), 'serve', '--database', databaseUrl, '--oidc-issuer', idp.issuer, '--oidc-client-id', TEAM_CLIENT.clientId, '--public-url', PUBLIC_URL, '--listen', '127.0.0.1', '--port', '0'],
      { env: { ...process.env, [SECRET_KEYS_ENV]: keys, SEATWISE_OIDC_CLIENT_SECRET: TEAM_CLIENT.clientSecret }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    const server = { child, output: () => out };
    servers.push(server);
    await until(`${name} to listen:\n${out}`, () => (out.includes('is listening on') ? true : child.exitCode !== null ? Promise.reject(new Error(`${name} exited:\n${out}`)) : undefined), 30_000);
    return server;
  };
  const jobs = async (): Promise<JobResult[]> => (await reader.jobs()).filter((j) => j.profileId === profileId);

  beforeAll(async () => {
    cluster = startCluster();
    databaseUrl = await cluster.createDatabase('killed_server');
    work = tempDir('seatwise-killed-server-');
    keys = `k1 ${randomBytes(32).toString('base64')}`;
    sim = await startAsanaSimulator({ token: TOKEN, seed: 77, users: USERS, knobs: { rateLimit: undefined } });
    idp = await startCompanyIdp(`${PUBLIC_URL}/auth/callback`, { ada: { email: 'ada@example.com', roles: ['admin'] } });

    // Set up as an integrator would: published, credential sealed, its first run not made yet.
    const store = await PostgresStore.open({ url: databaseUrl, workDir: path.join(work.dir, 'setup') });
    const setup = await createApp({ dataDir: path.join(work.dir, 'setup'), transport: 'http', store, vault: store.secrets(KeyRing.parse(`${keys}\n`, 'keys')), control: false, shared: true, schedule: false });
    const created = await setup.profiles.create({ name: 'Asana', vendor: 'asana', connection: { baseUrl: sim.url, grantType: 'token' } });
    profileId = created.id;
    await setup.profiles.setSecret({ profileId, kind: 'token', value: TOKEN });
    await setup.profiles.publish(profileId);
    await setup.close();
    reader = await PostgresStore.open({ url: databaseUrl, workDir: path.join(work.dir, 'reader') });
  }, 120_000);

  afterAll(async () => {
    for (const { child } of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await reader?.close();
    await sim?.close();
    await idp?.close();
    cluster?.stop();
    work?.cleanup();
  });

  it('the other server takes the run over and completes it', async () => {
    // Slow enough that the first server is still downloading when it is killed.
    sim.knobs.latencyMs = 10_000;
    const first = await serve('first');
    const dead = await until('the first server to start its catch-up run', async () => (await jobs()).find((j) => j.state === 'running'));
    expect(dead.trigger).toBe('catch-up');
    const second = await serve('second');
    // The second server's own catch-up waits for the claim the first holds: nothing finished yet.
    expect((await jobs()).filter((j) => j.state !== 'running')).toEqual([]);

    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    await exited;
    sim.knobs.latencyMs = 0;

    const done = await until('the second server to finish the run', async () => (await jobs()).find((j) => j.id !== dead.id && j.state !== 'running' && j.state !== 'queued'));
    expect(done.state, `${done.error}\n${second.output()}`).toBe('succeeded');
    expect(done.trigger).toBe('catch-up');
    const all = await jobs();
    expect(all.find((j) => j.id === dead.id)?.state).toBe('interrupted');
    expect(all.filter((j) => j.state === 'succeeded').map((j) => j.id)).toEqual([done.id]);
    // What it committed is the whole org, once.
    const snapshot = await reader.snapshot(profileId);
    expect(snapshot?.jobId).toBe(done.id);
    expect(snapshot?.subscriptions.length).toBe(done.counts.subscriptions);
    expect(done.counts.subscriptions).toBeGreaterThan(USERS / 2);
    expect(second.child.exitCode).toBeNull();
  }, 120_000);
});
