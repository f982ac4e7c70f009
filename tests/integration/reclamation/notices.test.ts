/**
 * notices:list and notices:export through the app's service map, over a real sync of the Asana
 * simulator: only open and approved candidates of rules with "Notify user" on get a notice,
 * the CSV reads back as mail-merge rows (csv-parse), and formula-looking names are neutralised.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import { testKeychain, type TestKeychain } from '../auth/keychain.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'asana-notices-token-0123456789abcdef';
const EVIL = '=HYPERLINK("http://evil.example","x")';
const cleanups: (() => Promise<void> | void)[] = [];
let app: SeatwiseApp;
let profileId: string;
let dir: string;

beforeAll(async () => {
  const sim: AsanaSimulatorHandle = await startAsanaSimulator({ token: TOKEN, seed: 21, users: 150, knobs: { rateLimit: undefined } });
  cleanups.push(() => sim.close());
  // Vendor data is untrusted: every person's name looks like a spreadsheet formula.
  for (const member of sim.org.members) if (member.userGid !== sim.org.meGid) member.name = `${EVIL} ${member.userGid}`;
  const temp = tempDir('seatwise-notices-');
  dir = temp.dir;
  cleanups.push(temp.cleanup);
  const keychain: TestKeychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault });
  cleanups.push(() => app.close());
  const created = await app.profiles.create({
    name: 'Asana',
    vendor: 'asana',
    connection: { baseUrl: sim.url, grantType: 'token' },
    processes: { activity: { enabled: true, lookbackDays: 60 }, reclaim: { enabled: false } },
  });
  profileId = created.id;
  await app.profiles.setSecret({ profileId, kind: 'token', value: TOKEN });
  await app.profiles.publish(profileId);
  expect((await app.sync.run(profileId, 'manual')).state).toBe('succeeded');
}, 90_000);

afterAll(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('notices', () => {
  it('lists nothing while no rule notifies users', async () => {
    expect((await app.service['candidates:list']({ profileId })).length).toBeGreaterThan(3);
    expect(await app.service['notices:list']({ profileId })).toEqual([]);
  });

  it('lists exactly the open and approved candidates of notify rules, with their reclaim date', async () => {
    const candidates = await app.service['candidates:list']({ profileId });
    const ruleId = candidates[0]!.ruleId;
    await app.service['rules:update']({ ruleId, patch: { notifyUser: true, daysBeforeAutoReclaim: 14 } });
    const under = (await app.service['candidates:list']({ profileId })).filter((c) => c.ruleId === ruleId && (c.status === 'open' || c.status === 'approved'));
    expect(under.length).toBeGreaterThan(2);
    const [rejected, approved] = under;
    await app.service['candidates:setStatus']({ ids: [rejected!.id], status: 'rejected' });
    await app.service['candidates:setStatus']({ ids: [approved!.id], status: 'approved' });

    const notices = await app.service['notices:list']({ profileId });
    const expected = under.filter((c) => c.id !== rejected!.id).map((c) => c.id);
    expect(notices.map((n) => n.candidateId).sort()).toEqual([...expected].sort());
    const rules = await app.service['rules:list']({ profileId });
    const notifying = new Set(rules.filter((r) => r.notifyUser).map((r) => r.id));
    const rows = new Map((await app.service['candidates:list']({ profileId })).map((c) => [c.id, c] as const));
    for (const n of notices) {
      const c = rows.get(n.candidateId)!;
      expect(notifying.has(c.ruleId)).toBe(true);
      expect(n.email).toBe(c.email);
      expect(n.reclaimableAt).toBe(c.reclaimableAt);
      expect(n.reclaimableAt).toBeDefined();
      expect(n.subject).toContain('Asana');
      expect(n.body).toContain(c.licenseType);
      // Nothing but the person's own data: no other candidate's email, no cost, no rule internals.
      expect(n.body).not.toContain('@');
      expect(n.body).not.toMatch(/cost|\$|€|threshold/i);
    }

    // A selection keeps only its candidates that have a notice.
    const picked = await app.service['notices:list']({ profileId, candidateIds: [rejected!.id, approved!.id] });
    expect(picked.map((n) => n.candidateId)).toEqual([approved!.id]);
  });

  it('exports a mail-merge CSV that reads back, with formulas neutralised', async () => {
    const out = path.join(dir, 'data', 'exports', 'notices.csv');
    const result = await app.service['notices:export']({ profileId, format: 'csv', out });
    const notices = await app.service['notices:list']({ profileId });
    expect(result).toEqual({ path: out, rows: notices.length });
    const text = fs.readFileSync(out, 'utf8');
    expect(text.includes('\r\n')).toBe(true);
    const records = parseCsv(text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(records[0]!)).toEqual(['email', 'name', 'subject', 'body']);
    expect(records.length).toBe(notices.length);
    for (const [i, record] of records.entries()) {
      const n = notices[i]!;
      expect(record.email).toBe(n.email);
      expect(record.name).toBe(`'${n.name}`);
      expect(record.name!.startsWith(`'${EVIL}`)).toBe(true);
      expect(record.subject).toBe(n.subject);
      expect(record.body).toBe(n.body);
    }
  });

  it('exports plain text: To: and Subject: headers, notices parted by dashes', async () => {
    const out = path.join(dir, 'data', 'exports', 'notices.txt');
    const result = await app.service['notices:export']({ profileId, format: 'txt', out });
    const text = fs.readFileSync(out, 'utf8');
    const parts = text.split(/\n-{20,}\n\n/);
    expect(parts.length).toBe(result.rows);
    for (const part of parts) {
      expect(part).toMatch(/^To: .+ <[^>]+@[^>]+>\nSubject: .+\n\nHello/);
    }
  });

  it('refuses a relative path', async () => {
    await expect(app.service['notices:export']({ profileId, format: 'csv', out: 'notices.csv' })).rejects.toThrow(/absolute/);
  });

  it('creates only Seatwise’s own exports folder: a missing folder elsewhere is an error, for notices and candidates alike', async () => {
    const elsewhere = path.join(dir, 'no-such-folder', 'notices.csv');
    await expect(app.service['notices:export']({ profileId, format: 'csv', out: elsewhere })).rejects.toThrow();
    await expect(app.service['candidates:export']({ profileId, format: 'csv', out: elsewhere })).rejects.toThrow();
    expect(fs.existsSync(path.join(dir, 'no-such-folder'))).toBe(false);
    const own = path.join(app.dataDir, 'exports', 'candidates.csv');
    await expect(app.service['candidates:export']({ profileId, format: 'csv', out: own })).resolves.toMatchObject({ path: own });
  });
});
