/**
 * The REST API routes of the Salesforce simulator: the query resource with query locators
 * (nextRecordsUrl) over User, Profile, UserLicense, PermissionSetAssignment and UserLogin, PATCH on
 * User for IsActive or ProfileId (a license change) and PATCH on UserLogin for IsFrozen. Every call
 * counts against the org's daily allowance and answers Sforce-Limit-Info; once the allowance
 * is spent, calls answer 403 REQUEST_LIMIT_EXCEEDED like Salesforce.
 */
import { bearerToken, json, SimError, type Router, type SimRequest, type SimResponse } from '../../simulator-kit/index.js';
import { DATA_PATH } from '../api.js';
import { userPermissions, type SalesforceSeedPermissionSet, type SalesforceSeedUser } from './seed.js';
import { salesforceId } from './ids.js';
import { matches, parseSoql, project, type SObject, type SoqlQuery } from './soql.js';
import { limitInfo, restError, SALESFORCE_DEACTIVATION_BLOCKERS, SfError, type SalesforceSimState } from './state.js';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
/** Salesforce keeps 10 open query cursors per user; opening more drops the oldest. */
const MAX_CURSORS = 10;

interface Cursor {
  id: string;
  records: SObject[];
  fields: string[][];
  batchSize: number;
}

export function addApiRoutes(router: Router, state: SalesforceSimState): void {
  const cursors = new Map<string, Cursor>();
  let cursorSerial = 0;

  const caller = (req: SimRequest): SalesforceSeedUser => {
    // The guard has checked (and counted) the session already.
    const me = state.user(state.sessions.userOf(bearerToken(req)) ?? '');
    if (!me) throw new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    return me;
  };

  /** Meters one API call, renders REST errors, and stamps Sforce-Limit-Info on the answer. */
  const api = (handler: (req: SimRequest) => SimResponse) => (req: SimRequest): SimResponse => {
    if (state.apiUsage >= state.knobs.dailyApiLimit) {
      return restError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', limitInfo(state));
    }
    state.apiUsage += 1;
    let res: SimResponse;
    try {
      res = handler(req);
    } catch (err) {
      if (err instanceof SfError) res = restError(err.status, err.errorCode, err.message);
      else if (err instanceof SimError) res = restError(err.status, 'INVALID_INPUT', err.message);
      else throw err;
    }
    return { ...res, headers: { ...res.headers, ...limitInfo(state) } };
  };

  function sources(object: string): SObject[] {
    const { org } = state;
    const licenses = new Map(org.licenses.map((l) => [l.name, l]));
    const used = new Map<string, number>();
    for (const u of org.users) if (u.isActive) used.set(u.licenseName, (used.get(u.licenseName) ?? 0) + 1);
    const licenseObject = (name: string): SObject | null => {
      const l = licenses.get(name);
      if (!l) return null;
      const fields = {
        Id: l.id,
        Name: l.name,
        MasterLabel: l.name,
        LicenseDefinitionKey: l.key,
        TotalLicenses: l.total,
        UsedLicenses: used.get(l.name) ?? 0,
        Status: 'Active',
      };
      return { type: 'UserLicense', id: l.id, fields };
    };
    const profiles = (): Map<string, SObject> =>
      new Map(
        org.profiles.map((p) => {
          const license = licenseObject(p.licenseName);
          const fields = { Id: p.id, Name: p.name, UserLicenseId: license?.id ?? null, PermissionsManageUsers: p.manageUsers };
          return [p.id, { type: 'Profile', id: p.id, fields, relations: { UserLicense: license } } satisfies SObject];
        }),
      );
    switch (object) {
      case 'UserLicense':
        return org.licenses.map((l) => licenseObject(l.name) as SObject);
      case 'Profile':
        return [...profiles().values()];
      case 'User': {
        const byId = profiles();
        return org.users.map((u) => userObject(u, byId.get(u.profileId) ?? null));
      }
      case 'PermissionSetAssignment': {
        // Each profile owns a permission set (its assignment carries the profile's Manage Users,
        // which brings Manage Internal Users and Freeze Users); other permission sets come on top.
        const out: SObject[] = [];
        const permissionSet = (id: string, name: string, ownedByProfile: boolean, p: Omit<SalesforceSeedPermissionSet, 'id' | 'name'>): SObject => ({
          type: 'PermissionSet',
          id,
          fields: {
            Id: id,
            Name: name,
            IsOwnedByProfile: ownedByProfile,
            PermissionsManageUsers: p.manageUsers,
            PermissionsManageInternalUsers: p.manageUsers || p.manageInternalUsers,
            PermissionsFreezeUsers: p.manageUsers || p.freezeUsers,
          },
        });
        const assign = (u: SalesforceSeedUser, ps: SObject): void => {
          const id = salesforceId('0Pa', 0, out.length + 1);
          out.push({ type: 'PermissionSetAssignment', id, fields: { Id: id, AssigneeId: u.id, PermissionSetId: ps.id }, relations: { PermissionSet: ps } });
        };
        for (const u of org.users) {
          const psId = salesforceId('0PS', 0, org.profiles.findIndex((p) => p.id === u.profileId) + 1);
          assign(u, permissionSet(psId, `X${u.profileId}`, true, { manageUsers: u.manageUsers, manageInternalUsers: false, freezeUsers: false }));
          for (const ps of u.permissionSets) assign(u, permissionSet(ps.id, ps.name, false, ps));
        }
        return out;
      }
      case 'UserLogin':
        return org.users.flatMap((u) =>
          u.userLoginId ? [{ type: 'UserLogin', id: u.userLoginId, fields: { Id: u.userLoginId, UserId: u.id, IsFrozen: u.isFrozen, IsPasswordLocked: false } }] : [],
        );
      default:
        return [];
    }
  }

  function page(cursor: Cursor, offset: number, batchSize: number): SimResponse {
    const end = Math.min(offset + batchSize, cursor.records.length);
    const records = cursor.records.slice(offset, end).map((r) => project(r, cursor.fields, DATA_PATH));
    const done = end >= cursor.records.length;
    if (done) cursors.delete(cursor.id);
    const body: Record<string, unknown> = { totalSize: cursor.records.length, done, records };
    if (!done) body.nextRecordsUrl = `${DATA_PATH}/query/${cursor.id}-${end}`;
    return json(200, body);
  }

  router.get(
    `${DATA_PATH}/query`,
    api((req) => {
      const me = caller(req);
      const query: SoqlQuery = parseSoql(req.query.get('q'));
      // An object the user may not see answers as if it did not exist.
      if (query.object === 'UserLogin' && !mayFreeze(me)) throw new SfError(400, 'INVALID_TYPE', INVALID_TYPE_USER_LOGIN);
      let records = sources(query.object).filter((r) => matches(r, query.where));
      if (query.limit !== undefined) records = records.slice(0, query.limit);
      const cursor: Cursor = { id: salesforceId('01g', 0, ++cursorSerial), records, fields: query.fields, batchSize: batchSizeOf(req) ?? DEFAULT_BATCH };
      cursors.set(cursor.id, cursor);
      if (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value as string);
      return page(cursor, 0, cursor.batchSize);
    }),
  );

  router.get(
    `${DATA_PATH}/query/:locator`,
    api((req) => {
      caller(req);
      const m = /^(\w{18})-(\d+)$/.exec(req.params.locator ?? '');
      const cursor = m ? cursors.get(m[1] as string) : undefined;
      const offset = Number(m?.[2]);
      if (!cursor || offset > cursor.records.length) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return page(cursor, offset, batchSizeOf(req) ?? cursor.batchSize);
    }),
  );

  router.patch(
    `${DATA_PATH}/sobjects/User/:id`,
    api((req) => {
      const me = caller(req);
      const target = state.user(req.params.id ?? '');
      if (!target) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      // Salesforce Help, "Deactivate Users": "To deactivate users: Manage Internal Users".
      if (!userPermissions(me).manageInternalUsers || !me.isActive || state.knobs.patchForbiddenFor.includes(target.id)) {
        throw new SfError(403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
      }
      const change = userChangeFrom(req.body);
      if (change.profileId !== undefined) {
        changeProfile(state, me, target, change.profileId);
        return { status: 204, raw: '' };
      }
      const isActive = change.isActive as boolean;
      if (!isActive && target.id === me.id) throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'You cannot deactivate yourself.');
      const blocker = state.knobs.deactivationBlockedBy[target.id];
      if (!isActive && target.isActive && blocker) throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', SALESFORCE_DEACTIVATION_BLOCKERS[blocker]);
      if (isActive && !target.isActive) checkLicenseAvailable(state, target);
      target.isActive = isActive;
      return { status: 204, raw: '' };
    }),
  );

  router.patch(
    `${DATA_PATH}/sobjects/UserLogin/:id`,
    api((req) => {
      const me = caller(req);
      const target = req.params.id ? state.org.users.find((u) => u.userLoginId === req.params.id) : undefined;
      if (!target) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
      // Salesforce Help, "Freeze or Unfreeze User Accounts": Freeze Users OR Manage Users.
      if (!mayFreeze(me) || !me.isActive || state.knobs.patchForbiddenFor.includes(target.id)) {
        throw new SfError(403, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
      }
      target.isFrozen = isFrozenFrom(req.body);
      return { status: 204, raw: '' };
    }),
  );
}

const mayFreeze = (u: SalesforceSeedUser): boolean => userPermissions(u).freezeUsers;

const INVALID_TYPE_USER_LOGIN =
  "sObject type 'UserLogin' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

function userObject(u: SalesforceSeedUser, profile: SObject | null): SObject {
  const [first, ...rest] = u.name.split(' ');
  const fields = {
    Id: u.id,
    Username: u.username,
    Email: u.email,
    Name: u.name,
    FirstName: rest.length ? first : null,
    LastName: rest.length ? rest.join(' ') : u.name,
    IsActive: u.isActive,
    UserType: u.userType,
    LastLoginDate: sfDateTime(u.lastLoginDate),
    CreatedDate: sfDateTime(u.createdDate),
    ProfileId: u.profileId,
  };
  return { type: 'User', id: u.id, fields, relations: { Profile: profile } };
}

/** Salesforce writes datetimes as "2024-05-01T12:34:56.000+0000". */
function sfDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  // The seed already writes toISOString()'s form: swap the zone without a Date per field, which
  // made a 100,000-user query spend seconds before its first page.
  if (ISO_UTC.test(iso)) return `${iso.slice(0, -1)}+0000`;
  return new Date(iso).toISOString().replace('Z', '+0000');
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Sforce-Query-Options: batchSize=N; Salesforce treats it as a hint within 200..2000. */
function batchSizeOf(req: SimRequest): number | undefined {
  const header = req.headers['sforce-query-options'];
  const m = typeof header === 'string' ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
  return m ? Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(m[1]))) : undefined;
}

