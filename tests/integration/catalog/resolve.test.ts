/**
 * Unrecognized subscription identifiers against the demo's Calendly (a few members carry a
 * role the connector does not know): map one onto a model, exclude it, clear it, and the
 * inputs the catalog refuses. A real app on a temp data folder; secrets held in memory.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALENDLY_LICENSE_TYPES } from '../../../connectors/calendly/descriptor.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { DEMO_NEW_CALENDLY_ROLE, demoSources } from '../../../main/demo/sources.js';
import type { RunningDemoSource } from '../../../main/demo/demo.js';
import { dispatch } from '../../../main/rpc/dispatch.js';
import { MemorySecretStore } from '../../helpers/memory-secret-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const UNKNOWN = `Calendly seat (${DEMO_NEW_CALENDLY_ROLE})`;
let sim: RunningDemoSource;
let app: SeatwiseApp;
let profileId: string;
let cleanup: () => void;

beforeAll(async () => {
  const source = demoSources.find((s) => s.vendor === 'calendly');
  if (!source) throw new Error('The demo has no Calendly source');
  sim = await source.start();
  const dir = tempDir('seatwise-catalog-');
  cleanup = dir.cleanup;
  app = await createApp({ dataDir: path.join(dir.dir, 'data'), transport: 'cli', vault: new MemorySecretStore() });
  const created = await app.profiles.create({
    name: 'Calendly',
    vendor: 'calendly',
    connection: { baseUrl: sim.baseUrl, grantType: 'token' },
    processes: { activity: { enabled: true, lookbackDays: 60 }, reclaim: { enabled: false } },
  });
  profileId = created.id;
  await app.profiles.setSecret({ profileId, kind: 'token', value: sim.secret });
  await app.profiles.publish(profileId);
  expect((await app.sync.run(profileId, 'manual')).state).toBe('succeeded');
});

afterAll(async () => {
  await app?.close();
  await sim?.close();
  cleanup?.();
});

const call = <M extends keyof SeatwiseApp['service']>(method: M, input: Parameters<SeatwiseApp['service'][M]>[0]) =>
  dispatch(app.service, method, input, { checkOutput: true });

async function userModel() {
  const models = await app.service['models:list']({ profileId });
  const model = models.find((m) => m.licenseType === CALENDLY_LICENSE_TYPES.user);
  if (!model) throw new Error('no Calendly user model');
  return model;
}

async function candidatesOf(licenseType: string) {
  return (await app.service['candidates:list']({ profileId })).filter((c) => c.licenseType === licenseType && (c.status === 'open' || c.status === 'approved'));
}

async function auditActions(): Promise<string[]> {
  return (await app.service['audit:list']({})).map((e) => e.action);
}

describe('the demo Calendly has an unrecognized identifier', () => {
  it('lists it with its seats, and a model for every known type, valid against the contract', async () => {
    const listed = await call('unrecognized:list', { profileId });
    expect(listed.ok).toBe(true);
    const identifiers = await app.service['unrecognized:list']({ profileId });
    expect(identifiers).toEqual([{ profileId, licenseType: UNKNOWN, seats: expect.any(Number), firstSeenAt: expect.any(String), resolution: null }]);
    expect(identifiers[0]!.seats).toBeGreaterThanOrEqual(3);

    expect((await call('models:list', { profileId })).ok).toBe(true);
    const models = await app.service['models:list']({ profileId });
    expect(models.map((m) => m.licenseType).sort()).toEqual(Object.values(CALENDLY_LICENSE_TYPES).filter((t) => models.some((m) => m.licenseType === t)).sort());
    expect(models.some((m) => m.licenseType === UNKNOWN)).toBe(false);
    const user = await userModel();
    expect(user).toMatchObject({ paid: true, publisher: 'Calendly LLC', product: 'Calendly', mappedIdentifiers: [] });
    expect(user.ruleId).toBeTruthy();
    expect(user.seats).toBeGreaterThan(50);
    expect(await candidatesOf(UNKNOWN)).toEqual([]);
  });
});

describe('resolving an identifier', () => {
  it('maps it: its seats get a rule copied from the model and become candidates under it', async () => {
    const user = await userModel();
    // One day: nearly every seat is over it, so the mapped seats surely show up.
    await app.service['rules:update']({ ruleId: user.ruleId!, patch: { thresholdDays: 1, notifyUser: true, daysBeforeAutoReclaim: 5 } });
    const view = await app.service['unrecognized:resolve']({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: user.id } });
    expect(view.resolution).toEqual({ kind: 'mapped', modelId: user.id, modelLabel: CALENDLY_LICENSE_TYPES.user });

    const rules = await app.service['rules:list']({ profileId });
    const source = rules.find((r) => r.id === user.ruleId)!;
    const copy = rules.find((r) => r.licenseType === UNKNOWN);
    expect(copy).toMatchObject({
      modelId: user.id,
      name: `${source.name} (${UNKNOWN})`,
      thresholdDays: 1,
      notifyUser: true,
      daysBeforeAutoReclaim: 5,
      approvalRequired: source.approvalRequired,
      reclaimWithoutApproval: source.reclaimWithoutApproval,
      enabled: true,
    });
    const candidates = await candidatesOf(UNKNOWN);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((c) => c.ruleId === copy!.id && c.thresholdDays === 1)).toBe(true);
    expect((await userModel()).mappedIdentifiers).toEqual([UNKNOWN]);

    const events = await app.service['audit:list']({});
    const mapped = events.find((e) => e.action === 'catalog.mapped');
    expect(mapped).toMatchObject({ profileId, target: UNKNOWN, before: { resolution: null }, after: { resolution: { kind: 'mapped', modelId: user.id } } });
    expect((mapped!.after as { rule: { id: string } }).rule.id).toBe(copy!.id);
  });

  it('mapping again onto the same, unchanged model writes nothing', async () => {
    const before = (await auditActions()).length;
    const user = await userModel();
    await app.service['unrecognized:resolve']({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: user.id } });
    expect((await auditActions()).length).toBe(before);
  });

  it('a later sync keeps the mapping and adds no model for the identifier', async () => {
    const modelsBefore = (await app.service['models:list']({ profileId })).length;
    expect((await app.sync.run(profileId, 'manual')).state).toBe('succeeded');
    expect((await app.service['models:list']({ profileId })).length).toBe(modelsBefore);
    expect((await app.service['unrecognized:list']({ profileId }))[0]!.resolution?.kind).toBe('mapped');
    expect((await app.service['rules:list']({ profileId })).filter((r) => r.licenseType === UNKNOWN)).toHaveLength(1);
    expect((await candidatesOf(UNKNOWN)).length).toBeGreaterThan(0);
  });

  it('excludes it: the mapping is undone, a profile-scoped exclusion holds the reason, no seat is a candidate', async () => {
    const view = await app.service['unrecognized:resolve']({
      profileId,
      licenseType: UNKNOWN,
      resolution: { kind: 'excluded', reason: '  Managers are billed by finance  ' },
    });
    expect(view.resolution).toEqual({ kind: 'excluded', reason: 'Managers are billed by finance' });
    const exclusions = (await app.service['exclusions:list']({ profileId })).filter((e) => e.kind === 'licenseType' && e.pattern === UNKNOWN);
    expect(exclusions).toEqual([expect.objectContaining({ profileId, reason: 'Managers are billed by finance' })]);
    expect((await app.service['rules:list']({ profileId })).some((r) => r.licenseType === UNKNOWN)).toBe(false);
    expect(await candidatesOf(UNKNOWN)).toEqual([]);
    expect((await userModel()).mappedIdentifiers).toEqual([]);
    const actions = await auditActions();
    expect(actions).toContain('catalog.excluded');
    expect(actions).toContain('exclusion.added');
    const excluded = (await app.service['audit:list']({})).find((e) => e.action === 'catalog.excluded');
    expect(excluded).toMatchObject({ before: { resolution: { kind: 'mapped' } }, after: { resolution: { kind: 'excluded' }, rule: null } });
  });

  it('clears it: the exclusion is removed and nothing is left of either resolution', async () => {
    const view = await app.service['unrecognized:resolve']({ profileId, licenseType: UNKNOWN, resolution: { kind: 'none' } });
    expect(view.resolution).toBeNull();
    expect((await app.service['exclusions:list']({ profileId })).some((e) => e.pattern === UNKNOWN)).toBe(false);
    expect((await app.service['rules:list']({ profileId })).some((r) => r.licenseType === UNKNOWN)).toBe(false);
    expect(await candidatesOf(UNKNOWN)).toEqual([]);
    expect(app.store.root.unrecognized.find((u) => u.licenseType === UNKNOWN)?.resolution).toBeUndefined();
    const actions = await auditActions();
    expect(actions).toContain('catalog.cleared');
    expect(actions).toContain('exclusion.removed');
  });

  it('clears a mapping by removing the copied rule', async () => {
    const user = await userModel();
    await app.service['unrecognized:resolve']({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: user.id } });
    expect((await candidatesOf(UNKNOWN)).length).toBeGreaterThan(0);
    await app.service['unrecognized:resolve']({ profileId, licenseType: UNKNOWN, resolution: { kind: 'none' } });
    expect((await app.service['rules:list']({ profileId })).some((r) => r.licenseType === UNKNOWN)).toBe(false);
    expect(await candidatesOf(UNKNOWN)).toEqual([]);
  });
});

describe('inputs the catalog refuses', () => {
  const resolve = (input: unknown) => dispatch(app.service, 'unrecognized:resolve', input, { checkOutput: true });

  it('an unknown profile, identifier or model', async () => {
    const user = await userModel();
    expect(await resolve({ profileId: 'prf_nope', licenseType: UNKNOWN, resolution: { kind: 'none' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'The profile "prf_nope" was not found.' },
    });
    expect(await resolve({ profileId, licenseType: 'Calendly seat (pilot)', resolution: { kind: 'mapped', modelId: user.id } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'The unrecognized subscription identifier "Calendly seat (pilot)" of Calendly was not found.' },
    });
    expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: 'mdl_nope' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'The software model "mdl_nope" was not found.' },
    });
    expect(await call('models:list', { profileId: 'prf_nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a model of another profile, and mapping onto an unrecognized type', async () => {
    await app.store.update((root) => {
      root.models.push({ id: 'mdl_other', profileId: 'prf_other', publisher: 'Asana', product: 'Asana', licenseType: 'Asana Business', paid: true, createdAt: new Date().toISOString() });
      root.models.push({ id: 'mdl_stale', profileId, publisher: 'Calendly LLC', product: 'Calendly', licenseType: UNKNOWN, paid: true, createdAt: new Date().toISOString() });
    });
    try {
      expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: 'mdl_other' } })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringContaining('belongs to another integration') },
      });
      expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: UNKNOWN } })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringContaining('is an unrecognized identifier, not a software model') },
      });
      expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'mapped', modelId: 'mdl_stale' } })).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringContaining('is itself an unrecognized license type') },
      });
    } finally {
      await app.store.update((root) => {
        root.models = root.models.filter((m) => m.id !== 'mdl_other' && m.id !== 'mdl_stale');
      });
    }
  });

  it('an exclusion without a reason, or with one too long, or an unknown kind', async () => {
    expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'excluded', reason: '   ' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('reason') },
    });
    await expect(app.service['unrecognized:resolve']({ profileId, licenseType: UNKNOWN, resolution: { kind: 'excluded', reason: ' ' } })).rejects.toThrow(/Give a reason/);
    expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'excluded', reason: 'x'.repeat(501) } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await resolve({ profileId, licenseType: UNKNOWN, resolution: { kind: 'ignored' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Nothing was changed by any refusal.
    expect(app.store.root.unrecognized.find((u) => u.licenseType === UNKNOWN)?.resolution).toBeUndefined();
  });
});
