/**
 * A vendor's user export as seats: the header row, the column mapping (guessed from the header,
 * corrected by the admin, remembered on the profile) and the rows. The file is someone's
 * export, so it is hostile input: every problem names its line, and a file with any problem
 * yields nothing.
 */
import { parse } from 'csv-parse/sync';
import { ConnectorError } from '../http/errors.js';
import type { SeatRecord } from '../types.js';

/** 10 MB and 200,000 rows: the user export of a large company, with room. */
export const MAX_EXPORT_BYTES = 10 * 1024 * 1024;
export const MAX_EXPORT_ROWS = 200_000;

/** The mapping's fields, the connection option each is kept under and the CLI flag that sets it. */
export const MAPPING_FIELDS = [
  { field: 'email', option: 'emailColumn', flag: '--email-column', label: 'Email', required: true },
  { field: 'name', option: 'nameColumn', flag: '--name-column', label: 'Name', required: true },
  { field: 'licenseType', option: 'licenseColumn', flag: '--license-column', label: 'License type', required: true },
  { field: 'lastActive', option: 'lastActiveColumn', flag: '--last-active-column', label: 'Last active', required: false },
] as const;
export type MappingField = (typeof MAPPING_FIELDS)[number]['field'];

/** Which header column holds each field; `lastActive` absent: the export has no activity. */
export interface ColumnMapping {
  email: string;
  name: string;
  licenseType: string;
  lastActive?: string;
}

/** Header names vendors' exports use, compared without case, spaces, dashes or underscores. */
const KNOWN: Record<MappingField, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'useremail', 'primaryemail', 'login', 'userprincipalname'],
  name: ['name', 'fullname', 'displayname', 'username', 'user', 'person', 'member', 'membername'],
  licenseType: ['licensetype', 'license', 'licence', 'licencetype', 'plan', 'seattype', 'seat', 'role', 'usertype', 'subscription', 'tier'],
  lastActive: ['lastactive', 'lastactivity', 'lastlogin', 'lastlogindate', 'lastsignin', 'lastseen', 'lastactiveat', 'lastloginat', 'lastsigninat', 'lastused', 'lastaccess', 'lastaccessed'],
};

const key = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** The first header column matching one of a field's known names, in the order the names are known. */
function find(header: string[], field: MappingField, taken: Set<string>): string | undefined {
  const keys = header.map(key);
  for (const wanted of KNOWN[field]) {
    const i = keys.findIndex((k, n) => k === wanted && !taken.has(header[n]!));
    if (i >= 0) return header[i];
  }
  return undefined;
}

/** The mapping guessed from a header row: what could not be found is left out. */
export function guessMapping(header: string[]): Partial<ColumnMapping> {
  const out: Partial<ColumnMapping> = {};
  const taken = new Set<string>();
  for (const { field } of MAPPING_FIELDS) {
    const column = find(header, field, taken);
    if (column !== undefined) {
      out[field] = column;
      taken.add(column);
    }
  }
  return out;
}

/** The mapping kept on the profile (connection options), or undefined for a field not set. */
export function mappingFromOptions(options: Record<string, string>): Partial<ColumnMapping> {
  const out: Partial<ColumnMapping> = {};
  for (const { field, option } of MAPPING_FIELDS) if (options[option]) out[field] = options[option];
  return out;
}

export function mappingToOptions(mapping: ColumnMapping): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, option } of MAPPING_FIELDS) if (mapping[field]) out[option] = mapping[field];
  return out;
}

function refuse(message: string): never {
  throw new ConnectorError('config', message);
}

/** A column the mapping needs is not in the header: a mistake in what was asked (a flag, a select), not in the file. */
export class MappingError extends ConnectorError {
  constructor(message: string) {
    super('config', message);
  }
}

