import { describe, expect, it } from 'vitest';
import { parseIso, toMillis, utcDay } from '../../../main/reclamation/dates.js';

describe('parseIso', () => {
  it('agrees with Date.parse on canonical and other shapes', () => {
    const samples = [
      '2026-08-01T00:00:00.000Z',
      '2026-08-01T23:59:59Z',
      '2024-02-29T12:00:00.001Z',
      '2000-03-01T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '2100-12-31T12:34:56.789Z',
      '2026-09-01T01:30:00+02:00',
      '2026-08-01',
      '2026-08-01T00:00:00.123456Z',
    ];
    for (const s of samples) expect(parseIso(s)).toBe(Date.parse(s));
    for (let ms = Date.UTC(1999, 0, 1); ms < Date.UTC(2031, 0, 1); ms += 86_400_000 * 3 + 3_723_456) {
      const s = new Date(ms).toISOString();
      expect(parseIso(s)).toBe(ms);
    }
  });

  it('returns NaN for what is not a date', () => {
    for (const s of ['', 'yesterday', '2026-13-01T00:00:00.000Z', '2026-08-01T25:00:00.000Z', '2026-0a-01T00:00:00.000Z']) {
      expect(parseIso(s)).toBeNaN();
    }
  });

  it('toMillis and utcDay', () => {
    expect(toMillis('2026-08-01T00:00:00Z', 'x')).toBe(Date.UTC(2026, 7, 1));
    expect(toMillis(new Date(5), 'x')).toBe(5);
    expect(() => toMillis('nope', 'now')).toThrow(/now is not a valid date/);
    expect(utcDay('2026-09-01T01:30:00+02:00', Date.parse('2026-09-01T01:30:00+02:00'))).toBe('2026-08-31');
  });
});
