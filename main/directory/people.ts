/**
 * The directory: every source's people merged by email (case-insensitive), and who of them
 * has left. One person is one email; what the sources disagree on is settled here, once:
 *   - status: the furthest from "active" any source says (deprovisioned, then suspended), and an
 *     HR roster's end date that has passed counts as deprovisioned from that day;
 *   - name: the first source's that has one; lastLoginAt: the latest any source read.
 */
import type { DirectoryFile, DirectorySourceRecord, DirectoryStatusName, StoredPerson } from '../store/directory-file.js';

const DAY_MS = 86_400_000;

export interface DirectoryEntry {
  email: string;
  name: string;
  status: DirectoryStatusName;
  lastLoginAt?: string;
  /** The source whose word sets the status (for an active person, the first that lists them). */
  source: string;
  /** Every source that lists the person. */
  sources: string[];
  /** An HR roster's last day of employment, when a roster gives one. */
  endDate?: string;
  /** For a leaver: since when, as the source says (or, where it says no date, when it was read). */
  leftAt?: string;
}

/** Why a person counts as a leaver: said on the candidate's why-line. */
export interface Leaver {
  sinceMs: number;
  sinceIso: string;
  /** "Okta (Okta prod) marks the person deprovisioned since 2026-11-02". */
  because: string;
}

export interface DirectoryIndex {
  /** Lowercased emails of everyone any source lists: a seat outside it is an orphan. */
  known: ReadonlySet<string>;
  /** Leavers by lowercased email. */
  leavers: ReadonlyMap<string, Leaver>;
}

const RANK: Record<DirectoryStatusName, number> = { active: 0, suspended: 1, deprovisioned: 2 };

export const emailKey = (email: string): string => email.trim().toLowerCase();

function sourceLabel(source: DirectorySourceRecord): string {
  return source.vendorName === source.name ? source.name : `${source.vendorName} (${source.name})`;
}

/** A person's status in one source as of `nowMs`, with the day it started when it is a leaver's. */
function statusIn(person: StoredPerson, source: DirectorySourceRecord, nowMs: number): { status: DirectoryStatusName; since?: string; because?: string } {
  const who = sourceLabel(source);
  if (person.endDate) {
    const endMs = Date.parse(`${person.endDate}T00:00:00.000Z`);
    // The end date is the last working day: from the next day on, the person has left.
    if (Number.isFinite(endMs) && endMs + DAY_MS <= nowMs) {
      return { status: 'deprovisioned', since: new Date(endMs + DAY_MS).toISOString(), because: `${who} ends their employment on ${person.endDate}` };
    }
  }
  if (person.status === 'active') return { status: 'active' };
  const word = person.status === 'suspended' ? 'suspended' : 'deprovisioned';
  if (person.statusChangedAt) return { status: person.status, since: person.statusChangedAt, because: `${who} marks the person ${word} since ${person.statusChangedAt.slice(0, 10)}` };
  // No date from the source: the read is the earliest Seatwise knows of it, so count from there.
  return { status: person.status, since: source.readAt, because: `${who} marks the person ${word} (as read on ${source.readAt.slice(0, 10)})` };
}

interface Merged extends DirectoryEntry {
  because?: string;
}

function merge(file: DirectoryFile, nowMs: number): Map<string, Merged> {
  const byEmail = new Map<string, Merged>();
  for (const source of file.sources) {
    const label = sourceLabel(source);
    for (const person of source.people) {
      const key = emailKey(person.email);
      if (key === '') continue;
      const here = statusIn(person, source, nowMs);
      let entry = byEmail.get(key);
      if (entry === undefined) {
        entry = { email: person.email.trim(), name: person.name, status: 'active', source: label, sources: [] };
        byEmail.set(key, entry);
      }
      if (!entry.sources.includes(label)) entry.sources.push(label);
      if (!entry.name && person.name) entry.name = person.name;
      if (person.lastLoginAt && (!entry.lastLoginAt || Date.parse(person.lastLoginAt) > Date.parse(entry.lastLoginAt))) entry.lastLoginAt = person.lastLoginAt;
      if (person.endDate) entry.endDate = person.endDate;
      // The furthest status wins; between equals, the earlier date (the person left then).
      const further = RANK[here.status] > RANK[entry.status];
      const earlier = RANK[here.status] === RANK[entry.status] && here.since !== undefined && entry.leftAt !== undefined && Date.parse(here.since) < Date.parse(entry.leftAt);
      if (further || earlier) {
        entry.status = here.status;
        entry.source = label;
        entry.leftAt = here.since;
        entry.because = here.because;
      }
    }
  }
  return byEmail;
}

/** Everyone, merged, sorted by email. */
export function directoryEntries(file: DirectoryFile, now: Date): DirectoryEntry[] {
  const out: DirectoryEntry[] = [];
  for (const { because: _because, ...entry } of merge(file, now.getTime()).values()) out.push(entry);
  return out.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
}

/** What candidate computation needs; undefined when no source exists (then nobody is an orphan). */
export function directoryIndex(file: DirectoryFile, now: Date): DirectoryIndex | undefined {
  if (file.sources.length === 0) return undefined;
  const merged = merge(file, now.getTime());
  const leavers = new Map<string, Leaver>();
  for (const [key, entry] of merged) {
    if (entry.status === 'active' || !entry.leftAt) continue;
    const sinceMs = Date.parse(entry.leftAt);
    if (!Number.isFinite(sinceMs)) continue;
    leavers.set(key, { sinceMs, sinceIso: new Date(sinceMs).toISOString(), because: entry.because ?? `${entry.source} marks the person ${entry.status}` });
  }
  return { known: new Set(merged.keys()), leavers };
}
