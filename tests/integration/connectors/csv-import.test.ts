/**
 * Apps with no API: a vendor's user export imported as a profile's seats. Imported twice, a
 * person gone from the second export resolves their candidate; a bad row commits nothing; the
 * mapping is remembered; a missing column names its flag; reclaim writes a task list and
 * nothing counts as reclaimed until marked; with no last-active column an identity provider
 * link gives SSO activity.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedOktaOrg } from '../../../connectors/okta/simulator/seed.js';
import { startOktaSimulator } from '../../../connectors/okta/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import type { CandidateRow, JobResult } from '../../../preload/contract.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';

const NOW = new Date('2031-09-15T09:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number): string => new Date(NOW.getTime() - days * DAY).toISOString().slice(0, 10);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<{ app: SeatwiseApp; dir: string }> {
  const { dir, cleanup } = tempDir('seatwise-csv-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const app = await createApp({ dataDir: path.join(dir, 'data'), transport: 'cli', vault: keychain.vault, now: () => NOW, control: false });
  cleanups.push(() => app.close());
  return { app, dir };
}

async function csvProfile(app: SeatwiseApp, name = 'Design tool'): Promise<string> {
  const created = await app.service['profiles:create']({ name, vendor: 'csv', connection: { baseUrl: 'file:///export.csv', grantType: 'token' } });
  return created.id;
}

/** Imports and waits for the import's sync (the same job record as any sync). */
async function importFile(app: SeatwiseApp, profileId: string, content: string, extra: { fileName?: string; mapping?: Record<string, string | null> } = {}): Promise<JobResult> {
  const started = await app.service['profiles:import']({ profileId, content, fileName: extra.fileName ?? 'users.csv', ...(extra.mapping ? { mapping: extra.mapping } : {}) });
  for (let i = 0; i < 500 && app.sync.isRunning(profileId); i++) await new Promise((r) => setTimeout(r, 10));
  const job = (await app.service['jobs:list']({ profileId, limit: 20 })).find((j) => j.id === started.id);
  expect(job, 'the import made a job record').toBeDefined();
  return job!;
}

const pending = (rows: CandidateRow[]): CandidateRow[] => rows.filter((c) => c.status === 'open' || c.status === 'approved');

const HEADER = 'E-mail address,Full name,Plan,Last login';
const FIRST = [
  HEADER,
  `ann@acme.example,Ann Active,Pro,${ago(3)}`,
  // Hostile names are stored as given; exports neutralise them.
  `bob@acme.example,"=HYPERLINK(""http://x"")",Pro,${ago(45)}T10:00:00Z`,
  `cat@acme.example,"Cat
Two Lines",Pro,${ago(50)}`,
  // Listed twice under one license type: one seat, the later date kept.
  `dan@acme.example,Dan,Pro,${ago(90)}`,
  `DAN@acme.example,Dan,Pro,${ago(40)}`,
].join('\n');

