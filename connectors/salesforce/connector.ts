/**
 * The Salesforce connector: seats from SOQL on User (license from Profile.UserLicense.Name,
 * last activity from LastLoginDate), seats owned from UserLicense, reclaim by deactivating
 * the user (undo: reactivate). Everything goes through ctx.http via sfRequest.
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
  VendorCall,
  Whoami,
} from '../types.js';
import { DATA_PATH, idRecordSchema, userLicenseRecordSchema, userRecordSchema } from './api.js';
import { salesforceDescriptor } from './descriptor.js';
import { soqlFirstPage, soqlPages } from './query.js';
import { USER_LICENSE_SOQL, USER_SOQL, userToSeat } from './seats.js';
import { sfRequest } from './sf-request.js';
import { fetchUserinfo } from './userinfo.js';

/** Salesforce ids are 15 or 18 letters and digits: anything else never reaches a SOQL string. */
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function createSalesforceConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;

  function userUrl(seat: SeatRecord): string {
    if (!SALESFORCE_ID.test(seat.userId)) {
      throw new ConnectorError('config', `"${seat.userId}" is not a Salesforce user id: download seats again before reclaiming.`);
    }
    return `${http.baseUrl.replace(/\/+$/, '')}${DATA_PATH}/sobjects/User/${seat.userId}`;
  }

  const activeCall = (seat: SeatRecord, isActive: boolean): VendorCall => ({
    method: 'PATCH',
    url: userUrl(seat),
    body: { IsActive: isActive },
  });

  async function send(call: VendorCall): Promise<void> {
    // 204 No Content on success; errors (403 without Manage Users, 400 LICENSE_LIMIT_EXCEEDED) throw.
    await sfRequest(http, { method: 'PATCH', url: call.url, body: call.body });
  }

  const label = `GET ${DATA_PATH}/query`;

  async function probeProcess(process: ProcessName): Promise<ProbeResult> {
    switch (process) {
      case 'download': {
        await soqlFirstPage({ http, soql: 'SELECT Id, Profile.UserLicense.Name FROM User LIMIT 1', item: idRecordSchema, what: 'users' });
        await soqlFirstPage({ http, soql: `${USER_LICENSE_SOQL} LIMIT 1`, item: userLicenseRecordSchema, what: 'user licenses' });
        return { process, ok: true, message: 'Seatwise can read users with their licenses (User) and the seats owned (UserLicense).' };
      }
      case 'activity': {
        await soqlFirstPage({ http, soql: 'SELECT Id, LastLoginDate FROM User LIMIT 1', item: idRecordSchema, what: 'users' });
        return {
          process,
          ok: true,
          message: 'Seatwise can read each user’s last login (User.LastLoginDate); it comes with the seat download.',
        };
      }
      case 'reclaim': {
        const me = await fetchUserinfo(http);
        if (!SALESFORCE_ID.test(me.user_id)) throw new ConnectorError('malformed', 'Salesforce returned a user id that is not a Salesforce id (GET /services/oauth2/userinfo).');
        // Profiles own a permission set too, so this one query covers profile and permission sets.
        const soql = `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${me.user_id}' AND PermissionSet.PermissionsManageUsers = true LIMIT 1`;
        const page = await soqlFirstPage({ http, soql, item: idRecordSchema, what: 'permission set assignments' });
        const who = me.preferred_username ?? me.name ?? me.user_id;
        return page.totalSize > 0
          ? { process, ok: true, message: `${who} has Manage Internal Users, so Seatwise can deactivate and reactivate users.` }
          : {
              process,
              ok: false,
              message: `${who} lacks the "Manage Internal Users" permission: Salesforce lets only such users deactivate others. Grant it (a permission set) or leave reclaim off.`,
            };
      }
    }
  }

  return {
    descriptor: salesforceDescriptor,

    async whoami(): Promise<Whoami> {
      const me = await fetchUserinfo(http);
      return { userId: me.user_id, name: me.name ?? me.preferred_username ?? '', email: me.email, orgId: me.organization_id };
    },

    async *subscriptions(): AsyncIterable<SeatRecord[]> {
      let pages = 0;
      let users = 0;
      for await (const page of soqlPages({ http, soql: USER_SOQL, item: userRecordSchema, what: 'users', signal: ctx.signal })) {
        const seats = page.records.map((u) => userToSeat(u, label));
        pages += 1;
        users += seats.length;
        ctx.progress({ phase: 'download', pages, users });
        yield seats;
      }
    },

    /**
     * Salesforce's activity is User.LastLoginDate, already on every seat from the download
     * (lastActivityAt), so there is nothing more to fetch. Not ActivityUnavailableError:
     * activity is available, it just arrived earlier.
     */
    // eslint-disable-next-line require-yield -- nothing to yield, by design (see above)
    async *activity(_since: Date): AsyncIterable<ActivityRecord[]> {
      ctx.progress({ phase: 'activity', pages: 0, users: 0, message: 'Salesforce activity (last login) came with the seat download.' });
    },

    async ownedSeats(): Promise<OwnedSeats[]> {
      const out: OwnedSeats[] = [];
      for await (const page of soqlPages({ http, soql: USER_LICENSE_SOQL, item: userLicenseRecordSchema, what: 'user licenses', signal: ctx.signal })) {
        for (const l of page.records) out.push({ licenseType: l.Name, owned: l.TotalLicenses, used: l.UsedLicenses });
      }
      return out;
    },

    planReclaim: (seat) => activeCall(seat, false),
    reclaim: (seat) => send(activeCall(seat, false)),
    planUndo: (seat) => activeCall(seat, true),
    undo: (seat) => send(activeCall(seat, true)),

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
