/**
 * Every data file is checked whole when it is read: one field damaged deep inside stops
 * Seatwise with the file's name, the path of the field and what was expected, and the file is
 * left byte for byte as it was. Fields this version does not know are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, JOBS_FILE, ROOT_FILE } from '../../../main/store/store.js';
import { StoreCorruptError } from '../../../main/store/errors.js';
import { LOCK_FILE } from '../../../main/store/lock.js';
import { encodeSnapshot } from '../../../main/store/snapshot-codec.js';
import { createLogger, logPath } from '../../../main/log/logger.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { PROFILE_ID, fixtureCandidates, fixtureJob, fixtureRoot, fixtureSnapshot } from './fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

type Json = Record<string, unknown> & Record<number, unknown>;

/** A data folder holding every kind of file, each as today's Seatwise writes it. */
function folder(): { dir: string; root: string; jobs: string; snapshot: string; candidates: string; audit: string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dir = t.dir;
  const profile = path.join(dir, 'profiles', PROFILE_ID);
  fs.mkdirSync(profile, { recursive: true });
  const files = {
    dir,
    root: path.join(dir, ROOT_FILE),
    jobs: path.join(dir, JOBS_FILE),
    snapshot: path.join(profile, 'snapshot.json'),
    candidates: path.join(profile, 'candidates.json'),
    audit: path.join(dir, 'audit.jsonl'),
  };
  fs.writeFileSync(files.root, JSON.stringify(fixtureRoot(), null, 2));
  fs.writeFileSync(files.jobs, JSON.stringify([fixtureJob('job_1', 'succeeded', '2026-03-02T09:00:00.000Z', [{ phase: 'download', startedAt: '2026-03-02T09:00:00.000Z', finishedAt: '2026-03-02T09:00:05.000Z', state: 'succeeded' }])]));
  fs.writeFileSync(files.snapshot, JSON.stringify(encodeSnapshot(fixtureSnapshot())));
  fs.writeFileSync(files.candidates, JSON.stringify(fixtureCandidates()));
  fs.writeFileSync(files.audit, ['a', 'b', 'c'].map((x, i) => JSON.stringify({ id: `evt_${i}`, at: '2026-03-02T09:00:00.000Z', actor: 'admin', action: `rule.${x}` })).join('\n') + '\n');
  return files;
}

/** Rewrites one JSON file with `damage` applied. */
function damage(file: string, change: (value: Json) => void, pretty = false): string {
  const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  change(value);
  const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  fs.writeFileSync(file, text);
  return text;
}

async function failure(run: () => Promise<unknown>): Promise<StoreCorruptError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreCorruptError);
  return error as StoreCorruptError;
}

async function expectOpenFails(dir: string, file: string, content: string, reason: string): Promise<void> {
  const error = await failure(() => Store.open({ dataDir: dir }));
  expect(error.file).toBe(file);
  expect(error.message).toContain(file);
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(/left exactly as it is/);
  expect(fs.readFileSync(file, 'utf8')).toBe(content);
  // A refused open does not keep the folder locked.
  expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
}

