/**
 * The Salesforce connector: seats from SOQL on User (license from Profile.UserLicense.Name,
 * last activity from LastLoginDate), seats owned from UserLicense, reclaim by deactivating
 * the user (undo: reactivate) or, where Salesforce refuses that, by freezing them (undo:
 * unfreeze; see reclaim.ts). Everything goes through ctx.http via sfRequest, on its base URL:
 * the instance the sign-in named.
 */
import { z } from 'zod';
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
import { DATA_PATH, idRecordSchema, userLicenseRecordSchema, userRecordSchema } from './api.js';
import { salesforceDescriptor } from './descriptor.js';
import { soqlFirstPage, soqlPages } from './query.js';
import { createSalesforceReclaim, SALESFORCE_ID } from './reclaim.js';
import { USER_LICENSE_SOQL, USER_SOQL, userToSeat } from './seats.js';
import { fetchUserinfo } from './userinfo.js';

/** One permission set of the connected user, profile's own included, with what it allows on users. */
const assignmentSchema = z.object({
  PermissionSet: z
    .object({ PermissionsManageUsers: z.boolean().nullish(), PermissionsManageInternalUsers: z.boolean().nullish() })
    .nullish(),
});

export function createSalesforceConnector(ctx: ConnectorContext): Connector {
  const { http } = ctx;
  const reclaim = createSalesforceReclaim(http, ctx.signal);

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
      case 'reclaim':
        return probeReclaim();
    }
  }

  /**
   * Deactivating users needs "Manage Internal Users" (Salesforce Help, "Deactivate Users");
   * "Manage Users" includes it. Profiles own a permission set too, so the user's assignments
   * cover profile and permission sets. Freeze, the way out when a deactivation is refused,
   * needs "Freeze Users" or "Manage Users": said in the message, not a failure.
   */
  async function probeReclaim(): Promise<ProbeResult> {
    const process = 'reclaim';
    const me = await fetchUserinfo(http);
    if (!SALESFORCE_ID.test(me.user_id)) throw new ConnectorError('malformed', 'Salesforce returned a user id that is not a Salesforce id (GET /services/oauth2/userinfo).');
    const who = me.preferred_username ?? me.name ?? me.user_id;
    const soql = `SELECT PermissionSet.PermissionsManageUsers, PermissionSet.PermissionsManageInternalUsers FROM PermissionSetAssignment WHERE AssigneeId = '${me.user_id}'`;
    let manageUsers = false;
    let manageInternalUsers = false;
    for await (const page of soqlPages({ http, soql, item: assignmentSchema, what: 'permission set assignments', signal: ctx.signal })) {
      for (const a of page.records) {
        manageUsers ||= a.PermissionSet?.PermissionsManageUsers === true;
        manageInternalUsers ||= a.PermissionSet?.PermissionsManageInternalUsers === true;
      }
    }
    if (manageUsers) {
      return { process, ok: true, message: `${who} has Manage Users (which includes Manage Internal Users and Freeze Users), so Seatwise can deactivate, reactivate, freeze and unfreeze users.` };
    }
    if (!manageInternalUsers) {
      return {
        process,
        ok: false,
        message: `${who} lacks the "Manage Internal Users" permission: Salesforce lets only such users deactivate others. Grant it (a permission set) or leave reclaim off.`,
      };
    }
    const freeze = await mayFreeze(me.user_id);
    const freezeNote =
      freeze === true
        ? ' It also has Freeze Users, so Seatwise can freeze a user Salesforce will not deactivate.'
        : freeze === false
          ? ' Freeze, offered when Salesforce refuses a deactivation, also needs "Freeze Users": grant it as well to use it.'
          : ' Seatwise could not tell whether it has "Freeze Users", which Freeze needs.';
    return { process, ok: true, message: `${who} has Manage Internal Users, so Seatwise can deactivate and reactivate users.${freezeNote}` };
  }

  /** Whether any of the user's permission sets has Freeze Users; undefined when Salesforce would not say. */
  async function mayFreeze(userId: string): Promise<boolean | undefined> {
    const soql = `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSet.PermissionsFreezeUsers = true LIMIT 1`;
    try {
      return (await soqlFirstPage({ http, soql, item: idRecordSchema, what: 'permission set assignments' })).totalSize > 0;
    } catch (err) {
      if (err instanceof ConnectorError && err.code !== 'limit_exceeded' && err.code !== 'unauthorized') return undefined;
      throw err;
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

    planReclaim: (seat, action) => reclaim.plan(seat, action, false),
    reclaim: (seat, action) => reclaim.run(seat, action),
    planUndo: (seat, action) => reclaim.plan(seat, action, true),
    downgradeOffer: (licenseType) => reclaim.offer(licenseType),
    undo: (seat, action) => reclaim.undo(seat, action),

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
