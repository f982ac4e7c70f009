import { describe, expect, it } from 'vitest';
import { asciiFold, generatePeople, Rng } from '../../../../connectors/simulator-kit/index.js';

const now = new Date('2025-06-01T00:00:00.000Z');

describe('Rng', () => {
  it('is reproducible from its seed and forks independent streams', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(new Rng(43).next()).not.toBe(seqA[0]);
    expect(new Rng(42).fork('x').next()).toBe(new Rng(42).fork('x').next());
    expect(new Rng(42).fork('x').next()).not.toBe(new Rng(42).fork('y').next());
    const r = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const n = r.int(1, 3);
      expect(n >= 1 && n <= 3).toBe(true);
    }
  });
});

describe('generatePeople', () => {
  it('is deterministic from (seed, count, now)', () => {
    expect(generatePeople({ seed: 5, count: 300, now })).toEqual(generatePeople({ seed: 5, count: 300, now }));
    expect(generatePeople({ seed: 6, count: 300, now })).not.toEqual(generatePeople({ seed: 5, count: 300, now }));
  });

  it('keeps earlier people identical when the organisation grows', () => {
    const small = generatePeople({ seed: 5, count: 50, now });
    const big = generatePeople({ seed: 5, count: 500, now });
    expect(big.slice(0, 50)).toEqual(small);
  });

  it('includes unicode names, unique ASCII emails, recent joiners and past join dates', () => {
    const people = generatePeople({ seed: 9, count: 2000, now, domain: 'acme.test' });
    expect(people.slice(0, 3).map((p) => p.name)).toEqual(['Zoë Ødegård', 'José Núñez', '李雷']);
    expect(people.slice(0, 3).map((p) => p.email)).toEqual(['zoe.odegard@acme.test', 'jose.nunez@acme.test', 'lei.li@acme.test']);
    const emails = new Set(people.map((p) => p.email));
    expect(emails.size).toBe(people.length);
    for (const p of people) {
      expect(p.email).toMatch(/^[a-z0-9.]+@acme\.test$/);
      expect(Date.parse(p.createdAt)).toBeLessThanOrEqual(now.getTime());
    }
    const recent = people.filter((p) => p.recentJoiner);
    expect(recent.length).toBeGreaterThan(40);
    expect(recent.length).toBeLessThan(200);
    for (const p of recent) expect(now.getTime() - Date.parse(p.createdAt)).toBeLessThanOrEqual(14 * 86_400_000);
  });

  it('folds names to ASCII', () => {
    expect(asciiFold('Łukasz')).toBe('lukasz');
    expect(asciiFold('Straße')).toBe('strasse');
    expect(asciiFold("O'Brien")).toBe('obrien');
  });
});