/** The header and body rows of an export's text; refuses what is too large or not CSV. */
export function readRows(text: string, fileName = 'The export'): { header: string[]; body: string[][] } {
  if (Buffer.byteLength(text, 'utf8') > MAX_EXPORT_BYTES) {
    refuse(`${fileName} is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB: a user export should be one row per seat. Export only the users, or split the file.`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    refuse(`${fileName} is not a CSV file Seatwise can read: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) refuse(`${fileName} is empty: it needs a header row (email, name, license type, and last active if the vendor gives it) and one row per user.`);
  if (body.length > MAX_EXPORT_ROWS) refuse(`${fileName} has ${body.length} rows; Seatwise reads at most ${MAX_EXPORT_ROWS} from one export.`);
  return { header, body };
}

/**
 * The mapping to use: what was given (flags, the playbook's selects, the profile's remembered
 * mapping) over what the header suggests. A required column that cannot be found, or a given one
 * the header does not have, is refused naming the flag to pass and the header's columns.
 */
export function resolveMapping(header: string[], given: Partial<ColumnMapping>, fileName = 'The export'): ColumnMapping {
  const guessed = guessMapping(header);
  const columns = header.map((h) => `"${h}"`).join(', ');
  const problems: string[] = [];
  const out: Partial<ColumnMapping> = {};
  for (const { field, flag, label, required } of MAPPING_FIELDS) {
    const named = given[field];
    // An optional column given as '' is "the export has none": nothing is guessed for it.
    if (named === '' && !required) continue;
    if (named !== undefined && named !== '') {
      const match = header.find((h) => h === named) ?? header.find((h) => h.trim().toLowerCase() === named.trim().toLowerCase());
      if (match === undefined) problems.push(`${flag}: ${fileName} has no column "${named}" (for ${label.toLowerCase()})`);
      else out[field] = match;
      continue;
    }
    const guess = guessed[field];
    if (guess !== undefined) out[field] = guess;
    else if (required) problems.push(`${flag}: no column for ${label.toLowerCase()} was recognised; pass ${flag} with its header`);
  }
  if (problems.length) throw new MappingError(`${problems.join('; ')}. The header row reads: ${columns}.`);
  return out as ColumnMapping;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function utcDay(y: number, m: number, d: number, time?: { h: number; min: number; s: number }): string | undefined {
  const t = time ?? { h: 0, min: 0, s: 0 };
  if (m < 1 || m > 12 || d < 1 || d > 31 || t.h > 23 || t.min > 59 || t.s > 59) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d, t.h, t.min, t.s));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString();
}

function timeOf(rest: string | undefined): { h: number; min: number; s: number } | undefined | null {
  if (!rest) return undefined;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(rest.trim());
  if (!m) return null;
  return { h: Number(m[1]), min: Number(m[2]), s: Number(m[3] ?? 0) };
}

/**
 * A last-active cell as an ISO 8601 instant. Accepted: ISO 8601 (a date, or a date and time
 * with or without an offset; without one it is read as UTC), "2026-03-05 14:00", and dates
 * whose month is written as a word ("5 Mar 2026", "Mar 5, 2026"). A day and month both in
 * numbers ("03/05/2026") is refused unless the day is above 12, because 5 March and 3 May
 * cannot be told apart; then the day-first or month-first reading that makes a date is taken.
 * Returns `{ error }` naming what is wrong.
 */
export function parseLastActive(cell: string): { at: string } | { error: string } {
  const value = cell.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, zone] = iso;
    const base = utcDay(Number(y), Number(mo), Number(d), h ? { h: Number(h), min: Number(mi), s: Number(s ?? 0) } : undefined);
    if (!base) return { error: `"${value.slice(0, 40)}" is not a real date` };
    if (!zone || zone.toUpperCase() === 'Z') return { at: base };
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return { at: new Date(Date.parse(base) - offsetMin * 60_000).toISOString() };
  }
  const worded = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4})(?:[ ,T]+(.+))?$/.exec(value) ?? undefined;
  const wordedUs = worded ? undefined : /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:[ ,T]+(.+))?$/.exec(value);
  if (worded || wordedUs) {
    const [day, month, year, rest] = worded ? [worded[1], worded[2], worded[3], worded[4]] : [wordedUs![2], wordedUs![1], wordedUs![3], wordedUs![4]];
    const m = MONTHS.indexOf(month!.slice(0, 3).toLowerCase()) + 1;
    const time = timeOf(rest);
    const at = m > 0 && time !== null ? utcDay(Number(year), m, Number(day), time) : undefined;
    return at ? { at } : { error: `"${value.slice(0, 40)}" is not a date Seatwise can read` };
  }
  const numeric = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ ,T]+(.+))?$/.exec(value);
  if (numeric) {
    const a = Number(numeric[1]);
    const b = Number(numeric[2]);
    const time = timeOf(numeric[4]);
    if (time === null) return { error: `"${value.slice(0, 40)}" has a time Seatwise cannot read` };
    if (a <= 12 && b <= 12 && a !== b) {
      return { error: `"${value.slice(0, 40)}" is ambiguous (day/month or month/day); export dates as ISO 8601, e.g. 2026-03-05` };
    }
    const at = a > 12 ? utcDay(Number(numeric[3]), b, a, time) : utcDay(Number(numeric[3]), a, b, time);
    return at ? { at } : { error: `"${value.slice(0, 40)}" is not a real date` };
  }
  return { error: `"${value.slice(0, 40)}" is not a date like 2026-03-05 or 2026-03-05T14:00:00Z` };
}

export interface ParsedExport {
  mapping: ColumnMapping;
  seats: SeatRecord[];
}

/**
 * The seats of an export. One seat per email and license type: the same person listed twice
 * under one license type is one seat (the later last-active date kept); under two types, two.
 * The user id is the email in lower case, so a person keeps their seat from import to import.
 */
export function parseExport(text: string, given: Partial<ColumnMapping>, fileName = 'The export'): ParsedExport {
  const { header, body } = readRows(text, fileName);
  const mapping = resolveMapping(header, given, fileName);
  const at = (column: string | undefined): number => (column === undefined ? -1 : header.indexOf(column));
  const idx = { email: at(mapping.email), name: at(mapping.name), licenseType: at(mapping.licenseType), lastActive: at(mapping.lastActive) };
  const cell = (row: string[], i: number): string => (i < 0 ? '' : (row[i] ?? '').trim());
  const problems: string[] = [];
  const seats = new Map<string, SeatRecord>();
  body.forEach((row, index) => {
    // Line numbers as a spreadsheet shows them: the header is line 1 (a quoted line break
    // inside a cell is not counted apart, as csv-parse reads records, not lines).
    const line = index + 2;
    const email = cell(row, idx.email);
    if (!EMAIL.test(email)) {
      problems.push(`line ${line}: "${email.slice(0, 80)}" in "${mapping.email}" is not an email address`);
      return;
    }
    const licenseType = cell(row, idx.licenseType);
    if (!licenseType) {
      problems.push(`line ${line}: ${email} has no license type in "${mapping.licenseType}"`);
      return;
    }
    if (licenseType.length > 200) {
      problems.push(`line ${line}: the license type of ${email} is longer than 200 characters`);
      return;
    }
    let lastActivityAt: string | undefined;
    const active = cell(row, idx.lastActive);
    if (idx.lastActive >= 0 && active !== '' && !/^(never|n\/a|-)$/i.test(active)) {
      const parsed = parseLastActive(active);
      if ('error' in parsed) {
        problems.push(`line ${line}: last active ${parsed.error}`);
        return;
      }
      lastActivityAt = parsed.at;
    }
    const userId = email.toLowerCase();
    const seatKey = `${userId}\u0000${licenseType}`;
    const before = seats.get(seatKey);
    if (before) {
      if (lastActivityAt && (!before.lastActivityAt || lastActivityAt > before.lastActivityAt)) before.lastActivityAt = lastActivityAt;
      return;
    }
    const seat: SeatRecord = {
      userId: licenseTypesOf(seats, userId) ? `${userId}#${licenseType}` : userId,
      email,
      name: cell(row, idx.name).slice(0, 500),
      licenseType,
      active: true,
      admin: false,
      owner: false,
      paid: true,
      ...(lastActivityAt ? { lastActivityAt } : {}),
    };
    seats.set(seatKey, seat);
  });
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ');
    refuse(`${fileName} was not imported, nothing changed: ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`);
  }
  return { mapping, seats: [...seats.values()] };
}

/** Whether the person already holds a seat of another license type in this export. */
function licenseTypesOf(seats: Map<string, SeatRecord>, userId: string): boolean {
  for (const seat of seats.values()) if (seat.email.toLowerCase() === userId) return true;
  return false;
}
