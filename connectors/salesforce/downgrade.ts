/**
 * Downgrade at Salesforce: a user's license is their profile's (Profile.UserLicenseId), so
 * moving a user to a cheaper user license means assigning them a profile of that license
 * (PATCH /sobjects/User/{Id} {"ProfileId": ...}). Salesforce allows it between standard user
 * licenses (Salesforce to Salesforce Platform), not to Chatter or community licenses, and
 * refuses it with 400 FIELD_INTEGRITY_EXCEPTION while a permission set the new license does not
 * allow is assigned, or LICENSE_LIMIT_EXCEEDED when no license of the new kind is free.
 *
 * What is cheaper is Salesforce's own list order, by LicenseDefinitionKey: the full CRM license
 * (SFDC) above the Platform licenses, which are above the one-app ones. The org's UserLicense
 * and Profile records say which of them it has; they are read once per connector.
 */
import { z } from 'zod';
import type { HttpClient } from '../http/client.js';
import { ConnectorError } from '../http/errors.js';
import type { DowngradeOffer, SeatRecord, VendorCall } from '../types.js';
import { DATA_PATH, salesforceErrorCodes, salesforceErrorMessage } from './api.js';
import { soqlPages } from './query.js';
import { requestLabel, sfRequest } from './sf-request.js';

export const USER_LICENSE_DETAIL_SOQL = 'SELECT Id, Name, MasterLabel, LicenseDefinitionKey, Status, TotalLicenses, UsedLicenses FROM UserLicense';
export const PROFILE_SOQL = 'SELECT Id, Name, UserLicenseId FROM Profile';

const licenseSchema = z.object({
  Id: z.string().min(1),
  Name: z.string().min(1),
  MasterLabel: z.string().nullish(),
  LicenseDefinitionKey: z.string().nullish(),
  Status: z.string().nullish(),
  TotalLicenses: z.number().int(),
  UsedLicenses: z.number().int(),
});
const profileSchema = z.object({ Id: z.string().min(1), Name: z.string().min(1), UserLicenseId: z.string().nullish() });

type License = z.infer<typeof licenseSchema>;
type Profile = z.infer<typeof profileSchema>;

/**
 * How dear each user license is, by LicenseDefinitionKey (the Object Reference's keys): the
 * full Salesforce license, then Salesforce Platform and Lightning Platform App Subscription,
 * then the one-app and light Platform licenses. A license not listed is never offered.
 */
const RANK: Record<string, number> = { SFDC: 30, AUL: 20, FDC_SUB: 20, AUL1: 10, FDC_ONE: 10, AUL_LIGHT: 10 };
/** Licenses whose key Salesforce did not send: by name. */
const RANK_BY_NAME: Record<string, number> = { salesforce: 30, 'salesforce platform': 20 };
/** The standard profile Salesforce provisions with each Platform license: the default target. */
const STANDARD_PROFILE: Record<string, string> = { AUL: 'Standard Platform User' };

function rankOf(l: License): number | undefined {
  return (l.LicenseDefinitionKey ? RANK[l.LicenseDefinitionKey] : undefined) ?? RANK_BY_NAME[l.Name.toLowerCase()];
}

export interface OrgLicenses {
  licenses: License[];
  profiles: Profile[];
}

const sameId = (a: string | null | undefined, b: string | null | undefined): boolean => !!a && !!b && a.slice(0, 15) === b.slice(0, 15);

