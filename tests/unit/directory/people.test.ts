import { describe, expect, it } from 'vitest';
import { directoryEntries, directoryIndex } from '../../../main/directory/people.js';
import { parseRoster } from '../../../main/directory/roster.js';
import type { DirectoryFile, DirectorySourceRecord } from '../../../main/store/directory-file.js';

const NOW = new Date('2030-04-10T12:00:00.000Z');

function source(over: Partial<DirectorySourceRecord>): DirectorySourceRecord {
  return { id: 'x', kind: 'roster', name: 'HR', vendorName: 'HR roster', readAt: '2030-04-09T00:00:00.000Z', people: [], ...over };
}

describe('the merged directory', () => {
  const file: DirectoryFile = {
    sources: [
      source({
        id: 'profile:okta',
        kind: 'idp',
        name: 'Okta prod',
        vendorName: 'Okta',
        people: [
          { email: 'Ann@Example.com', name: 'Ann', status: 'active', lastLoginAt: '2030-04-01T00:00:00.000Z' },
          { email: 'bob@example.com', name: 'Bob', status: 'suspended', statusChangedAt: '2030-03-01T08:00:00.000Z' },
          { email: 'eve@example.com', name: 'Eve', status: 'deprovisioned' },
        ],
      }),
      source({
        id: 'roster:hr',
        people: [
          { email: 'ann@example.com', name: '', status: 'active', endDate: '2030-04-08' },
          { email: 'bob@example.com', name: 'Robert', status: 'deprovisioned' },
          { email: 'cid@example.com', name: 'Cid', status: 'active', endDate: '2030-04-10' },
        ],
      }),
    ],
  };

  it('merges by email whatever the case, the furthest status winning, with who says so', () => {
    const people = directoryEntries(file, NOW);
    expect(people.map((p) => [p.email, p.status, p.source])).toEqual([
      ['Ann@Example.com', 'deprovisioned', 'HR roster (HR)'],
      ['bob@example.com', 'deprovisioned', 'HR roster (HR)'],
      ['cid@example.com', 'active', 'HR roster (HR)'],
      ['eve@example.com', 'deprovisioned', 'Okta (Okta prod)'],
    ]);
    const ann = people[0]!;
    expect(ann).toMatchObject({ name: 'Ann', lastLoginAt: '2030-04-01T00:00:00.000Z', endDate: '2030-04-08', leftAt: '2030-04-09T00:00:00.000Z', sources: ['Okta (Okta prod)', 'HR roster (HR)'] });
  });

  it('leavers: the day after the last working day, the source date, or the read when no date is given', () => {
    const index = directoryIndex(file, NOW)!;
    expect([...index.known].sort()).toEqual(['ann@example.com', 'bob@example.com', 'cid@example.com', 'eve@example.com']);
    expect(index.leavers.get('ann@example.com')).toMatchObject({ sinceIso: '2030-04-09T00:00:00.000Z', because: 'HR roster (HR) ends their employment on 2030-04-08' });
    // Cid's last day is today: not a leaver yet.
    expect(index.leavers.has('cid@example.com')).toBe(false);
    expect(index.leavers.get('eve@example.com')?.because).toBe('Okta (Okta prod) marks the person deprovisioned (as read on 2030-04-09)');
    // Suspended in Okta since March, deprovisioned in the roster with no date: the furthest status, from the roster.
    expect(index.leavers.get('bob@example.com')?.because).toMatch(/^HR roster \(HR\) marks the person deprovisioned/);
  });

  it('no source: no index, so nobody is an orphan', () => {
    expect(directoryIndex({ sources: [] }, NOW)).toBeUndefined();
  });
});

describe('an HR roster file', () => {
  it('reads quoted fields, a BOM, CRLF and any header order', () => {
    const text = '\uFEFFEnd Date,EMAIL,Name,status\r\n2030-01-31,a@example.com,"Doe, Jane",deprovisioned\r\n,b@example.com,"Line\nbreak",\r\n';
    expect(parseRoster(Buffer.from(text), 'r.csv')).toEqual([
      { email: 'a@example.com', name: 'Doe, Jane', status: 'deprovisioned', endDate: '2030-01-31' },
      { email: 'b@example.com', name: 'Line\nbreak', status: 'active' },
    ]);
  });

  it('refuses the whole file, naming each bad line', () => {
    const text = 'email,status,end_date\na@example.com,active,2030-02-30\nb@example.com,fired,\nA@example.com,active,\nnope,active,\n';
    expect(() => parseRoster(Buffer.from(text), 'r.csv')).toThrow(
      'r.csv was not loaded, nothing changed: line 2: end_date "2030-02-30" is not a date like 2026-12-31; line 3: status "fired" is not one of active, suspended, deprovisioned; line 4: A@example.com is already on line 2; line 5: "nope" is not an email address.',
    );
    expect(() => parseRoster(Buffer.from('name,status\nA,active\n'), 'r.csv')).toThrow(/has no "email" column; its header row reads: name, status/);
  });
});