/**
 * PATCH User takes IsActive (deactivate, reactivate) or ProfileId (a user's license is their
 * profile's: a profile of another license changes the license), one at a time.
 */
function userChangeFrom(body: unknown): { isActive?: boolean; profileId?: string } {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 && 'ProfileId' in body) {
    const value = (body as Record<string, unknown>).ProfileId;
    if (typeof value !== 'string') throw new SfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of reference from ProfileId');
    return { profileId: value };
  }
  return { isActive: onlyBoolean(body, 'User', 'IsActive') };
}

const INCOMPATIBLE_PROFILE =
  "You can only assign profiles that are compatible with the user's license. For a list of compatible licenses and profiles, see the Salesforce Help.";

/**
 * A new profile, as Salesforce takes it: an id of a profile of the org; between licenses only
 * where both are standard user licenses (a Salesforce user can move to Salesforce Platform, not
 * to Chatter or a site guest); refused while a permission set the new license does not allow is
 * assigned, and when no license of the new kind is free. The user keeps their records.
 */
function changeProfile(state: SalesforceSimState, me: SalesforceSeedUser, target: SalesforceSeedUser, profileId: string): void {
  const profile = state.org.profiles.find((p) => p.id.slice(0, 15) === profileId.slice(0, 15));
  if (!profile) throw new SfError(400, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  if (profile.id === target.profileId) return;
  if (target.id === me.id && !profile.manageUsers) {
    throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'You cannot remove the Manage Users permission from your own profile.');
  }
  if (profile.licenseName !== target.licenseName) {
    if (profile.userType !== 'Standard' || target.userType !== 'Standard') throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', `${INCOMPATIBLE_PROFILE}: [ProfileId]`);
    const blocked = state.knobs.licenseChangeBlockedBy[target.id];
    if (blocked) {
      throw new SfError(400, 'FIELD_INTEGRITY_EXCEPTION', `Can't assign permission set ${blocked.permissionSet} to user ${target.username}. The user license doesn't allow the permission: ${blocked.permission}`);
    }
    if (target.isActive) checkLicenseAvailable(state, { ...target, licenseName: profile.licenseName });
  }
  target.profileId = profile.id;
  target.profileName = profile.name;
  target.licenseName = profile.licenseName;
  target.manageUsers = profile.manageUsers;
}

function isFrozenFrom(body: unknown): boolean {
  return onlyBoolean(body, 'UserLogin', 'IsFrozen');
}

/** The one boolean field the simulator updates on this sobject, from a body that holds nothing else. */
function onlyBoolean(body: unknown, sobject: string, field: string): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  for (const key of Object.keys(body)) {
    if (key !== field) throw new SfError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${sobject} (the simulator updates ${field} only)`);
  }
  const value = (body as Record<string, unknown>)[field];
  if (typeof value !== 'boolean') throw new SfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from ${field}`);
  return value;
}

/** Reactivating takes a license back; Salesforce refuses when none is left. */
function checkLicenseAvailable(state: SalesforceSimState, target: SalesforceSeedUser): void {
  const total = state.org.licenses.find((l) => l.name === target.licenseName)?.total ?? 0;
  const used = state.org.users.filter((u) => u.isActive && u.licenseName === target.licenseName).length;
  if (used >= total) throw new SfError(400, 'LICENSE_LIMIT_EXCEEDED', `License Limit Exceeded: no ${target.licenseName} license is available.`);
}
