/**
 * Calendly bills seats bought, not members: removing a member leaves the paid seat on the
 * bill until the admin lowers the seat count on the Billing page. The simulator models that,
 * and the connector and its descriptor say so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCalendlyConnector } from '../../../connectors/calendly/connector.js';
import { calendlyDescriptor } from '../../../connectors/calendly/descriptor.js';
import { calendlyHttpOptions } from '../../../connectors/calendly/http-options.js';
import { startCalendlySimulator, type CalendlySimulator } from '../../../connectors/calendly/simulator/index.js';
import { ConnectorError, createHttpClient } from '../../../connectors/http/index.js';
import type { Connector, SeatRecord } from '../../../connectors/types.js';
import { bearerAuth } from '../../helpers/bearer-auth.js';

const NOW = new Date('2025-06-02T00:00:00.000Z');
const SIZE = 25;

let sim: CalendlySimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(seats?: number): Promise<{ sim: CalendlySimulator; connector: Connector; seats: SeatRecord[] }> {
  sim = await startCalendlySimulator({ seed: 9, size: SIZE, now: NOW, knobs: { rateLimit: undefined }, seats });
  const s = sim;
  const http = createHttpClient({ baseUrl: s.url, vendorName: 'Calendly', auth: bearerAuth(s.token), random: () => 0, policy: { maxAttempts: 1 }, ...calendlyHttpOptions });
  const connector = createCalendlyConnector({
    http,
    settings: { baseUrl: s.url, grantType: 'token', options: {} },
    signal: new AbortController().signal,
    progress: () => undefined,
    now: () => NOW,
  });
  const list: SeatRecord[] = [];
  for await (const page of connector.subscriptions()) list.push(...page);
  return { sim: s, connector, seats: list };
}

const plainUser = (s: CalendlySimulator, n = 0) => s.org.members.filter((m) => m.role === 'user')[n]!;

describe('Calendly seats stay billed after a removal', () => {
  it('deleting a membership frees the seat but does not lower the seats purchased', async () => {
    const { sim, connector, seats } = await setup();
    expect(sim.seats()).toEqual({ purchased: SIZE, occupied: SIZE, open: 0 });
    const target = plainUser(sim);
    await connector.reclaim(seats.find((s) => s.userId === target.userUri)!, 'remove');

    expect(sim.org.members).toHaveLength(SIZE - 1);
    expect(sim.seats()).toEqual({ purchased: SIZE, occupied: SIZE - 1, open: 1 });
    // Every member left is still a paid seat; the one removed is simply gone from the listing.
    const after: SeatRecord[] = [];
    for await (const page of connector.subscriptions()) after.push(...page);
    expect(after).toHaveLength(SIZE - 1);
    expect(after.every((s) => s.paid)).toBe(true);
  });

  it('re-invite uses the open seat; once the admin lowered the seat count Calendly refuses it', async () => {
    const { sim, connector, seats } = await setup();
    const first = plainUser(sim, 0);
    const second = plainUser(sim, 1);
    const seatOf = (uri: string) => seats.find((s) => s.userId === uri)!;

    await connector.reclaim(seatOf(first.userUri));
    await connector.undo!(seatOf(first.userUri), 'remove');
    expect(sim.invitations).toEqual([expect.objectContaining({ email: first.person.email, status: 'pending' })]);
    expect(sim.seats()).toMatchObject({ purchased: SIZE, occupied: SIZE, open: 0 });

    await connector.reclaim(seatOf(second.userUri));
    // What the admin does on Calendly's Billing page after the reclaim: the saving starts here.
    sim.setPurchasedSeats(sim.seats().occupied);
    expect(sim.seats()).toEqual({ purchased: SIZE - 1, occupied: SIZE - 1, open: 0 });
    const err = await connector.undo!(seatOf(second.userUri)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('forbidden');
    expect((err as ConnectorError).message).toContain('Please purchase more seats to send more invitations.');
  });

  it('an organization with open seats invites a new person without buying one', async () => {
    const { sim, connector, seats } = await setup(SIZE + 2);
    expect(sim.seats().open).toBe(2);
    await connector.undo!({ ...seats[1]!, email: 'new.hire@example.com' });
    expect(sim.seats()).toMatchObject({ occupied: SIZE + 1, open: 1 });
    expect(() => sim.setPurchasedSeats(SIZE)).toThrow(RangeError);
  });

  it('reads no seats owned: Calendly\'s API has no seat count, so the entitlement the admin enters is the owned number', async () => {
    const { connector } = await setup();
    expect(connector.ownedSeats).toBeUndefined();
  });

  it('the descriptor says the saving starts only when the seat count drops, and what Re-invite cannot restore', () => {
    const [remove, ...others] = calendlyDescriptor.reclaimEffects;
    expect(others).toEqual([]);
    expect(remove).toMatchObject({ action: 'remove', saving: 'when_owned_drops', undoLabel: 'Re-invite', undoRestores: 'seat_only' });
    expect(remove?.adminTodo).toMatch(/does not remove a paid seat/);
    expect(remove?.adminTodo).toMatch(/Billing/);
    expect(remove?.undoLoses).toMatch(/accept/);
    expect(remove?.undoLoses).toMatch(/role/);
  });

  it('offers only "remove": another action is a config error and nothing is sent', async () => {
    const { sim, connector, seats } = await setup();
    const seat = seats.find((s) => s.userId === plainUser(sim).userUri)!;
    const before = sim.stats.requests;
    expect(() => connector.planReclaim(seat, 'freeze')).toThrow(expect.objectContaining({ code: 'config' }));
    await expect(connector.reclaim(seat, 'downgrade')).rejects.toMatchObject({ code: 'config' });
    expect(() => connector.planUndo!(seat, 'freeze')).toThrow(expect.objectContaining({ code: 'config' }));
    await expect(connector.undo!(seat, 'freeze')).rejects.toMatchObject({ code: 'config' });
    expect(sim.stats.requests).toBe(before);
    expect(sim.org.members).toHaveLength(SIZE);
  });
});
