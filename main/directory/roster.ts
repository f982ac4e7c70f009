/**
 * An HR roster as a directory source: a CSV with a header row naming `email`, `name`, `status`
 * and `end_date` (in any order and case; `status` and `end_date` may be left out). The file is
 * someone's export, so it is read as hostile input: every problem names its line, and a file
 * with any problem loads nothing.
 */
import { parse } from 'csv-parse/sync';
import { invalid } from '../errors.js';
import { DIRECTORY_STATUSES, type DirectoryStatusName, type StoredPerson } from '../store/directory-file.js';
import { emailKey } from './people.js';

/** 10 MB and 200,000 people: an HR export of a large company, with room. */
export const MAX_ROSTER_BYTES = 10 * 1024 * 1024;
export const MAX_ROSTER_ROWS = 200_000;
const COLUMNS = ['email', 'name', 'status', 'end_date'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function columnOf(header: string): (typeof COLUMNS)[number] | undefined {
  const key = header.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (COLUMNS as readonly string[]).includes(key) ? (key as (typeof COLUMNS)[number]) : undefined;
}

function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The people of a roster file's bytes; throws invalid_input naming the first problems found. */
export function parseRoster(bytes: Buffer, fileName: string): StoredPerson[] {
  if (bytes.length > MAX_ROSTER_BYTES) throw invalid(`${fileName} is larger than ${MAX_ROSTER_BYTES / 1024 / 1024} MB: an HR roster should be one row per person.`);
  let rows: string[][];
  try {
    rows = parse(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    throw invalid(`${fileName} is not a CSV file Seatwise can read: ${(error as Error).message}`);
  }
  const [header, ...body] = rows;
  if (!header) throw invalid(`${fileName} is empty: it needs a header row (email, name, status, end_date) and one row per person.`);
  const at = new Map<(typeof COLUMNS)[number], number>();
  header.forEach((h, i) => {
    const column = columnOf(h);
    if (column && !at.has(column)) at.set(column, i);
  });
  if (!at.has('email')) throw invalid(`${fileName} has no "email" column; its header row reads: ${header.slice(0, 8).join(', ')}.`);
  if (body.length > MAX_ROSTER_ROWS) throw invalid(`${fileName} has ${body.length} rows; Seatwise reads at most ${MAX_ROSTER_ROWS} people from one roster.`);

  const problems: string[] = [];
  const seen = new Map<string, number>();
  const people: StoredPerson[] = [];
  const cell = (row: string[], column: (typeof COLUMNS)[number]): string => {
    const i = at.get(column);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  body.forEach((row, index) => {
    const line = index + 2;
    const email = cell(row, 'email');
    const statusText = cell(row, 'status').toLowerCase();
    const endDate = cell(row, 'end_date');
    if (!EMAIL.test(email)) {
      problems.push(`line ${line}: "${email.slice(0, 80)}" is not an email address`);
      return;
    }
    const first = seen.get(emailKey(email));
    if (first !== undefined) {
      problems.push(`line ${line}: ${email} is already on line ${first}`);
      return;
    }
    seen.set(emailKey(email), line);
    if (statusText !== '' && !(DIRECTORY_STATUSES as readonly string[]).includes(statusText)) {
      problems.push(`line ${line}: status "${statusText.slice(0, 40)}" is not one of ${DIRECTORY_STATUSES.join(', ')}`);
      return;
    }
    if (endDate !== '' && !isDay(endDate)) {
      problems.push(`line ${line}: end_date "${endDate.slice(0, 40)}" is not a date like 2026-12-31`);
      return;
    }
    const person: StoredPerson = { email, name: cell(row, 'name'), status: (statusText || 'active') as DirectoryStatusName };
    if (endDate) person.endDate = endDate;
    people.push(person);
  });
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ');
    throw invalid(`${fileName} was not loaded, nothing changed: ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}.`);
  }
  return people;
}
