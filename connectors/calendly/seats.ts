/** Calendly organization memberships as Seatwise seats. */
import type { SeatRecord } from '../types.js';
import type { CalendlyMembership } from './api.js';
import { CALENDLY_LICENSE_TYPES } from './descriptor.js';

export function licenseTypeOf(role: string): string {
  switch (role) {
    case 'owner':
      return CALENDLY_LICENSE_TYPES.owner;
    case 'admin':
      return CALENDLY_LICENSE_TYPES.admin;
    case 'user':
      return CALENDLY_LICENSE_TYPES.user;
    default:
      return `Calendly seat (${role})`;
  }
}

export function membershipToSeat(m: CalendlyMembership): SeatRecord {
  return {
    // Calendly's ids are full URIs; the user URI is what activity entries and events name.
    userId: m.user.uri,
    email: m.user.email ?? '',
    name: m.user.name ?? '',
    licenseType: licenseTypeOf(m.role),
    // A membership exists only while the person is in the organization: there is no
    // "deactivated" member, and every member occupies a purchased seat.
    active: true,
    admin: m.role === 'admin' || m.role === 'owner',
    owner: m.role === 'owner',
    paid: true,
    startedAt: m.created_at,
    // DELETE /organization_memberships/{uuid} takes the membership, not the user.
    reclaimRef: m.uri,
  };
}
