/** Zoom users as Seatwise seats. */
import { ConnectorError } from '../http/errors.js';
import type { SeatRecord } from '../types.js';
import type { ZoomUser } from './api.js';
import { ZOOM_LICENSE_TYPES } from './descriptor.js';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: ZOOM_LICENSE_TYPES.basic,
  2: ZOOM_LICENSE_TYPES.licensed,
  4: ZOOM_LICENSE_TYPES.unassigned,
  99: ZOOM_LICENSE_TYPES.none,
};

/** Zoom's built-in roles: role_id "0" is the account owner, "1" the admin role. */
const OWNER_ROLE = '0';
const ADMIN_ROLE = '1';

export function licenseTypeOf(type: number): string {
  return TYPE_NAMES[type] ?? `Zoom user type ${type}`;
}

/** An ISO 8601 instant, or undefined when Zoom sends none; a date that does not parse is a vendor fault. */
function zoomDate(value: string | null | undefined, field: string, label: string): string | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new ConnectorError('malformed', `Zoom returned a ${field} that is not a date (${label}).`);
  return new Date(ms).toISOString();
}

function nameOf(u: ZoomUser): string {
  const display = u.display_name?.trim();
  if (display) return display;
  return [u.first_name, u.last_name].map((part) => part?.trim()).filter(Boolean).join(' ');
}

/**
 * Only a Licensed user (type 2) holds a paid seat: Basic and the other types are free. The
 * listing asks for status=active; a user of another status in it holds no seat either.
 */
export function userToSeat(u: ZoomUser, label: string): SeatRecord {
  const active = (u.status ?? 'active') === 'active';
  const role = u.role_id === undefined ? undefined : String(u.role_id);
  const seat: SeatRecord = {
    userId: u.id,
    email: u.email ?? '',
    name: nameOf(u),
    licenseType: licenseTypeOf(u.type),
    active,
    admin: role === OWNER_ROLE || role === ADMIN_ROLE,
    owner: role === OWNER_ROLE,
    paid: active && u.type === 2,
  };
  // user_created_at is when the user joined the account; created_at is documented to show the
  // request's own time for users who have not activated yet, so it comes second.
  const startedAt = zoomDate(u.user_created_at, 'user_created_at', label) ?? zoomDate(u.created_at, 'created_at', label);
  const lastActivityAt = zoomDate(u.last_login_time, 'last_login_time', label);
  if (startedAt) seat.startedAt = startedAt;
  if (lastActivityAt) seat.lastActivityAt = lastActivityAt;
  return seat;
}