describe('data files checked whole', () => {
  it('opens the undamaged folder and reads every file', async () => {
    const f = folder();
    const store = await Store.open({ dataDir: f.dir });
    expect(store.root.rules).toHaveLength(2);
    expect(await store.jobs()).toHaveLength(1);
    expect((await store.snapshot(PROFILE_ID))?.subscriptions).toHaveLength(300);
    expect((await store.candidates(PROFILE_ID))?.candidates).toHaveLength(5);
    expect(await store.audit.read()).toHaveLength(3);
    store.close();
  });

  describe('seatwise.json', () => {
    it('a list that is a string: stops at open, not later in a service', async () => {
      const f = folder();
      const text = damage(f.root, (v) => (v.rules = 'oops'), true);
      await expectOpenFails(f.dir, f.root, text, '"rules" is not a list (found a string)');
    });

    it('a number deep in a rule that is a string', async () => {
      const f = folder();
      const text = damage(f.root, (v) => ((v.rules as Json[])[1]!.thresholdDays = '90'), true);
      await expectOpenFails(f.dir, f.root, text, '"rules[1].thresholdDays" is not a number (found a string)');
    });

    it('an unknown schedule kind, a missing connection URL, a flag that is not true or false', async () => {
      const cases: [(v: Json) => void, string][] = [
        [(v) => (((v.profiles as Json[])[0]!.schedule as Json).kind = 'hourly'), '"profiles[0].schedule.kind" is not one of "daily", "weekly", "cron" (found "hourly")'],
        [(v) => delete (((v.aliases as Json[])[0]!.settings as Json).baseUrl), '"aliases[0].settings.baseUrl" is missing (expected a string)'],
        [(v) => ((((v.profiles as Json[])[0]!.stats as Json).licenseTypes as Json[])[0]!.paid = 'yes'), '"profiles[0].stats.licenseTypes[0].paid" is not true or false (found a string)'],
        [(v) => ((v.unrecognized as Json[])[0]!.resolution = { kind: 'mapped' }), '"unrecognized[0].resolution.modelId" is missing (expected a string)'],
        [(v) => ((v.settings as Json).maxParallelSyncs = 2.5), '"settings.maxParallelSyncs" is not a whole number (found the number 2.5)'],
      ];
      for (const [change, reason] of cases) {
        const f = folder();
        const text = damage(f.root, change, true);
        await expectOpenFails(f.dir, f.root, text, reason);
      }
    });

    it('keeps fields it does not know, and accepts rules without autoReclaim', async () => {
      const f = folder();
      damage(f.root, (v) => {
        (v.rules as Json[])[0]!.autoReclaim = true;
        (v.rules as Json[])[0]!.addedLater = { by: 'a newer Seatwise' };
        (v.profiles as Json[])[0]!.activityNote = { reason: 'unavailable', message: 'no audit log on this plan' };
        v.futureList = [1, 2];
      });
      const store = await Store.open({ dataDir: f.dir });
      await store.update((root) => void (root.settings.maxParallelSyncs = 3));
      store.close();
      const written = JSON.parse(fs.readFileSync(f.root, 'utf8')) as Json;
      expect((written.rules as Json[])[0]).toMatchObject({ autoReclaim: true, addedLater: { by: 'a newer Seatwise' } });
      expect((written.rules as Json[])[1]).not.toHaveProperty('autoReclaim');
      expect(written.futureList).toEqual([1, 2]);
      expect((written.settings as Json).maxParallelSyncs).toBe(3);
    });
  });

  describe('jobs.json', () => {
    it('a phase state it does not know stops the open', async () => {
      const f = folder();
      const text = damage(f.jobs, (v) => (((v[0] as Json).phases as Json[])[0]!.state = 'done'));
      await expectOpenFails(f.dir, f.jobs, text, '"[0].phases[0].state" is not one of "running", "succeeded", "failed", "skipped" (found "done")');
    });

    it('a date that is not one', async () => {
      const f = folder();
      const text = damage(f.jobs, (v) => ((v[0] as Json).startedAt = 'yesterday'));
      await expectOpenFails(f.dir, f.jobs, text, '"[0].startedAt" is not a date and time such as 2026-01-31T09:00:00.000Z (found "yesterday")');
    });
  });

  describe('snapshot.json', () => {
    async function expectReadFails(f: ReturnType<typeof folder>, content: string, reason: string): Promise<void> {
      const store = await Store.open({ dataDir: f.dir });
      const error = await failure(() => store.snapshot(PROFILE_ID));
      store.close();
      expect(error.message).toContain(f.snapshot);
      expect(error.reason).toBe(reason);
      expect(fs.readFileSync(f.snapshot, 'utf8')).toBe(content);
    }

    const columns = (v: Json): Record<string, Json> => v.subscriptionColumns as Record<string, Json>;

    it('a flag of one seat stored as a string (a dictionary column)', async () => {
      const f = folder();
      const text = damage(f.snapshot, (v) => {
        const admin = columns(v).admin!;
        expect(admin.kind).toBe('dict');
        admin.values = (admin.values as unknown[]).map((x) => (x === true ? 'yes' : x));
      });
      // Seat 1 is the only admin of the fixture.
      await expectReadFails(f, text, '"subscriptions[1].admin" is not true or false (found a string)');
    });

    it('an email missing from one seat (a joined column with a mask)', async () => {
      const f = folder();
      const snapshot = fixtureSnapshot();
      delete (snapshot.subscriptions[42] as Partial<(typeof snapshot.subscriptions)[number]>).email;
      const text = JSON.stringify(encodeSnapshot(snapshot));
      fs.writeFileSync(f.snapshot, text);
      await expectReadFails(f, text, '"subscriptions[42].email" is missing (expected a string)');
    });

    it('a name stored as a number (a column of plain values)', async () => {
      const f = folder();
      const text = damage(f.snapshot, (v) => {
        const names = fixtureSnapshot().subscriptions.map((s) => s.name as unknown);
        names[17] = 17;
        columns(v).name = { kind: 'values', values: names };
      });
      await expectReadFails(f, text, '"subscriptions[17].name" is not a string (found the number 17)');
    });

    it('an org label in the header, and a seat of a schema 1 file (rows)', async () => {
      const f = folder();
      const header = damage(f.snapshot, (v) => ((v.orgs as Json[])[0]!.label = 5));
      await expectReadFails(f, header, '"orgs[0].label" is not a string (found the number 5)');
      const rows = fixtureSnapshot() as unknown as Json;
      ((rows.subscriptions as Json[])[3]!).paid = 'no';
      const text = JSON.stringify(rows);
      fs.writeFileSync(f.snapshot, text);
      await expectReadFails(f, text, '"subscriptions[3].paid" is not true or false (found a string)');
    });
  });

  describe('candidates.json', () => {
    it('an unknown status and a count that is a string', async () => {
      const cases: [(v: Json) => void, string][] = [
        [(v) => ((v.candidates as Json[])[4]!.status = 'maybe'), '"candidates[4].status" is not one of "open", "approved", "rejected", "reclaimed", "failed", "resolved" (found "maybe")'],
        [(v) => ((v.candidates as Json[])[1]!.daysInactive = '70'), '"candidates[1].daysInactive" is not a number (found a string)'],
        [(v) => ((v.candidates as Json[])[2]!.monthlyCost = undefined), '"candidates[2].monthlyCost" is missing (expected a number)'],
      ];
      for (const [change, reason] of cases) {
        const f = folder();
        const text = damage(f.candidates, change);
        const store = await Store.open({ dataDir: f.dir });
        const error = await failure(() => store.candidates(PROFILE_ID));
        store.close();
        expect(error.message).toContain(f.candidates);
        expect(error.reason).toBe(reason);
        expect(fs.readFileSync(f.candidates, 'utf8')).toBe(text);
      }
    });
  });

  describe('audit.jsonl', () => {
    it('a line that is not an audit event, by its line number', async () => {
      const f = folder();
      const lines = fs.readFileSync(f.audit, 'utf8').split('\n');
      lines[1] = JSON.stringify({ id: 'evt_x', at: '2026-03-02T09:00:00.000Z', actor: 'admin', profileId: 7 });
      const text = lines.join('\n');
      fs.writeFileSync(f.audit, text);
      const store = await Store.open({ dataDir: f.dir });
      const error = await failure(() => store.audit.read());
      store.close();
      expect(error.message).toContain(f.audit);
      expect(error.reason).toBe('line 2 is not an audit event: "action" is missing (expected a string)');
      expect(fs.readFileSync(f.audit, 'utf8')).toBe(text);
    });

    it('a line damaged in its middle is an error; a line torn at its end by a crash is skipped and logged', async () => {
      const f = folder();
      const good = fs.readFileSync(f.audit, 'utf8');
      fs.writeFileSync(f.audit, good.replace('"actor":"admin","action":"rule.b"', '"actor":"admin" "action":"rule.b"'));
      const store = await Store.open({ dataDir: f.dir });
      const error = await failure(() => store.audit.read());
      expect(error.reason).toMatch(/^line 2 is not valid JSON/);

      // A crash mid-append leaves the start of an event with no end, and the next append starts on a fresh line.
      fs.writeFileSync(f.audit, good + '{"id":"torn","at":"2026-03-02T1');
      await store.audit.append({ action: 'rule.after' });
      expect((await store.audit.read()).map((e) => e.action)).toEqual(['rule.a', 'rule.b', 'rule.c', 'rule.after']);
      store.close();
      createLogger(f.dir);
      expect(fs.readFileSync(logPath(f.dir), 'utf8')).toMatch(/audit.jsonl line 4 was cut short by a crash/);
    });
  });
});
