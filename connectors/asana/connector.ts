/**
 * The Asana connector: seats from workspace memberships (with paused licenses from the audit
 * log when the token is a service account's), activity from the audit log, reclaim through
 * removeUser (undo: addUser, "Re-add"). Everything goes through ctx.http.
 */
import { ActivityUnavailableError, ConnectorError } from '../http/errors.js';
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
import { dataSchema, membershipSchema, parseAsana, userSchema, workspaceSchema, listSchema, type AsanaWorkspace } from './api.js';
import { auditLogEvents, pausedMembers, type PausedMembers } from './audit-log.js';
import { asanaDescriptor, ASANA_SERVICE_ACCOUNT } from './descriptor.js';
import { asanaPages } from './pages.js';
import { MEMBERSHIP_OPT_FIELDS, membershipToSeat } from './seats.js';

const PAGE_SIZE = 100;

/** removeUser is the only way Asana's API gives a seat back (no freeze, no cheaper tier). */
function onlyRemove(action: ReclaimAction | undefined): void {
  if (action !== undefined && action !== 'remove') {
    throw new ConnectorError('config', `Asana can only remove a member (removeUser) to take a seat back; "${action}" is not offered.`);
  }
}

export function createAsanaConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  let workspace: AsanaWorkspace | undefined;

  const seg = (gid: string): string => encodeURIComponent(gid);

  /** settings.options.workspace, else the account's first workspace. */
  async function resolveWorkspace(): Promise<AsanaWorkspace> {
    if (workspace) return workspace;
    const configured = ctx.settings.options.workspace?.trim();
    const res = await http.request({ url: '/workspaces', query: { limit: PAGE_SIZE, opt_fields: 'name' } });
    const list = parseAsana(listSchema(workspaceSchema), res.body, 'GET /workspaces');
    if (configured) {
      // A workspace beyond the first page of 100 is still usable: it just has no name here.
      workspace = list.data.find((w) => w.gid === configured) ?? { gid: configured };
      return workspace;
    }
    const first = list.data[0];
    if (!first) throw new ConnectorError('config', 'The connected Asana account belongs to no workspace.');
    workspace = first;
    return workspace;
  }

  function workspaceForSeat(seat: SeatRecord): string {
    const gid = ctx.settings.options.workspace?.trim() || seat.reclaimRef || workspace?.gid;
    if (!gid) {
      throw new ConnectorError('config', 'Seatwise does not know which Asana workspace this seat belongs to: download seats first or set the workspace gid.');
    }
    return gid;
  }

  function userCall(seat: SeatRecord, action: 'removeUser' | 'addUser'): VendorCall {
    const base = http.baseUrl.replace(/\/+$/, '');
    return {
      method: 'POST',
      url: `${base}/workspaces/${seg(workspaceForSeat(seat))}/${action}`,
      body: { data: { user: seat.userId } },
    };
  }

  async function send(call: VendorCall): Promise<void> {
    await http.request({ method: 'POST', url: call.url, body: call.body });
  }

  async function* auditLog(since: Date, limit: number, firstPageOnly = false): AsyncGenerator<ActivityRecord[]> {
    const ws = await resolveWorkspace();
    const query = { eventType: 'user_login_succeeded', start: since, end: ctx.now(), limit, firstPageOnly };
    for await (const events of auditLogEvents(http, ws.gid, query, ctx.signal)) {
      yield events.flatMap((e) =>
        e.actor?.actor_type === 'user' && e.actor.gid
          ? [{ userId: e.actor.gid, email: e.actor.email ?? undefined, at: e.created_at }]
          : [],
      );
    }
  }

  /**
   * Paused licenses, read only with a service account token (no other token may read the
   * audit log). Whatever stops the read, the download goes on and counts the members as
   * Asana's membership list does: a paused member then looks paid, never the reverse.
   */
  async function billingPauses(ws: AsanaWorkspace): Promise<PausedMembers | undefined> {
    // An OAuth sign-in is a person's, whatever the saved option says.
    if (ctx.settings.grantType !== 'token' || ctx.settings.options.tokenKind !== ASANA_SERVICE_ACCOUNT) return undefined;
    try {
      const paused = await pausedMembers(http, ws.gid, ctx.now(), ctx.signal);
      if (paused.count > 0) {
        const who = paused.count === 1 ? '1 member' : `${paused.count} members`;
        ctx.progress({ phase: 'download', message: `Asana's audit log shows ${who} with a paused license: not counted as paid seats.` });
      }
      return paused;
    } catch (err) {
      if (!(err instanceof ConnectorError) || err.code === 'cancelled') throw err;
      ctx.progress({
        phase: 'download',
        message: `Seatwise could not read paused licenses from Asana's audit log (${err.message}), so members whose license is paused are counted as paid.`,
      });
      return undefined;
    }
  }

  async function probeProcess(process: ProcessName): Promise<ProbeResult> {
    const ws = await resolveWorkspace();
    const where = ws.name ? `"${ws.name}"` : `workspace ${ws.gid}`;
    switch (process) {
      case 'download': {
        const res = await http.request({
          url: `/workspaces/${seg(ws.gid)}/workspace_memberships`,
          query: { limit: 1, opt_fields: MEMBERSHIP_OPT_FIELDS },
        });
        parseAsana(listSchema(membershipSchema), res.body, 'GET /workspaces/{gid}/workspace_memberships');
        return { process, ok: true, message: `Seatwise can list the members of ${where}.` };
      }
      case 'activity': {
        try {
          for await (const page of auditLog(new Date(ctx.now().getTime() - 86_400_000), 1, true)) void page;
        } catch (err) {
          if (err instanceof ActivityUnavailableError) return { process, ok: false, message: err.message };
          throw err;
        }
        return { process, ok: true, message: `Seatwise can read login events from the audit log of ${where}.` };
      }
      case 'reclaim': {
        const res = await http.request({
          url: `/workspaces/${seg(ws.gid)}/workspace_memberships`,
          query: { user: 'me', limit: 1, opt_fields: 'is_admin,is_active,user.name' },
        });
        const me = parseAsana(listSchema(membershipSchema), res.body, 'GET /workspaces/{gid}/workspace_memberships')
          .data[0];
        return me?.is_admin && me.is_active !== false
          ? { process, ok: true, message: `The connected account is an admin of ${where}, so it can remove and re-add users.` }
          : { process, ok: false, message: `The connected account is not an admin of ${where}: Asana lets only admins remove users. Connect an admin account or leave reclaim off.` };
      }
    }
  }

  return {
    descriptor: asanaDescriptor,

    async whoami(): Promise<Whoami> {
      const res = await http.request({ url: '/users/me', query: { opt_fields: 'name,email' } });
      const me = parseAsana(dataSchema(userSchema), res.body, 'GET /users/me').data;
      const ws = await resolveWorkspace();
      return { userId: me.gid, name: me.name ?? '', email: me.email ?? undefined, orgId: ws.gid, orgName: ws.name };
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      const ws = await resolveWorkspace();
      const paused = await billingPauses(ws);
      let pages = 0;
      let users = 0;
      for await (const members of asanaPages({
        http,
        what: 'workspace memberships',
        item: membershipSchema,
        signal: ctx.signal,
        request: {
          url: `/workspaces/${seg(ws.gid)}/workspace_memberships`,
          query: { limit: PAGE_SIZE, opt_fields: MEMBERSHIP_OPT_FIELDS },
        },
      })) {
        const seats = members.map((m) => membershipToSeat(m, ws.gid, paused?.has(m.user.gid, m.user.email) ?? false));
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        yield seats;
      }
    },

    async *activity(since: Date): AsyncIterable<ActivityRecord[]> {
      let pages = 0;
      const users = new Set<string>();
      for await (const records of auditLog(since, PAGE_SIZE)) {
        pages += 1;
        for (const r of records) if (r.userId) users.add(r.userId);
        ctx.progress({ phase: 'activity', pages, users: users.size });
        yield records;
      }
    },

    planReclaim(seat, action) {
      onlyRemove(action);
      return userCall(seat, 'removeUser');
    },
    async reclaim(seat, action) {
      onlyRemove(action);
      await send(userCall(seat, 'removeUser'));
    },
    // "Re-add": addUser brings the person back, not their work (see the descriptor).
    planUndo(seat, action) {
      onlyRemove(action);
      return userCall(seat, 'addUser');
    },
    async undo(seat, action) {
      onlyRemove(action);
      await send(userCall(seat, 'addUser'));
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
