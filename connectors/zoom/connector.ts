/**
 * The Zoom connector: seats from the account's active users (a seat is a Licensed user),
 * activity from their last sign-in (already on each seat), seats owned from the plan usage,
 * reclaim by downgrading to Basic (undo: Licensed again). Everything goes through ctx.http;
 * the access token comes from main's Server-to-Server OAuth grant.
 */
import { ConnectorError } from '../http/errors.js';
import type {
  ActivityRecord,
  Connector,
  ConnectorContext,
  OwnedSeats,
  ProbeResult,
  ProcessName,
  SeatRecord,
  Whoami,
} from '../types.js';
import { parseZoom, planUsageSchema, userSchema } from './api.js';
import { ZOOM_ACCOUNT_ID_OPTION, ZOOM_LICENSE_TYPES, zoomDescriptor } from './descriptor.js';
import { zoomUserPages } from './pages.js';
import { probeZoom } from './probe.js';
import { downgradeTargets, zoomReclaim } from './reclaim.js';
import { userToSeat } from './seats.js';

export function createZoomConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const reclaim = zoomReclaim(http);
  const configuredAccount = ctx.settings.options[ZOOM_ACCOUNT_ID_OPTION]?.trim() || undefined;

  /** "Zoom account X" for messages: the account id the app belongs to, when known. */
  const where = (): string => (configuredAccount ? `Zoom account ${configuredAccount}` : 'the Zoom account');

  return {
    descriptor: zoomDescriptor,

    async whoami(): Promise<Whoami> {
      const res = await http.request({ url: '/users/me' });
      const me = parseZoom(userSchema, res.body, 'GET /users/me');
      const seat = userToSeat(me, 'GET /users/me');
      return { userId: me.id, name: seat.name, email: me.email ?? undefined, orgId: me.account_id ?? configuredAccount };
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      const label = 'GET /users';
      let pages = 0;
      let users = 0;
      for await (const page of zoomUserPages({ http, status: 'active', signal: ctx.signal })) {
        const seats = page.map((u) => userToSeat(u, label));
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        yield seats;
      }
    },

    /**
     * Zoom's activity is last_login_time, already on every seat from the download
     * (lastActivityAt), so there is nothing more to fetch: listing every user a second time
     * would spend the account's Medium rate limit for the same data. Not
     * ActivityUnavailableError: activity is available, it just arrived earlier.
     */
    // eslint-disable-next-line require-yield -- nothing to yield, by design (see above)
    async *activity(_since: Date): AsyncIterable<ActivityRecord[]> {
      ctx.progress({ phase: 'activity', pages: 0, users: 0, message: 'Zoom activity (last sign-in) came with the seat download.' });
    },

    /**
     * The base plan's licenses (hosts) and how many are assigned (usage), from Get plan usage:
     * Zoom serves it to a regular account as "me" (billing:read:plan_usage:admin, classic
     * account:read:admin), unlike Get plan information (GET /accounts/{accountId}/plans),
     * which only a master account may call for its sub accounts. A refusal (no billing scope,
     * a free account) is left to the caller, which notes it and keeps the admin's entitlements.
     */
    async ownedSeats(): Promise<OwnedSeats[]> {
      const res = await http.request({ url: '/accounts/me/plans/usage' });
      const usage = parseZoom(planUsageSchema, res.body, 'GET /accounts/me/plans/usage');
      const base = usage.plan_base;
      return base ? [{ licenseType: ZOOM_LICENSE_TYPES.licensed, owned: base.hosts, used: base.usage }] : [];
    },

    downgradeTargets,

    planReclaim: (seat, action) => reclaim.plan(seat, action, false),
    reclaim: (seat, action) => reclaim.run(seat, action, false),
    planUndo: (seat, action) => reclaim.plan(seat, action, true),
    undo: (seat, action) => reclaim.run(seat, action, true),

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        return await probeZoom(http, process, where());
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
