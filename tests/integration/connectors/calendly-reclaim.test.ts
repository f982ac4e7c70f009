/** Reclaim, undo and probes of the Calendly connector against its simulator. */
import { afterEach, describe, expect, it } from 'vitest';
import { createCalendlyConnector } from '../../../connectors/calendly/connector.js';
import { calendlyHttpOptions } from '../../../connectors/calendly/http-options.js';
import { startCalendlySimulator, type CalendlySimulator, type CalendlySimulatorOptions } from '../../../connectors/calendly/simulator/index.js';
import { ConnectorError, createHttpClient } from '../../../connectors/http/index.js';
import type { Connector, SeatRecord } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

const NOW = new Date('2025-06-02T00:00:00.000Z');

let sim: CalendlySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(options: CalendlySimulatorOptions = {}, role?: 'user'): Promise<{ sim: CalendlySimulator; connector: Connector; seats: SeatRecord[] }> {
  sim = await startCalendlySimulator({ seed: 5, size: 30, now: NOW, knobs: { rateLimit: undefined }, ...options });
  const s = sim;
  const token = role ? s.tokenFor(s.org.members.find((m) => m.role === role)!) : s.token;
  const http = createHttpClient({ baseUrl: s.url, vendorName: 'Calendly', auth: bearerAuth(token), random: () => 0, ...calendlyHttpOptions });
  const connector = createCalendlyConnector({
    http,
    settings: { baseUrl: s.url, grantType: 'token', options: {} },
    signal: new AbortController().signal,
    progress: () => undefined,
    now: () => NOW,
  });
  const seats: SeatRecord[] = [];
  for await (const page of connector.subscriptions()) seats.push(...page);
  return { sim: s, connector, seats };
}

const seatOf = (seats: SeatRecord[], userUri: string): SeatRecord => seats.find((s) => s.userId === userUri)!;

describe('Calendly reclaim', () => {
  it('deletes exactly that membership', async () => {
    const { sim, connector, seats } = await setup();
    const target = sim.org.members.find((m) => m.role === 'user')!;
    const seat = seatOf(seats, target.userUri);
    expect(connector.planReclaim(seat)).toEqual({ method: 'DELETE', url: `${sim.url}/organization_memberships/${target.membershipUuid}` });

    const before = sim.org.members.map((m) => m.membershipUri);
    await connector.reclaim(seat);
    expect(sim.stats.requestsTo('DELETE', '/organization_memberships/')).toEqual([
      expect.objectContaining({ path: `/organization_memberships/${target.membershipUuid}`, status: 204 }),
    ]);
    expect(sim.org.members.map((m) => m.membershipUri)).toEqual(before.filter((uri) => uri !== target.membershipUri));
  });

  it('refuses the owner and the connected account before calling Calendly', async () => {
    const { sim, connector, seats } = await setup();
    const owner = seats.find((s) => s.owner)!;
    const self = seatOf(seats, sim.connected.userUri);
    expect(() => connector.planReclaim(owner)).toThrow(/owner of the Calendly organization/);
    await expect(connector.reclaim(owner)).rejects.toMatchObject({ code: 'forbidden', message: expect.stringMatching(/owner/) });
    await expect(connector.reclaim(self)).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('the account Seatwise is connected with'),
    });
    expect(sim.stats.requestsTo('DELETE', '/')).toHaveLength(0);
    expect(sim.org.members).toHaveLength(30);
  });

  it('reports Calendly\'s own refusal when a stored seat lost its owner flag', async () => {
    const { sim, connector, seats } = await setup();
    const owner = { ...seats.find((s) => s.owner)!, owner: false };
    const err = await connector.reclaim(owner).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).message).toContain('You can not change owner role');
    expect(sim.org.members).toHaveLength(30);
  });

  it('says what Calendly answers when the connected account is not an admin', async () => {
    const { sim, connector, seats } = await setup({}, 'user');
    // setup() connected as the first plain user; take another one.
    const target = sim.org.members.filter((m) => m.role === 'user')[1]!;
    const err = await connector.reclaim(seatOf(seats, target.userUri)).catch((e: unknown) => e);
    expect((err as ConnectorError).code).toBe('forbidden');
    expect((err as ConnectorError).message).toContain('You do not have permission to perform this action');
  });

  it('undoes by re-inviting the email; a second undo or an accepted invitation is already done', async () => {
    const { sim, connector, seats } = await setup();
    const target = sim.org.members.filter((m) => m.role === 'user')[2]!;
    const seat = seatOf(seats, target.userUri);
    await connector.reclaim(seat);

    expect(connector.planUndo!(seat)).toEqual({
      method: 'POST',
      url: `${sim.url}/organizations/${sim.org.uuid}/invitations`,
      body: { email: target.person.email },
    });
    await connector.undo!(seat);
    expect(sim.invitations).toEqual([expect.objectContaining({ email: target.person.email, status: 'pending' })]);
    await connector.undo!(seat); // "Already Invited"
    expect(sim.invitations).toHaveLength(1);

    const back = sim.acceptInvitation(target.person.email)!;
    expect(back.userUri).toBe(target.userUri);
    expect(back.membershipUri).not.toBe(target.membershipUri);
    await connector.undo!(seat); // "Already Organization Member"
  });
});

describe('Calendly probes', () => {
  it('passes every process for an admin on Enterprise', async () => {
    const { connector } = await setup({ plan: 'enterprise' });
    const results = await Promise.all((['download', 'activity', 'reclaim'] as const).map((p) => connector.probe(p)));
    expect(results.map((r) => [r.process, r.ok])).toEqual([
      ['download', true],
      ['activity', true],
      ['reclaim', true],
    ]);
  });

  it('passes activity through the fallback without Enterprise, and fails it for a plain user', async () => {
    const admin = await setup({ plan: 'teams' });
    const viaEvents = await admin.connector.probe('activity');
    expect(viaEvents.ok).toBe(true);
    expect(viaEvents.message).toContain('latest scheduled event');
    await admin.sim.close();

    const user = await setup({ plan: 'teams' }, 'user');
    const activity = await user.connector.probe('activity');
    expect(activity.ok).toBe(false);
    expect(activity.message).toContain('Please upgrade your Calendly account to Enterprise.');
    const reclaim = await user.connector.probe('reclaim');
    expect(reclaim).toMatchObject({ ok: false, message: expect.stringContaining('not an admin or owner') });
  });
});
