/**
 * Reclaim at GitHub against the simulator: cancelling exactly the chosen seats (pending
 * cancellation at the next billing cycle) and Undo re-adding exactly them; seats assigned
 * through a team refused with the team named and nothing sent; seats already pending or gone
 * refused; the organization's "all members" setting; seats owned following; and the probe of
 * each process, which changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RECLAIM_PROBE_LOGIN } from '../../../connectors/github/probe.js';
import { GITHUB_422, startGithubSimulator, type GithubSimulatorHandle, type GithubSimulatorOptions } from '../../../connectors/github/simulator/index.js';
import type { SeatRecord } from '../../../connectors/types.js';
import { candidatesOf, DAY } from './github-expected.js';
import { caught, collect, connectGithub } from './github-harness.js';

const NOW = new Date(Date.UTC(2026, 4, 14));
const SEED = 77;
const ORG = 'acme-corp';
const ANALYSIS_START = new Date(NOW.getTime() - 365 * DAY);

const sims: GithubSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function simulator(options: GithubSimulatorOptions = {}): Promise<GithubSimulatorHandle> {
  const sim = await startGithubSimulator({ seed: SEED, members: 150, now: NOW, org: ORG, ...options });
  sims.push(sim);
  return sim;
}

/** Every seat as the simulator holds it, but for the logins left out. */
const seatsExcept = (sim: GithubSimulatorHandle, logins: Set<string>) => JSON.stringify(sim.org.members.filter((m) => !logins.has(m.login)));

async function candidateSeats(sim: GithubSimulatorHandle, token = sim.token) {
  const h = connectGithub({ baseUrl: sim.url, token, org: ORG, now: NOW });
  const me = await h.connector.whoami();
  const seats = await collect(h.connector.subscriptions());
  const candidates = candidatesOf(seats, { orgId: ORG, connectedUserId: me.userId, now: NOW, analysisStart: ANALYSIS_START });
  return { ...h, seats, candidates: candidates.map((c) => seats.find((s) => s.userId === c.userId)!) };
}

const direct = (sim: GithubSimulatorHandle) => (s: SeatRecord) => !sim.member(s.reclaimRef!)!.seat!.teamSlug;

