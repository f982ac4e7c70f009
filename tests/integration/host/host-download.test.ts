/**
 * Exports from the browser host are downloads: the page (session cookie) gets the file's
 * bytes from `POST /download/<method>` and may not have main write at a path it chose; a
 * script with the printed token still may. Beside it, what a connection attempt leaves in the
 * audit log, and "connected as" for a credential that names no user. Real services on a
 * temporary data folder, the Asana and SCIM simulators.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { startScimSimulator, type ScimSimulatorHandle } from '../../../connectors/custom/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { startHost, type HostHandle } from '../../../main/host/index.js';
import type { SecretStore } from '../../../main/vault/secret-store.js';
import { request, rpc } from './http-client.js';

function memoryVault(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => void secrets.set(account, secret),
    delete: async (account) => secrets.delete(account),
    list: async () => [...secrets.keys()],
  };
}

const TOKEN = 'download-test-asana-token-0123456789';
const SCIM_TOKEN = 'download-test-scim-token-0123456789';

let dir: string;
let app: SeatwiseApp;
let host: HostHandle;
let asana: AsanaSimulatorHandle;
let scim: ScimSimulatorHandle;
let cookie: string;
let profileId: string;

async function call<T>(method: string, input: unknown): Promise<T> {
  const res = await rpc(host.port, method, input, { Authorization: `Bearer ${host.token}` });
  const body = JSON.parse(res.body) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}

function download(method: string, input: unknown, headers: Record<string, string> = { Cookie: cookie }) {
  return request({ port: host.port, method: 'POST', path: `/download/${method}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'seatwise-host-download-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  asana = await startAsanaSimulator({ token: TOKEN, seed: 5, users: 150, knobs: { rateLimit: undefined } });
  scim = await startScimSimulator({ token: SCIM_TOKEN, seed: 4, users: 20 });
  app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'http', vault: memoryVault() });
  host = await startHost({ app, rendererDir, checkOutput: true });
  // The printed link traded for the page's session cookie, as the browser does.
  const link = await request({ port: host.port, path: `/?token=${host.token}` });
  cookie = String(link.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const created = await call<{ id: string }>('profiles:create', { name: 'Asana', vendor: 'asana', connection: { baseUrl: asana.url, grantType: 'token' } });
  profileId = created.id;
  await call('connection:setSecret', { profileId, kind: 'token', value: TOKEN });
  await call('profiles:publish', { profileId });
  for (let i = 0; i < 120; i++) {
    if ((await call<unknown[]>('candidates:list', { profileId })).length > 5) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}, 60_000);

afterAll(async () => {
  await host?.close();
  await app?.close();
  await asana?.close();
  await scim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('exports from the browser host', () => {
  it('hands the page a selection of candidates as a download, with exactly those rows', async () => {
    const candidates = await call<Array<{ id: string }>>('candidates:list', { profileId });
    const chosen = candidates.slice(0, 3).map((c) => c.id);
    const res = await download('candidates:export', { profileId, format: 'csv', candidateIds: chosen });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="seatwise-candidates-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['x-seatwise-rows']).toBe('3');
    const rows = parseCsv(res.body, { columns: true }) as Array<{ id: string }>;
    expect(rows.map((r) => r.id).sort()).toEqual([...chosen].sort());
  });

  it('refuses a path from the page, over /rpc or /download; the token holder may still write one', async () => {
    const out = path.join(dir, 'chosen-by-the-page.csv');
    const viaRpc = await rpc(host.port, 'audit:export', { format: 'csv', out }, { Cookie: cookie });
    expect(viaRpc.status).toBe(403);
    expect(JSON.parse(viaRpc.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const viaDownload = await download('audit:export', { format: 'csv', out });
    expect(viaDownload.status).toBe(400);
    const script = await call<{ path: string }>('audit:export', { format: 'csv', out });
    expect(script.path).toBe(out);
  });

  it('answers a refused export in the contract envelope, and only export methods', async () => {
    const missing = await download('candidates:export', { profileId: 'prf_nope', format: 'csv' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const notAnExport = await download('profiles:list', {});
    expect(notAnExport.status).toBe(404);
    const stranger = await download('audit:export', { format: 'csv' }, {});
    expect(stranger.status).toBe(401);
  });
});

describe('what a connection attempt leaves in the audit log', () => {
  const rowsOf = async (id: string) => (await call<Array<{ action: string; profileId?: string; message?: string }>>('audit:list', {})).filter((e) => e.profileId === id);

  it('a refused attempt, removed again, is one row that says why', async () => {
    const draft = await call<{ id: string }>('profiles:create', { name: 'Asana – wrong token', vendor: 'asana', connection: { baseUrl: asana.url, grantType: 'token' } });
    await call('connection:setSecret', { profileId: draft.id, kind: 'token', value: 'not-the-token-0123456789' });
    const validation = await call<{ results: Array<{ process: string; ok: boolean }> }>('connection:validate', { profileId: draft.id });
    expect(validation.results.find((r) => r.process === 'download')?.ok).toBe(false);
    await call('profiles:remove', { profileId: draft.id });
    const rows = await rowsOf(draft.id);
    expect(rows.map((r) => r.action)).toEqual(['connection.attempt_failed']);
    expect(rows[0]!.message).toMatch(/The draft and its credential were removed\.$/);
  });

  it('a working connection records the creation and the credential, once', async () => {
    const rows = await rowsOf(profileId);
    expect(rows.filter((r) => r.action === 'profile.created')).toHaveLength(1);
    expect(rows.filter((r) => r.action === 'connection.secret_set')).toHaveLength(1);
    await call('connection:validate', { profileId });
    expect((await rowsOf(profileId)).filter((r) => r.action === 'profile.created')).toHaveLength(1);
  });

  it('says a SCIM token names no user instead of showing the host as the user', async () => {
    const created = await call<{ id: string }>('profiles:create', { name: 'SCIM app', vendor: 'custom', preset: 'scim', connection: { baseUrl: scim.url, grantType: 'token' } });
    await call('connection:setSecret', { profileId: created.id, kind: 'token', value: SCIM_TOKEN });
    const validation = await call<{ connectedAs?: string }>('connection:validate', { profileId: created.id });
    expect(validation.connectedAs).toMatch(/^a token that names no user \(127\.0\.0\.1:\d+\)$/);
  });
});
