/** Salesforce users as Seatwise seats. */
import type { SeatRecord } from '../types.js';
import { salesforceDate, type SalesforceUserRecord } from './api.js';
import { SALESFORCE_FREE_LICENSE_TYPES } from './descriptor.js';
import { SALESFORCE_ID } from './reclaim.js';

/** Every field the seat mapping reads; CreatedDate gives the seat's start. */
export const USER_SOQL =
  'SELECT Id, Username, Email, Name, IsActive, UserType, LastLoginDate, CreatedDate, ProfileId, Profile.Name, Profile.UserLicense.Name FROM User';

export const USER_LICENSE_SOQL = 'SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense';

const FREE_LICENSES = new Set(SALESFORCE_FREE_LICENSE_TYPES.map((l) => l.toLowerCase()));
/**
 * User types that never hold a paid seat whatever their license is called: site guests,
 * Chatter-only users (CsnOnly), and Salesforce's own automation users.
 */
const FREE_USER_TYPES = new Set(['Guest', 'CsnOnly', 'AutomatedProcess']);

const ADMIN_PROFILE = 'System Administrator';
/** A user whose profile Seatwise cannot read still needs a license type to be mapped. */
export const UNKNOWN_LICENSE = 'Unknown license';

export function isFreeSeat(licenseType: string, userType: string | null | undefined): boolean {
  return FREE_LICENSES.has(licenseType.toLowerCase()) || (userType ? FREE_USER_TYPES.has(userType) : false);
}

export function userToSeat(u: SalesforceUserRecord, label: string): SeatRecord {
  const licenseType = u.Profile?.UserLicense?.Name?.trim() || UNKNOWN_LICENSE;
  const seat: SeatRecord = {
    userId: u.Id,
    email: u.Email ?? u.Username ?? '',
    name: u.Name ?? '',
    licenseType,
    active: u.IsActive,
    // Salesforce has no admin flag; the System Administrator profile is what admins hold.
    admin: u.Profile?.Name === ADMIN_PROFILE,
    // No organisation owner in Salesforce; main marks the connected account itself.
    owner: false,
    // Deactivated users hold no license: Salesforce frees it at once.
    paid: u.IsActive && !isFreeSeat(licenseType, u.UserType),
  };
  // The profile decides the license: a downgrade assigns another profile, and its undo this one.
  if (u.ProfileId && SALESFORCE_ID.test(u.ProfileId)) seat.reclaimRef = u.ProfileId;
  const startedAt = salesforceDate(u.CreatedDate, label);
  const lastActivityAt = salesforceDate(u.LastLoginDate, label);
  if (startedAt) seat.startedAt = startedAt;
  if (lastActivityAt) seat.lastActivityAt = lastActivityAt;
  return seat;
}
