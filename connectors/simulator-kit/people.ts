/**
 * Simulated people, reproducible from (seed, count, now): every vendor simulator seeds its
 * organisation from this list, and tests recompute the expected seats from the same list.
 */
import { asciiFold, CULTURES, FEATURED_PEOPLE } from './names.js';
import { Rng } from './rng.js';

const DAY_MS = 86_400_000;

export interface Person {
  /** Position in the list, 0-based: a stable key for vendor ids. */
  index: number;
  givenName: string;
  familyName: string;
  /** Display name as the person writes it ("Zoë Ødegård", "李雷"). */
  name: string;
  /** Unique, lower-case ASCII. */
  email: string;
  /** When the person joined, ISO 8601. */
  createdAt: string;
  /** Joined within `recentDays` of `now`. */
  recentJoiner: boolean;
}

export interface PeopleOptions {
  seed: number;
  count: number;
  domain?: string;
  /** The reference instant; defaults to the start of the current UTC day (stable all day). */
  now?: Date;
  /** Share of people who joined in the last `recentDays` days. Default 0.05. */
  recentJoinerFraction?: number;
  recentDays?: number;
  /** How far back the oldest join date goes. Default 3 years. */
  historyDays?: number;
}

export function startOfUtcDay(date: Date = new Date()): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function generatePeople(options: PeopleOptions): Person[] {
  const { seed, count } = options;
  const domain = options.domain ?? 'example.com';
  const now = options.now ?? startOfUtcDay();
  const recentDays = options.recentDays ?? 14;
  const historyDays = options.historyDays ?? 3 * 365;
  const recentFraction = options.recentJoinerFraction ?? 0.05;
  const nameRng = new Rng(seed).fork('people:names');
  const dateRng = new Rng(seed).fork('people:dates');
  const usedEmails = new Set<string>();
  // Next suffix per base address: keeps 200k people linear despite a small name pool.
  const nextSuffix = new Map<string, number>();
  const people: Person[] = [];

  for (let index = 0; index < count; index++) {
    const featured = FEATURED_PEOPLE[index];
    const culture = nameRng.pick(CULTURES);
    // Draw even for featured people so the people after them do not depend on how many are featured.
    const drawn = { given: nameRng.pick(culture.given), family: nameRng.pick(culture.family), familyFirst: culture.familyFirst };
    const chosen = featured ?? drawn;
    const name = chosen.familyFirst ? `${chosen.family}${chosen.given}` : `${chosen.given} ${chosen.family}`;

    const folded = [asciiFold(chosen.given), asciiFold(chosen.family)].filter(Boolean).join('.');
    const base = folded || `user${index}`;
    let local = base;
    let n = nextSuffix.get(base) ?? 2;
    while (usedEmails.has(local)) local = `${base}${n++}`;
    nextSuffix.set(base, n);
    usedEmails.add(local);

    const recentJoiner = dateRng.chance(recentFraction);
    const from = new Date(now.getTime() - (recentJoiner ? recentDays : historyDays) * DAY_MS);
    const to = recentJoiner ? now : new Date(now.getTime() - recentDays * DAY_MS);
    const createdAt = dateRng.dateBetween(from, to).toISOString();

    people.push({
      index,
      givenName: chosen.given,
      familyName: chosen.family,
      name,
      email: `${local}@${domain}`,
      createdAt,
      recentJoiner,
    });
  }
  return people;
}
