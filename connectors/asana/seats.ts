/** Asana workspace memberships as Seatwise seats. */
import type { SeatRecord } from '../types.js';
import type { AsanaMembership } from './api.js';
import { ASANA_LICENSE_TYPES } from './descriptor.js';

/** The membership fields the seat mapping needs; asking for them is what makes them appear. */
export const MEMBERSHIP_OPT_FIELDS = 'is_active,is_admin,is_guest,is_view_only,created_at,user.name,user.email';

export function licenseTypeOf(m: Pick<AsanaMembership, 'is_guest' | 'is_view_only'>): string {
  if (m.is_guest) return ASANA_LICENSE_TYPES.guest;
  if (m.is_view_only) return ASANA_LICENSE_TYPES.viewOnly;
  return ASANA_LICENSE_TYPES.member;
}

/**
 * `billingPaused`: the member's license is paused (from the audit log). Only a full member's
 * pause changes anything: guests and view-only members are free already.
 */
export function membershipToSeat(m: AsanaMembership, workspaceGid: string, billingPaused = false): SeatRecord {
  const active = m.is_active ?? true;
  const free = Boolean(m.is_guest) || Boolean(m.is_view_only);
  const paused = billingPaused && active && !free;
  return {
    userId: m.user.gid,
    email: m.user.email ?? '',
    name: m.user.name ?? '',
    licenseType: paused ? ASANA_LICENSE_TYPES.paused : licenseTypeOf(m),
    active,
    admin: m.is_admin ?? false,
    // Asana has no organisation owner flag; main marks the connected account itself.
    owner: false,
    paid: active && !free && !paused,
    startedAt: m.created_at,
    // removeUser needs the workspace: carrying it makes a stored seat reclaimable later
    // without re-resolving which workspace it came from.
    reclaimRef: workspaceGid,
  };
}
