/**
 * Date helpers for the reclamation hot paths: ISO strings in, epoch milliseconds out, with
 * no allocation on the common canonical form (`2026-08-01T12:00:00.000Z` or without millis).
 */

export const DAY_MS = 86_400_000;

/** Two ASCII digits at `i` as a number, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Epoch milliseconds of an ISO 8601 date-time, NaN when it is not one. UTC strings of the
 * canonical shapes are parsed by hand (about 3x faster than `Date.parse`, same result); any
 * other shape (offsets, date only, more fraction digits) goes through `Date.parse`.
 */
export function parseIso(s: string): number {
  const len = s.length;
  if (
    (len !== 24 && len !== 20) ||
    s.charCodeAt(len - 1) !== 90 /* Z */ ||
    s.charCodeAt(4) !== 45 /* - */ ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 /* T */ ||
    s.charCodeAt(13) !== 58 /* : */ ||
    s.charCodeAt(16) !== 58
  ) {
    return Date.parse(s);
  }
  const y1 = twoDigits(s, 0);
  const y2 = twoDigits(s, 2);
  const mo = twoDigits(s, 5);
  const d = twoDigits(s, 8);
  const h = twoDigits(s, 11);
  const mi = twoDigits(s, 14);
  const se = twoDigits(s, 17);
  if ((y1 | y2 | mo | d | h | mi | se) < 0 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) {
    return Date.parse(s);
  }
  const year = y1 * 100 + y2;
  if (d > 28 && d > daysInMonth(year, mo)) return Date.parse(s); // NaN, as Date.parse says
  let ms = 0;
  if (len === 24) {
    const m12 = twoDigits(s, 20);
    const m3 = s.charCodeAt(22) - 48;
    if (s.charCodeAt(19) !== 46 /* . */ || m12 < 0 || m3 < 0 || m3 > 9) return Date.parse(s);
    ms = m12 * 10 + m3;
  }
  // Days from the civil date (H. Hinnant's algorithm), proleptic Gregorian like Date.
  const y = year - (mo <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return ((days * 24 + h) * 60 + mi) * 60_000 + se * 1000 + ms;
}

export type DateInput = Date | number | string;

/** Epoch milliseconds of a Date, a number or an ISO string; throws on an invalid date. */
export function toMillis(value: DateInput, what: string): number {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? parseIso(value) : value.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date: ${String(value)}`);
  return ms;
}

/** The UTC calendar day (YYYY-MM-DD) of an ISO string whose epoch is `ms`. */
export function utcDay(iso: string, ms: number): string {
  // A UTC string already starts with its UTC day; an offset string may not.
  return iso.length >= 20 && iso.charCodeAt(iso.length - 1) === 90 ? iso.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
}
