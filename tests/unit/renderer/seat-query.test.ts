import { describe, expect, it } from 'vitest';
import { activityOf, buildSeatIndex, fold, querySeats, type SeatQuery } from '../../../renderer/src/features/profile/seat-query.js';
import { subscriptionRows } from './helpers/fixtures.js';

const all: SeatQuery = { search: '', licenseType: '', activity: 'all', sort: undefined };

describe('seat query', () => {
  const rows = subscriptionRows(60);
  const index = buildSeatIndex(rows);

  it('returns every seat in vendor order without a query, and counts the free ones', () => {
    const result = querySeats(index, all);
    expect(result.rows).toHaveLength(60);
    expect(result.rows[0]).toBe(rows[0]);
    expect(result.free).toBe(rows.filter((row) => !row.paid).length);
  });

  it('searches name, email, license type and user id, ignoring case and accents', () => {
    expect(querySeats(index, { ...all, search: 'CHLOE' }).rows.every((row) => row.name.startsWith('Chloé'))).toBe(true);
    expect(querySeats(index, { ...all, search: 'chloe' }).rows).toHaveLength(6);
    expect(querySeats(index, { ...all, search: 'chloé moreau' }).rows.map((row) => row.name)).toEqual(['Chloé Moreau 22']);
    expect(querySeats(index, { ...all, search: '1007' }).rows.map((row) => row.userId)).toEqual(['1007']);
    expect(querySeats(index, { ...all, search: 'guest' }).rows.every((row) => row.licenseType === 'Guest')).toBe(true);
  });

  it('filters by license type and activity together', () => {
    const result = querySeats(index, { ...all, licenseType: 'Business', activity: 'inactive' });
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.every((row) => row.licenseType === 'Business' && activityOf(row) === 'inactive')).toBe(true);
    expect(result.free).toBe(0);
  });

  it('sorts text without regard to case and keeps ties in vendor order', () => {
    const asc = querySeats(index, { ...all, sort: { id: 'licenseType', desc: false } }).rows;
    expect(asc[0]?.licenseType).toBe('Business');
    // Ties keep the original order: the Business seats come in id order.
    const business = asc.filter((row) => row.licenseType === 'Business').map((row) => Number(row.id.slice(1)));
    expect(business).toEqual([...business].sort((a, b) => a - b));
    const desc = querySeats(index, { ...all, sort: { id: 'name', desc: true } }).rows;
    expect(desc[0]?.name).toBe('Jonas Petrov 39');
  });

  it('sorts numbers and dates with missing values last in both directions', () => {
    for (const desc of [false, true]) {
      const sorted = querySeats(index, { ...all, sort: { id: 'daysInactive', desc } }).rows;
      const days = sorted.map((row) => row.daysInactive);
      const present = days.filter((value): value is number => value !== null);
      expect(days.slice(present.length).every((value) => value === null)).toBe(true);
      expect(present).toEqual([...present].sort((a, b) => (desc ? b - a : a - b)));
      const byActivity = querySeats(index, { ...all, sort: { id: 'lastActivityAt', desc } }).rows;
      expect(byActivity[byActivity.length - 1]?.lastActivityAt).toBeUndefined();
    }
  });

  it('folds text for comparison', () => {
    expect(fold('Élodie GARCÍA')).toBe('elodie garcia');
    expect(fold('plain@example.com')).toBe('plain@example.com');
  });
});