describe('a CSV app imported twice', () => {
  it('makes seats and candidates, remembers the mapping, and resolves the candidate of a person gone at the next import', async () => {
    const { app } = await newApp();
    const profileId = await csvProfile(app);
    const first = await importFile(app, profileId, FIRST);
    expect(first.state, first.error).toBe('succeeded');
    expect(first.activityAvailable).toBe(true);
    expect(first.counts.seats).toBe(4);
    const detail = await app.service['profiles:get']({ profileId });
    expect(detail.status).toBe('published');
    expect(detail.connection.options).toMatchObject({ emailColumn: 'E-mail address', nameColumn: 'Full name', licenseColumn: 'Plan', lastActiveColumn: 'Last login', fileName: 'users.csv' });
    const seats = (await app.service['subscriptions:list']({ profileId })).rows;
    expect(seats.find((s) => s.email === 'bob@acme.example')?.name).toBe('=HYPERLINK("http://x")');
    expect(seats.filter((s) => s.email.toLowerCase() === 'dan@acme.example')).toHaveLength(1);
    expect(seats.find((s) => s.email.toLowerCase() === 'dan@acme.example')?.lastActivityAt).toBe(`${ago(40)}T00:00:00.000Z`);

    for (const rule of await app.service['rules:list']({ profileId })) await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 30 } });
    const again = await importFile(app, profileId, FIRST);
    expect(again.state, again.error).toBe('succeeded');
    const candidates = pending(await app.service['candidates:list']({ profileId }));
    expect(candidates.map((c) => c.email.toLowerCase()).sort()).toEqual(['bob@acme.example', 'cat@acme.example', 'dan@acme.example']);
    expect(candidates.find((c) => c.email === 'bob@acme.example')).toMatchObject({ daysInactive: 44, activitySource: 'vendor' });

    // The second export has other headers' order but the same names: the remembered mapping reads it; Bob is gone.
    const second = ['Plan,Last login,Full name,E-mail address', `Pro,${ago(3)},Ann Active,ann@acme.example`, `Pro,${ago(50)},Cat,cat@acme.example`, `Pro,${ago(40)},Dan,dan@acme.example`].join('\n');
    const job = await importFile(app, profileId, second, { fileName: 'users-october.csv' });
    expect(job.state, job.error).toBe('succeeded');
    const all = await app.service['candidates:list']({ profileId });
    expect(all.find((c) => c.email === 'bob@acme.example')).toMatchObject({ status: 'resolved' });
    expect(pending(all).map((c) => c.email.toLowerCase()).sort()).toEqual(['cat@acme.example', 'dan@acme.example']);
  });

  it('a file with a bad row commits nothing and names the line; a missing column names the flag and lists the header', async () => {
    const { app } = await newApp();
    const profileId = await csvProfile(app);
    expect((await importFile(app, profileId, FIRST)).state).toBe('succeeded');
    const before = (await app.service['subscriptions:list']({ profileId })).rows.length;
    const jobsBefore = (await app.service['jobs:list']({ profileId })).length;

    const bad = [HEADER, `eve@acme.example,Eve,Pro,${ago(3)}`, `not-an-email,Nobody,Pro,${ago(3)}`, `fay@acme.example,Fay,Pro,03/05/2031`].join('\n');
    await expect(app.service['profiles:import']({ profileId, content: bad, fileName: 'bad.csv' })).rejects.toThrow(
      /bad\.csv was not imported, nothing changed: line 3: "not-an-email" .* is not an email address; line 4: last active "03\/05\/2031" is ambiguous/,
    );
    expect((await app.service['subscriptions:list']({ profileId })).rows.length).toBe(before);
    expect((await app.service['jobs:list']({ profileId })).length).toBe(jobsBefore);
    expect((await app.service['profiles:get']({ profileId })).connection.options.fileName).toBe('users.csv');

    const other = await csvProfile(app, 'Other');
    await expect(app.service['profiles:import']({ profileId: other, content: 'Mail,Person,Seen\nx@acme.example,X,2031-01-01', fileName: 'x.csv' })).rejects.toThrow(
      /--license-column: no column for license type was recognised.*The header row reads: "Mail", "Person", "Seen"/,
    );
    // Named by the admin (the --license-column flag, the playbook's select): imported.
    const named = await importFile(app, other, 'Mail,Person,Seat kind\nx@acme.example,X,Editor', { fileName: 'x.csv', mapping: { licenseType: 'Seat kind' } });
    expect(named.state, named.error).toBe('succeeded');
    // No last-active column: activity is unavailable, and nobody is called inactive.
    expect(named.activityAvailable).toBe(false);
    expect((await app.service['profiles:get']({ profileId: other })).activityNote?.message).toMatch(/no last-active column.*SSO sign-ins/);
    expect(pending(await app.service['candidates:list']({ profileId: other }))).toEqual([]);
    await expect(app.service['profiles:import']({ profileId: other, content: 'Mail,Person\nx@acme.example,X', fileName: 'x.csv' })).rejects.toThrow(/--license-column: x\.csv has no column "Seat kind"/);
  });

  it('reclaim writes a task list; nothing is reclaimed or saved until marked reclaimed', async () => {
    const { app, dir } = await newApp();
    const profileId = await csvProfile(app);
    await importFile(app, profileId, FIRST);
    for (const rule of await app.service['rules:list']({ profileId })) await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 30 } });
    await app.service['entitlements:set']({ profileId, licenseType: 'Pro', owned: 4, unitCost: 20, currency: 'USD', period: 'month' });
    await importFile(app, profileId, FIRST);
    const candidates = pending(await app.service['candidates:list']({ profileId }));
    const bob = candidates.find((c) => c.email === 'bob@acme.example')!;
    const cat = candidates.find((c) => c.email === 'cat@acme.example')!;
    await app.service['candidates:setStatus']({ ids: [bob.id, cat.id], status: 'approved' });
    await expect(app.service['reclaim:run']({ profileId, approved: true })).rejects.toThrow(/has no API: write its task list/);

    const out = path.join(dir, 'tasks.csv');
    const list = await app.service['reclaim:taskList']({ profileId, approved: true, out });
    expect(list.tasks.map((t) => t.email).sort()).toEqual(['bob@acme.example', 'cat@acme.example']);
    const written = fs.readFileSync(out, 'utf8');
    expect(written).toBe(list.text);
    expect(written.split('\r\n')[0]).toBe('email,name,license type,what to do,candidate id');
    // The formula in Bob's name is neutralised in the file.
    expect(written).toContain(`'=HYPERLINK`);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    expect(list.tasks[0]!.task).toMatch(/^Remove .+ admin console, then mark it reclaimed: seatwise candidates mark-reclaimed c-/);

    let after = await app.service['candidates:list']({ profileId });
    expect(after.filter((c) => c.status === 'reclaimed')).toEqual([]);
    expect(after.find((c) => c.id === bob.id)).toMatchObject({ status: 'approved', taskWrittenAt: NOW.toISOString() });

    const marked = await app.service['candidates:markReclaimed']({ candidateIds: [bob.id, 'c-nope'] });
    expect(marked.reclaimed.map((r) => r.id)).toEqual([bob.id]);
    expect(marked.unchanged).toEqual([{ id: 'c-nope', reason: 'no such candidate' }]);
    after = await app.service['candidates:list']({ profileId });
    expect(after.find((c) => c.id === bob.id)).toMatchObject({ status: 'reclaimed' });
    expect(after.find((c) => c.id === cat.id)).toMatchObject({ status: 'approved' });
    const audit = await app.store.audit.read();
    expect(audit.filter((e) => e.action === 'reclaim.seat').map((e) => e.target)).toEqual([`${bob.id} bob@acme.example`]);
    expect(audit.find((e) => e.action === 'reclaim.seat')?.after).toMatchObject({ markedByHand: true, monthlySaving: 20 });
  });

  it('linked to an identity provider, an export with no last-active column gets SSO activity', async () => {
    const { app } = await newApp();
    const emails = ['ann@acme.example', 'bob@acme.example', 'cat@acme.example'];
    const profileId = await csvProfile(app);
    const job = await importFile(app, profileId, ['Email,Name,License', ...emails.map((e) => `${e},${e.split('@')[0]},Pro`)].join('\n'));
    expect(job.activityAvailable).toBe(false);

    const org = seedOktaOrg({ seed: 5, users: emails.length + 1, now: NOW });
    const appInOkta = org.apps.find((a) => a.status === 'ACTIVE')!;
    const people = org.users.filter((u) => u.id !== org.adminId);
    people.forEach((u, i) => {
      u.status = 'ACTIVE';
      u.profile.email = emails[i]!;
      u.profile.login = emails[i]!;
    });
    org.events.length = 0;
    org.assignments.set(appInOkta.id, people.map((u) => ({ userId: u.id, userName: u.profile.email, email: u.profile.email, scope: 'USER' as const, created: org.now })));
    const okta = await startOktaSimulator({ org, now: NOW });
    cleanups.push(() => okta.close());
    okta.signIn(people[0]!.id, appInOkta.id, new Date(NOW.getTime() - 5 * DAY));
    okta.signIn(people[1]!.id, appInOkta.id, new Date(NOW.getTime() - 45 * DAY));
    const idp = await app.service['profiles:create']({ name: 'Okta prod', vendor: 'okta', connection: { baseUrl: okta.url, grantType: 'token' } });
    await app.service['connection:setSecret']({ profileId: idp.id, kind: 'token', value: okta.token });
    await app.service['profiles:publish']({ profileId: idp.id });
    expect((await app.sync.run(idp.id, 'manual')).state).toBe('succeeded');
    await app.service['profiles:link']({ profileId, idpProfileId: idp.id, appId: appInOkta.id });
    for (const rule of await app.service['rules:list']({ profileId })) await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 30 } });

    // A sync with no new export (the schedule, sync --all) keeps the last import and reads SSO sign-ins.
    const synced = await app.sync.run(profileId, 'manual');
    expect(synced.state, synced.error).toBe('succeeded');
    expect(synced.activityAvailable).toBe(true);
    expect(synced.phases.find((p) => p.phase === 'download')?.message).toMatch(/No new export: the last import's 3 subscriptions are kept/);
    const candidates = pending(await app.service['candidates:list']({ profileId }));
    expect(candidates.find((c) => c.email === 'bob@acme.example')).toMatchObject({ activitySource: 'sso', daysInactive: 45 });
    expect(candidates.find((c) => c.email === 'ann@acme.example')).toBeUndefined();
  });
});
