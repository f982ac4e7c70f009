/**
 * One behaviour suite, two back ends: the data folder of a single administrator and the
 * PostgreSQL database of a team server keep the same promises. The PostgreSQL half runs on a
 * private cluster started here (initdb in a temp folder, a Unix socket only).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../../preload/contract.js';
import type { DataStore } from '../../../main/store/data-store.js';
import { StoreCorruptError } from '../../../main/store/errors.js';
import { PostgresStore } from '../../../main/store/postgres/postgres-store.js';
import { grantAppRole } from '../../../main/store/postgres/schema-migrations.js';
import { newSessionValue, sessionKey } from '../../../main/host/team/sessions.js';
import type { CandidateFile, Snapshot } from '../../../main/store/schema.js';
import { Store } from '../../../main/store/store.js';
import { postgresUnavailable, startCluster, type TestCluster } from '../../helpers/postgres.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { subscriptions } from '../../helpers/store-fixtures.js';

const NO_POSTGRES = postgresUnavailable();
if (NO_POSTGRES) console.log(`store-backends: PostgreSQL half skipped: ${NO_POSTGRES}`);

let cluster: TestCluster | undefined;
let databases = 0;
beforeAll(() => {
  if (!NO_POSTGRES) cluster = startCluster();
});
afterAll(() => cluster?.stop());

/** A back end's fresh store, and how to open the same store again (another process, or server). */
interface Backend {
  fresh(): Promise<{ open: () => Promise<DataStore>; cleanup: () => void; url?: string }>;
}

const backends: Record<string, Backend> = {
  'data folder': {
    async fresh() {
      const { dir, cleanup } = tempDir('seatwise-store-');
      return { open: () => Store.open({ dataDir: dir, noLock: true }), cleanup };
    },
  },
  postgres: {
    async fresh() {
      databases += 1;
      const url = await cluster!.createDatabase(`store_${databases}`);
      const { dir, cleanup } = tempDir('seatwise-pgwork-');
      return { open: () => PostgresStore.open({ url, workDir: dir, maxConnections: 4 }), cleanup, url };
    },
  },
};

const T0 = '2026-03-01T08:00:00.000Z';

function snapshotOf(profileId: string, count: number): Snapshot {
  return { profileId, jobId: `job-${profileId}`, committedAt: T0, orgs: [{ aliasId: 'a1', label: 'Acme' }], subscriptions: subscriptions(profileId, count) };
}

function candidateFile(profileId: string, n: number): CandidateFile {
  return {
    profileId,
    computedAt: T0,
    candidates: Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      profileId,
      orgId: 'org-a',
      subscriptionId: `${profileId}-s${i}`,
      userId: `u${i}`,
      email: `person${i}@example.com`,
      name: `Person ${i}`,
      licenseType: 'Member',
      inactiveSince: T0,
      daysInactive: 90 + i,
      ruleId: 'r1',
      ruleName: 'Inactive 60 days',
      thresholdDays: 60,
      status: i === 0 ? ('approved' as const) : ('open' as const),
      monthlyCost: 1099,
      currency: 'USD',
      why: 'No activity since 1 December 2025',
      detectedAt: T0,
      reason: 'inactive' as const,
      activitySource: 'vendor' as const,
      orphan: false,
    })),
  };
}

function job(id: string, patch: Partial<JobResult> = {}): JobResult {
  return {
    id,
    profileId: 'p1',
    profileName: 'Asana',
    trigger: 'schedule',
    state: 'succeeded',
    startedAt: T0,
    finishedAt: T0,
    phases: [],
    counts: { seats: 10, freeSeats: 0, subscriptions: 10, candidates: 0, requests: 3, pages: 1 },
    activityAvailable: true,
    ...patch,
  };
}

