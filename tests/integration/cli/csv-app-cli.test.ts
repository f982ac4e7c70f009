/**
 * A CSV app from the command line: `profiles add --vendor csv` and `profiles import` (a missing
 * column names its flag, a bad row imports nothing), `reclaim --out` writes the task list and
 * says nothing is reclaimed, `candidates mark-reclaimed` marks them. Exports dated in 2001 are
 * inactive whatever today is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('a CSV app on the command line', () => {
  it('adds, imports, writes the task list and marks seats reclaimed', { timeout: 120_000 }, async () => {
    const { dir, cleanup } = tempDir('seatwise-csv-cli-');
    cleanups.push(cleanup);
    const dataDir = path.join(dir, 'data');
    const cli = (args: string[]) => runCli(args, { dataDir });
    const users = path.join(dir, 'users.csv');
    fs.writeFileSync(users, ['Email,Name,Seat kind,Last login', 'ann@acme.example,Ann,Editor,2001-01-05', 'bob@acme.example,Bob,Editor,2001-02-01'].join('\r\n'));

    const missing = await cli(['profiles', 'add', '--vendor', 'csv', '--name', 'Design tool', '--file', users]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--license-column: no column for license type was recognised.*"Email", "Name", "Seat kind", "Last login"/);
    expect(JSON.parse((await cli(['profiles', 'list', '--json'])).stdout)).toEqual([]);

    const added = await cli(['profiles', 'add', '--vendor', 'csv', '--name', 'Design tool', '--file', users, '--license-column', 'Seat kind', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ state: 'succeeded', seats: 2 });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, ['Email,Name,Seat kind,Last login', 'ann@acme.example,Ann,Editor,2001-01-05', 'bob@acme.example,Bob,Editor,02/03/2001'].join('\n'));
    const refused = await cli(['profiles', 'import', 'Design tool', '--file', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/bad\.csv was not imported, nothing changed: line 3: last active "02\/03\/2001" is ambiguous/);

    const ids = (JSON.parse((await cli(['candidates', 'Design tool', '--json'])).stdout) as { id: string }[]).map((c) => c.id);
    expect(ids).toHaveLength(2);
    expect((await cli(['candidates', 'approve', ...ids])).code).toBe(0);
    const noOut = await cli(['reclaim', 'Design tool', '--approved', '--yes']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/has no API: write its task list with --out tasks\.csv/);

    const tasks = path.join(dir, 'tasks.csv');
    const written = await cli(['reclaim', 'Design tool', '--approved', '--yes', '--out', tasks]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/2 seat\(s\) to remove in "Design tool"\. Nothing is reclaimed yet\./);
    // A task written is never called reclaimed.
    expect(written.stdout).not.toMatch(/^\s*reclaimed\b|\d+ reclaimed/m);
    expect(fs.readFileSync(tasks, 'utf8').split('\r\n')[0]).toBe('email,name,license type,what to do,candidate id');
    const rows = JSON.parse((await cli(['candidates', 'Design tool', '--json'])).stdout) as { id: string; status: string }[];
    expect(rows.map((r) => r.status)).toEqual(['approved', 'approved']);

    const marked = await cli(['candidates', 'mark-reclaimed', ids[0]!]);
    expect(marked.code, marked.stderr).toBe(0);
    expect(marked.stdout).toContain('Marked 1 candidate(s) reclaimed.');
    const after = JSON.parse((await cli(['candidates', 'Design tool', '--json'])).stdout) as { id: string; status: string }[];
    expect(after.find((r) => r.id === ids[0])?.status).toBe('reclaimed');
    expect(after.find((r) => r.id === ids[1])?.status).toBe('approved');
  });
});
