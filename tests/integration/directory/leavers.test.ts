/**
 * Leavers at once, orphans, and the directory they come from: a SCIM app (which reports no
 * activity, so it never has an inactivity candidate) gets candidates for the people an HR
 * roster or Okta says have left, with boundary days; a seat no directory knows is an orphan,
 * never a candidate for that; the CLI lists the merged directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScimSimulator } from '../../../connectors/custom/simulator/scim.js';
import { seedOktaOrg } from '../../../connectors/okta/simulator/seed.js';
import { startOktaSimulator } from '../../../connectors/okta/simulator/index.js';
import { createApp, type SeatwiseApp } from '../../../main/app.js';
import type { CandidateRow } from '../../../preload/contract.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { testKeychain } from '../auth/keychain.js';

const TOKEN = 'directory-scim-token-0123456789abcdef';
const NOW = new Date('2031-09-15T09:00:00.000Z');
const DAY = 86_400_000;
const day = (offset: number): string => new Date(NOW.getTime() + offset * DAY).toISOString().slice(0, 10);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function newApp(): Promise<{ app: SeatwiseApp; dataDir: string }> {
  const { dir, cleanup } = tempDir('seatwise-directory-');
  cleanups.push(cleanup);
  const keychain = testKeychain();
  cleanups.push(() => keychain.cleanup());
  const dataDir = path.join(dir, 'data');
  const app = await createApp({ dataDir, transport: 'cli', vault: keychain.vault, now: () => NOW, control: false });
  cleanups.push(() => app.close());
  return { app, dataDir };
}

async function scimApp(app: SeatwiseApp): Promise<{ profileId: string; emails: string[] }> {
  const sim = await startScimSimulator({ token: TOKEN, seed: 21, users: 30 });
  cleanups.push(() => sim.close());
  const created = await app.profiles.create({
    name: 'Wiki',
    vendor: 'custom',
    preset: 'scim',
    connection: { baseUrl: sim.url, grantType: 'token' },
    processes: { activity: { enabled: false, lookbackDays: 60 }, reclaim: { enabled: true } },
  });
  await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
  await app.profiles.publish(created.id);
  const job = await app.sync.run(created.id, 'publish');
  expect(job.state).toBe('succeeded');
  expect(job.counts.candidates).toBe(0);
  const rows = (await app.service['subscriptions:list']({ profileId: created.id })).rows;
  const paid = rows.filter((r) => r.seat === 'paid' && !r.owner);
  expect(paid.length).toBeGreaterThan(8);
  return { profileId: created.id, emails: paid.map((r) => r.email) };
}

const pending = (rows: CandidateRow[]): CandidateRow[] => rows.filter((c) => c.status === 'open' || c.status === 'approved');

describe('leavers from an HR roster', () => {
  it('past end dates make candidates at once, future ones and active people do not; seats nobody lists are orphans', async () => {
    const { app, dataDir } = await newApp();
    const { profileId, emails } = await scimApp(app);
    const [ended, endsToday, endsLater, suspended, orphan, ...rest] = emails;
    const roster = [
      'Email,Name,Status,End date',
      // Upper case in the roster, as HR systems often write it: matched case-insensitively.
      `${ended!.toUpperCase()},Ended Person,active,${day(-10)}`,
      `${endsToday},Last Day Today,active,${day(0)}`,
      `${endsLater},Leaving Soon,active,${day(5)}`,
      `${suspended},On Leave,suspended,`,
      ...rest.map((e) => `${e},Someone,active,`),
      'nobody@elsewhere.example,Not On A Seat,deprovisioned,',
    ].join('\n');
    const source = await app.service['directory:import']({ name: 'HR', fileName: 'roster.csv', content: roster });
    expect(source).toMatchObject({ id: 'roster:hr', kind: 'roster', people: rest.length + 5 });

    const candidates = pending(await app.service['candidates:list']({ profileId }));
    expect(candidates.map((c) => c.email).sort()).toEqual([ended!, suspended!].sort());
    const left = candidates.find((c) => c.email === ended)!;
    expect(left).toMatchObject({ reason: 'leaver', ruleName: 'Leavers', thresholdDays: 0, activitySource: null, orphan: false, daysInactive: 9 });
    // The day after the last working day is the first day gone.
    expect(left.inactiveSince).toBe(`${day(-9)}T00:00:00.000Z`);
    expect(left.why).toContain(`HR roster (HR) ends their employment on ${day(-10)}`);
    expect(candidates.find((c) => c.email === suspended)!.why).toContain('marks the person suspended');

    const seats = (await app.service['subscriptions:list']({ profileId, orphan: true })).rows;
    expect(seats.map((r) => r.email)).toContain(orphan);
    expect(seats.every((r) => r.orphan === true)).toBe(true);
    expect(candidates.some((c) => c.email === orphan)).toBe(false);

    // Days after leaving: under them, the leaver is resolved with the reason; back to 0, open again.
    const rules = await app.service['rules:list']({ profileId });
    for (const r of rules) expect(r).toMatchObject({ leaversEnabled: true, leaverDays: 0 });
    const setLeaverDays = async (leaverDays: number): Promise<void> => {
      for (const r of rules) await app.service['rules:update']({ ruleId: r.id, patch: { leaverDays } });
    };
    await setLeaverDays(10);
    let now = await app.service['candidates:list']({ profileId });
    expect(pending(now)).toEqual([]);
    expect(now.find((c) => c.email === ended)?.why).toMatch(/resolved: 9 days after leaving is under rule .*'s 10 days after leaving/);
    await setLeaverDays(9);
    expect(pending(await app.service['candidates:list']({ profileId })).map((c) => c.email).sort()).toEqual([ended!].sort());

    // A new roster without the end date: the person is back, the candidate resolved.
    await setLeaverDays(0);
    await app.service['directory:import']({ name: 'HR', fileName: 'roster.csv', content: roster.replace(`,${day(-10)}`, ',') });
    now = await app.service['candidates:list']({ profileId });
    expect(now.find((c) => c.email === ended)).toMatchObject({ status: 'resolved' });
    expect(now.find((c) => c.email === ended)?.why).toContain('the directory no longer marks the person as having left');
    expect(pending(now).map((c) => c.email)).toEqual([suspended]);

    // The CLI's view of the same directory, and a roster with a bad row that loads nothing.
    await app.close();
    const listed = await runCli(['directory', 'list', '--status', 'suspended', '--json'], { dataDir });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      { email: suspended, name: 'On Leave', status: 'suspended', lastLoginAt: null, source: 'HR roster (HR)', sources: ['HR roster (HR)'], endDate: null, leftAt: NOW.toISOString() },
    ]);
    const bad = path.join(dataDir, '..', 'bad.csv');
    fs.writeFileSync(bad, `email,status,end_date\n${ended},active,${day(-3)}\nnot-an-email,active,\n${suspended},retired,\n`);
    const refused = await runCli(['directory', 'import', '--file', bad, '--name', 'HR'], { dataDir });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('line 3: "not-an-email" is not an email address');
    expect(refused.stderr).toContain('line 4: status "retired" is not one of active, suspended, deprovisioned');
    const after = await runCli(['directory', 'list', '--json'], { dataDir });
    expect(JSON.parse(after.stdout).find((p: { email: string }) => p.email.toLowerCase() === ended!.toLowerCase()).endDate).toBeNull();
    const exported = await runCli(['candidates', 'Wiki', '--format', 'json'], { dataDir });
    expect(exported.code, exported.stderr).toBe(0);
    const rows = JSON.parse(exported.stdout) as Array<{ email: string; reason: string; activitySource: null; orphan: boolean }>;
    expect(rows.find((r) => r.email === suspended)).toMatchObject({ reason: 'leaver', activitySource: null, orphan: false });
  });
});

describe('leavers from Okta', () => {
  it("an Okta profile's sync fills the directory: deprovisioned and suspended people's seats in another app become candidates", async () => {
    const { app } = await newApp();
    const { profileId, emails } = await scimApp(app);
    // The company's Okta org: the same people as the app, by email.
    const org = seedOktaOrg({ seed: 4, users: emails.length + 1, now: NOW });
    const people = org.users.filter((u) => u.id !== org.adminId);
    people.forEach((u, i) => {
      u.status = 'ACTIVE';
      u.statusChanged = null;
      u.profile.email = emails[i]!;
      u.profile.login = emails[i]!;
    });
    const okta = await startOktaSimulator({ org, now: NOW });
    cleanups.push(() => okta.close());
    okta.setStatus(people[0]!.id, 'DEPROVISIONED', new Date(NOW.getTime() - 3 * DAY));
    okta.setStatus(people[1]!.id, 'SUSPENDED', new Date(NOW.getTime() - 1 * DAY));

    const created = await app.service['profiles:create']({ name: 'Okta prod', vendor: 'okta', connection: { baseUrl: okta.url, grantType: 'token' } });
    await app.service['connection:setSecret']({ profileId: created.id, kind: 'token', value: okta.token });
    await app.service['profiles:publish']({ profileId: created.id });
    const job = await app.sync.run(created.id, 'manual');
    expect(job.state, job.error).toBe('succeeded');

    const { people: listed, sources } = await app.service['directory:list']({});
    expect(sources).toEqual([expect.objectContaining({ id: `profile:${created.id}`, kind: 'idp', vendorName: 'Okta', name: 'Okta prod' })]);
    expect(listed.find((p) => p.email === emails[0])).toMatchObject({ status: 'deprovisioned', source: 'Okta (Okta prod)' });

    // The other app was not synced again: the directory change recomputed it.
    const candidates = pending(await app.service['candidates:list']({ profileId }));
    expect(candidates.map((c) => c.email).sort()).toEqual([emails[0]!, emails[1]!].sort());
    expect(candidates.find((c) => c.email === emails[0])).toMatchObject({ reason: 'leaver', daysInactive: 3 });
    expect(candidates.find((c) => c.email === emails[0])!.why).toContain(`Okta (Okta prod) marks the person deprovisioned since ${day(-3)}`);

    // Removing the Okta profile takes its people out: nobody is a leaver any more.
    await app.service['profiles:remove']({ profileId: created.id });
    expect((await app.service['directory:list']({})).sources).toEqual([]);
    expect(pending(await app.service['candidates:list']({ profileId }))).toEqual([]);
  });
});

describe('SSO sign-ins as activity for an app with none of its own', () => {
  it('a SCIM app linked to an Okta app: recent sign-ins are active, old ones inactive with the source named; unlinked, no claims', async () => {
    const { app } = await newApp();
    const sim = await startScimSimulator({ token: TOKEN, seed: 22, users: 20 });
    cleanups.push(() => sim.close());
    const created = await app.profiles.create({
      name: 'Wiki',
      vendor: 'custom',
      preset: 'scim',
      connection: { baseUrl: sim.url, grantType: 'token' },
      processes: { activity: { enabled: true, lookbackDays: 60 }, reclaim: { enabled: true } },
    });
    await app.profiles.setSecret({ profileId: created.id, kind: 'token', value: TOKEN });
    await app.profiles.publish(created.id);
    expect((await app.sync.run(created.id, 'publish')).activityAvailable).toBe(false);
    const seats = (await app.service['subscriptions:list']({ profileId: created.id })).rows.filter((r) => r.seat === 'paid' && !r.owner);
    const emails = seats.map((r) => r.email);

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
    okta.signIn(people[1]!.id, appInOkta.id, new Date(NOW.getTime() - 40 * DAY), 'FAILURE');
    // Before the 60 days Seatwise reads: not asked for, so not counted.
    okta.signIn(people[2]!.id, appInOkta.id, new Date(NOW.getTime() - 70 * DAY));
    const idp = await app.service['profiles:create']({ name: 'Okta prod', vendor: 'okta', connection: { baseUrl: okta.url, grantType: 'token' } });
    await app.service['connection:setSecret']({ profileId: idp.id, kind: 'token', value: okta.token });
    await app.service['profiles:publish']({ profileId: idp.id });
    expect((await app.sync.run(idp.id, 'manual')).state).toBe('succeeded');

    const apps = await app.service['directory:apps']({ idpProfileId: idp.id });
    expect(apps.map((a) => a.id)).toContain(appInOkta.id);
    await expect(app.service['profiles:link']({ profileId: created.id, idpProfileId: idp.id, appId: 'no-such-app' })).rejects.toThrow(/has no active app with the id no-such-app/);
    await expect(app.service['profiles:link']({ profileId: idp.id, idpProfileId: idp.id, appId: appInOkta.id })).rejects.toThrow(/is an identity provider itself/);
    const linked = await app.service['profiles:link']({ profileId: created.id, idpProfileId: idp.id, appId: appInOkta.id });
    expect(linked.sso).toMatchObject({ idpProfileName: 'Okta prod', appId: appInOkta.id, appLabel: appInOkta.label });

    for (const rule of await app.service['rules:list']({ profileId: created.id })) await app.service['rules:update']({ ruleId: rule.id, patch: { thresholdDays: 30 } });
    const job = await app.sync.run(created.id, 'manual');
    expect(job.state, job.error).toBe('succeeded');
    expect(job.activityAvailable).toBe(true);
    expect(job.phases.find((p) => p.phase === 'activity')?.message).toMatch(/SSO sign-ins to .* through Okta prod/);
    const candidates = pending(await app.service['candidates:list']({ profileId: created.id }));
    const byEmail = new Map(candidates.map((c) => [c.email, c]));
    // Signed in 5 days ago: active. 45 days ago (the failed sign-in later does not count): inactive, through SSO.
    expect(byEmail.has(emails[0]!)).toBe(false);
    expect(byEmail.get(emails[1]!)).toMatchObject({ reason: 'inactive', activitySource: 'sso', daysInactive: 45, lastActivityAt: new Date(NOW.getTime() - 45 * DAY).toISOString() });
    expect(byEmail.get(emails[1]!)!.why).toMatch(/^no SSO sign-in since /);
    // Never signed in within the 60 days read: inactive since the analysis start, no source.
    expect(byEmail.get(emails[2]!)).toMatchObject({ activitySource: null, daysInactive: 60 });
    const seatRows = (await app.service['subscriptions:list']({ profileId: created.id })).rows;
    expect(seatRows.find((r) => r.email === emails[0])?.lastActivityAt).toBe(new Date(NOW.getTime() - 5 * DAY).toISOString());

    // Unlinked: the app has no activity of its own again, so it claims nobody is inactive.
    await app.service['profiles:unlink']({ profileId: created.id });
    const after = await app.sync.run(created.id, 'manual');
    expect(after.activityAvailable).toBe(false);
    expect(pending(await app.service['candidates:list']({ profileId: created.id }))).toEqual([]);
  });
});