for (const [name, backend] of Object.entries(backends)) {
  const skip = name === 'postgres' && NO_POSTGRES !== undefined;
  describe.skipIf(skip)(`store behaviour: ${name}`, () => {
    async function withStore<T>(run: (open: () => Promise<DataStore>) => Promise<T>): Promise<T> {
      const { open, cleanup } = await backend.fresh();
      try {
        return await run(open);
      } finally {
        cleanup();
      }
    }

    it('starts empty and keeps a change across a reopen', () =>
      withStore(async (open) => {
        const a = await open();
        expect(a.root.profiles).toEqual([]);
        await a.update((root) => {
          root.settings.maxParallelSyncs = 6;
          root.exclusions.push({ id: 'x1', kind: 'user', pattern: 'ceo@example.com', reason: 'keep', createdAt: T0 });
        });
        await a.close();
        const b = await open();
        expect(b.root.settings.maxParallelSyncs).toBe(6);
        expect(b.root.exclusions).toHaveLength(1);
        await b.close();
      }));

    it('leaves the configuration as it was when a change throws', () =>
      withStore(async (open) => {
        const a = await open();
        await a.update((root) => void (root.settings.maxParallelSyncs = 3));
        await expect(
          a.update((root) => {
            root.settings.maxParallelSyncs = 99;
            throw new Error('no');
          }),
        ).rejects.toThrow('no');
        expect(a.root.settings.maxParallelSyncs).toBe(3);
        await a.close();
        const b = await open();
        expect(b.root.settings.maxParallelSyncs).toBe(3);
        await b.close();
      }));

    it('runs changes in call order, each on what the previous one saved', () =>
      withStore(async (open) => {
        const a = await open();
        const start = a.root.settings.maxParallelSyncs;
        await Promise.all(Array.from({ length: 10 }, () => a.update((root) => void (root.settings.maxParallelSyncs += 1))));
        expect(a.root.settings.maxParallelSyncs).toBe(start + 10);
        await a.close();
      }));

    it('keeps snapshots and candidates per profile, exactly, and removes them with the profile', () =>
      withStore(async (open) => {
        const a = await open();
        const snapshot = snapshotOf('p1', 300);
        await a.commitSnapshot(snapshot);
        await a.commitSnapshot(snapshotOf('p2', 5));
        await a.saveCandidates(candidateFile('p1', 4));
        await a.close();
        const b = await open();
        expect(await b.snapshot('p1')).toEqual(snapshot);
        expect((await b.snapshot('p2'))?.subscriptions).toHaveLength(5);
        expect(await b.snapshot('p3')).toBeNull();
        expect(await b.candidates('p1')).toEqual(candidateFile('p1', 4));
        await b.removeProfileFiles('p1');
        expect(await b.snapshot('p1')).toBeNull();
        expect(await b.candidates('p1')).toBeNull();
        expect(await b.snapshot('p2')).not.toBeNull();
        await b.close();
        const c = await open();
        expect(await c.snapshot('p1')).toBeNull();
        await c.close();
      }));

    it('keeps job records newest first, replaces a record in place and prunes as asked', () =>
      withStore(async (open) => {
        const a = await open();
        await a.saveJob(job('j1', { state: 'running' }));
        await a.saveJob(job('j2', { profileId: 'p2' }));
        await a.saveJob(job('j1', { state: 'interrupted' }));
        expect((await a.jobs()).map((j) => [j.id, j.state])).toEqual([
          ['j2', 'succeeded'],
          ['j1', 'interrupted'],
        ]);
        expect(a.lastRunInterrupted('p1')).toBe(true);
        expect(a.lastRunInterrupted('p2')).toBe(false);
        await a.saveJob(job('j3'), (jobs) => jobs.filter((j) => j.id !== 'j2'));
        await a.close();
        const b = await open();
        expect((await b.jobs()).map((j) => j.id)).toEqual(['j3', 'j1']);
        await b.close();
      }));

    it('keeps the directory and the audit trail in order, with secrets redacted', () =>
      withStore(async (open) => {
        const a = await open();
        await a.updateDirectory((file) => {
          file.sources.push({ id: 'profile:okta', kind: 'idp', name: 'Okta', vendorName: 'Okta', readAt: T0, people: [{ email: 'a@example.com', name: 'A', status: 'suspended' }] });
        });
        const first = await a.audit.append({ action: 'rule.update', target: 'r1', message: 'threshold 60 -> 90' });
        await a.audit.append({ action: 'profile.publish', actor: 'dana@example.com', message: 'access_token=supersecretvalue' });
        await a.close();
        const b = await open();
        expect((await b.directory()).sources.map((s) => s.id)).toEqual(['profile:okta']);
        const events = await b.audit.read();
        expect(events.map((e) => e.action)).toEqual(['rule.update', 'profile.publish']);
        expect(events[0]).toEqual(first);
        expect(events[1]!.actor).toBe('dana@example.com');
        expect(events[1]!.message).not.toContain('supersecretvalue');
        await b.close();
      }));
  });
}