describe('GitHub connector: reclaim and undo', () => {
  it('cancels exactly the chosen seats at the end of the cycle and re-adds exactly them; seats owned follow', async () => {
    const sim = await simulator();
    const { connector, candidates } = await candidateSeats(sim);
    const chosen = candidates.filter(direct(sim)).slice(0, 3);
    expect(chosen).toHaveLength(3);
    const logins = new Set(chosen.map((s) => s.reclaimRef!));
    const untouched = seatsExcept(sim, logins);
    const [owned] = await connector.ownedSeats!();

    expect(connector.planReclaim(chosen[0]!)).toEqual({
      method: 'DELETE',
      url: `${sim.url}/orgs/${ORG}/copilot/billing/selected_users`,
      body: { selected_usernames: [chosen[0]!.reclaimRef] },
    });
    for (const seat of chosen) await connector.reclaim(seat, 'remove');
    for (const login of logins) expect(sim.member(login)!.seat!.pendingCancellationDate).toBe('2026-06-01');
    expect(seatsExcept(sim, logins)).toBe(untouched);
    expect(sim.stats.requestsTo('DELETE', `/orgs/${ORG}/copilot/billing/selected_users`)).toHaveLength(3);

    // Billed until the cycle ends, no longer used: owned stays, used drops.
    expect(await connector.ownedSeats!()).toEqual([{ licenseType: 'Copilot Business', owned: owned!.owned, used: owned!.used - 3 }]);
    // The next download sees them going: held by nobody, so no longer candidates.
    const after = await collect(connector.subscriptions());
    expect(after.filter((s) => logins.has(s.reclaimRef!)).every((s) => !s.active)).toBe(true);

    expect(connector.planUndo!(chosen[1]!)).toMatchObject({ method: 'POST', body: { selected_usernames: [chosen[1]!.reclaimRef] } });
    await connector.undo!(chosen[1]!, 'remove');
    expect(sim.member(chosen[1]!.reclaimRef!)!.seat!.pendingCancellationDate).toBeUndefined();
    expect(sim.member(chosen[0]!.reclaimRef!)!.seat!.pendingCancellationDate).toBe('2026-06-01');
    expect(seatsExcept(sim, logins)).toBe(untouched);
    expect(await connector.ownedSeats!()).toEqual([{ licenseType: 'Copilot Business', owned: owned!.owned, used: owned!.used - 2 }]);
  });

  it('refuses a seat assigned through a team with the team named, sends no cancellation and never reports it reclaimed', async () => {
    const sim = await simulator();
    const { connector, candidates } = await candidateSeats(sim);
    const viaTeam = candidates.find((s) => !direct(sim)(s))!;
    expect(viaTeam).toBeDefined();
    const team = sim.org.teams.find((t) => t.slug === sim.member(viaTeam.reclaimRef!)!.seat!.teamSlug)!;
    const before = JSON.stringify(sim.org.members);
    const err = await caught(connector.reclaim(viaTeam));
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringContaining(`through the team "${team.name}" (${team.slug})`) });
    expect((err as Error).message).toContain(`Remove ${viaTeam.reclaimRef} from that team`);
    expect(JSON.stringify(sim.org.members)).toBe(before);
    expect(sim.stats.requestsTo('DELETE', `/orgs/${ORG}/copilot/billing/selected_users`)).toHaveLength(0);
  });

  it('refuses a seat already pending cancellation, a seat that is gone, and actions GitHub does not offer', async () => {
    const sim = await simulator();
    const { connector, seats } = await candidateSeats(sim);
    const pending = seats.find((s) => !s.active)!;
    expect(await caught(connector.reclaim(pending))).toMatchObject({ code: 'bad_request', message: expect.stringContaining('already pending cancellation: GitHub ends it on 2026-06-01') });
    const gone: SeatRecord = { ...seats[1]!, reclaimRef: 'left-the-company' };
    expect(await caught(connector.reclaim(gone))).toMatchObject({ code: 'not_found', message: expect.stringContaining('has no Copilot seat') });
    expect(() => connector.planReclaim(seats[1]!, 'freeze')).toThrow(/"freeze" is not offered/);
    expect(await caught(connector.reclaim(seats[1]!, 'downgrade'))).toMatchObject({ code: 'config' });
    expect(sim.stats.requestsTo('DELETE', '/orgs/')).toHaveLength(0);
  });

  it('says why GitHub refuses when the organization gives Copilot to all members', async () => {
    const sim = await simulator({ seatManagementSetting: 'assign_all' });
    const { connector, candidates } = await candidateSeats(sim);
    const seat = candidates.find(direct(sim))!;
    const err = await caught(connector.reclaim(seat));
    expect(err).toMatchObject({ code: 'bad_request', message: expect.stringContaining(GITHUB_422.allMembers) });
    expect(sim.member(seat.reclaimRef!)!.seat!.pendingCancellationDate).toBeUndefined();
  });

  it('re-adds a seat GitHub has already ended as a new one', async () => {
    const sim = await simulator();
    const { connector } = await candidateSeats(sim);
    const m = sim.org.members.find((x) => !x.seat)!;
    await connector.undo!({ userId: String(m.id), email: '', name: m.login, licenseType: 'Copilot Business', active: false, admin: false, owner: false, paid: true, reclaimRef: m.login });
    expect(m.seat).toMatchObject({ planType: 'business' });
  });
});

