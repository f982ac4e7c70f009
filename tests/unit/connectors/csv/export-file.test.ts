import { describe, expect, it } from 'vitest';
import { guessMapping, parseExport, parseLastActive, resolveMapping, MAX_EXPORT_BYTES } from '../../../../connectors/csv/export-file.js';

describe('the column mapping guessed from a header row', () => {
  it('finds the common names vendors use, in any case and spelling', () => {
    expect(guessMapping(['E-mail address', 'Full Name', 'License', 'Last login'])).toEqual({ email: 'E-mail address', name: 'Full Name', licenseType: 'License', lastActive: 'Last login' });
    expect(guessMapping(['user_email', 'Display name', 'Seat type', 'Last Active'])).toEqual({ email: 'user_email', name: 'Display name', licenseType: 'Seat type', lastActive: 'Last Active' });
    expect(guessMapping(['EMAIL', 'NAME', 'PLAN'])).toEqual({ email: 'EMAIL', name: 'NAME', licenseType: 'PLAN' });
  });

  it('a required column that is not found names its flag and lists the header', () => {
    expect(() => resolveMapping(['Mail', 'Person', 'Seen'], {})).toThrow(/--license-column: no column for license type was recognised; pass --license-column .* The header row reads: "Mail", "Person", "Seen"\./);
    expect(() => resolveMapping(['Email', 'Name', 'Plan'], { licenseType: 'Tier' })).toThrow(/--license-column: The export has no column "Tier"/);
  });

  it('a column named by the admin wins over the guess; an empty last-active means the export has none', () => {
    expect(resolveMapping(['Email', 'Name', 'Plan', 'Role'], { licenseType: 'role' })).toMatchObject({ licenseType: 'Role' });
    expect(resolveMapping(['Email', 'Name', 'Plan', 'Last login'], { lastActive: '' }).lastActive).toBeUndefined();
  });
});

describe('last-active dates', () => {
  it('reads ISO 8601 and unambiguous forms as UTC instants', () => {
    expect(parseLastActive('2026-03-05')).toEqual({ at: '2026-03-05T00:00:00.000Z' });
    expect(parseLastActive('2026-03-05T14:30:00Z')).toEqual({ at: '2026-03-05T14:30:00.000Z' });
    expect(parseLastActive('2026-03-05T14:30:00+02:00')).toEqual({ at: '2026-03-05T12:30:00.000Z' });
    expect(parseLastActive('2026-03-05 14:30')).toEqual({ at: '2026-03-05T14:30:00.000Z' });
    expect(parseLastActive('5 Mar 2026')).toEqual({ at: '2026-03-05T00:00:00.000Z' });
    expect(parseLastActive('March 5, 2026')).toEqual({ at: '2026-03-05T00:00:00.000Z' });
    expect(parseLastActive('25/03/2026')).toEqual({ at: '2026-03-25T00:00:00.000Z' });
    expect(parseLastActive('03/25/2026')).toEqual({ at: '2026-03-25T00:00:00.000Z' });
    expect(parseLastActive('05/05/2026')).toEqual({ at: '2026-05-05T00:00:00.000Z' });
  });

  it('refuses ambiguous and impossible dates, saying why', () => {
    expect(parseLastActive('03/05/2026')).toEqual({ error: expect.stringMatching(/ambiguous .* ISO 8601/) });
    expect(parseLastActive('2026-02-30')).toEqual({ error: expect.stringMatching(/not a real date/) });
    expect(parseLastActive('yesterday')).toEqual({ error: expect.stringMatching(/not a date like 2026-03-05/) });
  });
});

describe('an export as seats', () => {
  it('one seat per email and license type; names with formulas and line breaks are kept as given', () => {
    const text = ['Email,Name,Plan', 'a@x.example,"=SUM(1)",Pro', 'A@x.example,A again,Pro', 'a@x.example,A,Viewer', 'b@x.example,"B\nTwo",Pro'].join('\r\n');
    const { seats } = parseExport(text, {});
    expect(seats.map((s) => [s.userId, s.licenseType])).toEqual([
      ['a@x.example', 'Pro'],
      ['a@x.example#Viewer', 'Viewer'],
      ['b@x.example', 'Pro'],
    ]);
    expect(seats[0]!.name).toBe('=SUM(1)');
    expect(seats[2]!.name).toBe('B\nTwo');
  });

  it('any bad row refuses the whole file, naming each line', () => {
    const text = ['Email,Name,Plan,Last active', 'a@x.example,A,Pro,2026-01-01', 'nope,B,Pro,2026-01-01', 'c@x.example,C,,2026-01-01', 'd@x.example,D,Pro,04/05/2026'].join('\n');
    expect(() => parseExport(text, {}, 'users.csv')).toThrow(
      /^users\.csv was not imported, nothing changed: line 3: "nope" in "Email" is not an email address; line 4: c@x\.example has no license type in "Plan"; line 5: last active "04\/05\/2026" is ambiguous/,
    );
  });

  it('refuses an oversized file before reading it', () => {
    const big = 'Email,Name,Plan\n' + 'x'.repeat(MAX_EXPORT_BYTES);
    expect(() => parseExport(big, {}, 'users.csv')).toThrow(/users\.csv is larger than 10 MB/);
  });
});
