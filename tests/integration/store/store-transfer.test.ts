/**
 * Moving a data folder into a team server's database and back loses nothing: 200,000 seats,
 * candidates, job records in order, the directory and the audit trail as recorded.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importResultSchema, migrateResultSchema } from '../../../main/cli/json-shapes.js';
import type { DataStore } from '../../../main/store/data-store.js';
import { PostgresStore } from '../../../main/store/postgres/postgres-store.js';
import { copyStore } from '../../../main/store/postgres/transfer.js';
import type { ProfileRecord } from '../../../main/store/schema.js';
import { Store } from '../../../main/store/store.js';
import { runCli } from '../../helpers/cli.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { subscriptions } from '../../helpers/store-fixtures.js';

const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`store-transfer: skipped: ${NO_POSTGRES}`);

const T0 = '2026-03-01T08:00:00.000Z';
let cluster: TestCluster | undefined;
beforeAll(() => {
  if (!NO_POSTGRES) cluster = startCluster();
});
afterAll(() => cluster?.stop());

function profile(id: string, name: string): ProfileRecord {
  return {
    id,
    name,
    vendor: 'asana',
    status: 'published',
    createdAt: T0,
    publishedAt: T0,
    aliasId: `alias-${id}`,
    processes: { activity: { enabled: true, lookbackDays: 90 }, reclaim: { enabled: true } },
    schedule: { kind: 'daily', time: '06:00' },
    playbook: { currentStep: 'review', completed: ['profile'], draft: {} },
    activityAvailable: true,
    stats: { seats: 37_500, freeSeats: 12_500, subscriptions: 50_000, candidates: 1, monthlySavings: 1099, currency: 'USD', licenseTypes: [{ name: 'Member', seats: 37_500, paid: true }] },
  } as ProfileRecord;
}

async function everything(store: DataStore) {
  const profiles = store.root.profiles;
  return {
    root: store.root,
    snapshots: await Promise.all(profiles.map((p) => store.snapshot(p.id))),
    candidates: await Promise.all(profiles.map((p) => store.candidates(p.id))),
    jobs: await store.jobs(),
    directory: await store.directory(),
    audit: await store.audit.read(),
  };
}

describe.skipIf(NO_POSTGRES !== undefined)('seatwise import: a data folder into PostgreSQL and back', () => {
  it('copies 200,000 seats and everything else, and the copy back is equal', async () => {
    const source = tempDir('seatwise-from-');
    const back = tempDir('seatwise-back-');
    try {
      const store = await Store.open({ dataDir: source.dir });
      const ids = ['p1', 'p2', 'p3', 'p4'];
      for (const id of ids) {
        await store.commitSnapshot({ profileId: id, jobId: `job-${id}`, committedAt: T0, orgs: [{ aliasId: `alias-${id}`, label: id }], subscriptions: subscriptions(id, 50_000) });
      }
      await store.saveCandidates({
        profileId: 'p1',
        computedAt: T0,
        candidates: [{ id: 'c1', profileId: 'p1', orgId: 'org-a', subscriptionId: 'p1-s2', userId: 'u2', email: 'person2@example.com', name: 'Person 2', licenseType: 'Member', inactiveSince: T0, daysInactive: 91, ruleId: 'r1', ruleName: 'Inactive', thresholdDays: 60, status: 'approved', monthlyCost: 1099, currency: 'USD', why: 'No activity since', detectedAt: T0 }],
      });
      for (const n of [1, 2, 3]) {
        await store.saveJob({ id: `j${n}`, profileId: 'p1', profileName: 'Asana', trigger: 'manual', state: 'succeeded', startedAt: T0, finishedAt: T0, phases: [], counts: { seats: 1, freeSeats: 0, subscriptions: 1, candidates: 0, requests: 1, pages: 1 }, activityAvailable: true });
      }
      await store.updateDirectory((file) => void file.sources.push({ id: 'roster:hr', kind: 'roster', name: 'HR', vendorName: 'HR roster', readAt: T0, people: [{ email: 'a@example.com', name: 'A', status: 'active', endDate: '2026-02-01' }] }));
      await store.audit.append({ action: 'candidate.approve', target: 'c1', actor: 'dana' });
      await store.update((root) => {
        root.profiles.push(...ids.map((id, i) => profile(id, `Asana ${i}`)));
        root.settings.maxParallelSyncs = 5;
      });
      const before = await everything(store);
      store.close();

      const url = await cluster!.createDatabase('transfer');
      const imported = await runCli(['import', '--from-data-dir', source.dir, '--database', url, '--json'], { dataDir: source.dir, timeoutMs: 120_000 });
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(importResultSchema.parse(JSON.parse(imported.stdout))).toMatchObject({ profiles: 4, subscriptions: 200_000, candidates: 1, jobs: 3, directorySources: 1, auditEvents: 1 });

      // A second import would overwrite: refused, and the database keeps the first.
      const again = await runCli(['import', '--from-data-dir', source.dir, '--database', url], { dataDir: source.dir });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('copies only into an empty store');

      const server = await PostgresStore.open({ url, workDir: back.dir });
      expect(await everything(server)).toEqual(before);
      const returned = await Store.open({ dataDir: back.dir, lockHolder: 'test' });
      await copyStore(server, returned);
      await server.close();
      returned.close();
      const reopened = await Store.open({ dataDir: back.dir, noLock: true });
      expect(await everything(reopened)).toEqual(before);
      reopened.close();
    } finally {
      source.cleanup();
      back.cleanup();
    }
  }, 180_000);

  it('says what is wrong with a database it cannot use, and never shows its password', async () => {
    const source = tempDir('seatwise-from-');
    try {
      const store = await Store.open({ dataDir: source.dir });
      store.close();
      const missing = await runCli(['import', '--from-data-dir', source.dir, '--database', `postgres://seatwise:hunter2secret@/nosuchdb?host=${encodeURIComponent(cluster!.socketDir)}`], { dataDir: source.dir });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('does not exist');
      expect(missing.stderr).not.toContain('hunter2secret');
      const refused = await runCli(['migrate', '--database', 'postgres://seatwise@/x?host=/nonexistent-socket-dir'], { dataDir: source.dir });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/Cannot reach the database/);
      const notPg = await runCli(['migrate', '--database', 'mysql://db/x'], { dataDir: source.dir });
      expect(notPg.stderr).toContain('not postgres://');
    } finally {
      source.cleanup();
    }
  });

  it('migrate creates the schema once and grants the app role no change to the audit log', async () => {
    const url = await cluster!.createDatabase('migrated');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('CREATE ROLE seatwise_srv LOGIN');
      const first = await runCli(['migrate', '--database', url, '--app-role', 'seatwise_srv', '--json'], { dataDir: '/nonexistent' });
      expect(first.code).toBe(0);
      expect(migrateResultSchema.parse(JSON.parse(first.stdout))).toMatchObject({ applied: [1, 2, 3], appRole: 'seatwise_srv' });
      const second = await runCli(['migrate', '--database', url, '--json'], { dataDir: '/nonexistent' });
      expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
      const { rows } = await admin.query(`SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'seatwise_srv' AND table_name = 'audit_events' ORDER BY 1`);
      expect(rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
    } finally {
      await admin.end();
    }
  });
});
