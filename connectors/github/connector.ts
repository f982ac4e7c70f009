/**
 * The GitHub Copilot connector: seats from the organization's Copilot seat assignments,
 * activity from each seat's last Copilot activity and authentication (already on the seat),
 * seats owned from the seat breakdown, reclaim by cancelling the seat at the end of the billing
 * cycle (undo: re-add). One connection is one organization (settings.options.org). Everything
 * goes through ctx.http, by way of request.ts for GitHub's headers and rate limits.
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
import { orgSchema, parseGithub, userSchema, type GithubSeat } from './api.js';
import { GITHUB_LICENSE_TYPES, GITHUB_ORG_OPTION, githubDescriptor } from './descriptor.js';
import { SEATS_LABEL, seatPages } from './pages.js';
import { orgDetails, probeGithub } from './probe.js';
import { githubReclaim } from './reclaim.js';
import { githubApi, type GithubDeps } from './request.js';
import { planLicenseType, seatNamesPlan, seatToRecord } from './seats.js';

/** whoami's user id for a GitHub App installation token, which acts for no user. */
export const GITHUB_APP_USER_ID = 'github-app-installation';

export function createGithubConnector(ctx: ConnectorContext, deps: GithubDeps = {}): Connector {
  const api = githubApi(ctx.http, ctx.signal, deps);
  const org = (): string => {
    const login = ctx.settings.options[GITHUB_ORG_OPTION]?.trim();
    if (!login) throw new ConnectorError('config', 'Set the GitHub organization (its login, as in github.com/ORG) in the connection settings.');
    return login;
  };
  const reclaim = githubReclaim(api, org);
  /** From the last download, for the activity phase's message. */
  let lastDownload: { seats: number; noActivity: number } | undefined;

  /**
   * The organization's plan_type, for seats that name none. A refusal only costs the fallback:
   * such seats are then "plan not reported", and the download goes on.
   */
  async function orgPlan(): Promise<string | null | undefined> {
    try {
      return (await orgDetails(api, org())).details.plan_type;
    } catch (err) {
      if (err instanceof ConnectorError && err.code !== 'cancelled') return undefined;
      throw err;
    }
  }

  return {
    descriptor: githubDescriptor,

    async whoami(): Promise<Whoami> {
      const login = org();
      const orgRes = await api.request({ url: `/orgs/${encodeURIComponent(login)}`, label: 'GET /orgs/{org}' });
      const o = parseGithub(orgSchema, orgRes.body, 'GET /orgs/{org}');
      const where = { orgId: o.login, orgName: o.name?.trim() || o.login };
      // A GitHub App installation token acts for no user: GitHub refuses it /user.
      const res = await api.request({ url: '/user', label: 'GET /user', acceptStatus: [403] });
      if (res.status === 403) return { userId: GITHUB_APP_USER_ID, name: 'GitHub App installation', ...where };
      const me = parseGithub(userSchema, res.body, 'GET /user');
      return { userId: String(me.id), name: me.name?.trim() || me.login, ...(me.email ? { email: me.email } : {}), ...where };
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      let pages = 0;
      let users = 0;
      let listed = 0;
      let noActivity = 0;
      let unassigned = 0;
      let total: number | undefined;
      let fallback: { plan: string | null | undefined } | undefined;
      for await (const page of seatPages({ api, org: org(), signal: ctx.signal, onPage: (info) => (total ??= info.totalSeats) })) {
        if (!fallback && page.some((s: GithubSeat) => s.assignee && !seatNamesPlan(s))) fallback = { plan: await orgPlan() };
        const seats: SeatRecord[] = [];
        for (const s of page) {
          const seat = seatToRecord(s, SEATS_LABEL, fallback?.plan);
          if (!seat) {
            unassigned += 1;
            continue;
          }
          if (!seat.lastActivityAt) noActivity += 1;
          seats.push(seat);
        }
        listed += page.length;
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        if (seats.length > 0) yield seats;
      }
      lastDownload = { seats: users, noActivity };
      if (unassigned > 0) {
        ctx.progress({ phase: 'download', message: `GitHub listed ${unassigned} Copilot seat(s) with no assignee: not counted, since no person holds them.` });
      }
      // Seats added or cancelled while the pages were read change the count: said, not failed.
      if (total !== undefined && total !== listed) {
        ctx.progress({ phase: 'download', message: `GitHub reported ${total} Copilot seats and listed ${listed}: seats may have changed during the download.` });
      }
    },

    /**
     * GitHub's activity is last_activity_at and last_authenticated_at, already on every seat
     * from the download (lastActivityAt), so there is nothing more to fetch. Not
     * ActivityUnavailableError: activity is available, it just arrived earlier.
     */
    // eslint-disable-next-line require-yield -- nothing to yield, by design (see above)
    async *activity(_since: Date): AsyncIterable<ActivityRecord[]> {
      const none = lastDownload?.noActivity ?? 0;
      const tail =
        none > 0
          ? ` ${none} seat(s) have no Copilot activity recorded: GitHub records IDE activity only when the user has telemetry on, so their inactivity counts from when the seat was granted.`
          : '';
      ctx.progress({ phase: 'activity', pages: 0, users: 0, message: `GitHub Copilot activity (last activity, last authentication) came with the seat download.${tail}` });
    },

    /**
     * The seats GitHub bills this cycle (seat_breakdown.total, pending cancellations included,
     * since they are billed until the cycle ends); `used` leaves out those pending cancellation.
     * GitHub bills assigned seats only, so the count drops by itself once a cancellation ends.
     */
    async ownedSeats(): Promise<OwnedSeats[]> {
      const { details } = await orgDetails(api, org());
      const b = details.seat_breakdown;
      const licenseType = planLicenseType(details.plan_type) ?? GITHUB_LICENSE_TYPES.unknown;
      return [{ licenseType, owned: b.total, used: Math.max(0, b.total - (b.pending_cancellation ?? 0)) }];
    },

    planReclaim: (seat, action) => reclaim.plan(seat, action, false),
    reclaim: (seat, action) => reclaim.run(seat, action, false),
    planUndo: (seat, action) => reclaim.plan(seat, action, true),
    undo: (seat, action) => reclaim.run(seat, action, true),

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        return await probeGithub(api, org(), process);
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
