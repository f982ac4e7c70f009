/**
 * Turns one user item into a SeatRecord through the configured field mapping. An item with
 * no id or email is a malformed page, not a seat with holes.
 */
import { ConnectorError } from '../http/errors.js';
import type { ActivityRecord, SeatRecord } from '../types.js';
import type { CustomConfig } from './config.js';
import { firstValue } from './paths.js';

const ACTIVE_WORDS = new Set(['true', 'active', 'enabled', 'yes', '1']);

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function bool(value: unknown, words: Set<string>): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return words.has(value.trim().toLowerCase());
  return undefined;
}

/** ISO 8601 from an ISO string or epoch seconds/milliseconds; undefined when unreadable. */
export function timestamp(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value < 1e11 ? value * 1000 : value;
    return new Date(ms).toISOString();
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
    if (/^\d+$/.test(value.trim())) return timestamp(Number(value));
  }
  return undefined;
}

export function itemToSeat(item: Record<string, unknown>, config: CustomConfig, vendorName: string): SeatRecord {
  const f = config.fields;
  const userId = str(firstValue(item, f.id));
  if (!userId) throw new ConnectorError('malformed', `${vendorName} returned a user without an id (mapped from ${String(f.id)}).`);
  const email = str(firstValue(item, f.email)) ?? '';
  const name = str(firstValue(item, f.name)) ?? email;
  const licenseType = str(firstValue(item, f.licenseType)) ?? config.constantLicenseType ?? 'User';
  const activeWords = f.activeValues ? new Set(f.activeValues.map((v) => v.toLowerCase())) : ACTIVE_WORDS;
  const active = f.active === undefined ? true : (bool(firstValue(item, f.active), activeWords) ?? false);
  const admin = f.admin === undefined ? false : (bool(firstValue(item, f.admin), ACTIVE_WORDS) ?? false);
  const seat: SeatRecord = {
    userId,
    email,
    name,
    licenseType,
    active,
    admin,
    owner: false,
    paid: active && !config.paid.freeLicenseTypes.includes(licenseType),
  };
  const startedAt = timestamp(firstValue(item, f.startedAt));
  if (startedAt) seat.startedAt = startedAt;
  const last = timestamp(firstValue(item, f.lastActivity));
  if (last) seat.lastActivityAt = last;
  return seat;
}

export function itemToActivity(item: Record<string, unknown>, activity: NonNullable<CustomConfig['activity']>): ActivityRecord | undefined {
  const at = timestamp(firstValue(item, activity.timestampPath));
  const userId = str(firstValue(item, activity.userIdPath));
  const email = str(firstValue(item, activity.emailPath));
  if (!at || (!userId && !email)) return undefined;
  const record: ActivityRecord = { at };
  if (userId) record.userId = userId;
  if (email) record.email = email;
  return record;
}
