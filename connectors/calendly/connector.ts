/**
 * The Calendly connector: seats from organization memberships, activity from the activity
 * log (or each member's latest scheduled event), reclaim by deleting the membership (undo:
 * re-invite by email). Everything goes through ctx.http.
 */
import { ConnectorError } from '../http/errors.js';
import type {
  ActivityRecord,
  Connector,
  ConnectorContext,
  ProbeResult,
  ProcessName,
  ReclaimAction,
  SeatRecord,
  VendorCall,
  Whoami,
} from '../types.js';
import { calendlyActivity } from './activity.js';
import {
  CALENDLY_API_ORIGIN,
  calendlyErrorMessage,
  collectionSchema,
  membershipSchema,
  parseCalendly,
  resourceSchema,
  userSchema,
  uuidOf,
  type CalendlyUser,
} from './api.js';
import { calendlyDescriptor } from './descriptor.js';
import { CALENDLY_PAGE_SIZE, calendlyPages } from './pages.js';
import { membershipToSeat } from './seats.js';

/** Invitation answers that already mean "undone": the person is back or about to be. */
const ALREADY_DONE_TITLES = new Set(['Already Organization Member', 'Already Invited']);

/** Calendly's API can only remove a member: there is no suspension or cheaper seat to move to. */
function onlyRemove(action: ReclaimAction | undefined): void {
  if (action !== undefined && action !== 'remove') {
    throw new ConnectorError('config', `Calendly can only remove a member from the organization to take a seat back; "${action}" is not offered.`);
  }
}

