/**
 * The built `seatwise notices` as a child process: plain text on standard output, a
 * mail-merge CSV that reads back, a file with --out, and usage errors. The Asana simulator
 * and the real keychain (scripts/with-keyring.sh), as the other reclamation commands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAsanaSimulator, type AsanaSimulatorHandle } from '../../../connectors/asana/simulator/index.js';
import { addPublishedAsana, runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const TOKEN = 'cli-notices-token-0123456789abcdef';
const NAME = 'Asana Notices CLI';
let sim: AsanaSimulatorHandle;
let dataDir: string;
let cleanup: () => void;

interface Row { id: string; rule: string; status: string; email: string }
interface Rule { id: string; name: string }

beforeAll(async () => {
  sim = await startAsanaSimulator({ token: TOKEN, seed: 21, users: 120, knobs: { rateLimit: undefined } });
  ({ dir: dataDir, cleanup } = tempDir('seatwise-cli-notices-'));
  await addPublishedAsana(dataDir, NAME, sim.url, TOKEN);
}, 90_000);

afterAll(async () => {
  await runCli(['profiles', 'remove', NAME, '--yes'], { dataDir }).catch(() => undefined);
  await sim.close();
  cleanup();
});

describe('seatwise notices', () => {
  it('says there is nothing to send while no rule notifies users', async () => {
    const none = await runCli(['notices', NAME], { dataDir });
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/No notices/);
  });

  it('prints text, CSV and writes a file for the candidates of a notify rule', async () => {
    const open = JSON.parse((await runCli(['candidates', NAME, '--status', 'open', '--format', 'json'], { dataDir })).stdout) as Row[];
    const rules = JSON.parse((await runCli(['rules', 'list', '--profile', NAME, '--json'], { dataDir })).stdout) as Rule[];
    const rule = rules.find((r) => r.name === open[0]!.rule)!;
    const set = await runCli(['rules', 'set', rule.id, '--notify', 'true', '--days-before', '10'], { dataDir });
    expect(set.code, set.stderr).toBe(0);
    const expected = open.filter((c) => c.rule === rule.name);

    const text = await runCli(['notices', NAME], { dataDir });
    expect(text.code, text.stderr).toBe(0);
    const messages = text.stdout.split(/\n-{20,}\n\n/);
    expect(messages).toHaveLength(expected.length);
    expect(messages[0]).toMatch(/^To: .+\nSubject: Your Asana license \(.+\) will be reclaimed on \d{1,2} \w+ \d{4}\n\nHello/);

    const csv = await runCli(['notices', '--all', '--format', 'csv'], { dataDir });
    expect(csv.code, csv.stderr).toBe(0);
    const records = parseCsv(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.email).sort()).toEqual(expected.map((c) => c.email).sort());
    expect(Object.keys(records[0]!)).toEqual(['email', 'name', 'subject', 'body']);

    const out = path.join(dataDir, 'exports', 'notices.csv');
    const file = await runCli(['notices', NAME, '--out', out], { dataDir });
    expect(file.code, file.stderr).toBe(0);
    expect(file.stderr).toContain(`Wrote ${expected.length} notice(s) to ${out}`);
    expect(fs.readFileSync(out, 'utf8')).toBe(csv.stdout);
  });

  it('names bad arguments as usage errors (exit 2)', async () => {
    const format = await runCli(['notices', NAME, '--format', 'xlsx'], { dataDir });
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format');
    const both = await runCli(['notices', NAME, '--all'], { dataDir });
    expect(both.code).toBe(2);
  });
});
