/**
 * The Directory screen's logic, pure: the words for statuses and source kinds, the filters
 * (search, status, source) and the sort over the people `directory:list` answers. The whole
 * directory is fetched once and filtered here, as the audit log is, so the counts can say
 * "12 of 3,400 people" and a filter change costs no round trip.
 */
import type { Tone } from '../../lib/status.js';
import type { DirectoryPersonView, DirectorySourceView, DirectoryStatusView } from '../../types.js';
import { containsAll, fold } from '../profile/seat-query.js';

export type DirectoryPerson = DirectoryPersonView;
export type DirectorySource = DirectorySourceView;
export type DirectoryStatus = DirectoryStatusView;

export type StatusFilter = 'all' | DirectoryStatus;

export const STATUS_LOOK: Record<DirectoryStatus, { label: string; tone: Tone }> = {
  active: { label: 'Active', tone: 'success' },
  suspended: { label: 'Suspended', tone: 'warning' },
  deprovisioned: { label: 'Deprovisioned', tone: 'danger' },
};

export const STATUS_OPTIONS: ReadonlyArray<{ value: StatusFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'deprovisioned', label: 'Deprovisioned' },
];

/** The kind in a word: the identity provider's name ("Okta", "Microsoft Entra ID"), or "HR roster". */
export function kindWord(source: Pick<DirectorySource, 'kind' | 'vendorName'>): string {
  if (source.kind === 'roster') return 'HR roster';
  return source.vendorName || 'Identity provider';
}

/**
 * How a person's `sources` name a source: its name, or "vendor (name)" when the two differ
 * (main/directory/people.ts, sourceLabel). Both spellings are matched, as `directory:list` does.
 */
export function sourceLabels(source: Pick<DirectorySource, 'name' | 'vendorName'>): string[] {
  return source.vendorName === source.name ? [source.name] : [`${source.vendorName} (${source.name})`, source.name];
}

/** Someone the directory counts as gone: suspended, deprovisioned, or past their HR end date. */
export function isLeaver(person: Pick<DirectoryPerson, 'status'>): boolean {
  return person.status !== 'active';
}

export interface PeopleFilter {
  search: string;
  status: StatusFilter;
  /** A source id, or '' for every source. */
  sourceId: string;
}

export type PeopleSortColumn = 'person' | 'status' | 'since' | 'lastLoginAt' | 'source';
export interface PeopleSort {
  id: string;
  desc: boolean;
}

const STATUS_RANK: Record<DirectoryStatus, number> = { active: 0, suspended: 1, deprovisioned: 2 };

/** The day a person left (or leaves): leftAt, else the HR end date. NaN when neither. */
export function sinceOf(person: Pick<DirectoryPerson, 'leftAt' | 'endDate'>): number {
  if (person.leftAt) return Date.parse(person.leftAt);
  if (person.endDate) return Date.parse(`${person.endDate}T00:00:00.000Z`);
  return Number.NaN;
}

function compareNumbers(a: number, b: number, desc: boolean): number {
  // Missing values sort last in both directions.
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return desc ? b - a : a - b;
}

function compareText(a: string, b: string, desc: boolean): number {
  const order = a < b ? -1 : a > b ? 1 : 0;
  return desc ? -order : order;
}

function comparatorFor(sort: PeopleSort): ((a: DirectoryPerson, b: DirectoryPerson) => number) | undefined {
  const { desc } = sort;
  switch (sort.id) {
    case 'person':
      return (a, b) => compareText(fold(a.name || a.email), fold(b.name || b.email), desc);
    case 'status':
      return (a, b) => compareNumbers(STATUS_RANK[a.status], STATUS_RANK[b.status], desc);
    case 'since':
      return (a, b) => compareNumbers(sinceOf(a), sinceOf(b), desc);
    case 'lastLoginAt':
      return (a, b) => compareNumbers(a.lastLoginAt ? Date.parse(a.lastLoginAt) : Number.NaN, b.lastLoginAt ? Date.parse(b.lastLoginAt) : Number.NaN, desc);
    case 'source':
      return (a, b) => compareText(fold(a.source), fold(b.source), desc);
    default:
      return undefined;
  }
}

/** The people a filter shows, in the sort's order (stable: ties keep main's order, by email). */
export function filterPeople(
  people: readonly DirectoryPerson[],
  sources: readonly DirectorySource[],
  filter: PeopleFilter,
  sort?: PeopleSort,
): DirectoryPerson[] {
  const terms = fold(filter.search).split(/\s+/).filter(Boolean);
  const source = filter.sourceId ? sources.find((s) => s.id === filter.sourceId) : undefined;
  const labels = source ? sourceLabels(source) : undefined;
  const out: DirectoryPerson[] = [];
  for (const person of people) {
    if (filter.status !== 'all' && person.status !== filter.status) continue;
    if (filter.sourceId && (!labels || !person.sources.some((s) => labels.includes(s)))) continue;
    if (terms.length > 0 && !containsAll(`${fold(person.name)}\n${fold(person.email)}`, terms)) continue;
    out.push(person);
  }
  const compare = sort ? comparatorFor(sort) : undefined;
  if (compare) out.sort(compare);
  return out;
}

/** Counts per status, for the filter's options. */
export function statusCounts(people: readonly DirectoryPerson[]): Record<DirectoryStatus, number> {
  const counts: Record<DirectoryStatus, number> = { active: 0, suspended: 0, deprovisioned: 0 };
  for (const person of people) counts[person.status]++;
  return counts;
}

let dayFormat: Intl.DateTimeFormat | undefined;

/** A calendar day written by a roster ("2026-12-31"), shown in the user's locale on that same day. */
export function formatDay(day: string): string {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(time)) return day;
  dayFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
  return dayFormat.format(time);
}

/** Whether an HR end date ("2026-12-31") is still ahead: the person works through that day. */
export function endsLater(day: string, now: number = Date.now()): boolean {
  const time = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isFinite(time) && time + 86_400_000 > now;
}