describe.skipIf(NO_POSTGRES !== undefined)('PostgreSQL store on a team server', () => {
  it('names the table of a damaged row and leaves it as it is', async () => {
    const { open, cleanup, url } = await backends.postgres!.fresh();
    try {
      const a = await open();
      await a.commitSnapshot(snapshotOf('p1', 3));
      await a.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`UPDATE snapshots SET data = '{"snapshotFormat": 2, "subscriptionCount": "x"}', version = version + 1`);
      const b = await open();
      const error = await b.snapshot('p1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreCorruptError);
      expect((error as Error).message).toContain('PostgreSQL table snapshots (p1)');
      const { rows } = await client.query('SELECT data FROM snapshots');
      expect(rows[0].data).toContain('"subscriptionCount": "x"');
      await client.end();
      await b.close();
    } finally {
      cleanup();
    }
  });

  it('keeps the audit log append-only: no UPDATE, DELETE or TRUNCATE, and none granted to the app role', async () => {
    const { open, cleanup, url } = await backends.postgres!.fresh();
    try {
      const a = await open();
      await a.audit.append({ action: 'candidate.approve', target: 'c1' });
      await a.close();
      const owner = new pg.Client({ connectionString: url });
      await owner.connect();
      // Even the tables' owner is refused by the trigger.
      await expect(owner.query(`UPDATE audit_events SET event = '{}'`)).rejects.toThrow(/append-only: UPDATE/);
      await expect(owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only: DELETE/);
      await expect(owner.query('TRUNCATE audit_events')).rejects.toThrow(/append-only: TRUNCATE/);
      await owner.query('CREATE ROLE seatwise_app LOGIN');
      const pool = new pg.Pool({ connectionString: url });
      await grantAppRole(pool, 'seatwise_app');
      await pool.end();
      const grants = await owner.query(`SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'seatwise_app' AND table_name = 'audit_events' ORDER BY 1`);
      expect(grants.rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
      const app = new pg.Client({ connectionString: url!.replace('seatwise@', 'seatwise_app@') });
      await app.connect();
      await app.query(`INSERT INTO audit_events (id, at, event) VALUES (gen_random_uuid(), now(), '{"id":"x","at":"y","actor":"z","action":"a"}')`);
      await expect(app.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      await app.end();
      const { rows } = await owner.query('SELECT count(*)::int AS n FROM audit_events');
      expect(rows[0].n).toBe(2);
      await owner.end();
    } finally {
      cleanup();
    }
  });

  it('lets two servers on one database see each other and lose neither one\'s changes', async () => {
    const { open, cleanup } = await backends.postgres!.fresh();
    try {
      const a = (await open()) as PostgresStore;
      const b = (await open()) as PostgresStore;
      const start = a.root.settings.maxParallelSyncs;
      // Interleaved: each server starts from its own cached copy, which the other has made stale.
      await Promise.all([
        ...Array.from({ length: 5 }, () => a.update((root) => void (root.settings.maxParallelSyncs += 1))),
        ...Array.from({ length: 5 }, () => b.update((root) => void (root.settings.maxParallelSyncs += 10))),
      ]);
      await a.refresh();
      await b.refresh();
      expect(a.root.settings.maxParallelSyncs).toBe(start + 5 + 50);
      expect(b.root).toEqual(a.root);
      await a.commitSnapshot(snapshotOf('p1', 2));
      expect((await b.snapshot('p1'))?.subscriptions).toHaveLength(2);
      await b.commitSnapshot(snapshotOf('p1', 7));
      expect((await a.snapshot('p1'))?.subscriptions).toHaveLength(7);
      await a.updateDirectory((file) => void file.sources.push({ id: 'roster:hr', kind: 'roster', name: 'HR', vendorName: 'HR roster', readAt: T0, people: [] }));
      expect((await b.directory()).sources.map((s) => s.id)).toEqual(['roster:hr']);
      await a.saveJob(job('ja'));
      await b.saveJob(job('jb'));
      expect((await a.jobs()).map((j) => j.id)).toEqual(['jb', 'ja']);
      await a.close();
      await b.close();
    } finally {
      cleanup();
    }
  });

  it('shares sessions between servers, stores only the hash of the cookie, and forgets expired ones', async () => {
    const { open, cleanup, url } = await backends.postgres!.fresh();
    try {
      const a = (await open()) as PostgresStore;
      const b = (await open()) as PostgresStore;
      const cookie = newSessionValue();
      await a.sessions().put(sessionKey(cookie), { kind: 'signed_in', subject: 's1', person: 'ina@example.com', roles: ['integrator'], expiresAt: 2_000 });
      expect(await b.sessions().get(sessionKey(cookie), 1_000)).toMatchObject({ person: 'ina@example.com', roles: ['integrator'] });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const dump = JSON.stringify((await client.query('SELECT * FROM sessions')).rows);
      expect(dump).not.toContain(cookie);
      expect(await b.sessions().get(sessionKey(cookie), 2_000)).toBeUndefined();
      expect((await client.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n).toBe(0);
      await client.end();
      await a.close();
      await b.close();
    } finally {
      cleanup();
    }
  });
});

describe.skipIf(NO_POSTGRES !== undefined)('exclusive work across servers', () => {
  it('lets one server at a time run work of a name, and lets go when it ends or fails', async () => {
    const { open, cleanup } = await backends.postgres!.fresh();
    try {
      const a = await open();
      const b = await open();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = a.exclusive('reclaim:p1', async () => {
        await held;
        return 'a did it';
      });
      // Give the first its lock before the others try.
      await new Promise((r) => setTimeout(r, 50));
      expect(await b.exclusive('reclaim:p1', async () => 'b did it')).toEqual({ ran: false });
      expect(await a.exclusive('reclaim:p1', async () => 'a twice')).toEqual({ ran: false });
      expect(await b.exclusive('reclaim:p2', async () => 'other profile')).toEqual({ ran: true, value: 'other profile' });
      release();
      expect(await first).toEqual({ ran: true, value: 'a did it' });
      await expect(b.exclusive('reclaim:p1', async () => Promise.reject(new Error('vendor down')))).rejects.toThrow('vendor down');
      expect(await a.exclusive('reclaim:p1', async () => 'free again')).toEqual({ ran: true, value: 'free again' });
      await a.close();
      await b.close();
    } finally {
      cleanup();
    }
  });

  it('frees the lock of a server whose connection died mid-work', async () => {
    const { open, cleanup, url } = await backends.postgres!.fresh();
    try {
      const a = await open();
      const b = await open();
      const stuck = a.exclusive('sync:p1', () => new Promise<never>(() => undefined));
      void stuck.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
      expect(await b.exclusive('sync:p1', async () => 'b')).toEqual({ ran: false });
      // As when a server's process is killed: its connection ends, and PostgreSQL lets go.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'");
      await admin.end();
      expect(await b.exclusive('sync:p1', async () => 'b took over')).toEqual({ ran: true, value: 'b took over' });
      await b.close();
    } finally {
      cleanup();
    }
  });
});