describe('GitHub connector: probes', () => {
  it('validates every process for an owner’s classic token with manage_billing:copilot, changing nothing', async () => {
    const sim = await simulator();
    const { connector } = connectGithub({ baseUrl: sim.url, token: sim.token, org: ORG, now: NOW });
    const before = JSON.stringify(sim.org);
    const holders = sim.org.members.filter((m) => m.seat).length;
    expect(await connector.probe('download')).toEqual({ process: 'download', ok: true, message: `Seatwise can list the ${holders} Copilot seats of the GitHub organization ${ORG}.` });
    expect(await connector.probe('activity')).toMatchObject({ process: 'activity', ok: true, message: expect.stringContaining('telemetry') });
    expect(await connector.probe('reclaim')).toMatchObject({ process: 'reclaim', ok: true });
    expect(JSON.stringify(sim.org)).toBe(before);
    // A classic token's scopes are read from its answer: no write is sent to find out.
    expect(sim.stats.requestsTo('DELETE', '/orgs/')).toHaveLength(0);
  });

  it('fails the reclaim check of a read:org token, and of an organization that gives Copilot to all members', async () => {
    const sim = await simulator();
    const readOrg = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ scopes: ['read:org'] }), org: ORG, now: NOW });
    expect(await readOrg.connector.probe('download')).toMatchObject({ ok: true });
    expect(await readOrg.connector.probe('reclaim')).toMatchObject({ ok: false, message: expect.stringContaining('lacks the manage_billing:copilot scope (it has: read:org)') });
    const all = await simulator({ org: 'all-members', seatManagementSetting: 'assign_all' });
    const h = connectGithub({ baseUrl: all.url, token: all.token, org: 'all-members', now: NOW });
    expect(await h.connector.probe('reclaim')).toMatchObject({ ok: false, message: expect.stringContaining('gives Copilot to all members') });
  });

  it('checks a fine-grained token’s write permission with a cancellation of a login that cannot exist', async () => {
    const sim = await simulator();
    const before = JSON.stringify(sim.org);
    const write = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ kind: 'fine_grained', copilot: 'write' }), org: ORG, now: NOW });
    expect(await write.connector.probe('reclaim')).toMatchObject({ ok: true });
    const read = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ kind: 'fine_grained', copilot: 'read' }), org: ORG, now: NOW });
    expect(await read.connector.probe('download')).toMatchObject({ ok: true });
    expect(await read.connector.probe('reclaim')).toMatchObject({ ok: false, message: expect.stringContaining('Resource not accessible by personal access token') });
    const app = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ kind: 'app', copilot: 'read' }), org: ORG, now: NOW });
    expect(await app.connector.probe('reclaim')).toMatchObject({ ok: false, message: expect.stringContaining('Resource not accessible by integration') });
    expect(JSON.stringify(sim.org)).toBe(before);
    expect(RECLAIM_PROBE_LOGIN.startsWith('-')).toBe(true);
  });

  it('fails download with what GitHub needs: the scope for a classic token, ownership for a member, the login for a wrong organization', async () => {
    const sim = await simulator();
    const repo = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ scopes: ['repo'] }), org: ORG, now: NOW });
    const noScope = await repo.connector.probe('download');
    expect(noScope.ok).toBe(false);
    expect(noScope.message).toContain('GitHub accepts a token with the scope manage_billing:copilot or read:org (this token has: repo)');
    const member = sim.org.members.find((m) => m.role === 'member')!;
    const notOwner = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ user: member }), org: ORG, now: NOW });
    expect(await notOwner.connector.probe('download')).toMatchObject({ ok: false, message: expect.stringContaining('not an owner of the organization') });
    const none = connectGithub({ baseUrl: sim.url, token: sim.issueToken({ kind: 'fine_grained', copilot: null }), org: ORG, now: NOW });
    expect(await none.connector.probe('download')).toMatchObject({ ok: false, message: expect.stringContaining('organization_copilot_seat_management=read') });
    const wrong = connectGithub({ baseUrl: sim.url, token: sim.token, org: 'acme-typo', now: NOW });
    expect(await wrong.connector.probe('download')).toMatchObject({ ok: false, message: expect.stringContaining('Check the organization login') });
  });
});