export function createCalendlyConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  let me: CalendlyUser | undefined;
  let organization: string | undefined;

  async function currentUser(): Promise<CalendlyUser> {
    if (me) return me;
    const res = await http.request({ url: '/users/me' });
    me = parseCalendly(resourceSchema(userSchema), res.body, 'GET /users/me').resource;
    return me;
  }

  /** settings.options.organization (a URI, or a bare uuid), else the user's current organization. */
  function configuredOrganization(): string | undefined {
    const configured = ctx.settings.options.organization?.trim();
    if (!configured) return undefined;
    return /^https?:\/\//i.test(configured) ? configured : `${CALENDLY_API_ORIGIN}/organizations/${configured}`;
  }

  async function resolveOrganization(): Promise<string> {
    if (organization) return organization;
    organization = configuredOrganization() ?? (await currentUser()).current_organization;
    if (!organization) throw new ConnectorError('config', 'The connected Calendly user belongs to no organization: set the organization URI under Organization.');
    return organization;
  }

  function apiUrl(path: string): string {
    return `${http.baseUrl.replace(/\/+$/, '')}${path}`;
  }

  /** Refuses, before any call, the seats Seatwise must never take back. */
  function refuseProtected(seat: SeatRecord): void {
    const who = seat.email || seat.name || seat.userId;
    if (seat.owner) {
      throw new ConnectorError('forbidden', `${who} is the owner of the Calendly organization: Calendly does not allow removing the owner, and Seatwise never reclaims it.`);
    }
    if (me && seat.userId === me.uri) {
      throw new ConnectorError('forbidden', `${who} is the account Seatwise is connected with: Seatwise never removes its own connection from the Calendly organization.`);
    }
  }

  function reclaimCall(seat: SeatRecord): VendorCall {
    refuseProtected(seat);
    const uuid = /\/organization_memberships\/[^/]+\/?$/.test(seat.reclaimRef ?? '') ? uuidOf(seat.reclaimRef) : undefined;
    if (!uuid) {
      throw new ConnectorError('config', `Seatwise does not know the Calendly membership of ${seat.email || seat.userId}: download seats again first.`);
    }
    return { method: 'DELETE', url: apiUrl(`/organization_memberships/${encodeURIComponent(uuid)}`) };
  }

  function undoCall(seat: SeatRecord, org: string | undefined): VendorCall {
    const uuid = uuidOf(org);
    if (!uuid) {
      throw new ConnectorError('config', 'Seatwise does not know the Calendly organization yet: run a sync first or set the organization URI.');
    }
    if (!seat.email) throw new ConnectorError('config', `Seatwise has no email address for ${seat.name || seat.userId}, so it cannot invite them back to Calendly.`);
    return { method: 'POST', url: apiUrl(`/organizations/${encodeURIComponent(uuid)}/invitations`), body: { email: seat.email } };
  }

  async function probeActivity(org: string, user: CalendlyUser): Promise<ProbeResult> {
    const process = 'activity';
    const log = await http.request({ url: '/activity_log_entries', query: { organization: org, count: 1 }, acceptStatus: [403] });
    if (log.status !== 403) return { process, ok: true, message: 'Seatwise can read the organization activity log.' };
    const logReason = calendlyErrorMessage(log.body) ?? 'HTTP 403';
    const events = await http.request({
      url: '/scheduled_events',
      query: { organization: org, user: user.uri, count: 1 },
      acceptStatus: [403],
    });
    if (events.status !== 403) {
      return {
        process,
        ok: true,
        message: `No activity log (${logReason}): Seatwise will use each member's latest scheduled event as their last activity.`,
      };
    }
    const eventsReason = calendlyErrorMessage(events.body) ?? 'HTTP 403';
    return {
      process,
      ok: false,
      message: `Activity is not available: the activity log answered "${logReason}" and scheduled events answered "${eventsReason}". Connect an owner or admin account; without activity Seatwise makes no inactivity candidates.`,
    };
  }

  async function probeProcess(process: ProcessName): Promise<ProbeResult> {
    const org = await resolveOrganization();
    const user = await currentUser();
    switch (process) {
      case 'download': {
        const res = await http.request({ url: '/organization_memberships', query: { organization: org, count: 1 } });
        parseCalendly(collectionSchema(membershipSchema), res.body, 'GET /organization_memberships');
        return { process, ok: true, message: 'Seatwise can list the members of the Calendly organization.' };
      }
      case 'activity':
        return probeActivity(org, user);
      case 'reclaim': {
        const res = await http.request({ url: '/organization_memberships', query: { organization: org, user: user.uri, count: 1 } });
        const role = parseCalendly(collectionSchema(membershipSchema), res.body, 'GET /organization_memberships').collection[0]?.role;
        return role === 'admin' || role === 'owner'
          ? { process, ok: true, message: `The connected account is the organization's ${role}, so it can remove and re-invite members (the token also needs the organizations:write scope).` }
          : { process, ok: false, message: 'The connected account is not an admin or owner of the Calendly organization: Calendly lets only admins and the owner remove members. Connect an admin account or leave reclaim off.' };
      }
    }
  }

  return {
    descriptor: calendlyDescriptor,

    async whoami(): Promise<Whoami> {
      const user = await currentUser();
      const org = await resolveOrganization();
      return { userId: user.uri, name: user.name ?? '', email: user.email, orgId: org };
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      const org = await resolveOrganization();
      let pages = 0;
      let users = 0;
      for await (const members of calendlyPages({
        http,
        what: 'organization memberships',
        item: membershipSchema,
        signal: ctx.signal,
        request: { url: '/organization_memberships', query: { organization: org, count: CALENDLY_PAGE_SIZE } },
      })) {
        const seats = members.map(membershipToSeat);
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        yield seats;
      }
    },

    async *activity(since: Date): AsyncIterable<ActivityRecord[]> {
      yield* calendlyActivity(ctx, await resolveOrganization(), since);
    },

    planReclaim(seat, action) {
      onlyRemove(action);
      return reclaimCall(seat);
    },

    // Deleting the membership frees the seat; the organization keeps paying for it until an
    // admin lowers the seat count on Calendly's Billing page (see the descriptor's adminTodo).
    async reclaim(seat: SeatRecord, action?: ReclaimAction): Promise<void> {
      onlyRemove(action);
      refuseProtected(seat);
      // Knowing who is connected is what makes the "never oneself" check complete.
      await currentUser();
      const call = reclaimCall(seat);
      await http.request({ method: 'DELETE', url: call.url });
    },

    planUndo(seat, action) {
      onlyRemove(action);
      return undoCall(seat, organization ?? configuredOrganization());
    },

    async undo(seat: SeatRecord, action?: ReclaimAction): Promise<void> {
      onlyRemove(action);
      const call = undoCall(seat, await resolveOrganization());
      const res = await http.request({ method: 'POST', url: call.url, body: call.body, acceptStatus: [400] });
      if (res.status === 400) {
        const title = typeof res.body === 'object' && res.body !== null && 'title' in res.body ? String(res.body.title) : '';
        if (ALREADY_DONE_TITLES.has(title)) return;
        const message = calendlyErrorMessage(res.body) ?? 'HTTP 400';
        throw new ConnectorError('bad_request', `Calendly did not re-invite ${seat.email}: ${message}.`, { status: 400, vendorMessage: message });
      }
    },

    async probe(process: ProcessName): Promise<ProbeResult> {
      try {
        return await probeProcess(process);
      } catch (err) {
        if (err instanceof ConnectorError) return { process, ok: false, message: err.message };
        throw err;
      }
    },
  };
}