export function createSalesforceDowngrade(http: HttpClient, signal?: AbortSignal) {
  const base = (): string => `${http.baseUrl.replace(/\/+$/, '')}${DATA_PATH}`;
  let org: Promise<OrgLicenses> | undefined;
  let loaded: OrgLicenses | undefined;

  async function read(): Promise<OrgLicenses> {
    const licenses: License[] = [];
    const profiles: Profile[] = [];
    for await (const page of soqlPages({ http, soql: USER_LICENSE_DETAIL_SOQL, item: licenseSchema, what: 'user licenses', signal })) licenses.push(...page.records);
    for await (const page of soqlPages({ http, soql: PROFILE_SOQL, item: profileSchema, what: 'profiles', signal })) profiles.push(...page.records);
    loaded = { licenses, profiles };
    return loaded;
  }

  const orgLicenses = (): Promise<OrgLicenses> => {
    org ??= read().catch((err: unknown) => {
      org = undefined;
      throw err;
    });
    return org;
  };

  function profilesOf(o: OrgLicenses, license: License): Profile[] {
    return o.profiles.filter((p) => sameId(p.UserLicenseId, license.Id)).sort((a, b) => a.Name.localeCompare(b.Name));
  }

  /** Cheaper active licenses of the org that have a profile to assign, the nearest first. */
  function cheaper(o: OrgLicenses, licenseType: string): { from: License | undefined; targets: License[] } {
    const from = o.licenses.find((l) => l.Name === licenseType);
    const rank = from ? rankOf(from) : undefined;
    if (!from || rank === undefined) return { from, targets: [] };
    const targets = o.licenses
      .filter((l) => l !== from && (l.Status ?? 'Active') === 'Active' && (rankOf(l) ?? Infinity) < rank && profilesOf(o, l).length > 0)
      .sort((a, b) => (rankOf(b) ?? 0) - (rankOf(a) ?? 0) || a.Name.localeCompare(b.Name));
    return { from, targets };
  }

  /** The profile a seat moves to: Salesforce's standard profile of the license, else the first by name. */
  function targetProfile(o: OrgLicenses, seat: SeatRecord, tier: string): Profile {
    const license = o.licenses.find((l) => l.Name === tier);
    const { targets } = cheaper(o, seat.licenseType);
    if (!license || !targets.includes(license)) {
      const current = o.profiles.find((p) => sameId(p.Id, seat.reclaimRef))?.Name ?? seat.licenseType;
      throw new ConnectorError(
        'config',
        targets.length
          ? `Salesforce can move ${seat.email || seat.userId} (profile ${current}) down to ${targets.map((t) => t.Name).join(' or ')}, not to "${tier}".`
          : noCheaperReason(o, seat.licenseType, current),
      );
    }
    const candidates = profilesOf(o, license);
    const standard = license.LicenseDefinitionKey ? STANDARD_PROFILE[license.LicenseDefinitionKey] : undefined;
    return candidates.find((p) => p.Name === standard) ?? (candidates[0] as Profile);
  }

  function noCheaperReason(o: OrgLicenses, licenseType: string, profile?: string): string {
    const names = profile ? [profile] : o.profiles.filter((p) => sameId(p.UserLicenseId, o.licenses.find((l) => l.Name === licenseType)?.Id)).map((p) => p.Name);
    const who = names.length ? `profile ${names.join(', ')}` : `license ${licenseType}`;
    return `Salesforce: no cheaper user license in this org for ${who} (user license ${licenseType}); a downgrade needs a cheaper standard user license, such as Salesforce Platform, with a profile of its own. Remove or freeze these seats instead.`;
  }

  function requireLoaded(seat: SeatRecord): OrgLicenses {
    if (!loaded) throw new ConnectorError('config', `Seatwise has not read this org's user licenses yet, so it cannot name the profile ${seat.email || seat.userId} would move to.`);
    return loaded;
  }

  function userUrl(userId: string): string {
    return `${base()}/sobjects/User/${userId}`;
  }

  function plan(seat: SeatRecord, userId: string, undo: boolean): VendorCall {
    if (undo) {
      if (!seat.reclaimRef) throw new ConnectorError('config', `Seatwise does not know the profile ${seat.email || seat.userId} had before the downgrade: set it again in Setup › Users.`);
      return { method: 'PATCH', url: userUrl(userId), body: { ProfileId: seat.reclaimRef } };
    }
    const tier = seat.downgradeTo;
    if (!tier) throw new ConnectorError('config', `Name the cheaper user license to move ${seat.email || seat.userId} to.`);
    return { method: 'PATCH', url: userUrl(userId), body: { ProfileId: targetProfile(requireLoaded(seat), seat, tier).Id } };
  }

  async function run(seat: SeatRecord, userId: string, undo: boolean): Promise<void> {
    await orgLicenses();
    const call = plan(seat, userId, undo);
    const res = await sfRequest(http, { method: 'PATCH', url: call.url, body: call.body, acceptStatus: [400] });
    if (res.status === 400) throw profileChangeError(seat, call, res.body, undo);
  }

  return {
    async offer(licenseType: string): Promise<DowngradeOffer> {
      const o = await orgLicenses();
      const { targets } = cheaper(o, licenseType);
      return targets.length ? { targets: targets.map((t) => t.Name) } : { targets: [], reason: noCheaperReason(o, licenseType) };
    },
    plan,
    run,
  };
}

function profileChangeError(seat: SeatRecord, call: VendorCall, body: unknown, undo: boolean): ConnectorError {
  const message = salesforceErrorMessage(body) ?? 'HTTP 400';
  const codes = salesforceErrorCodes(body);
  const who = seat.email || seat.userId;
  const what = undo ? `give ${who} their profile back` : `move ${who} to ${seat.downgradeTo ?? 'the cheaper license'}`;
  let fix = '';
  if (codes.includes('LICENSE_LIMIT_EXCEEDED')) fix = ' No license of that kind is free: free one or buy one, then try again.';
  else if (/permission set/i.test(message)) fix = ' Remove that permission set from the user (Setup › Users › Permission Set Assignments), then try again.';
  else if (codes.includes('FIELD_INTEGRITY_EXCEPTION')) fix = ' Salesforce allows a license change only between standard user licenses whose permissions fit.';
  return new ConnectorError('bad_request', `Salesforce refused to ${what} (${requestLabel({ method: 'PATCH', url: call.url })}): ${message}.${fix}`, {
    status: 400,
    vendorMessage: message,
  });
}
